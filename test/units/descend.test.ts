// Units below the top level: a library shipped as one UMD wrapper, and minifiers' long `var`
// lists. Built for real: acorn's own UMD build from node_modules, edited deep inside its factory,
// minified by terser with every name mangled, diffed through the unit diff.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import jsBeautify from 'js-beautify';
import { minify } from 'terser';
import { describe, expect, it } from 'vitest';
import { BEAUTIFY_OPTIONS } from '../../src/beautify/beautify-options.js';
import { countChanges, diffLines, splitLines } from '../../src/diff/line-diff.js';
import { diffUnits } from '../../src/diff/unit-diff.js';
import { extractUnits } from '../../src/units/extract-units.js';
import { unitText } from '../../src/units/unit-text.js';

const NODE_MODULES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../node_modules');
const ACORN = readFileSync(path.join(NODE_MODULES, 'acorn/dist/acorn.js'), 'utf8');
const beautify = (s: string) => jsBeautify.js(s, BEAUTIFY_OPTIONS);

function changedLines(a: string, b: string): number {
  const c = countChanges(diffLines(splitLines(beautify(a)), splitLines(beautify(b)), { ignoreWhitespace: true }));
  return c.added + c.removed;
}

async function build(code: string): Promise<string> {
  return (await minify(code, { toplevel: true, mangle: { toplevel: true }, compress: { passes: 1 } })).code!;
}

async function unitDiffLines(a: string, b: string): Promise<number> {
  const old = { path: 'lib.min.js', text: a, units: extractUnits('lib.min.js', a) };
  const now = { path: 'lib.min.js', text: b, units: extractUnits('lib.min.js', b) };
  const { files } = await diffUnits([old], [now], { beautify: async (s) => beautify(s), maxUnitLines: 20_000 });
  return files.reduce((n, f) => n + f.linesAdded + f.linesRemoved, 0);
}

describe('units inside a one-wrapper library', () => {
  it("splits acorn's UMD factory into its statements, with one wrapper unit for the rest", () => {
    const units = extractUnits('acorn.js', ACORN).units;
    const wrappers = units.filter((u) => u.kind === 'wrapper');
    expect(wrappers).toHaveLength(1);
    expect(units.length).toBeGreaterThan(200);
    const wrapper = wrappers[0]!;
    // The wrapper's text is the UMD head and its closing, which parses alone.
    const text = unitText(ACORN, wrapper);
    expect(text.startsWith('(function (global, factory) {')).toBe(true);
    expect(text.length).toBeLessThan(2000);
    expect(units.filter((u) => u.parent === wrapper.index).length).toBeGreaterThan(200);
  });

  it('a nine-line edit inside the factory, rebuilt with every name mangled, shows as about nine lines', async () => {
    const at = ACORN.indexOf('\n  var Position = function Position(');
    expect(at).toBeGreaterThan(0);
    const added = '\n  function strataHelper(value, limit) {\n    var count = 0;\n    for (var i = 0; i < limit; i++) {\n      count += String(value).length;\n    }\n    return count;\n  }\n  strataHelper("x", 1);\n  var strataFlag = strataHelper(true, 2) > 3;';
    const edited = ACORN.slice(0, at) + added + ACORN.slice(at);
    const truth = changedLines(ACORN, edited);
    const [a, b] = await Promise.all([build(ACORN), build(edited)]);
    const plain = changedLines(a, b);
    const strata = await unitDiffLines(a, b);
    expect(truth).toBeGreaterThanOrEqual(9);
    expect(strata).toBeLessThanOrEqual(2 * truth);
    expect(strata).toBeLessThanOrEqual(plain);
    // The plain diff of the minified builds is far larger: every name moved.
    expect(plain).toBeGreaterThan(5 * truth);
  }, 60_000);
});

describe('declaration lists', () => {
  it('are one unit per declarator, so a declaration added in the middle is the only change', async () => {
    const before = 'var alpha = 1, beta = function (x) { return x + alpha; }, gamma = [1, 2, 3];';
    const after = 'var alpha = 1, beta = function (x) { return x + alpha; }, added = beta(2) * 7, gamma = [1, 2, 3];';
    const units = extractUnits('a.js', after).units;
    expect(units.map((u) => [u.declares, u.keyword])).toEqual([[['alpha'], 'var'], [['beta'], 'var'], [['added'], 'var'], [['gamma'], 'var']]);
    // Each reads as the declaration it is.
    expect(unitText(after, units[2]!)).toBe('var added = beta(2) * 7');
    expect(await unitDiffLines(before, after)).toBe(1);
  });

  it('a list split in two, or joined, changes no unit', async () => {
    expect(await unitDiffLines('var a = 1, b = 2, c = 3;', 'var a = 1; var b = 2, c = 3;')).toBe(0);
    expect(await unitDiffLines('var a = f(1);', 'var a = f(1), b = g();')).toBe(1);
  });
});
