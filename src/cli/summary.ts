// The short terminal summary: versions, pairs, lines changed, findings by severity.
import { coverageSummary } from '../report/coverage.js';
import { hasLibraryChurn, libraryWords } from '../report/libraries.js';
import type { Report } from '../report/model.js';
import { SEVERITIES } from '../types.js';
import { SEVERITY_STYLE, type Style } from './color.js';
import { renderLine, styled, type Line, type Span } from './terminal.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The summary as lines of spans: names, messages and paths in it come from the package. */
export function summaryLines(report: Report, reportDir: string | null): Line[] {
  const s = report.summary;
  const lines: Line[] = [];
  lines.push(styled('bold', `${report.package} ${report.range}`));
  lines.push([`  ${plural(s.versions, 'version')}, ${plural(s.pairs, 'pair')}, `, styled('green', `+${s.linesAdded}`), ' ', styled('red', `-${s.linesRemoved}`), ' lines']);
  // Versions that could not be analysed: an auditor must see them even when nothing was found.
  const failed = report.versions.filter((v) => v.error !== undefined);
  if (failed.length > 0) {
    lines.push(styled('yellow', `  ${plural(failed.length, 'version')} could not be analysed:`));
    for (const v of failed.slice(0, 10)) lines.push(['    ', styled('yellow', v.version), `: ${v.error}`]);
    if (failed.length > 10) lines.push(`    … and ${failed.length - 10} more in the report`);
  }
  for (const p of report.pairs.filter((x) => x.error !== undefined).slice(0, 5)) lines.push(['  ', styled('yellow', `${p.from} → ${p.to}`), ` could not be diffed: ${p.error}`]);
  const naive = report.pairs.reduce((n, p) => n + (p.stats.naive ? p.stats.naive.linesAdded + p.stats.naive.linesRemoved : 0), 0);
  const units = report.pairs.reduce((n, p) => n + (p.stats.units?.renamedOnly ?? 0), 0);
  if (naive > 0 && report.pairs.some((p) => p.stats.units)) {
    lines.push(styled('dim', `  (a plain diff of the beautified files: ${naive} lines; ${units} renamed-only units hidden)`));
  }
  const counts = [...SEVERITIES].reverse().filter((sev) => s.findingsBySeverity[sev] > 0)
    .map((sev) => styled(SEVERITY_STYLE[sev], `${s.findingsBySeverity[sev]} ${sev}`));
  lines.push(['  findings: ', ...(counts.length ? counts.flatMap((c, i): Span[] => (i === 0 ? [c] : [', ', c])) : ['none'])]);
  for (const f of report.findings.slice(0, 5)) {
    lines.push(['  ', styled(SEVERITY_STYLE[f.severity], f.severity.padEnd(8)), ` ${f.to}  ${f.ruleId}: ${f.message}`]);
  }
  if (report.findings.length > 5) lines.push(`  … and ${report.findings.length - 5} more in the report`);
  for (const p of report.pairs.filter((x) => hasLibraryChurn(x.stats.libraries)).slice(0, 5)) {
    lines.push(styled('dim', `  ${p.from} → ${p.to} packages: ${libraryWords(p.stats.libraries!)}`));
  }
  // Code left out by the per-version budget, or beautified in a reduced form.
  const files = report.versions.flatMap((v) => v.files ?? []);
  const overBudget = files.filter((f) => f.kind === 'js' && f.skipped?.startsWith('over the ')).length;
  const flat = files.filter((f) => f.note !== undefined).length;
  if (overBudget || flat) {
    const parts = [overBudget ? `${plural(overBudget, 'JavaScript file')} over the per-version budget not analysed` : '', flat ? `${plural(flat, 'file')} beautified without indentation (nesting too deep)` : ''];
    lines.push(styled('yellow', `  limits: ${parts.filter(Boolean).join('; ')} (listed in the report)`));
  }
  const notes = report.pairs.flatMap((p) => p.coverage ?? []);
  if (notes.length > 0) lines.push(styled('dim', `  coverage: ${coverageSummary(notes)} (listed in the report)`));
  if (reportDir) lines.push(`  report: ${reportDir}`);
  return lines;
}

/** The summary as text, escaped and painted with `paint`. */
export function formatSummary(report: Report, reportDir: string | null, paint: (s: Style, t: string) => string): string {
  return `${summaryLines(report, reportDir).map((l) => renderLine(l, paint)).join('\n')}\n`;
}
