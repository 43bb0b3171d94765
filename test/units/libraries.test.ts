// Bundled packages named from their code, through a real esbuild bundle of packages in
// node_modules (semver as CommonJS modules, with its own internal modules), beside product code.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import jsBeautify from 'js-beautify';
import { afterAll, describe, expect, it } from 'vitest';
import { BEAUTIFY_OPTIONS } from '../../src/beautify/beautify-options.js';
import { diffUnits } from '../../src/diff/unit-diff.js';
import { extractUnits } from '../../src/units/extract-units.js';
import { libraryOf } from '../../src/units/libraries.js';

const NODE_MODULES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../node_modules');
const dir = mkdtempSync(path.join(os.tmpdir(), 'strata-libs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bundle(entry: string, minify: boolean): string {
  const file = path.join(dir, `entry-${Math.random().toString(36).slice(2)}.js`);
  writeFileSync(file, entry);
  const out = esbuild.buildSync({ entryPoints: [file], bundle: true, minify, write: false, platform: 'node', format: 'esm', logLevel: 'silent', nodePaths: [NODE_MODULES] });
  return out.outputFiles[0]!.text;
}

const PRODUCT = `export function greet(name) { return "hello " + name; }\nexport function farewell(name) { return "bye " + name; }\n`;
const WITH_SEMVER = `import semver from "semver";\n${PRODUCT}export function newer(a, b) { return semver.gt(a, b); }\n`;

describe('bundled packages', () => {
  it('names a piece of code from license comments, package paths, version banners and known strings', () => {
    expect(libraryOf('/*! ws. MIT License. Einar Otto Stangvik */ var x = 1')).toBe('ws');
    expect(libraryOf('/*! @azure/msal-node v3.8.1 2025-10-29 */')).toBe('@azure');
    expect(libraryOf('// node_modules/undici/lib/core/util.js\nvar p = 1')).toBe('undici');
    // A path in a string may be the product's own (a module it loads): not a package's code.
    expect(libraryOf('var p = "node_modules/left-pad/index.js"')).toBeUndefined();
    expect(libraryOf('var e = "UND_ERR_SOCKET"')).toBe('undici');
    expect(libraryOf('headers["user-agent"] = "aws-sdk-js/3.600.0"')).toBe('@aws-sdk');
    expect(libraryOf('var ua = "mytool/1.2.3 "')).toBe('mytool');
    // Runtimes and browsers are not packages; ordinary code names none.
    expect(libraryOf('var ua = "node/20.1.0 "')).toBeUndefined();
    expect(libraryOf('function add(a, b) { return a + b; }')).toBeUndefined();
  });

  it("names every module of a bundled package (its own modules reached from the one that says so), never the product's code", () => {
    for (const minify of [false, true]) {
      const text = bundle(WITH_SEMVER, minify);
      const units = extractUnits('out.js', text).units;
      const named = units.filter((u) => u.library === 'semver');
      // semver's modules: constants (which says SEMVER_SPEC_VERSION) and those it uses, and those using it.
      expect(named.length).toBeGreaterThan(10);
      const product = units.filter((u) => /hello|bye/.test(text.slice(u.start, u.end)));
      expect(product.length).toBe(2);
      expect(product.every((u) => u.library === undefined)).toBe(true);
    }
  });

  it('reports a pair at library level: the package added, and the product change by itself', async () => {
    const a = bundle(PRODUCT, true);
    const b = bundle(WITH_SEMVER, true);
    const before = { path: 'out.js', text: a, units: extractUnits('out.js', a) };
    const after = { path: 'out.js', text: b, units: extractUnits('out.js', b) };
    const { files, libraries } = await diffUnits([before], [after], { beautify: async (s) => jsBeautify.js(s, BEAUTIFY_OPTIONS), maxUnitLines: 20_000 });
    expect(libraries).toMatchObject({ added: ['semver'], removed: [], changed: [] });
    // The product added one function, and the bundler its runtime for CommonJS modules (about 30
    // lines, not a package's); the package's modules are kept apart, with their diff.
    expect(libraries!.product.linesAdded).toBeLessThanOrEqual(40);
    expect(libraries!.packages.linesAdded).toBeGreaterThan(200);
    const file = files.find((f) => f.path === 'out.js')!;
    expect(file.libraries?.map((l) => l.name)).toEqual(['semver']);
    expect(file.libraries![0]!.unified).toContain('SEMVER_SPEC_VERSION');
    expect(file.unified).toContain('newer');
    expect(file.unified ?? '').not.toContain('SEMVER_SPEC_VERSION');
  });
});
