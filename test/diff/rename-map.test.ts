import { describe, expect, it } from 'vitest';
import { applyRenames, renameMap } from '../../src/diff/rename-map.js';
import { canonicalize } from '../../src/units/canonical.js';

const view = (src: string, top: string[] = []) => canonicalize(src, { topLevelNames: new Set(top) });

describe('renameMap', () => {
  it('maps every renamed local back to the old name, so a rename-only unit rewrites to the old text', () => {
    const oldSrc = 'function f(a,b){var c=a+b;return c*2}';
    const newSrc = 'function g(x,y){var z=x+y;return z*2}';
    const v = view(newSrc);
    expect(applyRenames(newSrc, v, renameMap(view(oldSrc), v))).toBe(oldSrc);
  });

  it('keeps the mapping after an inserted statement shifts the numbering', () => {
    const oldSrc = 'function f(a,b){var c=a+b;return c*2}';
    const newSrc = 'function g(x,y){var w=Date.now();var z=x+y;return z*w}';
    const v = view(newSrc);
    const renamed = applyRenames(newSrc, v, renameMap(view(oldSrc), v));
    expect(renamed).toBe('function f(a,b){var w=Date.now();var c=a+b;return c*w}');
  });

  it('never hides a swap: the swapped operands stay visible after renaming', () => {
    const oldSrc = 'function f(a,b){return a-b}';
    const newSrc = 'function g(x,y){return y-x}';
    const v = view(newSrc);
    const renamed = applyRenames(newSrc, v, renameMap(view(oldSrc), v));
    expect(renamed).toBe('function f(a,b){return b-a}');
  });

  it('keeps the key of a shorthand property when it renames the binding', () => {
    const oldSrc = 'function f(a){return {a,b:a}}';
    const newSrc = 'function g(x){return {x,b:x}}';
    const v = view(newSrc);
    const renamed = applyRenames(newSrc, v, renameMap(view(oldSrc), v));
    expect(renamed).toBe('function f(a){return {x: a,b:a}}');
  });

  it('maps references to other top-level units too', () => {
    const oldSrc = 'function f(a){return Q1(a)+"x"}';
    const newSrc = 'function g(b){return Z9(b)+"x"}';
    const v = view(newSrc, ['Z9', 'g']);
    expect(applyRenames(newSrc, v, renameMap(view(oldSrc, ['Q1', 'f']), v))).toBe(oldSrc);
  });
});
