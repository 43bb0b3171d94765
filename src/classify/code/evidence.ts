// A finding's evidence as a reader sees it: the matched code beautified (minified code is one long
// line), cut to a size a report can hold, with the spans the rule marked moved along. Beautifying
// changes only whitespace, so offsets map by counting the other characters.
import beautify from 'js-beautify';
import { BEAUTIFY_OPTIONS } from '../../beautify/beautify-options.js';
import type { FindingSpan } from '../../types.js';

/** Characters of evidence kept per finding. */
export const MAX_EVIDENCE = 400;
/** Code read for evidence at most: more than fits once beautified and cut. */
const MAX_CODE = 4 * MAX_EVIDENCE;

export interface Evidence {
  text: string;
  spans: FindingSpan[];
}

const isSpace = (c: string): boolean => /\s/.test(c);

/**
 * For each character of `from`, its offset in `to` when the two differ only in whitespace (-1 for
 * whitespace); null when they differ in anything else.
 */
function alignment(from: string, to: string): Int32Array | null {
  const map = new Int32Array(from.length).fill(-1);
  let j = 0;
  for (let i = 0; i < from.length; i++) {
    const c = from[i]!;
    if (isSpace(c)) continue;
    while (j < to.length && isSpace(to[j]!)) j++;
    if (to[j] !== c) return null;
    map[i] = j++;
  }
  while (j < to.length && isSpace(to[j]!)) j++;
  return j === to.length ? map : null;
}

/** A span moved through an alignment: from its first to its last non-blank character. */
function moveSpan(span: FindingSpan, map: Int32Array): FindingSpan | undefined {
  let a = span.start;
  while (a < span.end && (map[a] ?? -1) < 0) a++;
  let b = span.end - 1;
  while (b >= a && (map[b] ?? -1) < 0) b--;
  if (a > b) return undefined;
  return { ...span, start: map[a]!, end: map[b]! + 1 };
}

function clipSpans(spans: readonly FindingSpan[], from: number, length: number): FindingSpan[] {
  const out: FindingSpan[] = [];
  for (const s of spans) {
    const start = Math.max(0, s.start - from);
    const end = Math.min(length, s.end - from);
    if (end > start) out.push({ ...s, start, end });
  }
  return out;
}

function tryBeautify(code: string): string | undefined {
  try {
    return beautify.js(code, BEAUTIFY_OPTIONS).replace(/\n+$/, '');
  } catch {
    return undefined;
  }
}

/**
 * Evidence from `code` and spans (offsets in `code`). Code is beautified unless `plain` (text that
 * is not code, such as a line with its hidden characters spelled out); if beautifying changed more
 * than whitespace the code is kept as it is. Then cut at a line end to MAX_EVIDENCE characters.
 */
export function readableEvidence(code: string, spans: readonly FindingSpan[] = [], options: { plain?: boolean } = {}): Evidence {
  const lead = code.length - code.trimStart().length;
  let text = code.trim();
  let marks = clipSpans(spans, lead, text.length);
  if (!options.plain) {
    const raw = text.slice(0, MAX_CODE);
    const pretty = tryBeautify(raw);
    const map = pretty !== undefined && pretty !== raw ? alignment(raw, pretty) : null;
    if (pretty !== undefined && map) {
      text = pretty;
      marks = clipSpans(marks, 0, raw.length).flatMap((s) => moveSpan(s, map) ?? []);
    }
  }
  if (text.length > MAX_EVIDENCE) {
    // Whole lines read better than a line cut in the middle, when that keeps most of the text.
    const nl = text.lastIndexOf('\n', MAX_EVIDENCE - 2);
    const end = nl >= MAX_EVIDENCE / 2 ? nl : MAX_EVIDENCE - 1;
    text = `${text.slice(0, end)}${nl >= MAX_EVIDENCE / 2 ? '\n' : ''}…`;
    marks = clipSpans(marks, 0, end);
  }
  return { text, spans: mergeSpans(marks) };
}

/** Spans in order, without duplicates. */
function mergeSpans(spans: FindingSpan[]): FindingSpan[] {
  const seen = new Set<string>();
  return spans
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .filter((s) => {
      const k = `${s.start}:${s.end}:${s.role ?? ''}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}
