// Assembles the report document from what the pipeline produced.
import { buildLifecycles } from '../classify/lifecycle.js';
import { compareFindings } from '../classify/severity.js';
import { SCHEMA_VERSION, type Packaging, type Report, type ReportPair, type ReportVersion } from '../report/model.js';
import semver from 'semver';
import { SEVERITIES, type NativeProvenance, type PayloadFile, type Severity } from '../types.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import type { PairsResult } from './run-pairs.js';
import type { Side } from './sides.js';

export interface ReportHeader {
  package: string;
  range: string;
  command: string;
  order: 'semver' | 'published';
  registry: string | null;
  outOfOrder?: Set<string>;
  /** Every version the registry lists for the package (for gaps); absent for local sides. */
  published?: ReadonlySet<string>;
}

/** A content-hashed chunk name: `chunk-3f9a2b1c.js`, `a1b2c3d4e5.mjs`. */
const HASHED = /(?:^|[-_./])[0-9a-z]{8,}\.[cm]?js$/i;

export function packagingOf(files: readonly PayloadFile[], native: NativeProvenance | undefined): Packaging {
  const js = files.filter((f) => f.kind === 'js' && !f.skipped);
  const embedded = js.filter((f) => f.embedded);
  const code = native?.package && embedded.length ? 'platform-package' : embedded.length ? 'executable' : js.length ? 'package' : 'none';
  const p: Packaging = { code, jsFiles: js.length, codeSplit: js.filter((f) => HASHED.test(f.path) && /\d/.test(f.path.slice(-16))).length > 20 };
  const format = native?.binaries.find((b) => b.format)?.format;
  if (format) p.format = format;
  return p;
}

/**
 * Patch versions missing between two successive ones of a range: numbers the registry never
 * published, or unpublished (absent from its version list). Versions the range left out are not
 * gaps: only an audit of a registry package, with its full version list, can tell.
 */
export function gapBetween(a: string, b: string, published: ReadonlySet<string>): string | null {
  const pa = semver.parse(a);
  const pb = semver.parse(b);
  if (!pa || !pb || pa.prerelease.length || pb.prerelease.length) return null;
  if (pa.major !== pb.major || pa.minor !== pb.minor || pb.patch - pa.patch <= 1) return null;
  const missing: string[] = [];
  for (let p = pa.patch + 1; p < pb.patch && missing.length <= 1000; p++) {
    const v = `${pa.major}.${pa.minor}.${p}`;
    if (!published.has(v)) missing.push(v);
  }
  // Some versions in between exist and were left out of the range: not a gap of the registry's.
  if (missing.length !== pb.patch - pa.patch - 1) return null;
  return missing.length === 1 ? `${missing[0]} is not in the registry` : `${missing.length} versions between ${a} and ${b} are not in the registry`;
}

export function buildReport(header: ReportHeader, sides: Side[], result: PairsResult): Report {
  const versions: ReportVersion[] = sides.map((side, i) => {
    const files = result.files[i] ?? [];
    const native = result.native[i];
    const v: ReportVersion = { ...side.info, files, packaging: packagingOf(files, native) };
    if (native) v.native = native;
    const failure = result.failures[i];
    if (failure) {
      v.error = failure.message;
      v.errorCode = failure.code;
    }
    const gap = i > 0 && header.published ? gapBetween(sides[i - 1]!.info.version, side.info.version, header.published) : null;
    if (gap) v.gapBefore = gap;
    if (header.outOfOrder?.has(side.info.version)) v.outOfOrder = true;
    return v;
  });
  const pairs: ReportPair[] = result.diffs.map((d, i) => ({
    from: d.from,
    to: d.to,
    stats: d.stats,
    files: d.files.map(({ path, status, linesAdded, linesRemoved, omitted, strings, libraries }) => ({
      path,
      status,
      linesAdded,
      linesRemoved,
      ...(omitted ? { omitted } : {}),
      ...(strings ? { strings } : {}),
      ...(libraries ? { libraries: libraries.map(({ name, linesAdded: a, linesRemoved: r }) => ({ name, linesAdded: a, linesRemoved: r })) } : {}),
    })),
    findings: result.classifications[i]!.introduced,
    ...(result.classifications[i]!.coverage?.length ? { coverage: result.classifications[i]!.coverage } : {}),
    ...(result.pairs[i]?.skipped ? { skipped: result.pairs[i]!.skipped } : {}),
    ...(result.pairs[i]?.error !== undefined ? { error: result.pairs[i]!.error } : {}),
  }));
  const findings = pairs.flatMap((p) => p.findings).sort(compareFindings);
  const findingsBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) findingsBySeverity[f.severity] += 1;
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    package: header.package,
    range: header.range,
    generatedAt: new Date().toISOString(),
    command: header.command,
    order: header.order,
    registry: header.registry,
    versions,
    pairs,
    findings,
    // The pairs join the versions that could be analysed, in order.
    lifecycle: buildLifecycles(sides.filter((_, i) => !result.failures[i]).map((s) => s.label), result.baseline, result.classifications),
    summary: {
      versions: versions.length,
      pairs: pairs.length,
      linesAdded: pairs.reduce((n, p) => n + p.stats.linesAdded, 0),
      linesRemoved: pairs.reduce((n, p) => n + p.stats.linesRemoved, 0),
      findingsBySeverity,
      versionsFailed: versions.filter((v) => v.error !== undefined).length,
    },
  };
}
