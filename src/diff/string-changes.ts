// Long texts (prompts, messages) that changed inside a matched unit, as word-level diffs: a line
// diff of a one-line prompt says only "this line changed".
import { diffWordsWithSpace } from 'diff';
import type { StringChange } from '../types.js';
import type { CanonicalToken } from '../units/canonical.js';

/** Texts at least this long, with white space in them, get a word diff. */
const MIN_LENGTH = 40;
/** Bounds, so hostile input cannot make the word diff slow. */
const MAX_LENGTH = 100_000;
const MAX_EDIT = 5_000;
const MAX_PER_UNIT = 20;

function literalText(t: CanonicalToken): string | null {
  if (t.text.length < MIN_LENGTH || !/\s/.test(t.text)) return null;
  if (t.text.startsWith('"')) {
    try {
      return JSON.parse(t.text) as string;
    } catch {
      return null;
    }
  }
  return t.text; // a template chunk: its text as written
}

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let both = 0;
  for (const w of a) if (b.has(w)) both++;
  return both / Math.max(1, a.size + b.size - both);
}

export function changedStrings(oldTokens: readonly CanonicalToken[], newTokens: readonly CanonicalToken[], unit: string): StringChange[] {
  const olds = new Set(oldTokens.map(literalText).filter((t): t is string => t !== null));
  const news = new Set(newTokens.map(literalText).filter((t): t is string => t !== null));
  const gone = [...olds].filter((t) => !news.has(t) && t.length <= MAX_LENGTH).map((t) => ({ text: t, words: words(t), used: false }));
  const out: StringChange[] = [];
  for (const after of news) {
    if (olds.has(after) || after.length > MAX_LENGTH || out.length >= MAX_PER_UNIT) continue;
    const w = words(after);
    let best: (typeof gone)[number] | null = null;
    let bestScore = 0.3;
    for (const g of gone) {
      const score = g.used ? 0 : jaccard(g.words, w);
      if (score > bestScore) [best, bestScore] = [g, score];
    }
    if (!best) continue;
    const parts = diffWordsWithSpace(best.text, after, { maxEditLength: MAX_EDIT });
    if (!parts) continue;
    best.used = true;
    out.push({
      unit,
      before: best.text,
      after,
      words: parts.map((p) => ({ value: p.value, ...(p.added ? { added: true } : {}), ...(p.removed ? { removed: true } : {}) })),
    });
  }
  return out;
}
