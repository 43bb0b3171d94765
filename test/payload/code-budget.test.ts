import { describe, expect, it } from 'vitest';
import { applyCodeBudget } from '../../src/payload/code-budget.js';
import type { Payload } from '../../src/types.js';

function payloadOf(sizes: number[]): Payload {
  const files = [{ path: 'package.json', size: 2, sha256: 'm', kind: 'manifest' as const }, ...sizes.map((size, i) => ({ path: `f${i}.js`, size, sha256: `s${i}`, kind: 'js' as const }))];
  const text = new Map<string, string>([['package.json', '{}'], ...sizes.map((size, i): [string, string] => [`f${i}.js`, 'x'.repeat(size)])]);
  return { files, text };
}

describe('the code budget of a version', () => {
  it('analyses every file within the budget, untouched', () => {
    const payload = payloadOf([10, 10, 10]);
    expect(applyCodeBudget(payload, { maxCodeFiles: 3, maxCodeBytes: 30 })).toBe(payload);
  });

  it('lists files past the file count with the reason and drops their text', () => {
    const out = applyCodeBudget(payloadOf([10, 10, 10, 10]), { maxCodeFiles: 2, maxCodeBytes: 1000 });
    expect(out.files.filter((f) => f.skipped).map((f) => [f.path, f.skipped])).toEqual([
      ['f2.js', 'over the 2 JavaScript files analysed per version'],
      ['f3.js', 'over the 2 JavaScript files analysed per version'],
    ]);
    expect([...out.text.keys()]).toEqual(['package.json', 'f0.js', 'f1.js']);
  });

  it('lists files past the byte budget, and keeps analysing smaller ones that still fit', () => {
    const out = applyCodeBudget(payloadOf([600, 600, 300]), { maxCodeFiles: 100, maxCodeBytes: 1000 });
    expect(out.files.find((f) => f.path === 'f1.js')!.skipped).toMatch(/^over the 0 MB of JavaScript analysed per version$/);
    expect(out.text.has('f0.js') && out.text.has('f2.js')).toBe(true);
    expect(out.text.has('f1.js')).toBe(false);
  });
});
