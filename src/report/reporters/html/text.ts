// Escaping and formatting for the HTML pages. Everything that comes from a package or a registry
// is hostile: it reaches HTML only through `escapeHtml` or `text` (which also makes invisible and
// reordering characters visible), and only http(s) URLs ever become links.
import { codePointLabel, HIDDEN_CHARS, revealHidden } from '../../../text/hidden-chars.js';
import { SEVERITIES, type Finding, type Severity } from '../../../types.js';

const HTML_SPECIALS: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => HTML_SPECIALS[c]!);
}

/** Package text as HTML content: escaped, with hidden characters made visible. */
export function text(value: string | number): string {
  return escapeHtml(value).replace(HIDDEN_CHARS, (c) => `<span class="cp">⟦${codePointLabel(c)}⟧</span>`);
}

/** Package text as an attribute value or inside SVG <title>: escaped, hidden characters spelled out. */
export function attr(value: string | number): string {
  return escapeHtml(String(value).replace(HIDDEN_CHARS, (c) => `⟦${codePointLabel(c)}⟧`));
}

// Diff text handed to diff2html is revealed with `revealHidden`: diff2html escapes it but cannot hold our markup.
export { codePointLabel, HIDDEN_CHARS, revealHidden };

/** Cuts long package text for display; the full text stays in the JSON report. */
export function clip(value: string, max: number): { shown: string; cut: number } {
  if (value.length <= max) return { shown: value, cut: 0 };
  // Do not split a surrogate pair.
  let end = Math.max(0, max);
  const code = value.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return { shown: value.slice(0, end), cut: value.length - end };
}

/** A short label: at most `max` characters, with an ellipsis when cut. */
export function shorten(value: string, max: number): string {
  const c = clip(value, max - 1);
  return c.cut ? `${c.shown}…` : value;
}

/** Only http(s) URLs become links; anything else (javascript:, data:, file:) stays text. */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** An id for an element from untrusted text: [A-Za-z0-9_-] only, never empty. */
export function safeId(prefix: string, value: string): string {
  return `${prefix}${value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80) || '_'}`;
}

const numberFormat = new Intl.NumberFormat('en-US');

export function num(n: number): string {
  return Number.isFinite(n) ? numberFormat.format(n) : '?';
}

export function plural(n: number, one: string, many: string): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}

/** `2026-03-31 14:05:09 UTC` inside a <time>, or the raw value when it is not a date. */
export function utcTime(iso: string | null | undefined): string {
  if (!iso) return '<span class="muted">not published</span>';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return text(iso);
  const d = new Date(t).toISOString();
  return `<time datetime="${escapeHtml(d)}">${escapeHtml(`${d.slice(0, 10)} ${d.slice(11, 19)} UTC`)}</time>`;
}

/** `2026-03-31` for a valid date, else null. */
export function utcDay(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 10);
}

export function severityOf(value: string): Severity | null {
  return (SEVERITIES as readonly string[]).includes(value) ? (value as Severity) : null;
}

export const SEVERITIES_DESC: readonly Severity[] = [...SEVERITIES].reverse();

/** A severity as a coloured badge that also says its name: colour is never the only signal. */
export function severityBadge(value: string, count?: number): string {
  const sev = severityOf(value);
  const cls = sev ? `sev sev-${sev}` : 'sev';
  const label = text(sev ?? String(value));
  return count === undefined
    ? `<span class="${cls}">${label}</span>`
    : `<span class="${cls}">${label} <span class="sev-count">${num(count)}</span></span>`;
}

export function countBySeverity(findings: readonly Finding[]): Map<Severity, number> {
  const counts = new Map<Severity, number>();
  for (const f of findings) {
    const sev = severityOf(f.severity);
    if (sev) counts.set(sev, (counts.get(sev) ?? 0) + 1);
  }
  return counts;
}

/** Finding counts, most severe first: `3: HIGH 1 LOW 2`. */
export function findingCounts(findings: readonly Finding[]): string {
  if (findings.length === 0) return '<span class="muted">none</span>';
  const counts = countBySeverity(findings);
  const badges = SEVERITIES_DESC.filter((s) => counts.has(s)).map((s) => severityBadge(s, counts.get(s)));
  return `<span class="count-total">${num(findings.length)}</span> ${badges.join(' ')}`;
}

export function versionCode(v: string): string {
  return `<code class="version">${text(v)}</code>`;
}

export function pairLabel(from: string, to: string): string {
  return `${versionCode(from)} <span aria-label="to">→</span> ${versionCode(to)}`;
}

export function plusMinus(added: number, removed: number): string {
  return `<span class="plus" title="lines added">+${num(added)}</span> <span class="minus" title="lines removed">−${num(removed)}</span>`;
}

export function table(caption: string, head: string[], rows: string[], numericColumns: number[] = [], cls = ''): string {
  const th = head
    .map((h, i) => `<th scope="col"${numericColumns.includes(i) ? ' class="num"' : ''}>${h}</th>`)
    .join('');
  return `<div class="table-wrap"><table${cls ? ` class="${cls}"` : ''}>
<caption>${caption}</caption>
<thead><tr>${th}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>`;
}

export function cells(values: string[], numericColumns: number[] = [], rowAttrs = ''): string {
  return `<tr${rowAttrs}>${values.map((v, i) => `<td${numericColumns.includes(i) ? ' class="num"' : ''}>${v}</td>`).join('')}</tr>`;
}

/**
 * The versions a finding is present in: a run of successive versions of the report as
 * `first … last (N versions)`, a short list in full, anything else in a disclosure.
 */
export function presentList(present: readonly string[], order: ReadonlyMap<string, number>): string {
  if (present.length === 0) return '<span class="muted">—</span>';
  if (present.length <= 6) return present.map(versionCode).join(' ');
  const idx = present.map((v) => order.get(v));
  const contiguous = idx.every((i, k) => i !== undefined && (k === 0 || i === idx[k - 1]! + 1));
  const span = `${versionCode(present[0]!)} … ${versionCode(present.at(-1)!)}`;
  if (contiguous) return `${span} <span class="note">(${plural(present.length, 'successive version', 'successive versions')})</span>`;
  return `<details><summary>${span} <span class="note">(${plural(present.length, 'version', 'versions')}, not all successive)</span></summary>${present.map(versionCode).join(' ')}</details>`;
}
