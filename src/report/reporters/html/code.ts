// Code as a reader sees it in a finding: beautified when it arrives minified, lightly coloured
// (strings, comments, numbers, keywords), and the lines that matter marked. Every token goes
// through `text`, so the code stays inert and its hidden characters show.
import beautify from 'js-beautify';
import { BEAUTIFY_OPTIONS } from '../../../beautify/beautify-options.js';
import type { Finding } from '../../../types.js';
import { text } from './text.js';

/** Above this size the evidence is shown as it is: beautifying is for snippets. */
const MAX_BEAUTIFY = 20_000;

/** Minified code: few lines, one of them long. */
function looksMinified(code: string): boolean {
  const lines = code.split('\n');
  return lines.length <= 3 && lines.some((l) => l.length > 120) && /[;{}]/.test(code);
}

/** The evidence as readable code: beautified when it looks minified (and is small enough). */
export function readableCode(code: string): string {
  if (code.length > MAX_BEAUTIFY || !looksMinified(code)) return code;
  try {
    const out = beautify.js(code, BEAUTIFY_OPTIONS).replace(/\n+$/, '');
    return out || code;
  } catch {
    return code;
  }
}

// Things worth a reader's eye in added code when a finding does not say which lines it means.
const INDICATORS = [
  /resolvedOptions\(\)\s*\.\s*timeZone/,
  /Intl\s*\.\s*DateTimeFormat/,
  /\bAsia\/[A-Z][a-z]+/,
  /Buffer\s*\.\s*from\([^)]*["'](?:base64|hex)["']/,
  /\batob\s*\(/,
  /String\s*\.\s*fromCharCode/,
  /\^\s*(?:0x[0-9a-f]+|\d+)\b/i,
  /\beval\s*\(/,
  /\bnew\s+Function\s*\(/,
  /child_process|\bexecSync\b|\bspawn\s*\(/,
  /\bfetch\s*\(|XMLHttpRequest|\bhttps?\s*\.\s*(?:request|get)\s*\(/,
  /\bos\s*\.\s*(?:hostname|networkInterfaces|userInfo)\s*\(/,
  /process\s*\.\s*env\s*\.\s*[A-Z_]*(?:PROXY|BASE_URL|TOKEN|KEY|SECRET)/,
  /\\u(?:200[b-f]|202[a-e]|2066|2067|2068|2069|feff)/i,
  /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/,
];

/** Quoted words in a finding's reasons and message: the code it is about. */
export function termsOf(f: Pick<Finding, 'reasons' | 'message' | 'payloads'>): string[] {
  const terms = new Set<string>();
  const sources = [...(f.reasons ?? []), f.message];
  for (const s of sources) {
    for (const m of s.matchAll(/`([^`\n]{3,120})`|"([^"\n]{3,120})"|“([^”\n]{3,120})”/g)) {
      const t = (m[1] ?? m[2] ?? m[3])!.trim();
      if (t.length >= 3) terms.add(t);
    }
    // Names a reason spells out bare: environment variables, dotted API paths.
    for (const m of s.matchAll(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]{2,}\b|\b[a-z]\w*(?:\.[a-zA-Z]\w*){2,}\b/g)) terms.add(m[0]);
  }
  return [...terms];
}

/** A string literal that looks encoded (base64, hex, escapes): where a decoded payload comes from. */
const ENCODED_LITERAL = /(["'`])(?:[A-Za-z0-9+/_-]{16,}={0,2}|(?:\\x[0-9a-fA-F]{2}){4,}|(?:\\u[0-9a-fA-F]{4}){4,})\1/;

/**
 * 0-based indices of the lines to mark: those holding a quoted term (and, when the finding
 * decoded something, an encoded literal); else those holding an indicator.
 */
export function linesThatMatter(lines: readonly string[], terms: readonly string[], hasPayloads = false): Set<number> {
  const marked = new Set<number>();
  if (terms.length) lines.forEach((l, i) => terms.some((t) => l.includes(t)) && marked.add(i));
  if (hasPayloads) lines.forEach((l, i) => ENCODED_LITERAL.test(l) && marked.add(i));
  if (marked.size === 0) lines.forEach((l, i) => INDICATORS.some((re) => re.test(l)) && marked.add(i));
  // Marking everything says nothing.
  if (marked.size === lines.length && lines.length > 3) return new Set();
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

/**
 * Lines that hold the evidence, matched without whitespace (the evidence is code as published,
 * the lines are beautified). Empty when it is not found.
 */
export function linesOfEvidence(lines: readonly CodeLine[], evidence: string): Set<number> {
  const marked = new Set<number>();
  const needles = [evidence, ...evidence.split('\n')].map((n) => n.replace(/\s+/g, '')).filter((n) => n.length >= 4);
  if (needles.length === 0) return marked;
  let joined = '';
  const lineAt: number[] = [];
  lines.forEach((l, i) => {
    if (l.gap) return;
    const stripped = l.text.replace(/\s+/g, '');
    joined += stripped;
    for (let k = 0; k < stripped.length; k++) lineAt.push(i);
  });
  for (const needle of needles) {
    for (let at = joined.indexOf(needle), n = 0; at !== -1 && n < 20; at = joined.indexOf(needle, at + 1), n++) {
      for (let k = at; k < at + needle.length; k++) marked.add(lineAt[k]!);
    }
    if (marked.size) break;
  }
  return marked;
}

/** A code block with the lines that matter marked (class `hl`, a ▶ in the gutter) and added lines tinted. */
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

/** A code block of plain code with the lines that matter marked. */
export function codeBlock(code: string, terms: readonly string[], hasPayloads = false, cls = 'code'): { html: string; marked: number } {
  const plainLines = code.split('\n');
  const marked = linesThatMatter(plainLines, terms, hasPayloads);
  return { html: linesBlock(plainLines.map((text) => ({ text })), marked, cls), marked: marked.size };
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
