// The short terminal summary: versions, pairs, lines changed, findings by severity.
import { coverageSummary } from '../report/coverage.js';
import { hasLibraryChurn, libraryWords } from '../report/libraries.js';
import type { Report } from '../report/model.js';
import { SEVERITIES } from '../types.js';
import { SEVERITY_STYLE, type Style } from './color.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function formatSummary(report: Report, reportDir: string | null, paint: (s: Style, t: string) => string): string {
  const s = report.summary;
  const lines: string[] = [];
  lines.push(paint('bold', `${report.package} ${report.range}`));
  lines.push(`  ${plural(s.versions, 'version')}, ${plural(s.pairs, 'pair')}, ${paint('green', `+${s.linesAdded}`)} ${paint('red', `-${s.linesRemoved}`)} lines`);
  const naive = report.pairs.reduce((n, p) => n + (p.stats.naive ? p.stats.naive.linesAdded + p.stats.naive.linesRemoved : 0), 0);
  const units = report.pairs.reduce((n, p) => n + (p.stats.units?.renamedOnly ?? 0), 0);
  if (naive > 0 && report.pairs.some((p) => p.stats.units)) {
    lines.push(paint('dim', `  (a plain diff of the beautified files: ${naive} lines; ${units} renamed-only units hidden)`));
  }
  const counts = [...SEVERITIES].reverse().filter((sev) => s.findingsBySeverity[sev] > 0)
    .map((sev) => paint(SEVERITY_STYLE[sev], `${s.findingsBySeverity[sev]} ${sev}`));
  lines.push(`  findings: ${counts.length ? counts.join(', ') : 'none'}`);
  for (const f of report.findings.slice(0, 5)) {
    lines.push(`  ${paint(SEVERITY_STYLE[f.severity], f.severity.padEnd(8))} ${f.to}  ${f.ruleId}: ${f.message}`);
  }
  if (report.findings.length > 5) lines.push(`  … and ${report.findings.length - 5} more in the report`);
  for (const p of report.pairs.filter((x) => hasLibraryChurn(x.stats.libraries)).slice(0, 5)) {
    lines.push(paint('dim', `  ${p.from} → ${p.to} packages: ${libraryWords(p.stats.libraries!)}`));
  }
  const notes = report.pairs.flatMap((p) => p.coverage ?? []);
  if (notes.length > 0) lines.push(paint('dim', `  coverage: ${coverageSummary(notes)} (listed in the report)`));
  if (reportDir) lines.push(`  report: ${reportDir}`);
  return `${lines.join('\n')}\n`;
}
