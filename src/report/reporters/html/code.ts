// Code as a reader sees it in a finding: lightly coloured (strings, comments, numbers, keywords),
// and the lines that hold the code the rule marked (the finding's spans) flagged. The evidence
// arrives readable from the classifier; nothing here reads code for meaning. Every token goes
// through `text`, so the code stays inert and its hidden characters show.
import type { FindingSpan } from '../../../types.js';
import { text } from './text.js';

/** 0-based lines of `code` that hold a span (offsets into `code`). */
export function linesOfSpans(code: string, spans: readonly FindingSpan[]): Set<number> {
  const marked = new Set<number>();
  if (spans.length === 0) return marked;
  const starts = [0];
  for (let i = code.indexOf('\n'); i >= 0; i = code.indexOf('\n', i + 1)) starts.push(i + 1);
  const lineOf = (at: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  for (const s of spans) {
    const start = Math.max(0, s.start);
    const end = Math.min(code.length, s.end);
    if (end <= start) continue;
    for (let l = lineOf(start), last = lineOf(end - 1); l <= last; l++) marked.add(l);
  }
  return marked;
}

const KEYWORDS = new Set(
  'async await break case catch class const continue debugger default delete do else export extends false finally for function if import in instanceof let new null of return static super switch this throw true try typeof undefined var void while with yield'.split(' '),
);

type Token = { cls: string | null; value: string };

const TOKEN =
  /(\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$))|("(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|`(?:[^`\\]|\\[\s\S])*`?)|(\b0x[0-9a-fA-F]+\b|\b\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?\b)|([A-Za-z_$][\w$]*)|(\s+)|([\s\S])/g;

function tokenize(code: string): Token[] {
  const out: Token[] = [];
  for (const m of code.matchAll(TOKEN)) {
    if (m[1] !== undefined) out.push({ cls: 'tok-c', value: m[1] });
    else if (m[2] !== undefined) out.push({ cls: 'tok-s', value: m[2] });
    else if (m[3] !== undefined) out.push({ cls: 'tok-n', value: m[3] });
    else if (m[4] !== undefined) out.push({ cls: KEYWORDS.has(m[4]) ? 'tok-k' : null, value: m[4] });
    else out.push({ cls: null, value: m[0] });
  }
  return out;
}

/** Source split into lines of HTML, tokens coloured, tokens that span lines split at each newline. */
function colouredLines(code: string): string[] {
  const lines: string[] = [''];
  for (const tok of tokenize(code)) {
    const pieces = tok.value.split('\n');
    pieces.forEach((piece, k) => {
      if (k > 0) lines.push('');
      if (piece) lines[lines.length - 1] += tok.cls ? `<span class="${tok.cls}">${text(piece)}</span>` : text(piece);
    });
  }
  return lines;
}

export interface CodeLine {
  text: string;
  /** Added by the release (a `+` line of the diff). */
  added?: boolean;
  /** Stands for lines left out between two hunks. */
  gap?: boolean;
}

/**
 * The new side of one unit's diff section: context and added lines in order, a gap line where
 * hunks skip lines. Null when the text has no hunk.
 */
export function unitLines(section: string): CodeLine[] | null {
  const out: CodeLine[] = [];
  let inHunk = false;
  let lastNewEnd = -1;
  for (const line of section.split('\n')) {
    if (line.startsWith('@@')) {
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      const start = m ? Number(m[1]) : 0;
      if (inHunk && start > lastNewEnd + 1) out.push({ text: '⋯', gap: true });
      else if (!inHunk && start > 1) out.push({ text: '⋯', gap: true });
      inHunk = true;
      lastNewEnd = start - 1 + (m?.[2] !== undefined ? Number(m[2]) : 1);
      continue;
    }
    if (!inHunk) continue;
    const c = line[0];
    if (c === '+') out.push({ text: line.slice(1), added: true });
    else if (c === ' ') out.push({ text: line.slice(1) });
  }
  return inHunk && out.some((l) => !l.gap) ? out : null;
}

/** Code without whitespace, and for each of its characters the line it is on. */
function compactLines(lines: readonly CodeLine[]): { text: string; lineAt: number[] } {
  let text = '';
  const lineAt: number[] = [];
  lines.forEach((l, i) => {
    if (l.gap) return;
    const stripped = l.text.replace(/\s+/g, '');
    text += stripped;
    for (let k = 0; k < stripped.length; k++) lineAt.push(i);
  });
  return { text, lineAt };
}

/** Where `needle` occurs in `haystack`, at most `max` times. */
function occurrences(haystack: string, needle: string, max = 20): number[] {
  const out: number[] = [];
  for (let at = haystack.indexOf(needle); at !== -1 && out.length < max; at = haystack.indexOf(needle, at + 1)) out.push(at);
  return out;
}

/**
 * Lines of a unit (as the diff shows it) that hold a finding's spans. The evidence is found in the
 * unit whatever the whitespace and each span marks the lines it falls on; when the evidence is not
 * there whole (a bigger excerpt, names mapped back), the code of each span is looked for instead.
 * A finding without spans marks nothing. `whole`: the evidence was found in the unit.
 */
export function linesOfSpansInUnit(lines: readonly CodeLine[], evidence: string, spans: readonly FindingSpan[]): { marked: Set<number>; whole: boolean } {
  const marked = new Set<number>();
  const unit = compactLines(lines);
  // Evidence cut by the classifier ends in an ellipsis that is not code.
  const body = evidence.replace(/\n?…$/, '');
  // For each offset of the evidence, how many characters of it are not whitespace before it.
  const before: number[] = [];
  let n = 0;
  for (let i = 0; i < body.length; i++) {
    before.push(n);
    if (!/\s/.test(body[i]!)) n++;
  }
  before.push(n);
  const compact = body.replace(/\s+/g, '');
  const found = compact.length >= 4 ? occurrences(unit.text, compact) : [];
  for (const at of found) {
    for (const s of spans) {
      const from = before[Math.max(0, Math.min(body.length, s.start))]!;
      const to = before[Math.max(0, Math.min(body.length, s.end))]!;
      for (let k = at + from; k < at + to; k++) marked.add(unit.lineAt[k]!);
    }
  }
  if (found.length === 0) {
    for (const s of spans) {
      const code = body.slice(Math.max(0, s.start), Math.max(0, s.end)).replace(/\s+/g, '');
      if (code.length < 3) continue;
      for (const at of occurrences(unit.text, code)) for (let k = at; k < at + code.length; k++) marked.add(unit.lineAt[k]!);
    }
  }
  return { marked, whole: found.length > 0 };
}

/** A code block with the marked lines flagged (class `hl`, a ▶ in the gutter) and added lines tinted. */
export function linesBlock(lines: readonly CodeLine[], marked: ReadonlySet<number>, cls = 'code'): string {
  const coloured = colouredLines(lines.map((l) => l.text).join('\n'));
  const html = lines
    .map((l, i) => {
      const classes = ['ln', l.added ? 'add' : '', marked.has(i) ? 'hl' : '', l.gap ? 'gap' : ''].filter(Boolean).join(' ');
      return `<span class="${classes}">${l.gap ? '⋯' : (coloured[i] ?? '')}</span>`;
    })
    .join('\n');
  return `<pre class="${cls}"><code>${html}</code></pre>`;
}

/** A code block of plain code with the lines that hold the spans marked. */
export function codeBlock(code: string, spans: readonly FindingSpan[] = [], cls = 'code'): { html: string; marked: number } {
  const marked = linesOfSpans(code, spans);
  return { html: linesBlock(code.split('\n').map((text) => ({ text })), marked, cls), marked: marked.size };
}

/** At most `max` lines around the marked ones (all of them when they fit). */
export function windowAround(lines: readonly CodeLine[], marked: ReadonlySet<number>, max: number): { from: number; to: number } {
  if (lines.length <= max) return { from: 0, to: lines.length };
  const sorted = [...marked].sort((a, b) => a - b);
  if (sorted.length === 0) return { from: 0, to: max };
  const first = sorted[0]!;
  const last = sorted.at(-1)!;
  let from = Math.max(0, first - 8);
  let to = Math.min(lines.length, Math.max(last + 9, from + Math.min(max, 24)));
  if (to - from > max) to = from + max;
  if (to === lines.length) from = Math.max(0, Math.min(from, to - Math.min(max, 24)));
  return { from, to };
}
