import { describe, expect, it } from 'vitest';
import {
  decodeBase64,
  decodeHex,
  READABLE,
  readability,
  recoverSingleByteXor,
  xorRepeating,
  xorSingle,
} from '../../../src/classify/decode/index.js';
import { mulberry32 } from '../../helpers/prng.js';
import { KEYWORDS } from './flagship.js';

const text = (bytes: Uint8Array | null): string => Buffer.from(bytes ?? []).toString('utf8');

function randomBytes(n: number, seed: number): Uint8Array {
  const next = mulberry32(seed);
  return Uint8Array.from({ length: n }, () => Math.floor(next() * 256));
}

describe('decodeBase64', () => {
  it('decodes the standard and the URL-safe alphabet', () => {
    expect(text(decodeBase64(Buffer.from('hello world?>').toString('base64')))).toBe('hello world?>');
    expect(text(decodeBase64(Buffer.from('hello world?>').toString('base64url')))).toBe('hello world?>');
  });

  it('is strict about alphabet, length and padding', () => {
    expect(decodeBase64('aGVsbG8=')).not.toBeNull();
    expect(decodeBase64('aGVsbG8gd28')).not.toBeNull(); // unpadded
    expect(decodeBase64('aGVsbA')).toBeNull(); // shorter than 8
    expect(decodeBase64('aGVsbG8==')).toBeNull(); // padding to a length that is not a multiple of 4
    expect(decodeBase64('aGVsbG8gd')).toBeNull(); // 4n+1 characters
    expect(decodeBase64('aGVs bG8gd29y')).toBeNull(); // whitespace
    expect(decodeBase64('a+b-cdefgh')).toBeNull(); // mixed alphabets
    expect(decodeBase64('data:image/png;base64,iVBORw0KGgo=')).toBeNull();
  });
});

describe('decodeHex', () => {
  it('decodes even-length hex in one case', () => {
    expect(text(decodeHex('68656c6c6f'))).toBe('hello');
    expect(text(decodeHex('68656C6C6F'))).toBe('hello');
    expect(decodeHex('68656c6c6')).toBeNull();
    expect(decodeHex('68656C6c6f')).toBeNull();
    expect(decodeHex('6865')).toBeNull();
    expect(decodeHex('zz656c6c6f')).toBeNull();
  });
});

describe('xor', () => {
  it('single byte and repeating key are their own inverses', () => {
    const plain = Buffer.from('deepseek,moonshot');
    expect(text(xorSingle(xorSingle(plain, 0x5b), 0x5b))).toBe('deepseek,moonshot');
    const key = Buffer.from('k3y');
    const encoded = xorRepeating(plain, key);
    expect(encoded[0]).toBe('d'.charCodeAt(0) ^ 'k'.charCodeAt(0));
    expect(encoded[3]).toBe('p'.charCodeAt(0) ^ 'k'.charCodeAt(0));
    expect(text(xorRepeating(encoded, key))).toBe('deepseek,moonshot');
  });
});

describe('recoverSingleByteXor', () => {
  it('recovers the key of a keyword list', () => {
    const found = recoverSingleByteXor(xorSingle(Buffer.from(KEYWORDS.join(',')), 0x5b));
    expect(found).toMatchObject({ key: 0x5b, text: KEYWORDS.join(',') });
    expect(found!.readability).toBeGreaterThanOrEqual(READABLE);
  });

  it('prefers the lower-case reading over the case-flipped key', () => {
    const found = recoverSingleByteXor(xorSingle(Buffer.from('moonshot minimax deepseek zhipu'), 0x17));
    expect(found?.key).toBe(0x17);
  });

  it('recovers every key for prose', () => {
    const prose = Buffer.from('The system prompt says that today is a good day to write a date with slashes.');
    for (let key = 1; key < 256; key++) expect(recoverSingleByteXor(xorSingle(prose, key))?.key).toBe(key);
  });

  it('finds nothing in random bytes', () => {
    for (let seed = 1; seed <= 200; seed++) expect(recoverSingleByteXor(randomBytes(24 + (seed % 200), seed))).toBeNull();
  });
});

describe('readability', () => {
  it('scores lists and prose high, noise low', () => {
    expect(readability(KEYWORDS.join(','))).toBeGreaterThanOrEqual(0.9);
    expect(readability('cn,sankuai.com,baidu.com,alibaba-inc.com')).toBeGreaterThanOrEqual(0.9);
    expect(readability('Today is a good day.')).toBeGreaterThanOrEqual(0.9);
    expect(readability('https://example.com/api/v1/collect?id=1')).toBeGreaterThanOrEqual(READABLE);
    expect(readability(Buffer.from(randomBytes(64, 7)).toString('latin1'))).toBeLessThan(0.3);
    expect(readability('')).toBe(0);
  });

  it('scores random letters and random printable ASCII under the threshold', () => {
    const next = mulberry32(42);
    for (let i = 0; i < 300; i++) {
      const n = 24 + Math.floor(next() * 60);
      const letters = Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(next() * 26))).join('');
      const printable = Array.from({ length: n }, () => String.fromCharCode(33 + Math.floor(next() * 94))).join('');
      expect(readability(letters)).toBeLessThan(READABLE);
      expect(readability(printable)).toBeLessThan(READABLE + 0.15);
    }
  });
});
