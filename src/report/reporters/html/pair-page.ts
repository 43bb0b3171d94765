// A pair's page: its statistics and findings, the flagged changes first, then every file's diff
// within the render limits, bundled packages' changes folded, coverage notes and changed texts.
import type { FileDiff, Finding, PairDiff } from '../../../types.js';
import { coverageSummary, coverageWords } from '../../coverage.js';
import { highestSeverity } from '../../facts.js';
import { libraryWords } from '../../libraries.js';
import type { Report, ReportFileDiff, ReportPair } from '../../model.js';
import { sortedFindings, unitSectionOf, withUnit, type HtmlRenderLimits, type PageContext } from './context.js';
import { flaggedSections, planPairDiff, type DiffSection, type FilePlan } from './diff-plan.js';
import { renderFinding } from './finding.js';
import { footerHtml, pageFrame } from './frame.js';
import { renderDiff } from './render-diff.js';
import { STYLE } from './styles.js';
import { cells, clip, escapeHtml, findingCounts, num, pairLabel, plural, plusMinus, severityBadge, table, text } from './text.js';

function statusLabel(status: string): string {
  return `<span class="status status-${escapeHtml(status.replace(/[^a-z]/g, ''))}">${text(status)}</span>`;
}

function sectionBody(section: DiffSection): string {
  return section.placeholder ? `<p class="placeholder" role="note">${text(section.placeholder)}</p>` : renderDiff(section.unified);
}

function flaggedHtml(plans: FilePlan[], findingIds: Map<Finding, string>): string {
  const flagged = flaggedSections(plans);
  if (flagged.length === 0) return '';
  const parts = flagged.map(({ plan, section }) => {
    const sev = highestSeverity(section.findings) ?? 'info';
    const notes = section.findings.map(
      (f) => `<li>${severityBadge(f.severity)} <code class="rule">${text(f.ruleId)}</code> ${text(clip(f.message, 300).shown)}${f.line !== null ? ` <span class="note">(line ${text(String(f.line))})</span>` : ''} <a href="#${escapeHtml(findingIds.get(f) ?? '')}">details</a></li>`,
    );
    return `<section class="flagged flag-${sev}" id="${section.anchor}" aria-labelledby="${section.anchor}-h">
<h3 id="${section.anchor}-h"><code class="path">${text(section.label || plan.file.path)}</code></h3>
<div class="annotation" role="note"><strong>${plural(section.findings.length, 'finding', 'findings')} in this change:</strong><ul>${notes.join('')}</ul></div>
${sectionBody(section)}
</section>`;
  });
  return `<section aria-labelledby="flagged"><h2 id="flagged">Flagged changes</h2>
<p class="note">The changes that hold a finding, most severe first. The rest of the diff follows under Files.</p>
${parts.join('\n')}
</section>`;
}

function filesHtml(plans: FilePlan[]): string {
  if (plans.length === 0) return '<p>No files changed.</p>';
  const numeric = [2, 3];
  const rows = plans.map((p) => {
    const flagged = p.sections.filter((s) => s.findings.length > 0);
    const shown = p.sections.filter((s) => !s.placeholder).length;
    let state: string;
    if (p.placeholder) state = '<span class="muted">not rendered</span>';
    else if (p.sections.length === 0) state = '<span class="muted">no text</span>';
    else if (shown === p.sections.length) state = 'rendered';
    else if (shown === 0) state = '<span class="muted">not rendered</span>';
    else state = `${num(shown)} of ${plural(p.sections.length, 'section', 'sections')} rendered`;
    if (flagged.length) state += ` · <a href="#${flagged[0]!.anchor}">${plural(flagged.length, 'flagged section', 'flagged sections')}</a>`;
    return cells(
      [
        `<a href="#${p.anchor}"><code class="path">${text(p.file.path)}</code></a>`,
        statusLabel(p.file.status),
        `<span class="plus">+${num(p.file.linesAdded)}</span>`,
        `<span class="minus">−${num(p.file.linesRemoved)}</span>`,
        state,
      ],
      numeric,
    );
  });
  const list = table(
    `${plural(plans.length, 'file', 'files')} changed`,
    ['Path', 'Status', 'Lines added', 'Lines removed', 'Diff'],
    rows,
    numeric,
  );
  const sections = plans.map((p) => {
    const parts: string[] = [];
    if (p.placeholder) parts.push(`<p class="placeholder" role="note">${text(p.placeholder)}</p>`);
    const flagged = p.sections.filter((s) => s.findings.length > 0);
    if (flagged.length) {
      parts.push(`<p class="note">${plural(flagged.length, 'section of this file holds', 'sections of this file hold')} a finding and ${flagged.length === 1 ? 'is' : 'are'} shown under <a href="#${flagged[0]!.anchor}">Flagged changes</a>.</p>`);
    }
    if (p.findings.length) {
      parts.push(`<p class="note">${plural(p.findings.length, 'finding belongs', 'findings belong')} to this file as a whole.</p>`);
    }
    // Sections that render are joined into one diff2html call; placeholders keep their place.
    let run: string[] = [];
    const flush = () => {
      if (run.length) parts.push(renderDiff(run.join('')));
      run = [];
    };
    for (const s of p.sections) {
      if (s.findings.length > 0) continue;
      if (s.placeholder) {
        flush();
        parts.push(`<p class="placeholder" role="note">${s.label && p.sections.length > 1 ? `<code class="path">${text(s.label)}</code>: ` : ''}${text(s.placeholder)}</p>`);
      } else run.push(s.unified);
    }
    flush();
    if (p.file.omitted && !p.placeholder) parts.push(`<p class="placeholder" role="note">Not shown: ${text(p.file.omitted)}</p>`);
    return `<section class="file" id="${p.anchor}" aria-labelledby="${p.anchor}-h">
<div class="file-head"><h3 id="${p.anchor}-h"><code class="path">${text(p.file.path)}</code></h3>
<span>${statusLabel(p.file.status)} ${plusMinus(p.file.linesAdded, p.file.linesRemoved)}</span></div>
${parts.join('\n')}
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

/** What the identifier-insensitive diff hid (behind a count), and what a plain diff would have shown. */
function unitSummary(pair: ReportPair): string {
  const u = pair.stats.units;
  const n = pair.stats.naive;
  if (!u) return n ? `<p class="note">Plain diff of the beautified files (--raw).</p>` : '';
  const copies = u.copiesAdded + u.copiesRemoved > 0 ? `, ${plural(u.copiesAdded, 'extra copy', 'extra copies')} and ${plural(u.copiesRemoved, 'dropped copy', 'dropped copies')} of code both versions have` : '';
  return `<p class="hidden-units" role="note"><strong>Hidden: ${plural(u.renamedOnly, 'unit', 'units')} that only changed names, ${plural(u.moved, 'unit', 'units')} that only moved${copies}.</strong> Units of code: ${num(u.matched)} matched, ${num(u.changed)} changed, ${num(u.added)} added, ${num(u.removed)} removed.${
    n ? ` A plain diff of the beautified files changes +${num(n.linesAdded)} −${num(n.linesRemoved)} lines.` : ''
  }</p>`;
}

/** Bundled packages' changes, one collapsed block per file and package: the product's own change reads first. */
function librariesSection(diff: PairDiff | undefined, limits: HtmlRenderLimits): string {
  const churn = diff?.stats.libraries;
  const blocks: string[] = [];
  let budget = limits.charsPerPage;
  for (const f of diff?.files ?? []) {
    for (const lib of f.libraries ?? []) {
      const size = lib.unified?.length ?? 0;
      const body =
        lib.unified && size <= limits.charsPerFile && size <= budget
          ? renderDiff(lib.unified)
          : `<p class="placeholder" role="note">${text(lib.omitted ?? (lib.unified ? `not rendered on this page (${num(lib.linesAdded + lib.linesRemoved)} lines changed); report.json counts it` : 'no text'))}</p>`;
      if (lib.unified && size <= budget) budget -= size;
      blocks.push(`<details class="library"><summary><code>${text(lib.name)}</code> in <code class="path">${text(f.path)}</code> ${plusMinus(lib.linesAdded, lib.linesRemoved)}</summary>
${body}
</details>`);
    }
  }
  if (!churn && blocks.length === 0) return '';
  return `
<section aria-labelledby="libraries"><h2 id="libraries">Bundled packages</h2>
${churn ? `<p class="note" role="note">${text(libraryWords(churn))}. The changes above are the product's own; each package's are below, folded.</p>` : ''}
${blocks.join('\n')}
</section>`;
}

/** What the classifier could not read in this pair: shown, so no one takes silence for a clean bill. */
function coverageSection(pair: ReportPair): string {
  const notes = pair.coverage ?? [];
  if (notes.length === 0) return '';
  const shown = notes.slice(0, 100).map((n) => `<li>${text(coverageWords(n))}</li>`);
  const more = notes.length > shown.length ? `<p class="note">${num(notes.length - shown.length)} more in report.json.</p>` : '';
  return `
<section aria-labelledby="coverage"><h2 id="coverage">Coverage</h2>
<p class="note" role="note">The classifier could not read all of this pair's code: ${text(coverageSummary(notes))}. Findings cannot come from what was not read.</p>
<ul>${shown.join('')}</ul>${more}
</section>`;
}

function pairNav(report: Report, index: number): string {
  const prev = report.pairs[index - 1];
  const next = report.pairs[index + 1];
  const link = (p: ReportPair | undefined, rel: string, label: string) =>
    p?.page ? `<a href="../${escapeHtml(p.page)}" rel="${rel}">${label} ${pairLabel(p.from, p.to)}</a>` : '';
  const parts = [
    `<a href="../index.html">← Back to the report for ${text(report.package)} ${text(report.range)}</a>`,
    link(prev, 'prev', 'Previous:'),
    link(next, 'next', 'Next:'),
  ].filter(Boolean);
  return `<nav class="back pairs-nav" aria-label="Report">${parts.join('')}</nav>`;
}

/**
 * The files a pair page lists: every file that holds a finding, then the others in order, up to
 * the limit. A release of 30,000 files would otherwise make a page of tens of megabytes.
 */
function filesOnPage(files: FileDiff[], findings: readonly Finding[], max: number): { listed: FileDiff[]; unlisted: FileDiff[] } {
  if (files.length <= max) return { listed: files, unlisted: [] };
  const flagged = new Set(findings.map((f) => f.file));
  const keep = new Set(files.filter((f) => flagged.has(f.path)));
  for (const f of files) {
    if (keep.size >= max) break;
    keep.add(f);
  }
  return { listed: files.filter((f) => keep.has(f)), unlisted: files.filter((f) => !keep.has(f)) };
}

function unlistedNote(unlisted: readonly FileDiff[], max: number): string {
  if (unlisted.length === 0) return '';
  const added = unlisted.reduce((n, f) => n + f.linesAdded, 0);
  const removed = unlisted.reduce((n, f) => n + f.linesRemoved, 0);
  return `\n<p class="placeholder" role="note">${plural(unlisted.length, 'more file', 'more files')} changed (${plusMinus(added, removed)}) and ${unlisted.length === 1 ? 'is' : 'are'} not listed here: a page lists ${num(max)} files at most. report.json lists them all.</p>`;
}

/** The page of pair `index`; `diffCss` is diff2html's stylesheet. */
export function pairPage(s: PageContext, index: number, diffCss: string): string {
  const diff = s.diffOf(index);
  const { report, limits } = s;
  const pair = report.pairs[index]!;
  const findings = sortedFindings(pair.findings);
  const { listed: files, unlisted } = filesOnPage(pairFiles(pair, diff), findings, limits.filesPerPage);
  const plans = planPairDiff(files, findings, limits);
  const fileAnchors = new Map(plans.map((p) => [p.file.path, p.anchor]));
  const sectionOf = new Map<Finding, string>();
  for (const p of plans) for (const sec of p.sections) for (const f of sec.findings) sectionOf.set(f, sec.anchor);
  const ids = new Map(findings.map((f, k) => [f, `f-${k + 1}`]));
  const header = `${pairNav(report, index)}
<h1>${text(report.package)}: ${pairLabel(pair.from, pair.to)}</h1>`;
  const missing = diff ? '' : '<p class="placeholder" role="note">The diff text of this pair was not available when the report was written.</p>';
  const cards = findings.map((f) =>
    renderFinding(f, {
      report,
      evidenceChars: limits.evidenceChars,
      ruleDocs: s.ruleDocs,
      versionOrder: s.versionOrder,
      level: 3,
      id: ids.get(f)!,
      fileAnchors,
      ...(sectionOf.has(f) ? { sectionAnchor: sectionOf.get(f)! } : {}),
      ...withUnit(unitSectionOf(s, index, f)),
    }),
  );
  const body = `<section aria-labelledby="stats"><h2 id="stats">Statistics</h2>
<dl class="summary">
<div><dt>Files changed</dt><dd>${num(pair.stats.filesChanged)}</dd></div>
<div><dt>Lines added</dt><dd class="plus">+${num(pair.stats.linesAdded)}</dd></div>
<div><dt>Lines removed</dt><dd class="minus">−${num(pair.stats.linesRemoved)}</dd></div>
<div><dt>Findings</dt><dd>${num(findings.length)}</dd></div>
</dl>${unitSummary(pair)}</section>
<section aria-labelledby="findings"><h2 id="findings">Findings</h2>
${findings.length ? `<p class="note">${findingCounts(findings)}</p>\n${cards.join('\n')}` : '<p>No findings in this pair.</p>'}
</section>
${flaggedHtml(plans, ids)}
<section aria-labelledby="files"><h2 id="files">Files</h2>
${missing}
${filesHtml(plans)}${unlistedNote(unlisted, limits.filesPerPage)}
</section>${librariesSection(diff, limits)}${coverageSection(pair)}${stringChangesSection(diff)}`;
  const title = `strata: ${escapeHtml(`${report.package} ${pair.from} → ${pair.to}`)}`;
  return pageFrame({ title, css: `${diffCss}\n${STYLE}`, header, body, footer: footerHtml(report) });
}
