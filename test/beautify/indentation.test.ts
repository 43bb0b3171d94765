import { describe, expect, it } from 'vitest';
import { estimateFromChars, estimateIndentation, indentationBudget } from '../../src/beautify/indentation.js';
import { beautifyJs } from '../../src/workers/tasks.js';

const nested = (depth: number) => `module.exports = ${'['.repeat(depth)}${']'.repeat(depth)};\n`;

describe('the indentation budget of beautified text', () => {
  it('leaves ordinary code indented as usual', () => {
    const source = 'function f(a){if(a){return [1,2,{b:[3]}]}return null}module.exports=f;';
    const out = beautifyJs(source);
    expect(out.flat).toBeUndefined();
    expect(out.text).toContain('\n  if (a) {\n    return');
  });

  it('beautifies deep nesting without indentation, linear in size, and says why', () => {
    for (const depth of [10_000, 20_000]) {
      const source = nested(depth);
      const out = beautifyJs(source);
      expect(out.flat).toMatch(new RegExp(`^nested ${depth.toLocaleString('en-US')} levels deep: beautified without indentation`));
      // The indented form would be about depth² characters; this one stays within a few times the input.
      expect(out.text.length).toBeLessThan(5 * source.length);
      expect(out.text).not.toMatch(/\n[ \t]/);
      expect(out.text.split('\n').length).toBeGreaterThan(depth);
    }
  });

  it('does not count brackets inside strings, templates, regular expressions or comments', () => {
    const decoys = `const s = "${'('.repeat(5000)}"; const t = \`${'['.repeat(5000)}\`; const r = /${'\\{'.repeat(2000)}/; // ${'('.repeat(5000)}\n`;
    const estimate = estimateIndentation(decoys);
    expect(estimate.tokens).toBe(true);
    expect(estimate.depth).toBe(0);
    expect(beautifyJs(decoys).flat).toBeUndefined();
  });

  it('cannot be steered by closing brackets hidden in strings', () => {
    // Real nesting, then closers in a string that a character count would take as real.
    const depth = 3000;
    const steer = `x = ${'['.repeat(depth)}")${')'.repeat(depth)}", ${'{a:1,'.repeat(2000)}${'}'.repeat(2000)}${']'.repeat(depth)};`;
    expect(estimateFromChars(steer).depth).toBeLessThan(estimateIndentation(steer).depth);
    expect(estimateIndentation(steer).depth).toBeGreaterThanOrEqual(depth);
    expect(beautifyJs(steer).flat).toBeDefined();
  });

  it('measures text that does not tokenize after the fact', () => {
    // Not JavaScript (an unterminated template), deeply nested: counted by characters, flat.
    const broken = `\`${'{'.repeat(8000)}x;`;
    expect(estimateIndentation(broken).tokens).toBe(false);
    const out = beautifyJs(broken);
    expect(out.text.length - broken.length).toBeLessThanOrEqual(indentationBudget(broken.length));
  });
});
