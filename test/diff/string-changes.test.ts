import { describe, expect, it } from 'vitest';
import { changedStrings } from '../../src/diff/string-changes.js';
import { canonicalize } from '../../src/units/canonical.js';

const tokens = (src: string) => canonicalize(src, { topLevelNames: new Set() }).tokens;

describe('changedStrings', () => {
  it('diffs a changed prompt word by word inside a renamed unit', () => {
    const before = 'function f(a){return a+"You are a helpful assistant. Answer the question briefly and politely."}';
    const after = 'function g(b){return b+"You are a helpful assistant. Answer the question briefly, politely and in English."}';
    const [change, ...rest] = changedStrings(tokens(before), tokens(after), 'x.js § function g');
    expect(rest).toEqual([]);
    expect(change!.before).toBe('You are a helpful assistant. Answer the question briefly and politely.');
    const added = change!.words.filter((w) => w.added).map((w) => w.value).join('|');
    expect(added).toContain('English');
    // Reassembled, each side is its text again.
    expect(change!.words.filter((w) => !w.added).map((w) => w.value).join('')).toBe(change!.before);
    expect(change!.words.filter((w) => !w.removed).map((w) => w.value).join('')).toBe(change!.after);
    // The words that stayed are not marked.
    expect(change!.words.find((w) => w.value.includes('helpful'))).toEqual({ value: expect.stringContaining('helpful') });
  });

  it('decodes escapes first, so an apostrophe swapped for a look-alike shows as that one character', () => {
    const before = 'var s="Today\\u0027s date is 2026-06-30 and the weather is fine today."';
    const after = 'var t="Today\\u2019s date is 2026/06/30 and the weather is fine today."';
    const [change] = changedStrings(tokens(before), tokens(after), 'u');
    expect(change!.after).toContain('Today\u2019s');
    expect(change!.words.filter((w) => w.added).map((w) => w.value)).toEqual(['\u2019', '/', '/']);
    expect(change!.words.filter((w) => w.removed).map((w) => w.value)).toEqual(["'", '-', '-']);
  });

  it('says nothing about unchanged or unrelated texts', () => {
    const same = 'var s="A long enough text that does not change between the builds."';
    expect(changedStrings(tokens(same), tokens(same.replace('var s', 'var q')), 'u')).toEqual([]);
    const other = 'var s="Completely different words appear in this replacement sentence here."';
    expect(changedStrings(tokens(same), tokens(other), 'u')).toEqual([]);
  });
});
