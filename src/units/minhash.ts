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

/** FNV-1a over UTF-16 code units. */
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

const PLACEHOLDER_HASH = fnv1a('\u0000placeholder');

/**
 * Signature of a token sequence. `slots` (−1 for ordinary tokens), when given, says which tokens
 * are placeholders; otherwise they are recognised by their text (`$3`, `@4`, `#$5`).
 */
export function minhash(tokens: readonly string[], slots?: readonly number[]): number[] {
  const n = tokens.length;
  const th = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const isPlaceholder = slots ? slots[i]! >= 0 : PLACEHOLDER.test(tokens[i]!);
    th[i] = isPlaceholder ? PLACEHOLDER_HASH : fnv1a(tokens[i]!);
  }
  const mins = new Uint32Array(MINHASH_SIZE).fill(EMPTY);
  if (n === 0) return Array.from(mins);
  const width = Math.min(SHINGLE_LENGTH, n);
  const last = n - width;
  for (let i = 0; i <= last; i++) {
    let h = 0x2545f491;
    for (let k = 0; k < width; k++) h = Math.imul(h ^ th[i + k]!, 0x01000193);
    h = fmix(h);
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
