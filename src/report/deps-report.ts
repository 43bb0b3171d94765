// The report of a lockfile change: one folder per audited package (the usual report), and a
// summary beside them: deps.json, index.html (a table linking each package's report), report.md
// (a section per package, for a pull-request comment) and report.sarif (one run per package).
// The whole folder is one report for ./output-folder.ts: staged, then swapped in whole.
import { compareFindings, severityRank } from '../classify/severity.js';
import type { DepsResult } from '../monitor/deps.js';
import { SEVERITIES, type Severity } from '../types.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { mdCode, mdText } from './reporters/markdown.js';
import { buildSarif } from './reporters/sarif.js';
import { escapeHtml, text } from './reporters/html/text.js';
import { loadRuleDocs } from './rule-docs.js';
import { writeReportFolder, type ReportFiles } from './output-folder.js';
import { checkFormats, safeSegment, writeReportFiles, type ReportFormat } from './write-reports.js';

export interface DepsSummary {
  schemaVersion: 1;
  kind: 'deps';
  tool: { name: string; version: string };
  oldLockfile: string;
  newLockfile: string;
  added: { name: string; version: string }[];
  removed: { name: string; version: string }[];
  packages: {
    name: string;
    from: string;
    to: string;
    /** The package's report folder, relative to the summary. */
    report?: string;
    findingsBySeverity?: Record<Severity, number>;
    error?: string;
  }[];
  findingsBySeverity: Record<Severity, number>;
}

const zero = () => Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;

export function depsPackageDir(name: string, from: string, to: string): string[] {
  return [...name.split('/').map(safeSegment), safeSegment(`${from}..${to}`)];
}

export async function writeDepsReports(result: DepsResult, outDir: string, formats: readonly ReportFormat[]): Promise<DepsSummary> {
  checkFormats(formats);
  return writeReportFolder(outDir, (files) => writeDepsFiles(files, result, formats));
}

async function writeDepsFiles(files: ReportFiles, result: DepsResult, formats: readonly ReportFormat[]): Promise<DepsSummary> {
  const summary: DepsSummary = {
    schemaVersion: 1,
    kind: 'deps',
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    oldLockfile: result.oldLockfile,
    newLockfile: result.newLockfile,
    added: result.changes.added,
    removed: result.changes.removed,
    packages: [],
    findingsBySeverity: zero(),
  };
  for (const p of result.packages) {
    const entry: DepsSummary['packages'][number] = { name: p.name, from: p.from, to: p.to };
    if (p.result) {
      const rel = depsPackageDir(p.name, p.from, p.to).join('/');
      await writeReportFiles(files.within(rel), p.result.report, p.result.diffs, formats);
      entry.report = rel;
      entry.findingsBySeverity = p.result.report.summary.findingsBySeverity;
      for (const s of SEVERITIES) summary.findingsBySeverity[s] += entry.findingsBySeverity[s];
    }
    if (p.error) entry.error = p.error;
    summary.packages.push(entry);
  }
  await files.write('deps.json', `${JSON.stringify(summary, null, 2)}\n`);
  if (formats.includes('html')) await files.write('index.html', depsHtml(summary));
  if (formats.includes('markdown')) await files.write('report.md', depsMarkdown(summary, result));
  if (formats.includes('sarif')) {
    const reports = result.packages.flatMap((p) => (p.result ? [p.result.report] : []));
    const docs = await loadRuleDocs(reports.flatMap((r) => r.findings.map((f) => f.ruleId)));
    const runs = reports.flatMap((r) => (buildSarif(r, docs).runs as unknown[]));
    const log = { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs };
    await files.write('report.sarif', `${JSON.stringify(log, null, 2)}\n`);
  }
  return summary;
}

const counts = (c: Record<Severity, number> | undefined) =>
  c ? [...SEVERITIES].reverse().filter((s) => c[s] > 0).map((s) => `${c[s]} ${s}`).join(', ') || 'none' : '—';

function depsHtml(s: DepsSummary): string {
  const rows = s.packages.map((p) => {
    const link = p.report ? `<a href="${escapeHtml(`${p.report}/index.html`)}">report</a>` : `<span>${text(p.error ?? 'not audited')}</span>`;
    return `<tr><td><code>${text(p.name)}</code></td><td>${text(p.from)} → ${text(p.to)}</td><td>${text(counts(p.findingsBySeverity))}</td><td>${link}</td></tr>`;
  });
  const other = [...s.added.map((a) => `added ${a.name}@${a.version}`), ...s.removed.map((r) => `removed ${r.name}@${r.version}`)];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>strata: dependencies ${escapeHtml(s.oldLockfile)} → ${escapeHtml(s.newLockfile)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem;max-width:72rem}table{border-collapse:collapse}td,th{border-bottom:1px solid #ccc;padding:.3rem .8rem;text-align:left}</style></head>
<body><h1>Dependencies that changed</h1>
<p>${text(s.oldLockfile)} → ${text(s.newLockfile)}: ${s.packages.length} audited, findings ${text(counts(s.findingsBySeverity))}.</p>
<table><thead><tr><th>Package</th><th>Versions</th><th>Findings</th><th>Report</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
${other.length ? `<h2>Not audited</h2><p>Installed only by one of the lockfiles (nothing to compare): ${text(other.join('; '))}.</p>` : ''}
<footer><p>${escapeHtml(s.tool.name)} ${escapeHtml(s.tool.version)}</p></footer></body></html>
`;
}

function depsMarkdown(s: DepsSummary, result: DepsResult): string {
  const out = [`## npm-strata: dependencies ${mdCode(s.oldLockfile)} → ${mdCode(s.newLockfile)}`, '', `${s.packages.length} packages audited; findings: ${counts(s.findingsBySeverity)}.`, '', '| Package | Versions | Findings |', '| --- | --- | --- |'];
  for (const p of s.packages) out.push(`| ${mdCode(p.name, true)} | ${mdCode(p.from, true)} → ${mdCode(p.to, true)} | ${p.error ? mdText(`not audited: ${p.error}`, 200) : counts(p.findingsBySeverity)} |`);
  for (const p of result.packages) {
    const findings = [...(p.result?.report.findings ?? [])].sort(compareFindings).filter((f) => severityRank(f.severity) >= severityRank('medium')).slice(0, 10);
    if (findings.length === 0) continue;
    out.push('', `### ${mdCode(p.name)} ${mdCode(p.from)} → ${mdCode(p.to)}`, '');
    for (const f of findings) out.push(`- **${f.severity}** ${mdCode(f.ruleId)}: ${mdText(f.message, 300)} (${mdCode(f.file)}${f.line ? `:${f.line}` : ''})`);
  }
  if (s.added.length || s.removed.length) out.push('', `Not audited (installed only by one lockfile): ${mdText([...s.added.map((a) => `${a.name}@${a.version}`), ...s.removed.map((r) => `-${r.name}@${r.version}`)].join(', '), 2000)}`);
  const doc = `${out.join('\n')}\n`;
  return doc.length < 65_000 ? doc : `${doc.slice(0, 64_000)}\n\n> **Truncated**; see deps.json.\n`;
}
