// The HTML reporter: a self-contained index page and one diff page per pair of versions.
// Pages work from file://, load nothing and run no script (diffs are rendered here with
// diff2html), and a Content-Security-Policy says so. Everything that comes from a package or a
// registry is hostile: it reaches HTML only through escapeHtml (or diff2html, which escapes the
// diff content itself). Files are written only inside the report folder, each atomically.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { html as diff2html, type Diff2HtmlConfig } from 'diff2html';
import { compareFindings } from '../../classify/severity.js';
import { StrataError } from '../../errors.js';
import { SEVERITIES, type FileDiff, type Finding, type PairDiff, type Severity } from '../../types.js';
import type { Report, ReportFileDiff, ReportPair, ReportVersion } from '../model.js';

/** What a page may render before it shows placeholders instead, so that it never freezes a browser. */
export interface HtmlRenderLimits {
  /** A file with more changed lines than this is shown as a placeholder. */
  linesPerFile: number;
  /** Changed lines rendered on one pair page, all files together. */
  linesPerPage: number;
  /** Unified text longer than this (characters) is not rendered: long minified lines. */
  charsPerFile: number;
  /** Unified text rendered on one pair page, all files together (characters). */
  charsPerPage: number;
  /** Evidence and decoded values are cut to this many characters for display. */
  evidenceChars: number;
  /** Findings shown per pair on the index page; the pair page shows all of them. */
  findingsPerPairOnIndex: number;
}

export const HTML_RENDER_LIMITS: Readonly<HtmlRenderLimits> = Object.freeze({
  linesPerFile: 5_000,
  linesPerPage: 20_000,
  charsPerFile: 2_000_000,
  charsPerPage: 8_000_000,
  evidenceChars: 4_000,
  findingsPerPairOnIndex: 100,
});

export interface HtmlReportOptions {
  limits?: Partial<HtmlRenderLimits>;
}

/**
 * diff2html settings for one file's diff. Each file is rendered on its own under a header of ours,
 * so diff2html's own file list is off: the page's "Files" table lists every file, including the
 * ones shown as placeholders. Word highlighting stops at long lines (minified code).
 */
export const DIFF2HTML_CONFIG: Readonly<Diff2HtmlConfig> = Object.freeze({
  outputFormat: 'side-by-side',
  drawFileList: false,
  matching: 'none',
  maxLineLengthHighlight: 2_000,
});

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

// ---------------------------------------------------------------------------------------------
// Escaping

const HTML_SPECIALS: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => HTML_SPECIALS[c]!);
}

// Characters that are invisible or reorder text on screen (Trojan Source, zero-width and tag
// characters, variation selectors): package text shows them as ⟦U+XXXX⟧ so nothing hides.
const HIDDEN_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB\u{1D173}-\u{1D17A}\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}]/gu;

function codePointLabel(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Package text as HTML content: escaped, with hidden characters made visible. */
function text(value: string): string {
  return escapeHtml(value).replace(HIDDEN_CHARS, (c) => `<span class="cp">⟦${codePointLabel(c)}⟧</span>`);
}

/** The same for diff text handed to diff2html, which escapes it but cannot hold our markup. */
function revealHidden(value: string): string {
  return value.replace(HIDDEN_CHARS, (c) => `⟦${codePointLabel(c)}⟧`);
}

/** Cuts long package text for display; the full text stays in the JSON report. */
function clip(value: string, max: number): { shown: string; cut: number } {
  if (value.length <= max) return { shown: value, cut: 0 };
  // Do not split a surrogate pair.
  let end = max;
  const code = value.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return { shown: value.slice(0, end), cut: value.length - end };
}

/** Only http(s) URLs become links; anything else (javascript:, data:, file:) stays text. */
function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Formatting

const numberFormat = new Intl.NumberFormat('en-US');

function num(n: number): string {
  return Number.isFinite(n) ? numberFormat.format(n) : '?';
}

function plural(n: number, one: string, many: string): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}

/** `2026-03-31 14:05:09 UTC` inside a <time>, or the raw value when it is not a date. */
function utcTime(iso: string | null | undefined): string {
  if (!iso) return '<span class="muted">not published</span>';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return text(iso);
  const d = new Date(t).toISOString();
  return `<time datetime="${escapeHtml(d)}">${escapeHtml(`${d.slice(0, 10)} ${d.slice(11, 19)} UTC`)}</time>`;
}

function severityOf(value: string): Severity | null {
  return (SEVERITIES as readonly string[]).includes(value) ? (value as Severity) : null;
}

const SEVERITIES_DESC: readonly Severity[] = [...SEVERITIES].reverse();

/** A severity as a coloured badge that also says its name: colour is never the only signal. */
function severityBadge(value: string, count?: number): string {
  const sev = severityOf(value);
  const cls = sev ? `sev sev-${sev}` : 'sev';
  const label = text(sev ?? String(value));
  return count === undefined
    ? `<span class="${cls}">${label}</span>`
    : `<span class="${cls}">${label} <span class="sev-count">${num(count)}</span></span>`;
}

function countBySeverity(findings: readonly Finding[]): Map<Severity, number> {
  const counts = new Map<Severity, number>();
  for (const f of findings) {
    const sev = severityOf(f.severity);
    if (sev) counts.set(sev, (counts.get(sev) ?? 0) + 1);
  }
  return counts;
}

/** Finding counts, most severe first: `3: HIGH 1 LOW 2`. */
function findingCounts(findings: readonly Finding[]): string {
  if (findings.length === 0) return '<span class="muted">none</span>';
  const counts = countBySeverity(findings);
  const badges = SEVERITIES_DESC.filter((s) => counts.has(s)).map((s) => severityBadge(s, counts.get(s)));
  return `<span class="count-total">${num(findings.length)}</span> ${badges.join(' ')}`;
}

function versionCode(v: string): string {
  return `<code class="version">${text(v)}</code>`;
}

function pairLabel(from: string, to: string): string {
  return `${versionCode(from)} <span aria-label="to">→</span> ${versionCode(to)}`;
}

function plusMinus(added: number, removed: number): string {
  return `<span class="plus" title="lines added">+${num(added)}</span> <span class="minus" title="lines removed">−${num(removed)}</span>`;
}

function table(caption: string, head: string[], rows: string[], numericColumns: number[] = []): string {
  const th = head
    .map((h, i) => `<th scope="col"${numericColumns.includes(i) ? ' class="num"' : ''}>${h}</th>`)
    .join('');
  return `<div class="table-wrap"><table>
<caption>${caption}</caption>
<thead><tr>${th}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>`;
}

function cells(values: string[], numericColumns: number[] = []): string {
  return `<tr>${values.map((v, i) => `<td${numericColumns.includes(i) ? ' class="num"' : ''}>${v}</td>`).join('')}</tr>`;
}

// ---------------------------------------------------------------------------------------------
// Findings

interface FindingContext {
  /** Heading level of the finding's title (its parts take the next one). */
  level: 3 | 4;
  /** path → anchor of the file's section on the same page. */
  fileAnchors?: Map<string, string>;
}

function renderFinding(f: Finding, limits: HtmlRenderLimits, ctx: FindingContext): string {
  const h = `h${ctx.level}`;
  const sub = `h${ctx.level + 1}`;
  const sev = severityOf(f.severity);
  const where = f.line === null ? f.file : `${f.file}:${f.line}`;
  const anchor = ctx.fileAnchors?.get(f.file);
  const whereHtml = anchor
    ? `<a href="#${escapeHtml(anchor)}"><code class="path">${text(where)}</code></a>`
    : `<code class="path">${text(where)}</code>`;
  const evidence = clip(f.evidence, limits.evidenceChars);
  const evidenceNote = evidence.cut
    ? `<p class="note">Evidence cut for display: ${plural(evidence.cut, 'more character', 'more characters')} in the JSON report.</p>`
    : '';
  let decoded = '';
  if (f.decoded && f.decoded.length > 0) {
    const items = f.decoded.map((d) => {
      const c = clip(d, limits.evidenceChars);
      const note = c.cut ? `<p class="note">Cut for display: ${plural(c.cut, 'more character', 'more characters')}.</p>` : '';
      return `<li><pre>${text(c.shown)}</pre>${note}</li>`;
    });
    decoded = `<div class="decoded"><${sub}>Decoded</${sub}><ul>${items.join('')}</ul></div>`;
  }
  return `<article class="finding${sev ? ` finding-${sev}` : ''}">
<${h} class="finding-head">${severityBadge(f.severity)} <span class="category">${text(f.category)}</span> <code class="rule">${text(f.ruleId)}</code></${h}>
<p class="finding-where">${whereHtml}</p>
<p class="finding-message">${text(f.message)}</p>
<div class="evidence"><${sub}>Evidence</${sub}><pre>${text(evidence.shown)}</pre>${evidenceNote}</div>
${decoded}
</article>`;
}

function sortedFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

// ---------------------------------------------------------------------------------------------
// Page frame and styles

const STYLE = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg-soft: #f6f8fa; --link: #0550ae; }
* { box-sizing: border-box; }
pre.words { white-space: pre-wrap; word-break: break-word; background: var(--bg-soft); padding: 12px; border: 1px solid var(--line); }
pre.words del { background: #ffebe9; color: #82071e; }
pre.words ins { background: #dafbe1; color: #116329; text-decoration: underline; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: #fff; }
header.page, main, footer.page { max-width: 96rem; margin: 0 auto; padding: 0 1.25rem; }
header.page { padding-top: 1rem; }
footer.page { color: var(--muted); font-size: 0.85rem; padding-bottom: 2rem; border-top: 1px solid var(--line); margin-top: 2rem; }
h1 { font-size: 1.6rem; margin: 0.5rem 0; overflow-wrap: anywhere; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.75rem; padding-bottom: 0.25rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; overflow-wrap: anywhere; }
h4, h5 { margin: 0; font-size: 1rem; }
.finding-head { margin: 0; font-size: 1rem; }
.evidence > :is(h4, h5), .decoded > :is(h4, h5) { font-size: 0.85rem; color: var(--muted); margin: 0.5rem 0 0; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
a { color: var(--link); }
a:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: 0.25rem 0.5rem; z-index: 10; }
nav.toc ul { list-style: none; padding: 0; margin: 0.5rem 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.9em; }
pre { background: var(--bg-soft); border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 0.75rem; margin: 0.25rem 0; overflow: auto; max-height: 30rem; white-space: pre-wrap; overflow-wrap: anywhere; }
pre.command { white-space: pre-wrap; }
code.path, code.hash, code.version, .table-wrap td { overflow-wrap: anywhere; unicode-bidi: isolate; }
.muted, .note { color: var(--muted); }
.note { font-size: 0.85rem; margin: 0.25rem 0; }
.cp { color: #8a1c1c; background: #fff0f0; border: 1px dotted #8a1c1c; border-radius: 3px; font-size: 0.85em; }
.meta { color: var(--muted); margin: 0.25rem 0; }
dl.summary { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: 0.5rem 1rem; margin: 0; }
dl.summary div { background: var(--bg-soft); border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 0.75rem; }
dl.summary dt { color: var(--muted); font-size: 0.85rem; }
dl.summary dd { margin: 0; font-size: 1.2rem; font-weight: 600; }
dl.summary div.wide { grid-column: 1 / -1; }
dl.summary div.wide dd { font-size: 1rem; font-weight: normal; }
.table-wrap { overflow-x: auto; margin: 0.5rem 0 1rem; }
table { border-collapse: collapse; min-width: 100%; }
caption { text-align: left; color: var(--muted); padding: 0.25rem 0; caption-side: top; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: var(--bg-soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.plus { color: #116329; font-variant-numeric: tabular-nums; }
.minus { color: #a40e26; font-variant-numeric: tabular-nums; }
.sev { display: inline-block; border-radius: 4px; padding: 0 0.4rem; font-size: 0.8rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.02em; border: 1px solid transparent; white-space: nowrap; }
.sev-count { font-weight: 600; }
.sev-critical { background: #6e0b0b; color: #fff; border-color: #6e0b0b; }
.sev-high { background: #b42318; color: #fff; border-color: #b42318; }
.sev-medium { background: #fdeaa7; color: #5c3b00; border-color: #c48a00; }
.sev-low { background: #ddeafc; color: #153e75; border-color: #6a96d1; }
.sev-info { background: #eef0f2; color: #3b434b; border-color: #a9b1b9; }
.tag { display: inline-block; border-radius: 4px; padding: 0 0.4rem; font-size: 0.8rem; border: 1px solid var(--line); background: var(--bg-soft); }
.tag-warn { background: #fff4d6; border-color: #c48a00; color: #5c3b00; }
.tag-bad { background: #ffebe9; border-color: #cf222e; color: #82071e; }
.status-added { color: #116329; }
.status-removed { color: #a40e26; }
.finding { border: 1px solid var(--line); border-left: 6px solid #a9b1b9; border-radius: 6px; padding: 0.5rem 0.75rem; margin: 0.75rem 0; }
.finding-critical { border-left-color: #6e0b0b; }
.finding-high { border-left-color: #b42318; }
.finding-medium { border-left-color: #c48a00; }
.finding-low { border-left-color: #6a96d1; }
.finding p { margin: 0.25rem 0; }
.finding .category { color: var(--muted); }
.decoded ul { margin: 0; padding-left: 1.25rem; }
.file { margin: 1.5rem 0; }
/* Long pages: the browser lays out a file's diff only when it scrolls into view. */
.file > .d2h-wrapper { content-visibility: auto; contain-intrinsic-size: auto 40rem; }
.file-head { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; align-items: baseline; border-bottom: 1px solid var(--line); padding-bottom: 0.25rem; }
.file-head h3 { margin: 0; }
.placeholder { border: 1px dashed #8c959f; background: var(--bg-soft); border-radius: 6px; padding: 0.75rem 1rem; margin: 0.5rem 0; }
/* diff2html's header names each section (a unit of code: file § kind name #index); the
   "Viewed" box needs a script. */
.d2h-file-collapse { display: none; }
.d2h-file-header { background: var(--bg-soft); }
.d2h-wrapper { margin-top: 0.5rem; }
@media print {
  body { font-size: 10pt; }
  .skip, nav.toc, nav.back { display: none; }
  header.page, main, footer.page { max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; }
  .finding, tr, .placeholder { break-inside: avoid; }
  .file > .d2h-wrapper { content-visibility: visible; }
  pre { max-height: none; overflow: visible; }
  .table-wrap { overflow: visible; }
  a { color: inherit; }
  .sev { border-color: #000; }
  .d2h-file-side-diff, .d2h-code-wrapper { overflow: visible !important; }
  .d2h-code-line-ctn { white-space: pre-wrap; word-break: break-all; }
}
`;

function pageFrame(opts: { title: string; css: string; header: string; body: string; footer: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title}</title>
<style>${opts.css}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="page">
${opts.header}
</header>
<main id="main">
${opts.body}
</main>
<footer class="page">
${opts.footer}
</footer>
</body>
</html>
`;
}

function footerHtml(report: Report): string {
  return `<p>Generated by ${text(report.tool.name)} ${text(report.tool.version)} at ${utcTime(report.generatedAt)}.
Invisible and bidirectional control characters from package content are shown as ⟦U+XXXX⟧.
Package content is shown as text and never executed.</p>`;
}

// ---------------------------------------------------------------------------------------------
// Index page

function versionFiles(v: ReportVersion): string {
  const files = v.files ?? [];
  const skipped = files.filter((f) => f.skipped !== undefined);
  const analysed = files.length - skipped.length;
  let out = `${num(analysed)} analysed, ${num(skipped.length)} skipped`;
  if (skipped.length > 0) {
    const reasons = new Map<string, number>();
    for (const f of skipped) reasons.set(f.skipped!, (reasons.get(f.skipped!) ?? 0) + 1);
    const top = [...reasons.entries()].sort((a, b) => b[1] - a[1]);
    const shown = top.slice(0, 5).map(([r, n]) => `${text(clip(r, 200).shown)} (${num(n)})`);
    if (top.length > 5) shown.push(`${num(top.length - 5)} other reasons`);
    out += `<br><span class="note">${shown.join('; ')}</span>`;
  }
  return out;
}

function versionStatus(v: ReportVersion): string {
  const parts: string[] = [];
  if (v.deprecated !== undefined) {
    const msg = clip(v.deprecated, 500).shown;
    parts.push(`<span class="tag tag-bad">deprecated</span> ${text(msg)}`);
  }
  if (v.outOfOrder) parts.push('<span class="tag tag-warn">published out of order</span>');
  if (v.provenance) {
    const href = safeHttpUrl(v.provenance.url);
    parts.push(href ? `<a class="tag" href="${escapeHtml(href)}" rel="noreferrer">provenance</a>` : '<span class="tag">provenance</span>');
  }
  return parts.length ? parts.join('<br>') : '<span class="muted">—</span>';
}

function versionsTable(report: Report): string {
  if (report.versions.length === 0) return '<p>No versions were analysed.</p>';
  const rows = report.versions.map((v) => {
    const tarballHref = safeHttpUrl(v.tarball);
    const tarball = tarballHref
      ? `<a href="${escapeHtml(tarballHref)}" rel="noreferrer"><code class="path">${text(v.tarball!)}</code></a>`
      : v.tarball
        ? `<code class="path">${text(v.tarball)}</code>`
        : '<span class="muted">—</span>';
    return cells([
      versionCode(v.version),
      utcTime(v.publishedAt),
      v.publisher ? text(v.publisher) : '<span class="muted">—</span>',
      versionStatus(v),
      v.integrity ? `<code class="hash">${text(v.integrity)}</code>` : '<span class="muted">—</span>',
      tarball,
      versionFiles(v),
    ]);
  });
  const order = report.order === 'published' ? 'publish order' : 'semver order';
  return table(
    `${plural(report.versions.length, 'version', 'versions')} in ${escapeHtml(order)}`,
    ['Version', 'Published (UTC)', 'Publisher', 'Status', 'Integrity', 'Tarball', 'Files'],
    rows,
  );
}

function pairsTable(report: Report): string {
  if (report.pairs.length === 0) return '<p>No pairs: fewer than two versions.</p>';
  const numeric = [1, 2, 3];
  const rows = report.pairs.map((p) =>
    cells(
      [
        pairLabel(p.from, p.to),
        num(p.stats.filesChanged),
        `<span class="plus">+${num(p.stats.linesAdded)}</span>`,
        `<span class="minus">−${num(p.stats.linesRemoved)}</span>`,
        findingCounts(p.findings),
        p.page ? `<a href="${escapeHtml(p.page)}">diff<span class="visually-hidden"> ${text(p.from)} to ${text(p.to)}</span></a>` : '<span class="muted">—</span>',
      ],
      numeric,
    ),
  );
  return table(
    `${plural(report.pairs.length, 'pair', 'pairs')} of successive versions`,
    ['From → to', 'Files changed', 'Lines added', 'Lines removed', 'Findings', 'Diff page'],
    rows,
    numeric,
  );
}

function findingsSection(report: Report, limits: HtmlRenderLimits): string {
  const withFindings = report.pairs.filter((p) => p.findings.length > 0);
  if (withFindings.length === 0) return '<p>No findings in this range.</p>';
  const sections = withFindings.map((p) => {
    const all = sortedFindings(p.findings);
    const shown = all.slice(0, limits.findingsPerPairOnIndex);
    const more =
      all.length > shown.length
        ? `<p class="note">${plural(all.length - shown.length, 'more finding', 'more findings')} on ${p.page ? `<a href="${escapeHtml(p.page)}">the pair page</a>` : 'the pair page'}.</p>`
        : '';
    const link = p.page ? ` <a class="note" href="${escapeHtml(p.page)}">diff page</a>` : '';
    return `<section class="pair-findings">
<h3>${pairLabel(p.from, p.to)}${link}</h3>
<p class="note">${findingCounts(all)}</p>
${shown.map((f) => renderFinding(f, limits, { level: 4 })).join('\n')}
${more}
</section>`;
  });
  const quiet = report.pairs.length - withFindings.length;
  const quietNote = quiet > 0 ? `<p class="note">${plural(quiet, 'pair has', 'pairs have')} no findings and ${quiet === 1 ? 'is' : 'are'} not listed here.</p>` : '';
  return sections.join('\n') + quietNote;
}

function lifecycleTable(report: Report): string {
  if (report.lifecycle.length === 0) return '<p>No findings to follow across versions.</p>';
  const rows = report.lifecycle.map((l) => {
    const present = l.presentIn;
    let presentHtml: string;
    if (present.length <= 8) {
      presentHtml = present.map(versionCode).join(', ') || '<span class="muted">—</span>';
    } else {
      presentHtml = `<details><summary>${plural(present.length, 'version', 'versions')}: ${versionCode(present[0]!)} … ${versionCode(present[present.length - 1]!)}</summary>${present.map(versionCode).join(', ')}</details>`;
    }
    return cells([
      `<code class="rule">${text(l.ruleId)}</code>`,
      text(l.category),
      severityBadge(l.severity),
      l.introducedIn === null ? '<span class="muted">before range</span>' : versionCode(l.introducedIn),
      l.removedIn === null ? '<span class="tag tag-warn">still present</span>' : versionCode(l.removedIn),
      presentHtml,
    ]);
  });
  return table(
    `${plural(report.lifecycle.length, 'finding', 'findings')} followed across the range`,
    ['Rule', 'Category', 'Severity', 'Introduced in', 'Removed in', 'Present in'],
    rows,
  );
}

function summaryHtml(report: Report): string {
  const s = report.summary;
  const total = SEVERITIES.reduce((n, sev) => n + (s.findingsBySeverity[sev] ?? 0), 0);
  const bySeverity = SEVERITIES_DESC.map((sev) => severityBadge(sev, s.findingsBySeverity[sev] ?? 0)).join(' ');
  return `<dl class="summary">
<div><dt>Versions</dt><dd>${num(s.versions)}</dd></div>
<div><dt>Pairs</dt><dd>${num(s.pairs)}</dd></div>
<div><dt>Lines added</dt><dd class="plus">+${num(s.linesAdded)}</dd></div>
<div><dt>Lines removed</dt><dd class="minus">−${num(s.linesRemoved)}</dd></div>
<div><dt>Findings</dt><dd>${num(total)}</dd></div>
<div class="wide"><dt>Findings by severity</dt><dd>${bySeverity}</dd></div>
</dl>`;
}

function indexPage(report: Report, limits: HtmlRenderLimits): string {
  const title = `${report.package} ${report.range}`;
  const header = `<h1>${text(report.package)} <code class="version">${text(report.range)}</code></h1>
<p class="meta">Version archaeology: ${plural(report.summary.versions, 'version', 'versions')}, ${report.order === 'published' ? 'in publish order' : 'in semver order'}${report.registry ? `, registry <code class="path">${text(report.registry)}</code>` : ''}.</p>
<nav class="toc" aria-label="Sections"><ul>
<li><a href="#summary">Summary</a></li><li><a href="#versions">Versions</a></li><li><a href="#pairs">Pairs</a></li><li><a href="#findings">Findings</a></li><li><a href="#lifecycle">Lifecycle</a></li>
</ul></nav>`;
  const body = `<section aria-labelledby="reproduce"><h2 id="reproduce">Reproduce</h2>
<pre class="command"><code>${text(report.command)}</code></pre></section>
<section aria-labelledby="summary"><h2 id="summary">Summary</h2>
${summaryHtml(report)}</section>
<section aria-labelledby="versions"><h2 id="versions">Versions</h2>
${versionsTable(report)}</section>
<section aria-labelledby="pairs"><h2 id="pairs">Pairs</h2>
${pairsTable(report)}</section>
<section aria-labelledby="findings"><h2 id="findings">Findings</h2>
${findingsSection(report, limits)}</section>
<section aria-labelledby="lifecycle"><h2 id="lifecycle">Lifecycle</h2>
${lifecycleTable(report)}</section>`;
  return pageFrame({ title: `strata: ${escapeHtml(title)}`, css: STYLE, header, body, footer: footerHtml(report) });
}

// ---------------------------------------------------------------------------------------------
// Pair page

/** Changed lines in unified text: lines starting with + or -, without the file headers. */
function countChangedLines(unified: string): number {
  let n = 0;
  let start = 0;
  while (start < unified.length) {
    let end = unified.indexOf('\n', start);
    if (end === -1) end = unified.length;
    const c = unified.charCodeAt(start);
    if (c === 0x2b /* + */ || c === 0x2d /* - */) {
      const head = unified.slice(start, start + 4);
      if (head !== '+++ ' && head !== '--- ') n += 1;
    }
    start = end + 1;
  }
  return n;
}

interface FilePlan {
  file: FileDiff;
  anchor: string;
  /** Set when the diff is not rendered, with the text of the placeholder. */
  placeholder?: string;
}

function planFiles(files: FileDiff[], findingFiles: Set<string>, limits: HtmlRenderLimits): FilePlan[] {
  const plans: FilePlan[] = files.map((file, i) => ({ file, anchor: `file-${i + 1}` }));
  let linesLeft = limits.linesPerPage;
  let charsLeft = limits.charsPerPage;
  // Files that carry findings get the page's budget first: they are why a reader comes.
  const order = [...plans].sort((a, b) => Number(findingFiles.has(b.file.path)) - Number(findingFiles.has(a.file.path)));
  for (const plan of order) {
    const f = plan.file;
    const stated = (Number.isFinite(f.linesAdded) ? f.linesAdded : 0) + (Number.isFinite(f.linesRemoved) ? f.linesRemoved : 0);
    if (f.unified === undefined) {
      plan.placeholder = f.omitted ? `Diff not shown: ${f.omitted}` : `No diff text available (${plural(stated, 'line', 'lines')} changed).`;
      continue;
    }
    if (f.unified.length > limits.charsPerFile) {
      plan.placeholder = `Too large to render (${plural(stated, 'line', 'lines')} changed, ${num(f.unified.length)} characters of diff; the limit is ${num(limits.charsPerFile)} characters per file).`;
      continue;
    }
    const changed = Math.max(stated, countChangedLines(f.unified));
    if (changed > limits.linesPerFile) {
      plan.placeholder = `Too large to render (${plural(changed, 'line', 'lines')} changed; the limit is ${num(limits.linesPerFile)} lines per file).`;
      continue;
    }
    if (changed > linesLeft || f.unified.length > charsLeft) {
      plan.placeholder = `Too large to render on this page (${plural(changed, 'line', 'lines')} changed; this page already shows as much diff as it can, ${num(limits.linesPerPage)} changed lines at most).`;
      continue;
    }
    linesLeft -= changed;
    charsLeft -= f.unified.length;
  }
  return plans;
}

function renderFileDiff(unified: string): string {
  try {
    const out = diff2html(revealHidden(unified), { ...DIFF2HTML_CONFIG });
    return out.trim() ? out : '<p class="placeholder" role="note">No textual changes to show.</p>';
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return `<p class="placeholder" role="note">This diff could not be rendered: ${text(reason)}</p>`;
  }
}

function statusLabel(status: string): string {
  return `<span class="status status-${escapeHtml(status.replace(/[^a-z]/g, ''))}">${text(status)}</span>`;
}

function filesSection(plans: FilePlan[]): string {
  if (plans.length === 0) return '<p>No files changed.</p>';
  const numeric = [2, 3];
  const rows = plans.map((p) =>
    cells(
      [
        `<a href="#${p.anchor}"><code class="path">${text(p.file.path)}</code></a>`,
        statusLabel(p.file.status),
        `<span class="plus">+${num(p.file.linesAdded)}</span>`,
        `<span class="minus">−${num(p.file.linesRemoved)}</span>`,
        p.placeholder ? '<span class="muted">not rendered</span>' : 'rendered',
      ],
      numeric,
    ),
  );
  const list = table(
    `${plural(plans.length, 'file', 'files')} changed`,
    ['Path', 'Status', 'Lines added', 'Lines removed', 'Diff'],
    rows,
    numeric,
  );
  const sections = plans.map((p) => {
    const body = p.placeholder
      ? `<p class="placeholder" role="note">${text(p.placeholder)}</p>`
      : renderFileDiff(p.file.unified!);
    return `<section class="file" id="${p.anchor}" aria-labelledby="${p.anchor}-h">
<div class="file-head"><h3 id="${p.anchor}-h"><code class="path">${text(p.file.path)}</code></h3>
<span>${statusLabel(p.file.status)} ${plusMinus(p.file.linesAdded, p.file.linesRemoved)}</span></div>
${body}
</section>`;
  });
  return `${list}\n${sections.join('\n')}`;
}

/** The files of a pair: the full diff when we have it, else the report's file list without text. */
function pairFiles(pair: ReportPair, diff: PairDiff | undefined): FileDiff[] {
  if (diff) return diff.files;
  return pair.files.map((f: ReportFileDiff) => ({ ...f }));
}

/** Long texts changed inside units, word by word: removed words struck through, added underlined. */
function stringChangesSection(diff: PairDiff | undefined): string {
  const changes = diff?.files.flatMap((f) => f.strings ?? []) ?? [];
  if (changes.length === 0) return '';
  const items = changes.map((c) => {
    const words = c.words
      .map((w) => (w.added ? `<ins>${text(w.value)}</ins>` : w.removed ? `<del>${text(w.value)}</del>` : text(w.value)))
      .join('');
    return `<h3 class="unit">${text(c.unit)}</h3>\n<pre class="words">${words}</pre>`;
  });
  return `\n<section aria-labelledby="texts"><h2 id="texts">Changed texts, word by word</h2>\n${items.join('\n')}\n</section>`;
}

/** What the identifier-insensitive diff hid, and what a plain diff would have shown. */
function unitSummary(pair: ReportPair): string {
  const u = pair.stats.units;
  const n = pair.stats.naive;
  if (!u) return n ? `<p class="note">Plain diff of the beautified files (--raw).</p>` : '';
  return `<p class="note">Units of code: ${num(u.matched)} matched, ${num(u.changed)} changed, ${num(u.added)} added, ${num(u.removed)} removed; ${num(u.renamedOnly)} renamed only and ${num(u.moved)} moved, hidden.${
    n ? ` A plain diff of the beautified files changes +${num(n.linesAdded)} −${num(n.linesRemoved)} lines.` : ''
  }</p>`;
}

function pairPage(report: Report, pair: ReportPair, diff: PairDiff | undefined, limits: HtmlRenderLimits, diffCss: string): string {
  const findings = sortedFindings(pair.findings);
  const files = pairFiles(pair, diff);
  const plans = planFiles(files, new Set(findings.map((f) => f.file)), limits);
  const fileAnchors = new Map(plans.map((p) => [p.file.path, p.anchor]));
  const header = `<nav class="back" aria-label="Report"><a href="../index.html">← Back to the report for ${text(report.package)} ${text(report.range)}</a></nav>
<h1>${text(report.package)}: ${pairLabel(pair.from, pair.to)}</h1>`;
  const missing = diff ? '' : '<p class="placeholder" role="note">The diff text of this pair was not available when the report was written.</p>';
  const body = `<section aria-labelledby="stats"><h2 id="stats">Statistics</h2>
<dl class="summary">
<div><dt>Files changed</dt><dd>${num(pair.stats.filesChanged)}</dd></div>
<div><dt>Lines added</dt><dd class="plus">+${num(pair.stats.linesAdded)}</dd></div>
<div><dt>Lines removed</dt><dd class="minus">−${num(pair.stats.linesRemoved)}</dd></div>
<div><dt>Findings</dt><dd>${num(findings.length)}</dd></div>
</dl>${unitSummary(pair)}</section>
<section aria-labelledby="findings"><h2 id="findings">Findings</h2>
${findings.length ? `<p class="note">${findingCounts(findings)}</p>\n${findings.map((f) => renderFinding(f, limits, { level: 3, fileAnchors })).join('\n')}` : '<p>No findings in this pair.</p>'}
</section>
<section aria-labelledby="files"><h2 id="files">Files</h2>
${missing}
${filesSection(plans)}
</section>${stringChangesSection(diff)}`;
  const title = `strata: ${escapeHtml(`${report.package} ${pair.from} → ${pair.to}`)}`;
  return pageFrame({ title, css: `${diffCss}\n${STYLE}`, header, body, footer: footerHtml(report) });
}

// ---------------------------------------------------------------------------------------------
// Files on disk

let diff2htmlCssLoading: Promise<string> | undefined;

function loadDiff2htmlCss(): Promise<string> {
  diff2htmlCssLoading ??= (async () => {
    const require = createRequire(import.meta.url);
    const css = await readFile(require.resolve('diff2html/bundles/css/diff2html.min.css'), 'utf8');
    // It goes inside <style>: make sure it cannot end the element.
    return css.replace(/<\/style/gi, '<\\/style');
  })();
  return diff2htmlCssLoading;
}

const UNSAFE_NAME_CHARS = /[^A-Za-z0-9._+-]/g;
const MAX_NAME_PART = 64;

/** A version (or local label) as part of a file name: only [A-Za-z0-9._+-], bounded in length. */
function namePart(label: string): string {
  let s = label.replace(UNSAFE_NAME_CHARS, '_');
  if (s.length > MAX_NAME_PART) {
    s = `${s.slice(0, MAX_NAME_PART - 13)}-${createHash('sha256').update(label).digest('hex').slice(0, 12)}`;
  }
  return s || '_';
}

/** Relative page paths, one per pair, unique even on case-insensitive file systems. */
export function pairPagePaths(pairs: readonly { from: string; to: string }[]): string[] {
  const used = new Set<string>();
  return pairs.map((p) => {
    const base = `${namePart(p.from)}..${namePart(p.to)}`;
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base}-${n}`;
    used.add(name.toLowerCase());
    return `pairs/${name}.html`;
  });
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function outsideError(rel: string): StrataError {
  return new StrataError('ESTRATA_BAD_INPUT', `refusing to write ${rel}: it is outside the report folder`);
}

/** Writes `content` to `root/rel` through a temporary file in the same folder and a rename. */
async function writeInside(root: string, rel: string, content: string): Promise<void> {
  const target = path.resolve(root, rel);
  if (!isInside(root, target)) throw outsideError(rel);
  const dir = path.dirname(target);
  await mkdir(dir, { recursive: true });
  // A folder on the way may be a symbolic link to elsewhere: check where it really is.
  const realDir = await realpath(dir);
  if (realDir !== root && !isInside(root, realDir)) throw outsideError(rel);
  const finalPath = path.join(realDir, path.basename(target));
  const tmp = path.join(realDir, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // 'wx' never follows or reuses an existing file at the temporary name.
    await writeFile(tmp, content, { encoding: 'utf8', flag: 'wx', mode: 0o644 });
    // rename replaces a symbolic link at the final name instead of writing through it.
    await rename(tmp, finalPath);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => {});
    throw err;
  }
}

/**
 * Writes `index.html` and one page per pair (`pairs/<from>..<to>.html`) into `outDir`, sets
 * `report.pairs[i].page` to each page's relative path, and returns the files written, relative
 * to `outDir` with `/` separators: the pair pages in pair order, then `index.html`.
 */
export async function writeHtmlReport(
  report: Report,
  diffs: PairDiff[],
  outDir: string,
  options: HtmlReportOptions = {},
): Promise<string[]> {
  const limits: HtmlRenderLimits = { ...HTML_RENDER_LIMITS, ...options.limits };
  await mkdir(path.resolve(outDir), { recursive: true });
  const root = await realpath(path.resolve(outDir));
  const diffCss = await loadDiff2htmlCss();

  const byPair = new Map<string, PairDiff>();
  for (const d of diffs) byPair.set(`${d.from}\u0000${d.to}`, d);
  const pages = pairPagePaths(report.pairs);
  const written: string[] = [];

  // Links first, so that the index and every pair page agree on them.
  report.pairs.forEach((pair, i) => {
    pair.page = pages[i]!;
  });
  for (const [i, pair] of report.pairs.entries()) {
    const rel = pages[i]!;
    await writeInside(root, rel, pairPage(report, pair, byPair.get(`${pair.from}\u0000${pair.to}`), limits, diffCss));
    written.push(rel);
  }
  await writeInside(root, 'index.html', indexPage(report, limits));
  written.push('index.html');
  return written;
}
