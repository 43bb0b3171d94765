import { describe, expect, it } from 'vitest';
import { unescapeJsString } from '../../../src/classify/unicode/index.js';

describe('unescapeJsString', () => {
  it('decodes \\u, \\u{…} and \\x escapes', () => {
    expect(unescapeJsString(String.raw`Today\u2019s`)).toBe('Today’s');
    expect(unescapeJsString(String.raw`\u02BC\u02b9`)).toBe('ʼʹ');
    expect(unescapeJsString(String.raw`\u{1F600}\u{41}`)).toBe('😀A');
    expect(unescapeJsString(String.raw`\uD83D\uDE00`)).toBe('😀');
    expect(unescapeJsString(String.raw`\x41\x4e\x54`)).toBe('ANT');
  });

  it('decodes single-character escapes and drops line continuations', () => {
    expect(unescapeJsString(String.raw`a\nb\tc\r\b\f\v\\\'\"\``)).toBe('a\nb\tc\r\b\f\v\\\'"`');
    expect(unescapeJsString('one\\\ntwo\\\r\nthree')).toBe('onetwothree');
    expect(unescapeJsString(String.raw`\q\$`)).toBe('q$');
  });

  it('strips matching quotes, keeps unmatched ones', () => {
    expect(unescapeJsString(String.raw`"\u2019"`)).toBe('’');
    expect(unescapeJsString(String.raw`'\u02BC'`)).toBe('ʼ');
    expect(unescapeJsString('`x`')).toBe('x');
    expect(unescapeJsString(`"x'`)).toBe(`"x'`);
  });

  it('decodes \\0 and legacy octal as sloppy-mode code would', () => {
    expect(unescapeJsString(String.raw`\0`)).toBe('\0');
    expect(unescapeJsString(String.raw`\101\1011`)).toBe('AA1');
    expect(unescapeJsString(String.raw`\8\9`)).toBe('89');
  });

  it('keeps malformed escapes as written', () => {
    expect(unescapeJsString(String.raw`\u12`)).toBe('\\u12');
    expect(unescapeJsString(String.raw`\u{110000}`)).toBe('\\u{110000}');
    expect(unescapeJsString(String.raw`\xZ1`)).toBe('\\xZ1');
    expect(unescapeJsString('end\\')).toBe('end\\');
  });

  it('agrees with JSON for JSON-compatible strings', () => {
    for (const s of ['plain', 'tab\there', 'quote"and\\slash', 'smart ’ quote', '\u200b\u202e', '😀']) {
      const raw = JSON.stringify(s);
      expect(unescapeJsString(raw)).toBe(JSON.parse(raw));
    }
  });
});
