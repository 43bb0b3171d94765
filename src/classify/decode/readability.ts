// How much a decoded text looks like something a person wrote: words, host names, lists.
// Used to pick an XOR key among 256 and to decide whether a decoded literal is worth showing.

/** At or above this, a decoded text is reported as readable. */
export const READABLE = 0.7;

/** Only this much of a long text is scored: the score is a property of its beginning. */
const SAMPLE_CHARS = 4096;

const VOWELS = /[aeiouy]/gi;
// English letter frequencies (a..z), for telling words from random letters.
const ENGLISH = [
  0.082, 0.015, 0.028, 0.043, 0.127, 0.022, 0.02, 0.061, 0.07, 0.0015, 0.008, 0.04, 0.024, 0.067, 0.075, 0.019, 0.001,
  0.06, 0.063, 0.091, 0.028, 0.01, 0.024, 0.0015, 0.02, 0.0007,
];
/** Σ p_text(l)·p_english(l): about 0.065 for English, 0.038 for uniformly random letters. */
function englishLetterOverlap(text: string): number {
  const counts = new Array<number>(26).fill(0);
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (c >= 97 && c <= 122) {
      counts[c - 97]!++;
      total++;
    }
  }
  if (total === 0) return 0;
  let sum = 0;
  for (let l = 0; l < 26; l++) sum += (counts[l]! / total) * ENGLISH[l]!;
  return sum;
}
const CONSONANT_RUN = /[b-df-hj-np-tv-xz]{5,}/i;
// Punctuation that ordinary text, lists, host names, paths and URLs use.
const COMMON_PUNCT = new Set(' \t\n\r,.-_/:;\'"()!?@&=+%#*[]{}<>|~$'.split(''));

function isWordLike(token: string): boolean {
  // Short tokens: one case, and a vowel unless upper-case (a, I, of, cn, US…).
  if (token.length <= 2) {
    if (token.length === 1) return /[aAI]/.test(token);
    if (/^[A-Z]{2}$/.test(token)) return true;
    return /^[a-z]{2}$/.test(token) || /^[A-Z][a-z]$/.test(token);
  }
  // Longer runs of letters without a capital (a camelCase join) are not words.
  if (token.length > 15 && !/[a-z][A-Z]/.test(token)) return false;
  const vowels = token.match(VOWELS)?.length ?? 0;
  const ratio = vowels / token.length;
  if (ratio < 0.15 || ratio > 0.8) return false;
  if (CONSONANT_RUN.test(token)) return false;
  // lower, UPPER, Capitalized, camelCase: few case changes, each into a capitalised part.
  let changes = 0;
  for (let i = 1; i < token.length; i++) {
    const a = token.charCodeAt(i - 1) >= 97;
    const b = token.charCodeAt(i) >= 97;
    if (a !== b) changes++;
  }
  return changes <= Math.max(1, Math.floor(token.length / 5));
}

/**
 * 0..1: printable characters, letters in word-like runs (vowels, no long consonant runs, normal
 * casing), little unusual punctuation. Prose, host lists and keyword lists score above 0.8;
 * random bytes under 0.3; decoded identifiers and random printable strings in between.
 */
export function readability(text: string): number {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  if (sample.length === 0) return 0;
  let n = 0;
  let printable = 0;
  let letters = 0;
  let digits = 0;
  let unusual = 0;
  for (const ch of sample) {
    n++;
    const c = ch.codePointAt(0)!;
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) {
      letters++;
      printable++;
    } else if (c >= 0x30 && c <= 0x39) {
      digits++;
      printable++;
    } else if (COMMON_PUNCT.has(ch)) {
      printable++;
    } else if (c >= 0x20 && c < 0x7f) {
      printable++;
      unusual++;
    } else if (c >= 0xa0 && /[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]/u.test(ch) && !(c >= 0xa0 && c <= 0xff)) {
      // Non-Latin text counts as printable, not as words. Latin-1 letters do not: they are
      // what random bytes decode to.
      printable++;
    } else {
      unusual++;
    }
  }
  const printableFrac = printable / n;
  // Text that people wrote has next to no control characters; bytes under a wrong key do.
  if (printableFrac < 0.95) return round(printableFrac * 0.3);
  let wordLetters = 0;
  let tokenLetters = 0;
  const tokenList = sample.match(/[A-Za-z]+/g) ?? [];
  for (const token of tokenList) {
    tokenLetters += token.length;
    if (isWordLike(token)) wordLetters += token.length;
  }
  let wordFrac = tokenLetters === 0 ? 0 : wordLetters / tokenLetters;
  // Words are a few letters long; random printable text breaks into one- and two-letter bits.
  if (tokenList.length > 0) wordFrac *= Math.min(1, tokenLetters / tokenList.length / 3.5);
  // Letters drawn at random are too evenly spread to be words.
  const overlap = englishLetterOverlap(sample);
  wordFrac *= Math.min(1, Math.max(0, (overlap - 0.038) / (0.052 - 0.038)));
  const alnumFrac = (letters + digits) / n;
  const unusualFrac = unusual / n;
  let score = 0.15 * printableFrac + 0.45 * wordFrac + 0.2 * Math.min(1, alnumFrac / 0.6) + 0.2 * Math.max(0, 1 - unusualFrac * 5);
  // A few letters prove little.
  if (letters < 4) score *= 0.6;
  return round(score);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
