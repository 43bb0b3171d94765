// Markdown for a pull-request comment: a summary table, the packaging changes and anomalies, the
// findings that matter (most severe first, with their decoded payloads), the lifecycles, and the
// command that reproduces the report. It stays under GitHub's comment limit (65,536 characters):
// what does not fit is left out with a note that says how much and where to find it.
// Package text is hostile: it is escaped for prose (`|`, backticks, `<`, emphasis, links,
// @mentions) or put in code spans and fences longer than any backtick run inside it.
import { revealHidden } from '../../text/hidden-chars.js';
import { compareFindings } from '../../classify/severity.js';
import { SEVERITIES, type Finding, type Severity } from '../../types.js';
import { lifecycleOfFinding, versionEvents } from '../facts.js';
import { coverageSummary, pairsWithCoverage } from '../coverage.js';
import { hasLibraryChurn, libraryWords } from '../libraries.js';
import type { Report } from '../model.js';

/** GitHub's limit for the body of a comment. */
export const MARKDOWN_LIMIT = 65_536;

export interface MarkdownOptions {
  /** The document stays strictly under this many characters (UTF-16 code units). */
  maxChars?: number;
  /** Findings shown in full (code, payloads, reasons) before the rest go into a table. */
  detailed?: number;
  /** Characters of a decoded payload or of added code shown per finding. */
  snippetChars?: number;
}

const DEFAULTS = { maxChars: MARKDOWN_LIMIT, detailed: 25, snippetChars: 1_500 };

function clipText(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${s.slice(0, end)}…`;
}

/** Untrusted text as Markdown prose, on one line: nothing in it can format, link, mention or break a table. */
export function mdText(value: string, max = 500): string {
  return clipText(revealHidden(value).replace(/\r\n?|\n/g, ' '), max)
    .replace(/[\\`*_[\]<>|~&!]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`))
    .replace(/^(\s*)(?:([#+-])(?=\s|$)|(\d+)([.)])(?=\s|$))/, (_, sp: string, sym?: string, digits?: string, p?: string) => (sym ? `${sp}\\${sym}` : `${sp}${digits}\\${p}`))
    .replace(/@/g, '@&#8203;');
}

/** Untrusted text as an inline code span, on one line; `inTable` also escapes `|` (GFM splits cells first). */
export function mdCode(value: string, inTable = false, max = 200): string {
  let s = clipText(revealHidden(value).replace(/\r\n?|\n/g, ' '), max);
  if (inTable) s = s.replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...s.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') || s.startsWith(' ') || s === '' ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

/** A fenced code block that no content can close early. */
export function mdFence(value: string, lang = ''): string {
  const body = revealHidden(value).replace(/\r\n?/g, '\n');
  const longest = Math.max(2, ...[...body.matchAll(/`{3,}|~{3,}/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${body}\n${fence}`;
}

const SEV_WORD: Record<Severity, string> = { critical: '**CRITICAL**', high: '**HIGH**', medium: 'MEDIUM', low: 'low', info: 'info' };

function num(n: number): string {
  return Number.isFinite(n) ? n.toLocaleString('en-US') : '?';
}

function plural(n: number, one: string, many: string): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}

function counts(findings: readonly { severity: Severity }[]): string {
  if (findings.length === 0) return 'none';
  const by = new Map<Severity, number>();
  for (const f of findings) by.set(f.severity, (by.get(f.severity) ?? 0) + 1);
  return [...SEVERITIES].reverse().filter((s) => by.has(s)).map((s) => `${by.get(s)} ${s}`).join(', ');
}

function day(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '—' : new Date(t).toISOString().slice(0, 10);
}

function header(report: Report): string {
  const s = report.summary;
  const total = report.findings.length;
  const top = [...report.findings].sort(compareFindings)[0];
  const lines = [
    `## npm-strata: ${mdCode(report.package)} ${mdCode(report.range)}`,
    '',
    `**${plural(total, 'finding', 'findings')}** (${counts(report.findings)}) in ${plural(s.versions, 'version', 'versions')}, ${plural(s.pairs, 'pair', 'pairs')}; +${num(s.linesAdded)} −${num(s.linesRemoved)} lines.`,
  ];
  if (top) lines.push('', `Most severe: ${SEV_WORD[top.severity]} ${mdCode(top.ruleId)} introduced in ${mdCode(top.to)}: ${mdText(top.message, 300)}`);
  const failed = report.versions.filter((v) => v.error !== undefined);
  if (failed.length > 0) {
    lines.push('', `**${plural(failed.length, 'version', 'versions')} could not be analysed** (a pair across one compares the versions on either side):`, '');
    for (const v of failed.slice(0, 20)) lines.push(`- ${mdCode(v.version)}: ${mdText(v.error!, 300)}`);
    if (failed.length > 20) lines.push(`- … and ${failed.length - 20} more (see \`report.json\`)`);
  }
  return lines.join('\n');
}

function summaryTable(report: Report, maxRows: number): { text: string; omitted: number } {
  if (report.pairs.length === 0) return { text: '', omitted: 0 };
  const all = report.pairs.length <= maxRows ? report.pairs : report.pairs.filter((p) => p.findings.length > 0);
  const rows = all.slice(0, maxRows);
  const omitted = report.pairs.length - rows.length;
  const dates = new Map(report.versions.map((v) => [v.version, v.publishedAt]));
  const out = [
    '### Summary',
    '',
    '| Release | Published | Files | Lines | Findings |',
    '| --- | --- | ---: | ---: | --- |',
    ...rows.map(
      (p) =>
        `| ${mdCode(p.from, true, 60)} → ${mdCode(p.to, true, 60)}${p.skipped?.length ? ` (across ${p.skipped.slice(0, 3).map((v) => mdCode(v, true, 40)).join(', ')}${p.skipped.length > 3 ? ' …' : ''}, not analysed)` : ''} | ${day(dates.get(p.to))} | ${num(p.stats.filesChanged)} | +${num(p.stats.linesAdded)} −${num(p.stats.linesRemoved)} | ${p.error !== undefined ? `not analysed: ${mdText(p.error, 120)}` : p.findings.length ? counts(p.findings) : '—'} |`,
    ),
  ];
  if (omitted > 0) out.push('', `_${plural(omitted, 'pair', 'pairs')} without findings not listed._`);
  return { text: out.join('\n'), omitted };
}

function eventsList(report: Report, max: number): string {
  const events = versionEvents(report.versions);
  if (events.length === 0) return '';
  const names = { packaging: 'packaging change', 'out-of-order': 'published out of order', deprecated: 'deprecated', gap: 'gap before it' } as const;
  const lines = events.slice(0, max).map((e) => `- ${mdCode(e.version)} ${names[e.kind]}: ${mdText(e.text, 200)}`);
  if (events.length > max) lines.push(`- … ${plural(events.length - max, 'more', 'more')} in the report`);
  return ['### Packaging changes and anomalies', '', ...lines].join('\n');
}

function presentText(report: Report, f: Finding): string {
  const l = lifecycleOfFinding(report, f);
  if (!l) return '';
  const first = l.presentIn[0];
  const last = l.presentIn.at(-1);
  const span = first === undefined ? '' : first === last ? mdCode(first) : `${mdCode(first)} … ${mdCode(last!)}`;
  const start = l.introducedIn === null ? 'present before the range' : `introduced in ${mdCode(l.introducedIn)}`;
  const end = l.removedIn === null ? 'still present at the end' : `removed in ${mdCode(l.removedIn)}`;
  return `${span} (${plural(l.presentIn.length, 'version', 'versions')}); ${start}, ${end}`;
}

function detailed(report: Report, f: Finding, n: number, snippetChars: number): string {
  const where = f.line === null ? f.file : `${f.file}:${f.line}`;
  const lines = [
    `#### ${n}. ${SEV_WORD[f.severity]} ${mdCode(f.ruleId)} (${mdText(f.category, 60)}) in ${mdCode(f.to)}`,
    '',
    mdText(f.message, 600),
    '',
    `- **Where:** ${mdCode(where, false, 300)}${f.unit ? `, unit ${mdCode(f.unit, false, 200)}` : ''}${f.offset !== undefined ? `, offset ${num(f.offset)} in the file as published` : ''}`,
  ];
  const present = presentText(report, f);
  if (present) lines.push(`- **Present in:** ${present}`);
  if (f.reasons?.length) lines.push(`- **Why:** ${f.reasons.slice(0, 6).map((r) => mdText(r, 300)).join('; ')}`);
  for (const [i, p] of (f.payloads ?? []).slice(0, 4).entries()) {
    const steps = p.steps.map((s) => mdCode(s, false, 60)).join(' → ') || 'as written';
    const cut = p.text.length > snippetChars ? ` (first ${num(snippetChars)} of ${num(p.text.length)} characters; all of it in \`report.json\`)` : '';
    lines.push(`- **Decoded payload ${i + 1}** (${steps})${cut}:`, '', indent(mdFence(clipText(p.text, snippetChars), 'text')), '');
  }
  if (!f.payloads?.length && f.decoded?.length) {
    lines.push('- **Decoded:**', '', indent(mdFence(clipText(f.decoded.join('\n'), snippetChars), 'text')), '');
  }
  const code = clipText(f.evidence, snippetChars);
  lines.push('', '<details><summary>Added code</summary>', '', mdFence(code, f.file.endsWith('.json') ? 'json' : 'js'), '', '</details>');
  return lines.join('\n');
}

function indent(block: string): string {
  return block.split('\n').map((l) => `  ${l}`).join('\n');
}

function compactHead(): string {
  return ['| Severity | Rule | Release | Where | Message |', '| --- | --- | --- | --- | --- |'].join('\n');
}

function compactRow(f: Finding): string {
  const where = f.line === null ? f.file : `${f.file}:${f.line}`;
  return `| ${f.severity} | ${mdCode(f.ruleId, true, 60)} | ${mdCode(f.to, true, 40)} | ${mdCode(where, true, 120)} | ${mdText(f.message, 200)} |`;
}

function lifecycleHead(): string {
  return ['### Lifecycle', '', '| Rule | Severity | Introduced | Removed | Present in |', '| --- | --- | --- | --- | --- |'].join('\n');
}

function lifecycleRow(l: Report['lifecycle'][number]): string {
  const first = l.presentIn[0];
  const last = l.presentIn.at(-1);
  const span = first === undefined ? '—' : first === last ? mdCode(first, true, 40) : `${mdCode(first, true, 40)} … ${mdCode(last!, true, 40)}`;
  return `| ${mdCode(l.ruleId, true, 60)} | ${l.severity} | ${l.introducedIn === null ? 'before the range' : mdCode(l.introducedIn, true, 40)} | ${l.removedIn === null ? 'still present' : mdCode(l.removedIn, true, 40)} | ${span} (${l.presentIn.length}) |`;
}

/** Pairs whose bundled packages came, went or changed, a line each. */
function libraryList(report: Report): string {
  const pairs = report.pairs.filter((p) => hasLibraryChurn(p.stats.libraries));
  if (pairs.length === 0) return '';
  const lines = pairs.slice(0, 20).map((p) => `- ${mdCode(p.from)} → ${mdCode(p.to)}: ${mdText(libraryWords(p.stats.libraries!), 400)}`);
  if (pairs.length > 20) lines.push(`- … and ${pairs.length - 20} more pairs (see \`report.json\`)`);
  return ['### Bundled packages', '', ...lines].join('\n');
}

/** Pairs whose code the classifier could not fully read, a line each. */
function coverageList(report: Report): string {
  const pairs = pairsWithCoverage(report.pairs);
  if (pairs.length === 0) return '';
  const lines = pairs.slice(0, 20).map((p) => `- ${mdCode(p.from)} → ${mdCode(p.to)}: ${mdText(coverageSummary(p.coverage ?? []), 300)}`);
  if (pairs.length > 20) lines.push(`- … and ${pairs.length - 20} more pairs (see \`report.json\`)`);
  return ['### Coverage', '', 'Code the classifier could not read (findings cannot come from it):', '', ...lines].join('\n');
}

function reproduce(report: Report): string {
  return ['### Reproduce', '', mdFence(report.command, 'sh'), '', `_Generated by ${mdText(report.tool.name)} ${mdText(report.tool.version)} at ${mdText(report.generatedAt)}. The full report (timeline, diffs, evidence for every version) is in \`index.html\` and \`report.json\` beside this file._`].join('\n');
}

/** The report as Markdown for a pull-request comment, strictly under `maxChars` characters. */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const o = { ...DEFAULTS, ...options };
  // Room kept for the truncation note and the joins between parts.
  const reserve = 600;
  const budget = o.maxChars - reserve;
  const head = header(report);
  let summary = summaryTable(report, 60);
  let events = eventsList(report, 30);
  const tail = reproduce(report);
  const coverage = [libraryList(report), coverageList(report)].filter(Boolean).join('\n\n');
  let fixed = [head, summary.text, events, coverage, tail].join('\n\n').length;
  if (fixed > budget) {
    summary = summaryTable(report, 10);
    events = eventsList(report, 5);
    fixed = [head, summary.text, events, coverage, tail].join('\n\n').length;
  }
  let left = budget - fixed;

  const findings = [...report.findings].sort(compareFindings);
  const parts: string[] = [];
  let shownDetailed = 0;
  let shownCompact = 0;
  if (findings.length) {
    parts.push('### Findings');
    left -= 14;
    for (const f of findings.slice(0, o.detailed)) {
      const block = detailed(report, f, shownDetailed + 1, o.snippetChars);
      if (block.length + 2 > left) break;
      parts.push(block);
      left -= block.length + 2;
      shownDetailed += 1;
    }
    const rest = findings.slice(shownDetailed);
    if (rest.length && left > 400) {
      const rows: string[] = [];
      const title = shownDetailed ? `**${plural(rest.length, 'more finding', 'more findings')}:**` : '';
      let used = compactHead().length + title.length + 4;
      for (const f of rest) {
        const row = compactRow(f);
        if (used + row.length + 1 > left) break;
        rows.push(row);
        used += row.length + 1;
      }
      if (rows.length) {
        parts.push([title, compactHead(), ...rows].filter(Boolean).join('\n'));
        left -= used + 2;
        shownCompact = rows.length;
      }
    }
  }
  const findingsLeftOut = findings.length - shownDetailed - shownCompact;

  let lifeShown = 0;
  const lifeRows: string[] = [];
  if (report.lifecycle.length && left > 400) {
    let used = lifecycleHead().length + 2;
    for (const l of report.lifecycle.slice(0, 100)) {
      const row = lifecycleRow(l);
      if (used + row.length + 1 > left) break;
      lifeRows.push(row);
      used += row.length + 1;
    }
    lifeShown = lifeRows.length;
    if (lifeShown) left -= used;
  }
  const lifeLeftOut = report.lifecycle.length - lifeShown;

  const out = [head, summary.text];
  if (events) out.push(events);
  out.push(...parts);
  if (lifeRows.length) out.push([lifecycleHead(), ...lifeRows].join('\n'));
  if (findingsLeftOut > 0 || lifeLeftOut > 0) {
    const what = [
      findingsLeftOut > 0 ? plural(findingsLeftOut, 'finding', 'findings') : '',
      lifeLeftOut > 0 ? plural(lifeLeftOut, 'lifecycle row', 'lifecycle rows') : '',
    ].filter(Boolean).join(' and ');
    out.push(`> **Truncated:** ${what} not shown here, to stay under the ${num(o.maxChars)}-character limit of a comment. Every finding is in \`report.json\`, \`report.sarif\` and \`index.html\`.`);
  }
  if (coverage) out.push(coverage);
  out.push(tail);
  let doc = `${out.filter(Boolean).join('\n\n')}\n`;
  // A last guard: never over the limit, whatever the estimates above missed.
  if (doc.length >= o.maxChars) {
    const note = '\n\n> **Truncated** to stay under the comment limit; see `report.json`.\n';
    doc = clipText(doc, o.maxChars - note.length - 2).replace(/…$/, '') + note;
  }
  return doc;
}
