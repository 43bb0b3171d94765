import { describe, expect, it } from 'vitest';
import { findHiddenChars } from '../../../src/classify/unicode/index.js';

const kinds = (text: string, all = false): Array<[number, string, string]> =>
  findHiddenChars(text, { all }).map((h) => [h.index, h.kind, h.name]);

describe('findHiddenChars', () => {
  it('finds bidi controls (Trojan Source)', () => {
    expect(kinds('if (accessLevel != "user\u202E \u2066// Check if admin\u2069 \u2066") {')).toEqual([
      [24, 'bidi', 'RIGHT-TO-LEFT OVERRIDE'],
      [26, 'bidi', 'LEFT-TO-RIGHT ISOLATE'],
      [44, 'bidi', 'POP DIRECTIONAL ISOLATE'],
      [46, 'bidi', 'LEFT-TO-RIGHT ISOLATE'],
    ]);
  });

  it('finds zero-width and other invisible characters', () => {
    expect(kinds('pass\u200Bword\u200C\u200D\u2060x\u00AD\u3164\u2800')).toEqual([
      [4, 'zero-width', 'ZERO WIDTH SPACE'],
      [9, 'zero-width', 'ZERO WIDTH NON-JOINER'],
      [10, 'zero-width', 'ZERO WIDTH JOINER'],
      [11, 'zero-width', 'WORD JOINER'],
      [13, 'invisible', 'SOFT HYPHEN'],
      [14, 'invisible', 'HANGUL FILLER'],
      [15, 'invisible', 'BRAILLE PATTERN BLANK'],
    ]);
  });

  it('finds tag characters that spell a hidden message, with UTF-16 indices', () => {
    const hidden = Array.from('hi', (c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');
    expect(kinds('😀ok' + hidden)).toEqual([
      [4, 'tag', 'TAG LATIN SMALL LETTER H'],
      [6, 'tag', 'TAG LATIN SMALL LETTER I'],
    ]);
  });

  it('finds variation selectors that carry data behind an emoji', () => {
    const smuggled = '😀\uFE0F' + String.fromCodePoint(0xe0100, 0xe0142, 0xe01ef);
    expect(kinds(smuggled).map(([, kind, name]) => [kind, name])).toEqual([
      ['variation-selector', 'VARIATION SELECTOR-17'],
      ['variation-selector', 'VARIATION SELECTOR-83'],
      ['variation-selector', 'VARIATION SELECTOR-256'],
    ]);
    expect(kinds('a\uFE0F')).toEqual([[1, 'variation-selector', 'VARIATION SELECTOR-16']]);
  });

  it('finds private-use and unassigned default-ignorable characters', () => {
    expect(kinds('\uE000' + String.fromCodePoint(0xf0000) + String.fromCodePoint(0xe0080))).toEqual([
      [0, 'private-use', '<private-use-E000>'],
      [1, 'private-use', '<private-use-F0000>'],
      [3, 'invisible', '<unassigned-E0080>'],
    ]);
  });

  it('leaves the hidden characters of ordinary text alone unless asked', () => {
    const ordinary = [
      '\uFEFFfile starts with a byte-order mark',
      'I ❤️ it', // emoji presentation selector
      '👨‍👩‍👧 family', // emoji ZWJ sequence
      '👍🏽‍', // not a sequence: trailing joiner is reported (checked below)
      'می‌خواهم', // Persian zero-width non-joiner
      'क्‍ष', // Devanagari joiner
      '🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}', // flag of England
      '葛\u{E0100}', // ideographic variation sequence
    ];
    expect(ordinary.flatMap((text) => kinds(text))).toEqual([[4, 'zero-width', 'ZERO WIDTH JOINER']]);
    expect(kinds(ordinary[0]!, true)).toEqual([[0, 'zero-width', 'ZERO WIDTH NO-BREAK SPACE']]);
    expect(kinds(ordinary[2]!, true)).toHaveLength(2);
    expect(kinds('mid\uFEFFdle')).toEqual([[3, 'zero-width', 'ZERO WIDTH NO-BREAK SPACE']]);
    expect(kinds('Latin\u200Cjoiner')).toEqual([[5, 'zero-width', 'ZERO WIDTH NON-JOINER']]);
  });

  it('finds nothing in plain text and ordinary punctuation', () => {
    expect(findHiddenChars('Today’s date is 2026/06/30 — “quoted” …')).toEqual([]);
  });
});
