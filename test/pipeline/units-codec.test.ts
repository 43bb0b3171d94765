import { isAscii } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { asciiJson, decodeUnits, encodeUnits } from '../../src/pipeline/units-codec.js';
import { decodePayload, encodePayload } from '../../src/pipeline/prepare-version.js';
import type { Payload } from '../../src/types.js';
import { extractUnits } from '../../src/units/index.js';

const SOURCE = [
  'const greeting = "Grüße aus Köln — 你好, 世界 😀 and a long enough anchor";',
  'function zone(x) { return Intl.DateTimeFormat().resolvedOptions().timeZone === "Asia/Shanghai" ? x + 1 : x; }',
  'var sep = "line\u2028separator", lone = "\\ud800";',
  'class Box { #v = 1; get v() { return this.#v; } }',
].join('\n');

describe('units codec', () => {
  it('round-trips a file of units, in ASCII only, all but the canonical texts', () => {
    const units = extractUnits('a.js', SOURCE);
    const bytes = encodeUnits(units);
    expect(isAscii(bytes)).toBe(true);
    expect(bytes.toString('latin1')).not.toContain('"canonical"');
    const decoded = decodeUnits(bytes);
    expect(decoded).toEqual({ ...units, units: units.units.map(({ canonical: _, ...unit }) => unit) });
    // What is kept still identifies each canonical text.
    expect(units.units.every((u) => u.canonical && u.hash.length === 32)).toBe(true);
    expect(decoded.units.map((u) => u.hash)).toEqual(units.units.map((u) => u.hash));
  });

  it('keeps every signature value, including the largest', () => {
    const units = extractUnits('a.js', SOURCE);
    units.units[0]!.minhash = units.units[0]!.minhash.map((_, k) => (k % 2 ? 0xffffffff : k));
    expect(decodeUnits(encodeUnits(units)).units[0]!.minhash).toEqual(units.units[0]!.minhash);
  });

  it('rejects signatures that do not match the units', () => {
    const units = extractUnits('a.js', SOURCE);
    const cached = JSON.parse(encodeUnits(units).toString('utf8')) as { minhash: string };
    cached.minhash = cached.minhash.slice(0, 8);
    expect(() => decodeUnits(Buffer.from(JSON.stringify(cached)))).toThrow(/signatures/);
  });

  it('escapes non-ASCII JSON without changing its value', () => {
    for (const value of ['', 'plain', 'é', '€uro', '😀', 'a\u2028b', '\ud800', ['中', { k: 'ü😀x' }], 'x'.repeat(5) + 'ÿ'.repeat(3)]) {
      const bytes = asciiJson(JSON.stringify(value));
      expect(isAscii(bytes)).toBe(true);
      expect(JSON.parse(bytes.toString('utf8'))).toEqual(value);
    }
  });
});

describe('cached payload', () => {
  const payload = (text: [string, string][]): Payload => ({
    files: text.map(([path]) => ({ path, size: 1, sha256: 'ab', kind: path.endsWith('.js') ? 'js' : 'manifest' })),
    text: new Map(text),
  });

  it('round-trips texts in the framed form', () => {
    const p = payload([['package.json', '{"name":"x"}\n'], ['a.js', 'const s = "Grüße 😀";\nlet b = 1;\r\n'], ['empty.js', '']]);
    p.native = { platform: 'linux-x64', binaries: [] };
    const bytes = encodePayload(p);
    expect(bytes.indexOf(0x0a)).toBeGreaterThan(0);
    expect(decodePayload(bytes)).toEqual({ payload: p, json: false });
  });

  it('keeps a text with a lone surrogate in the JSON form, and reads that form', () => {
    const p = payload([['a.js', 'const s = "\ud800";']]);
    const bytes = encodePayload(p);
    expect(bytes.indexOf(0x0a)).toBe(-1);
    expect(decodePayload(bytes)).toEqual({ payload: p, json: true });
  });

  it('refuses bytes that are not a payload', () => {
    expect(decodePayload(Buffer.from('not json'))).toBeNull();
    const framed = encodePayload(payload([['a.js', 'let a = 1;']]));
    expect(decodePayload(framed.subarray(0, framed.length - 1))).toBeNull();
  });
});
