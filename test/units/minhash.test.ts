import { describe, expect, it } from 'vitest';
import { canonicalize, estimateJaccard, extractUnits, minhash, MINHASH_SIZE } from '../../src/units/index.js';

/** A large function body: many distinct statements, as in a real module. */
function bigFunction(name: string, variant = 0): string {
  const lines: string[] = [];
  for (let i = 0; i < 150; i++) {
    const n = i === 75 ? i + variant : i;
    lines.push(`  if (opts.flag${i}) { total += compute${i % 7}(value, ${n}); log("step ${i}", total); }`);
  }
  return `function ${name}(opts, value) {\n  let total = 0;\n${lines.join('\n')}\n  return total;\n}`;
}

const unitOf = (text: string) => extractUnits('x.js', text).units[0]!;

describe('minhash', () => {
  it('gives identical units similarity 1', () => {
    const a = unitOf(bigFunction('f'));
    const b = unitOf(bigFunction('g'));
    expect(a.minhash).toHaveLength(MINHASH_SIZE);
    expect(a.minhash.every((v) => Number.isInteger(v) && v >= 0 && v <= 0xffffffff)).toBe(true);
    expect(estimateJaccard(a.minhash, b.minhash)).toBe(1);
  });

  it('gives a small edit in a large unit a high similarity', () => {
    const a = unitOf(bigFunction('f'));
    const b = unitOf(bigFunction('f', 1000));
    expect(a.hash).not.toBe(b.hash);
    expect(estimateJaccard(a.minhash, b.minhash)).toBeGreaterThan(0.8);
  });

  it('gives unrelated units a low similarity', () => {
    const a = unitOf(bigFunction('f'));
    const b = unitOf(
      `class Parser { constructor(input) { this.input = input; this.pos = 0; } peek() { return this.input[this.pos]; } ` +
        `next() { return this.input[this.pos++]; } eof() { return this.pos >= this.input.length; } ` +
        `skip(re) { while (!this.eof() && re.test(this.peek())) this.next(); } word() { let s = ''; ` +
        `while (!this.eof() && /\\w/.test(this.peek())) s += this.next(); return s; } }`,
    );
    expect(estimateJaccard(a.minhash, b.minhash)).toBeLessThan(0.3);
  });

  it('does not change when an inserted binding renumbers the placeholders after it', () => {
    const a = canonicalize('function f(a,b){var c=a+b;return g(c,a,b,c,a,b,c,a,b)}', { topLevelNames: new Set() });
    const b = canonicalize('function f(z,a,b){var c=a+b;return g(c,a,b,c,a,b,c,a,b)}', { topLevelNames: new Set() });
    const sa = minhash(a.tokens.map((t) => t.text));
    const sb = minhash(b.tokens.map((t) => t.text));
    expect(estimateJaccard(sa, sb)).toBeGreaterThan(0.7);
  });

  it('handles units shorter than a shingle and empty ones', () => {
    expect(minhash(['a'])).toHaveLength(MINHASH_SIZE);
    expect(estimateJaccard(minhash(['a', 'b']), minhash(['a', 'b']))).toBe(1);
    expect(estimateJaccard(minhash([]), minhash([]))).toBe(1);
    expect(estimateJaccard([], [])).toBe(0);
  });

  it('is stable across runs: fixed seeds', () => {
    expect(minhash(['var', '$0', '=', '1'])).toEqual(minhash(['var', '$7', '=', '1']));
    expect(minhash(['var', '$0', '=', '1'])[0]).toBe(minhash(['var', '$0', '=', '1'])[0]);
  });
});
