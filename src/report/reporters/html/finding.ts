// One finding as a reader needs it: what was added (its code, the lines its spans mark flagged),
// the decoded payloads in full, why it was flagged, the versions it is present in, and the
// evidence that lets anyone check it (file, unit, offset, line, tarball and its integrity, the
// executable and its sha256 for embedded code, and the command that shows the same diff).
import type { Finding, Lifecycle } from '../../../types.js';
import { lifecycleOfFinding } from '../../facts.js';
import type { Report, ReportVersion } from '../../model.js';
import type { RuleDoc } from '../../rule-docs.js';
import { codeBlock, linesBlock, linesOfSpansInUnit, unitLines, windowAround } from './code.js';
import { clip, escapeHtml, num, plural, presentList, safeHttpUrl, severityBadge, severityOf, text, versionCode } from './text.js';

export interface FindingContext {
  report: Report;
  /** Evidence is cut to this many characters for display (payloads never are). */
  evidenceChars: number;
  ruleDocs: ReadonlyMap<string, RuleDoc>;
  /** Heading level of the finding's title (its parts take the next one). */
  level: 3 | 4;
  /** The element id of this finding. */
  id: string;
  /** path → anchor of the file's section on the same page. */
  fileAnchors?: ReadonlyMap<string, string>;
  /** Anchor of the flagged diff section that holds this finding, on the same page. */
  sectionAnchor?: string;
  /** Relative link to the pair page (from the index). */
  pairPage?: string;
  /** The diff section of the finding's unit (unified text), when the pair's diff has it. */
  unitSection?: string;
  /** Index of each version in the report. */
  versionOrder: ReadonlyMap<string, number>;
}

/** Lines of a unit shown in a finding at most; the pair page has the whole unit. */
const UNIT_LINES = 60;

const SAFE_ARG = /^[A-Za-z0-9@%+=:,./_-]+$/;

/** A shell word: as it is when it is plain, else single-quoted. */
export function shellQuote(s: string): string {
  return SAFE_ARG.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The command that shows the same pair (for a registry package). */
export function pairCommand(report: Report, from: string, to: string): string {
  return ['strata', 'diff', `${report.package}@${from}`, `${report.package}@${to}`].map(shellQuote).join(' ');
}

function presentHtml(l: Lifecycle | undefined, order: ReadonlyMap<string, number>): string {
  if (!l) return '<p class="note">Not followed across versions.</p>';
  const start = l.introducedIn === null ? `present before the range (from ${versionCode(l.presentIn[0] ?? '?')})` : `introduced in ${versionCode(l.introducedIn)}`;
  const end = l.removedIn === null ? '<span class="tag tag-warn">still present</span> at the end of the range' : `removed in ${versionCode(l.removedIn)}`;
  return `<p>${start}; ${end}. Present in ${plural(l.presentIn.length, 'version', 'versions')}:</p><div class="present-list">${presentList(l.presentIn, order)}</div>`;
}

function payloadsHtml(f: Finding, sub: string): string {
  if (f.payloads && f.payloads.length > 0) {
    const items = f.payloads.map((p, i) => {
      const steps = p.steps.length ? p.steps.map((s) => `<code>${text(s)}</code>`).join(' → ') : '<span class="muted">as written</span>';
      const list = p.list && p.list.length
        ? `<ol class="payload-list">${p.list.map((item) => `<li><code>${text(item)}</code></li>`).join('')}</ol>`
        : '';
      return `<figure class="payload"><figcaption>Payload ${num(i + 1)} of ${num(f.payloads!.length)}, decoded with ${steps}${p.list ? `: a list of ${plural(p.list.length, 'item', 'items')}` : ''}</figcaption><pre class="payload-text">${text(p.text)}</pre>${list}</figure>`;
    });
    return `<div class="payloads"><${sub}>Decoded payloads, in full</${sub}>${items.join('')}</div>`;
  }
  if (f.decoded && f.decoded.length > 0) {
    const items = f.decoded.map((d) => `<li><pre class="payload-text">${text(d)}</pre></li>`);
    return `<div class="payloads decoded"><${sub}>Decoded</${sub}><ul>${items.join('')}</ul></div>`;
  }
  return '';
}

function whyHtml(f: Finding, doc: RuleDoc | undefined, sub: string): string {
  const reasons = f.reasons && f.reasons.length ? `<ul class="reasons">${f.reasons.map((r) => `<li>${text(r)}</li>`).join('')}</ul>` : '';
  const cats = f.categories && f.categories.length > 1
    ? `<p class="note">Touches ${f.categories.map((c) => `<span class="tag">${text(c)}</span>`).join(' ')}</p>`
    : '';
  const rule = doc?.summary ? `<p class="rule-doc">Rule <code class="rule">${text(f.ruleId)}</code>: ${text(doc.summary)}${doc.why ? ` <span class="muted">${text(doc.why)}</span>` : ''}</p>` : '';
  const score = f.score !== undefined && Number.isFinite(f.score) ? `<p class="note">Rank within its pair: ${text(String(Math.round(f.score * 100) / 100))}</p>` : '';
  if (!reasons && !cats && !rule && !score) return '';
  return `<div class="why"><${sub}>Why it was flagged</${sub}>${reasons}${cats}${rule}${score}</div>`;
}

function versionOf(report: Report, version: string): ReportVersion | undefined {
  return report.versions.find((v) => v.version === version);
}

function evidenceList(f: Finding, ctx: FindingContext): string {
  const rows: [string, string][] = [];
  const anchor = ctx.fileAnchors?.get(f.file);
  const fileHtml = `<code class="path">${text(f.file)}</code>`;
  rows.push(['File', anchor ? `<a href="#${escapeHtml(anchor)}">${fileHtml}</a>` : fileHtml]);
  if (f.unit) rows.push(['Unit', `<code class="path">${text(f.unit)}</code>`]);
  if (f.offset !== undefined) rows.push(['Offset in the file as published', `<span class="offset">${text(String(f.offset))}</span> <span class="muted">(characters from the start)</span>`]);
  rows.push(['Line', f.line === null ? '<span class="muted">not tied to a line</span>' : `<span class="line">${text(String(f.line))}</span> <span class="muted">of the ${f.file === 'package.json' ? 'pretty-printed' : 'beautified'} text</span>`]);
  const v = versionOf(ctx.report, f.to);
  if (v) {
    const href = safeHttpUrl(v.tarball);
    const tarball = v.tarball ? (href ? `<a href="${escapeHtml(href)}" rel="noreferrer"><code class="path">${text(v.tarball)}</code></a>` : `<code class="path">${text(v.tarball)}</code>`) : '<span class="muted">local</span>';
    rows.push([`Tarball of ${escapeHtml(f.to)}`, `${tarball}${v.integrity ? `<br><code class="hash">${text(v.integrity)}</code>` : ''}`]);
    const file = v.files?.find((x) => x.path === f.file);
    if (file?.embedded) {
      const bin = v.native?.binaries.find((b) => b.path === file.embedded!.binary);
      rows.push([
        'Embedded in',
        `<code class="path">${text(file.embedded.binary)}</code>${bin ? ` sha256 <code class="hash">${text(bin.sha256)}</code>` : ''}, module <code class="path">${text(file.embedded.module)}</code> at byte ${text(String(file.embedded.offset))}`,
      ]);
      const pkg = v.native?.package;
      if (pkg) rows.push(['Platform package', `<code class="path">${text(`${pkg.name}@${pkg.version}`)}</code>${pkg.integrity ? ` <code class="hash">${text(pkg.integrity)}</code>` : ''}`]);
    } else if (file) {
      rows.push(['File sha256', `<code class="hash">${text(file.sha256)}</code>`]);
    }
  }
  if (f.from !== null && ctx.report.registry) rows.push(['Same diff', `<code class="command">${text(pairCommand(ctx.report, f.from, f.to))}</code>`]);
  rows.push(['Fingerprint', `<code class="hash">${text(f.fingerprint)}</code>`]);
  return `<dl class="where">${rows.map(([k, val]) => `<div><dt>${k}</dt><dd>${val}</dd></div>`).join('')}</dl>`;
}

/**
 * The code of the finding: its whole unit as the diff shows it (new side), else the evidence as the
 * classifier made it readable. The lines its spans fall on are marked; without spans, none are.
 */
function addedHtml(f: Finding, ctx: FindingContext): string {
  const evidence = clip(f.evidence, ctx.evidenceChars);
  const spans = f.spans ?? [];
  const block = codeBlock(evidence.shown, spans);
  const cutNote = evidence.cut
    ? `<p class="note">Code cut for display: ${plural(evidence.cut, 'more character', 'more characters')} in the JSON report.</p>`
    : '';
  const lines = ctx.unitSection ? unitLines(ctx.unitSection) : null;
  if (lines) {
    const { marked, whole } = linesOfSpansInUnit(lines, evidence.shown, spans);
    const { from, to } = windowAround(lines, marked, UNIT_LINES);
    const shown = lines.slice(from, to);
    const shifted = new Set([...marked].filter((i) => i >= from && i < to).map((i) => i - from));
    const total = lines.filter((l) => !l.gap).length;
    const notes: string[] = [];
    if (from > 0 || to < lines.length) notes.push(`Lines ${num(from + 1)}–${num(to)} of ${num(lines.length)} of the unit; all of it is on the diff page.`);
    if (lines.some((l) => l.added) && lines.some((l) => !l.added && !l.gap)) notes.push('Tinted lines were added by this release.');
    if (shifted.size) notes.push('▶ marks the code the rule matched.');
    const unitName = f.unit ? `<p class="note">Unit <code class="path">${text(f.unit)}</code>, ${plural(total, 'line', 'lines')}, beautified${lines.some((l) => !l.added && !l.gap) ? ', names mapped back to the previous version' : ''}:</p>` : '';
    // The unit does not hold the evidence as it is: show the evidence too.
    const matched = whole ? '' : `<p class="note">The code the rule matched${block.marked ? ', ▶ where it fired' : ''}:</p>${block.html}${cutNote}`;
    return `${unitName}${linesBlock(shown, shifted)}${notes.length ? `<p class="note">${notes.join(' ')}</p>` : ''}${matched}`;
  }
  const markedNote = block.marked ? '<p class="note">▶ marks the code the rule matched.</p>' : '';
  return `${block.html}${markedNote}${cutNote}`;
}

export function renderFinding(f: Finding, ctx: FindingContext): string {
  const h = `h${ctx.level}`;
  const sub = `h${ctx.level + 1}`;
  const sev = severityOf(f.severity);
  const where = f.line === null ? f.file : `${f.file}:${f.line}`;
  const pair = f.from === null ? versionCode(f.to) : `${versionCode(f.from)} → ${versionCode(f.to)}`;
  const links: string[] = [];
  if (ctx.sectionAnchor) links.push(`<a href="#${escapeHtml(ctx.sectionAnchor)}">in the diff</a>`);
  if (ctx.pairPage) links.push(`<a href="${escapeHtml(ctx.pairPage)}">diff page</a>`);
  const added = addedHtml(f, ctx);
  return `<article class="finding${sev ? ` finding-${sev}` : ''}" id="${escapeHtml(ctx.id)}" data-rule="${escapeHtml(f.ruleId)}" data-fingerprint="${escapeHtml(f.fingerprint)}">
<${h} class="finding-head">${severityBadge(f.severity)} <span class="category">${text(f.category)}</span> <code class="rule">${text(f.ruleId)}</code> <span class="finding-pair">${pair}</span></${h}>
<p class="finding-where"><code class="path">${text(where)}</code>${links.length ? ` · ${links.join(' · ')}` : ''}</p>
<p class="finding-message">${text(f.message)}</p>
${whyHtml(f, ctx.ruleDocs.get(f.ruleId), sub)}
<div class="added"><${sub}>What was added</${sub}>${added}</div>
${payloadsHtml(f, sub)}
<div class="present"><${sub}>Present in</${sub}>${presentHtml(lifecycleOfFinding(ctx.report, f), ctx.versionOrder)}</div>
<div class="evidence"><${sub}>Evidence</${sub}>${evidenceList(f, ctx)}</div>
</article>`;
}
