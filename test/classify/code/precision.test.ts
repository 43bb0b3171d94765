// Ordinary code must not look like tracking: real libraries from node_modules, bundled and
// minified by esbuild, give no high or critical finding, neither as a whole new file nor across
// a release with a small benign edit. (Without line numbers: beautifying is not what is tested.)
import * as esbuild from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { severityRank } from '../../../src/classify/severity.js';
import type { Finding } from '../../../src/types.js';
import { classifySources } from '../../helpers/code-rule-tester.js';

const NODE_MODULES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../node_modules');

const LIBRARIES = [
  'semver/index.js',
  'diff/dist/diff.js',
  'js-beautify/js/lib/beautify.js',
  'acorn/dist/acorn.js',
  'ci-info/index.js',
  'emoji-regex/index.js',
  'debug/src/index.js',
  'minimatch/dist/esm/index.js',
  'highlight.js/lib/core.js',
];

function build(entry: string, banner = ''): string {
  const out = esbuild.buildSync({ entryPoints: [entry], bundle: true, minify: true, write: false, platform: 'node', format: 'esm', logLevel: 'silent', banner: { js: banner } });
  return out.outputFiles[0]!.text;
}

/** A benign release: a helper added, a few returns written differently. */
function edit(code: string): string {
  let n = 0;
  return code.replace(/\breturn (?=[\w$("'![{])/g, (m) => (n++ < 3 ? 'return void 0,' : m));
}

const serious = (fs: Finding[]) => fs.filter((f) => severityRank(f.severity) >= severityRank('high')).map((f) => `${f.severity} ${f.ruleId}: ${f.message} (${f.unit})`);

describe('precision on minified libraries', () => {
  for (const lib of LIBRARIES) {
    it(`${lib}: no high or critical finding`, async () => {
      const v1 = build(path.join(NODE_MODULES, lib));
      const v2 = edit(build(path.join(NODE_MODULES, lib), 'function __strataEdit(a){return a+1}'));
      const whole = await classifySources(null, v1, undefined, { lines: false });
      expect(serious(whole.introduced)).toEqual([]);
      const pair = await classifySources(v1, v2, undefined, { lines: false });
      expect(pair.pairing.changed.length).toBeGreaterThan(0);
      expect(serious(pair.introduced)).toEqual([]);
      expect(pair.introduced.length).toBeLessThanOrEqual(1);
    });
  }
});
