import type { DecodedPayload, Severity } from '../../../types.js';
import { describeCodePoint, findHiddenChars, type HiddenChar, type HiddenKind } from '../../unicode/index.js';
import { message } from '../../messages.js';
import { defineCodeRule, type CodeMatch } from '../rule.js';
import { hashKey } from '../shape.js';
import { stringsOf } from './util.js';

const VISIBLE = /[\p{L}\p{N}]/u;
const RANK: Record<HiddenKind, number> = { tag: 5, bidi: 4, 'variation-selector': 4, 'zero-width': 3, invisible: 3, 'private-use': 1 };
const SEVERITY_IN_TEXT: Record<HiddenKind, Severity> = { tag: 'high', bidi: 'high', 'variation-selector': 'high', 'zero-width': 'medium', invisible: 'medium', 'private-use': 'low' };

/** The text with each hidden character written as [U+XXXX NAME]. */
function reveal(text: string, hits: HiddenChar[], max = 600): string {
  let out = '';
  let at = 0;
  for (const h of hits) {
    out += text.slice(at, h.index) + `[${describeCodePoint(h.codePoint)}]`;
    at = h.index + (h.codePoint > 0xffff ? 2 : 1);
    if (out.length > max) return `${out.slice(0, max)}…`;
  }
  out += text.slice(at);
  return out.length > max ? `${out.slice(0, max)}…` : out;
}

/** Messages smuggled in tag characters (U+E0020–U+E007E mirror ASCII) or in variation selectors (one byte each). */
function smuggled(hits: HiddenChar[]): DecodedPayload[] {
  const out: DecodedPayload[] = [];
  const tags = hits.filter((h) => h.codePoint >= 0xe0020 && h.codePoint <= 0xe007e);
  if (tags.length >= 2) out.push({ steps: ['unicode-tags'], text: String.fromCharCode(...tags.map((h) => h.codePoint - 0xe0000)) });
  const vs = hits.filter((h) => h.kind === 'variation-selector');
  if (vs.length >= 4) {
    const bytes = vs.map((h) => (h.codePoint >= 0xe0100 ? h.codePoint - 0xe0100 + 16 : h.codePoint - 0xfe00));
    const text = Buffer.from(bytes).toString('utf8');
    if (/^[\x20-\x7e\s\u00a0-\uffff]+$/.test(text) && !text.includes('\ufffd')) out.push({ steps: ['variation-selectors'], text });
  }
  return out;
}

/** Ranges such as `a-z` in a character-class table. */
const RANGES = /[^\\]-[^\]]/gu;

/**
 * A character table rather than text: ranges (`a-z…`), or a long run of mostly distinct,
 * mostly non-ASCII characters with hardly any spaces (a code page, an identifier table).
 */
function isTable(text: string): boolean {
  if ((text.match(RANGES)?.length ?? 0) >= 3) return true;
  if (text.length < 32) return false;
  const chars = Array.from(text);
  const distinct = new Set(chars).size;
  const spaces = chars.filter((c) => c === ' ').length;
  const nonAscii = chars.filter((c) => c.codePointAt(0)! > 0x7e).length;
  return distinct / chars.length >= 0.5 && spaces / chars.length < 0.05 && nonAscii / chars.length >= 0.3;
}

/** A hidden character set inside text: a letter or digit on one side, text (not a range or a table) on the other. */
function insideText(text: string, h: HiddenChar): boolean {
  const before = text[h.index - 1] ?? '';
  const after = text[h.index + (h.codePoint > 0xffff ? 2 : 1)] ?? '';
  const word = (c: string) => VISIBLE.test(c);
  const gentle = (c: string) => word(c) || c === ' ' || /[.,;:!?'"’()]/.test(c);
  if (before === '-' || after === '-') return false;
  return (word(before) && gentle(after)) || (word(after) && gentle(before));
}

export default defineCodeRule({
  meta: {
    id: 'hidden-unicode',
    category: 'hidden-unicode',
    severity: 'medium',
    description:
      'Invisible characters in strings or code: bidirectional controls (Trojan Source), zero-width characters, Unicode tag characters and runs of variation selectors (which can carry hidden text). Escapes are decoded first.',
    weight: 30,
    messages: ['hidden-unicode/in-string', 'hidden-unicode/contains', 'hidden-unicode/in-code', 'hidden-unicode/contains-outside'],
  },
  match(ctx) {
    const out: CodeMatch[] = [];
    const ranges: Array<[number, number]> = [];
    for (const s of stringsOf(ctx)) {
      if (!s.decoded) ranges.push([s.start, s.end]);
      if (s.text.length > 100_000) continue;
      const hits = findHiddenChars(s.text);
      if (hits.length === 0) continue;
      // A table of such characters (a whitespace list, a regex class, ranges, a code page) hides nothing.
      if (isTable(s.text)) continue;
      const carriesText = smuggled(hits).length > 0;
      if (!carriesText && !hits.some((h) => insideText(s.text, h))) continue;
      const kinds = [...new Set(hits.map((h) => h.kind))].sort((x, y) => RANK[y] - RANK[x]);
      const top = kinds[0]!;
      const payloads: DecodedPayload[] = [{ steps: ['unicode'], text: reveal(s.text, hits) }, ...smuggled(hits)];
      const m: CodeMatch = {
        key: `hidden\0${hashKey(s.text)}`,
        node: { start: s.start, end: s.end },
        message: message('hidden-unicode/in-string', { count: hits.length, kinds, decoded: s.decoded !== undefined }),
        spans: [{ start: s.start, end: s.end, role: 'string' }],
        reasons: [...new Set(hits.map((h) => describeCodePoint(h.codePoint)))].slice(0, 8).map((char) => message('hidden-unicode/contains', { char })),
        severity: SEVERITY_IN_TEXT[top],
        payloads,
      };
      if (s.raw) m.anchor = s.raw;
      out.push(m);
      if (out.length >= 16) return out;
    }
    // Hidden characters written as they are outside strings: in identifiers or comments.
    ranges.sort((x, y) => x[0] - y[0]);
    const inString = (i: number) => {
      let lo = 0;
      let hi = ranges.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const [s, e] = ranges[mid]!;
        if (i < s) hi = mid - 1;
        else if (i >= e) lo = mid + 1;
        else return true;
      }
      return false;
    };
    const code = findHiddenChars(ctx.source).filter((h) => !inString(h.index) && !(h.index === 0 && h.codePoint === 0xfeff));
    // Comments just before the unit belong to it (a Trojan Source comment above a function).
    const leading = ctx.leading ?? '';
    const before = leading ? findHiddenChars(leading).filter((h) => !(h.codePoint === 0xfeff && h.index === 0)) : [];
    if (code.length > 0 || before.length > 0) {
      const inLeading = code.length === 0;
      const all = inLeading ? before : code;
      const text = inLeading ? leading : ctx.source;
      const kinds = [...new Set(all.map((h) => h.kind))].sort((x, y) => RANK[y] - RANK[x]);
      const first = all[0]!.index;
      const lineStart = text.lastIndexOf('\n', first) + 1;
      const lineEnd = text.indexOf('\n', first);
      const line = text.slice(Math.max(lineStart, first - 120), lineEnd < 0 ? Math.min(text.length, first + 120) : Math.min(lineEnd, first + 120));
      const revealed = reveal(line, findHiddenChars(line));
      out.push({
        key: `hidden-code\0${[...new Set(all.map((h) => h.codePoint))].sort().join(',')}\0${hashKey(line.replace(/[\w$]+/g, '_'))}`,
        node: inLeading ? { start: 0, end: Math.min(ctx.source.length, 1) } : { start: first, end: Math.min(ctx.source.length, first + 1) },
        // The line as text: each hidden character spelled out, and marked.
        evidence: { text: revealed, spans: [...revealed.matchAll(/\[U\+[0-9A-F]{4,6}[^\]]*\]/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, role: 'hidden' })), plain: true },
        message: message('hidden-unicode/in-code', { count: all.length, kinds }),
        reasons: [...new Set(all.map((h) => describeCodePoint(h.codePoint)))].slice(0, 8).map((char) => message('hidden-unicode/contains-outside', { char })),
        severity: kinds[0] === 'private-use' ? 'low' : 'high',
      });
    }
    return out;
  },
});
