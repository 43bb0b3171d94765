// Benchmarks of the identifier-insensitive diff, on real code:
//  - claude-code 2.1.90 → 2.1.91 through strata's library, from a warm cache: changed lines,
//    the time-zone function whole in one hunk, time and memory, beside the plain diff;
//  - a synthetic pair: TypeScript's own 9 MB typescript.js mangled by terser (top-level names
//    too) before and after a few known edits; terser orders its names by character frequency,
//    so a small edit renames names all over the bundle. The reported change is compared with the
//    true number of changed lines.
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { forget } from './cache-entries.js';

const require = createRequire(import.meta.url);

/** The hunks of one unit section in a unified text, by the section's `diff --git` header. */
function sections(unified) {
  return unified.split(/^(?=diff --git )/m).filter(Boolean);
}

export async function benchClaudePair(cacheDir) {
  const { diff } = await import('../dist/index.js');
  await forget(cacheDir, ['pair/']);
  const start = process.hrtime.bigint();
  let diffStageMs = null;
  let classifyMs = null;
  // When both versions' code (beautified text and units) was ready: what comes after is the
  // diff of the pair and its classification.
  let codeReadyAt = null;
  const onProgress = (e) => {
    if (e.type === 'pair-done') ({ ms: diffStageMs, classifyMs } = e);
    if (e.type === 'code-ready') codeReadyAt = Math.round(Number(process.hrtime.bigint() - start) / 1e6);
  };
  const { report, diffs } = await diff('@anthropic-ai/claude-code@2.1.90', '@anthropic-ai/claude-code@2.1.91', { cacheDir, onProgress });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const stats = report.pairs[0].stats;
  const tz = diffs[0].files.flatMap((f) => (f.unified ? sections(f.unified) : [])).filter((s) => s.includes('Asia/Shanghai'));
  const tzHunks = tz.map((s) => (s.match(/^@@ /gm) ?? []).length);
  return {
    ms: Math.round(ms),
    diffStageMs,
    classifyMs,
    codeReadyAt,
    changedLines: stats.linesAdded + stats.linesRemoved,
    linesAdded: stats.linesAdded,
    linesRemoved: stats.linesRemoved,
    naiveChangedLines: stats.naive.linesAdded + stats.naive.linesRemoved,
    units: stats.units,
    timeZoneSections: tz.length,
    timeZoneHunks: tzHunks,
    timeZoneSection: tz[0]?.slice(0, 1500) ?? null,
  };
}

/**
 * The same pair from a cache that holds the payloads and the beautified text but no units: the
 * diff then splits both bundles into units as well (the target case: 5 s on 2 cores).
 */
export async function benchClaudeFromBeautified(cacheDir) {
  const { cp, mkdtemp, rm } = await import('node:fs/promises');
  const os = await import('node:os');
  const copy = await mkdtemp(path.join(os.tmpdir(), 'strata-nounits-'));
  try {
    await cp(cacheDir, copy, { recursive: true });
    await forget(copy, ['units/']);
    return await benchClaudePair(copy);
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}

/** Known edits of different kinds, each applied at its first match in the source. */
const EDITS = [
  { what: 'changed string', find: /"Unterminated string literal\."/, to: () => '"Unterminated string literal!"' },
  { what: 'variable swap', find: /return (\w+) - (\w+);/, to: (m) => `return ${m[2]} - ${m[1]};` },
  { what: 'changed operator', find: /(\w+)\.length - 1\)/, to: (m) => `${m[1]}.length + 1)` },
  { what: 'changed number', find: /(\w+) \* 2\b/, to: (m) => `${m[1]} * 3` },
  {
    what: 'added function',
    find: /\n(\s*)function createScanner\(/,
    to: (m) => `\n${m[1]}function strataProbe(x) { const tz = Intl.DateTimeFormat().resolvedOptions().timeZone; return tz === "Asia/Shanghai" ? x + 1 : x; }\n${m[1]}function createScanner(`,
  },
];

export async function benchSynthetic(cacheDir) {
  const { minify: terser } = await import('terser');
  const beautify = require('js-beautify');
  const { BEAUTIFY_OPTIONS } = await import('../dist/beautify/beautify-options.js');
  const { diffLines, splitLines, countChanges } = await import('../dist/diff/line-diff.js');
  const { diff } = await import('../dist/index.js');
  const { mkdtemp, writeFile, mkdir } = await import('node:fs/promises');
  const os = await import('node:os');

  const original = await readFile(require.resolve('typescript/lib/typescript.js'), 'utf8');
  let edited = original;
  const applied = [];
  for (const e of EDITS) {
    const m = e.find.exec(edited);
    if (!m) continue;
    edited = edited.slice(0, m.index) + e.to(m) + edited.slice(m.index + m[0].length);
    applied.push(e.what);
  }
  const lines = (t) => splitLines(beautify.js(t, BEAUTIFY_OPTIONS));
  const trueOps = diffLines(lines(original), lines(edited));
  const truth = countChanges(trueOps);
  const minify = async (code) => (await terser(code, { compress: false, mangle: { toplevel: true } })).code;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'strata-synth-'));
  const builds = [['a', await minify(original)], ['b', await minify(edited)]];
  for (const [name, code] of builds) {
    await mkdir(path.join(dir, name), { recursive: true });
    await writeFile(path.join(dir, name, 'package.json'), JSON.stringify({ name: 'synthetic', version: name === 'a' ? '1.0.0' : '1.0.1' }));
    await writeFile(path.join(dir, name, 'typescript.min.js'), code);
  }
  const start = process.hrtime.bigint();
  const { report, diffs } = await diff(path.join(dir, 'a'), path.join(dir, 'b'), { cacheDir });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const stats = report.pairs[0].stats;
  const shown = diffs[0].files.map((f) => f.unified ?? '').join('');
  return {
    bytes: builds[0][1].length,
    edits: applied,
    trueChangedLines: truth.added + truth.removed,
    reportedChangedLines: stats.linesAdded + stats.linesRemoved,
    naiveChangedLines: stats.naive.linesAdded + stats.naive.linesRemoved,
    ratio: (stats.linesAdded + stats.linesRemoved) / (truth.added + truth.removed),
    units: stats.units,
    probeShown: shown.includes('Asia/Shanghai') && shown.includes('Unterminated string literal!'),
    ms: Math.round(ms),
  };
}

// Run as a script: `node bench/unit-diff.js claude|synthetic <cacheDir>` prints the figures as JSON
// (bench/run.js runs it in a child process to measure its peak memory).
if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const [which, cacheDir] = process.argv.slice(2);
  const run = { claude: benchClaudePair, 'claude-units-cold': benchClaudeFromBeautified, synthetic: benchSynthetic }[which];
  const result = await run(cacheDir);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
