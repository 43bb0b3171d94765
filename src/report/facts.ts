// Facts every reporter derives from the report document the same way: packaging changes and
// anomalies per version, what each version introduced, the highest severity at each version.
import semver from 'semver';
import { SEVERITIES, type Finding, type Lifecycle, type Severity } from '../types.js';
import type { Report, ReportPair, ReportVersion } from './model.js';

export type VersionEventKind = 'packaging' | 'out-of-order' | 'deprecated' | 'gap';

/** Something worth a marker on the timeline: a change of packaging, or an anomaly. */
export interface VersionEvent {
  version: string;
  /** Index of the version in `report.versions`. */
  index: number;
  kind: VersionEventKind;
  /** Words for the event, built from package data (escape before use in markup). */
  text: string;
}

function codeWhere(v: ReportVersion): string {
  const p = v.packaging;
  if (!p) return 'unknown';
  const format = p.format ? ` (${p.format})` : '';
  switch (p.code) {
    case 'platform-package': {
      const pkg = v.native?.package;
      return `a platform package${pkg ? ` ${pkg.name}@${pkg.version}` : ''}${format}`;
    }
    case 'executable':
      return `a native executable of the package${format}`;
    case 'package':
      return "the package's JavaScript files";
    default:
      return 'no JavaScript';
  }
}

/** What changed in where the code lives, from one version to the next (empty when nothing did). */
export function packagingChange(prev: ReportVersion | undefined, cur: ReportVersion): string[] {
  const a = prev?.packaging;
  const b = cur.packaging;
  if (!a || !b) return [];
  const out: string[] = [];
  if (a.code !== b.code) {
    if (b.code === 'platform-package') out.push(`code moved into ${codeWhere(cur)}`);
    else if (b.code === 'executable') out.push(`code moved into ${codeWhere(cur)}`);
    else if (b.code === 'package') out.push(`code back in ${codeWhere(cur)}`);
    else out.push('no JavaScript code any more');
  } else if ((a.format ?? '') !== (b.format ?? '')) {
    if (b.format) out.push(a.format ? `payload format changed from ${a.format} to ${b.format}` : `new payload format: ${b.format}`);
    else out.push(`payload format ${a.format} no longer found`);
  }
  if (!a.codeSplit && b.codeSplit) out.push(`code split into ${b.jsFiles} chunk files`);
  if (a.codeSplit && !b.codeSplit) out.push('code no longer split into chunk files');
  return out;
}

/** Packaging changes and anomalies, in version order. */
export function versionEvents(versions: readonly ReportVersion[]): VersionEvent[] {
  const events: VersionEvent[] = [];
  // A version that could not be analysed has no packaging to compare: compare across it.
  let analysed: ReportVersion | undefined;
  versions.forEach((v, index) => {
    if (v.error === undefined) {
      for (const change of analysed ? packagingChange(analysed, v) : []) {
        events.push({ version: v.version, index, kind: 'packaging', text: change });
      }
      analysed = v;
    }
    if (v.outOfOrder) {
      events.push({ version: v.version, index, kind: 'out-of-order', text: 'published after a higher version' });
    }
    if (v.deprecated !== undefined) {
      events.push({ version: v.version, index, kind: 'deprecated', text: v.deprecated || 'no message' });
    }
    if (v.gapBefore) events.push({ version: v.version, index, kind: 'gap', text: v.gapBefore });
  });
  return events;
}

export function highestSeverity(items: readonly { severity: Severity }[]): Severity | null {
  let best = -1;
  for (const f of items) best = Math.max(best, SEVERITIES.indexOf(f.severity));
  return best >= 0 ? SEVERITIES[best]! : null;
}

/** The pair that ends at each version (the first version has none). */
export function pairEndingAt(report: Report): Map<string, ReportPair> {
  const out = new Map<string, ReportPair>();
  for (const p of report.pairs) if (!out.has(p.to)) out.set(p.to, p);
  return out;
}

/** Per version: the highest severity of what it introduced (for the first version, what was there before the range). */
export function severityAt(report: Report): Map<string, Severity | null> {
  const ending = pairEndingAt(report);
  const out = new Map<string, Severity | null>();
  report.versions.forEach((v, i) => {
    const pair = ending.get(v.version);
    if (pair) out.set(v.version, highestSeverity(pair.findings));
    else if (i === 0) out.set(v.version, highestSeverity(report.lifecycle.filter((l) => l.introducedIn === null)));
    else out.set(v.version, null);
  });
  return out;
}

/** Lifecycle of each fingerprint (the first one when a fingerprint comes back after removal). */
export function lifecycleByFingerprint(report: Report): Map<string, Lifecycle> {
  const out = new Map<string, Lifecycle>();
  for (const l of report.lifecycle) if (!out.has(l.fingerprint)) out.set(l.fingerprint, l);
  return out;
}

/** The lifecycle a finding belongs to: same fingerprint, and present in the finding's version. */
export function lifecycleOfFinding(report: Report, f: Finding): Lifecycle | undefined {
  return (
    report.lifecycle.find((l) => l.fingerprint === f.fingerprint && l.presentIn.includes(f.to)) ??
    report.lifecycle.find((l) => l.fingerprint === f.fingerprint)
  );
}

/** Versions in semver order (invalid versions keep their place after the valid ones). */
export function semverOrder(versions: readonly string[]): string[] {
  const valid = versions.filter((v) => semver.valid(v));
  const invalid = versions.filter((v) => !semver.valid(v));
  return [...valid.sort(semver.compare), ...invalid];
}

/** Lines changed by the pair that ends at each version. */
export function changeAt(report: Report): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of report.pairs) {
    const n = (Number.isFinite(p.stats.linesAdded) ? p.stats.linesAdded : 0) + (Number.isFinite(p.stats.linesRemoved) ? p.stats.linesRemoved : 0);
    out.set(p.to, n);
  }
  return out;
}
