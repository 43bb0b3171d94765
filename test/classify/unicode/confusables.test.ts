import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONFUSABLES_VERSION, describeCodePoint, lookAlikeSets, skeleton, unescapeJsString } from '../../../src/classify/unicode/index.js';

describe('skeleton', () => {
  it('maps apostrophe look-alikes to the ASCII apostrophe', () => {
    for (const ch of ["'", '\u2019', '\u02BC', '\u02B9', '\u2018', '`', '\u00B4', '\u2032', '\uFF07']) expect(skeleton(ch)).toBe("'");
  });

  it('maps letters of other scripts and mathematical alphabets to their Latin prototypes', () => {
    expect(skeleton('раураl')).toBe(skeleton('paypal')); // Cyrillic р, а, у
    expect(skeleton('𝐀𝐁𝐂')).toBe('ABC'); // MATHEMATICAL BOLD CAPITAL A, B, C
    expect(skeleton('𝐈')).toBe('l'); // …CAPITAL I, like I itself
    expect(skeleton('ⅿ')).toBe('rn'); // SMALL ROMAN NUMERAL ONE THOUSAND, like m itself
    expect(skeleton('Ωmega')).toBe('Ωrnega'); // Ω has no ASCII prototype: kept
  });

  it('normalises (NFD) before and after mapping', () => {
    expect(skeleton('é')).toBe(skeleton('e\u0301'));
    expect(skeleton('\u00A0')).toBe(' ');
  });
});

describe('lookAlikeSets', () => {
  it('groups the flagship apostrophes into one set of four', () => {
    expect(lookAlikeSets(["'", '\u2019', '\u02BC', '\u02B9'])).toEqual([
      {
        skeleton: "'",
        members: [
          { text: "'", codePoints: ['U+0027'] },
          { text: '\u2019', codePoints: ['U+2019'] },
          { text: '\u02BC', codePoints: ['U+02BC'] },
          { text: '\u02B9', codePoints: ['U+02B9'] },
        ],
      },
    ]);
  });

  it('groups the literals of the flagship code once unescaped', () => {
    const code = String.raw`let q=z?"'":y?"\u2019":x?"\u02BC":"\u02B9";return${'`'}Today${'${q}'}s date is ${'${d}'}.${'`'}`;
    const literals = [...code.matchAll(/"((?:\\.|[^"\\])*)"/g)].map((m) => unescapeJsString(m[1]!));
    const sets = lookAlikeSets(literals);
    expect(sets).toHaveLength(1);
    expect(sets[0]!.members.map((m) => m.codePoints[0])).toEqual(['U+0027', 'U+2019', 'U+02BC', 'U+02B9']);
  });

  it('groups whole strings that differ in one look-alike letter', () => {
    expect(lookAlikeSets(['paypal.com', 'раураl.com', 'other', 'paypal.com']).map((s) => s.members.map((m) => m.text))).toEqual([
      ['paypal.com', 'раураl.com'],
    ]);
  });

  it('leaves out sets that are all ASCII unless asked, and sets of one', () => {
    expect(lookAlikeSets(['l', '1', 'I', 'rn', 'm', 'x'])).toEqual([]);
    expect(lookAlikeSets(['l', '1', 'I', 'rn', 'm', 'x'], { includeAsciiOnly: true }).map((s) => s.members.length)).toEqual([3, 2]);
    expect(lookAlikeSets(['’', '’'])).toEqual([]);
  });
});

describe('describeCodePoint', () => {
  it('names the characters in the data', () => {
    expect(describeCodePoint(0x2019)).toBe('U+2019 RIGHT SINGLE QUOTATION MARK');
    expect(describeCodePoint(0x02bc)).toBe('U+02BC MODIFIER LETTER APOSTROPHE');
    expect(describeCodePoint(0x02b9)).toBe('U+02B9 MODIFIER LETTER PRIME');
    expect(describeCodePoint(0x27)).toBe('U+0027 APOSTROPHE');
    expect(describeCodePoint(0x200b)).toBe('U+200B ZERO WIDTH SPACE');
    expect(describeCodePoint(0x202e)).toBe('U+202E RIGHT-TO-LEFT OVERRIDE');
    expect(describeCodePoint(0x1d400)).toBe('U+1D400 MATHEMATICAL BOLD CAPITAL A');
    expect(describeCodePoint(0x1d408)).toBe('U+1D408 MATHEMATICAL BOLD CAPITAL I');
    expect(describeCodePoint(0xe0061)).toBe('U+E0061 TAG LATIN SMALL LETTER A');
    expect(describeCodePoint(0xe007f)).toBe('U+E007F CANCEL TAG');
    expect(describeCodePoint(0xfe0f)).toBe('U+FE0F VARIATION SELECTOR-16');
    expect(describeCodePoint(0xe01ef)).toBe('U+E01EF VARIATION SELECTOR-256');
  });

  it('falls back to the code point', () => {
    expect(describeCodePoint(0x4e00)).toBe('U+4E00');
    expect(describeCodePoint(0x1f600)).toBe('U+1F600');
  });
});

describe('confusables data', () => {
  it('says where it comes from', () => {
    const data = readFileSync(fileURLToPath(new URL('../../../src/classify/unicode/confusables-data.ts', import.meta.url)), 'utf8');
    expect(CONFUSABLES_VERSION).toBe('13.0.0');
    expect(data).toContain('https://www.unicode.org/Public/security/13.0.0/confusables.txt');
    expect(data).toContain('unhomoglyph@1.0.6');
    expect(data).toContain('Unicode License');
  });
});
