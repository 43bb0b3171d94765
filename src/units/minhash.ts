// MinHash over shingles of canonical tokens, for finding the previous version of a unit that
// changed. Placeholders are collapsed to one symbol first: an inserted binding renumbers every
// later placeholder, and that must not change every later shingle.

/** Number of values in a signature. */
export const MINHASH_SIZE = 64;
/** Tokens per shingle. */
export const SHINGLE_LENGTH = 5;

const EMPTY = 0xffffffff;
const PLACEHOLDER = /^(?:[$@]|#\$)\d+$/;

/** splitmix32 from a fixed start: the same seeds in every process and version of the tool. */
const SEEDS: Uint32Array = (() => {
  const out = new Uint32Array(MINHASH_SIZE);
  let x = 0x9e3779b9;
  for (let i = 0; i < MINHASH_SIZE; i++) {
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    out[i] = (z ^ (z >>> 16)) >>> 0;
  }
  return out;
})();

/** FNV-1a over UTF-16 code units: the hash of one token. */
export const tokenHash = (s: string): number => fnv1a(s);
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** murmur3's finaliser: spreads every input bit over the word. */
function fmix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export const PLACEHOLDER_HASH = fnv1a('\u0000placeholder');

/** String and template literals at least this long are shingled by their words. */
const LONG_LITERAL = 24;

/**
 * A unit that is mostly one long text (a prompt, a message, a help page) is one token long: an
 * edit in the text would make it look unrelated to its previous version. Its words stand in for
 * it, so a small edit in a long text keeps the unit similar.
 */
/** Literal text (strings, template chunks) is the only kind of token with white space in it. */
export const isLongText = (t: string): boolean => t.length >= LONG_LITERAL && /\s/.test(t);

/** The words a long literal is shingled by. */
export const literalWords = (t: string): string[] => t.match(/[^\s"'`]+/g) ?? [];

function expandLongLiterals(tokens: readonly string[], slots?: readonly number[]): { tokens: readonly string[]; slots?: readonly number[] } {
  if (!tokens.some(isLongText)) return { tokens, slots };
  const outTokens: string[] = [];
  const outSlots: number[] = [];
  tokens.forEach((t, i) => {
    if (isLongText(t)) {
      for (const word of literalWords(t)) {
        outTokens.push(word);
        outSlots.push(-1);
      }
    } else {
      outTokens.push(t);
      outSlots.push(slots ? slots[i]! : PLACEHOLDER.test(t) ? 0 : -1);
    }
  });
  return { tokens: outTokens, slots: outSlots };
}

/**
 * Signature of a token sequence. `slots` (−1 for ordinary tokens), when given, says which tokens
 * are placeholders; otherwise they are recognised by their text (`$3`, `@4`, `#$5`).
 */
export function minhash(rawTokens: readonly string[], rawSlots?: readonly number[]): number[] {
  const { tokens, slots } = expandLongLiterals(rawTokens, rawSlots);
  const n = tokens.length;
  const th = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const isPlaceholder = slots ? slots[i]! >= 0 : PLACEHOLDER.test(tokens[i]!);
    th[i] = isPlaceholder ? PLACEHOLDER_HASH : fnv1a(tokens[i]!);
  }
  return signature(th, n);
}

let seen = { stamps: new Uint32Array(1024), values: new Int32Array(1024) };
let seenGen = 0;
/** Larger tables (a huge unit's) are not kept for the next call. */
const KEEP_SEEN = 1 << 20;

/** A table of at least twice `count` slots (a power of two), empty for generation `gen`. */
function seenTable(count: number): { stamps: Uint32Array; values: Int32Array; gen: number } {
  let size = seen.stamps.length;
  if (size >= count * 2 && seenGen < 0xffffffff) return { ...seen, gen: ++seenGen };
  while (size < count * 2) size *= 2;
  const table = { stamps: new Uint32Array(size), values: new Int32Array(size) };
  if (size > KEEP_SEEN) return { ...table, gen: 1 };
  seen = table;
  seenGen = 1;
  return { ...table, gen: 1 };
}

/** Signature of `n` token hashes (placeholders already collapsed to PLACEHOLDER_HASH). */
export function signature(th: Int32Array, n: number): number[] {
  const mins = new Uint32Array(MINHASH_SIZE).fill(EMPTY);
  if (n === 0) return Array.from(mins);
  const width = Math.min(SHINGLE_LENGTH, n);
  const last = n - width;
  // A third of a bundle's shingles repeat within their unit: each distinct one is permuted once
  // (the minimum over a set is the minimum over the list). A table reused across calls, cleared
  // by bumping a generation stamp.
  const { stamps, values, gen } = seenTable(last + 1);
  const mask = stamps.length - 1;
  for (let i = 0; i <= last; i++) {
    let h = 0x2545f491;
    for (let k = 0; k < width; k++) h = Math.imul(h ^ th[i + k]!, 0x01000193);
    h = fmix(h);
    let slot = h & mask;
    while (stamps[slot] === gen && values[slot] !== h) slot = (slot + 1) & mask;
    if (stamps[slot] === gen) continue;
    stamps[slot] = gen;
    values[slot] = h;
    // One cheap permutation per seed (xor, multiply, xor-shift) of an already mixed value.
    for (let s = 0; s < MINHASH_SIZE; s++) {
      let v = Math.imul(h ^ SEEDS[s]!, 0x9e3779b1);
      v = (v ^ (v >>> 15)) >>> 0;
      if (v < mins[s]!) mins[s] = v;
    }
  }
  return Array.from(mins);
}

/** Estimated Jaccard similarity of the two shingle sets: the share of equal signature values. */
export function estimateJaccard(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return same / n;
}
