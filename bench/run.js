// npm run bench: real packages from the registry, measured side by side in one run.
//  1. strata audit of the default window (claude-code 2.1.89..2.1.92): cold cache; warm (every
//     pair's result cached); warm with the pair results forgotten (each pair diffed and classified
//     again from the cached units)
//  2. the line diff of the two beautified 550k-line cli.js files (2.1.90 → 2.1.91) against GNU diff
//  3. npm diff on the same pair
//  4. the identifier-insensitive diff of that pair, with what splitting into units costs beside
//     parsing and tokenizing alone; a synthetic pair; native executables; the classifier;
//     hostile packages against the budgets; monitoring
// Results are printed and saved to bench/out/results.json.
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchClassifier } from './classify.js';
import { benchHostile, printHostile } from './hostile.js';
import { benchLineDiff } from './line-diff.js';
import { benchParseFloor } from './parse-floor.js';
import { benchWrapperRebuilds } from './wrapper-rebuild.js';
import { inChild } from './native.js';
import { forget } from './cache-entries.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'bench', 'out');
const cli = path.join(root, 'dist', 'cli', 'main.js');
const PKG = '@anthropic-ai/claude-code';
const RANGE = '2.1.89..2.1.92';

function timed(cmd, args, { env = {}, capture = false } = {}) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', capture ? 'pipe' : 'ignore', 'pipe'] });
    let bytes = 0;
    let stderr = '';
    child.stdout?.on('data', (d) => { bytes += d.length; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      resolve({ code, ms, bytes, stderr });
    });
  });
}

async function strataRun(cacheDir, label) {
  const rssFile = path.join(out, `rss-${label}.txt`);
  const r = await timed(process.execPath, ['--import', path.join(root, 'bench', 'rss-probe.js'), cli, 'audit', PKG, RANGE,
    '--cache-dir', cacheDir, '--out', path.join(out, 'report'), '--quiet', '--fail-on', 'none'], { env: { STRATA_BENCH_RSS_FILE: rssFile } });
  if (r.code !== 0) throw new Error(`strata ${label} exited ${r.code}: ${r.stderr}`);
  const rss = Number(await readFile(rssFile, 'utf8'));
  return { ms: Math.round(r.ms), peakRssMB: Math.round(rss / 2 ** 20) };
}

let beautifyMs = 0;

/** Finds the beautified cli.js of a version in the strata cache by running the library. */
async function beautifiedCli(cacheDir, version) {
  const { createArtefactStore } = await import('../dist/cache/store.js');
  const { createBeautifier } = await import('../dist/beautify/beautifier.js');
  const { createWorkerPool } = await import('../dist/workers/pool.js');
  const pacote = (await import('pacote')).default;
  const { loadNpmConfig } = await import('../dist/config/npm-config.js');
  const npm = await loadNpmConfig();
  const tgz = await pacote.tarball(`${PKG}@${version}`, { ...npm, cache: path.join(cacheDir, '_cacache') });
  const { readTarball } = await import('../dist/payload/read-tarball.js');
  const { DEFAULT_LIMITS } = await import('../dist/payload/limits.js');
  const files = await readTarball(tgz, version, DEFAULT_LIMITS);
  const cliFile = files.find((f) => f.path === 'cli.js');
  const pool = createWorkerPool();
  const beautifier = createBeautifier(createArtefactStore(cacheDir), pool);
  const t0 = process.hrtime.bigint();
  const text = await beautifier.beautify(cliFile.data.toString('utf8'));
  beautifyMs += Number(process.hrtime.bigint() - t0) / 1e6;
  await pool.close();
  const file = path.join(out, `cli-${version}.beautified.js`);
  await writeFile(file, text);
  return file;
}

/** Runs bench/unit-diff.js in a child process and returns its figures with its peak RSS. */
async function unitBench(which, cacheDir) {
  const rssFile = path.join(out, `rss-${which}.txt`);
  const child = spawn(process.execPath, ['--import', path.join(root, 'bench', 'rss-probe.js'), path.join(root, 'bench', 'unit-diff.js'), which, cacheDir], {
    cwd: root, env: { ...process.env, STRATA_BENCH_RSS_FILE: rssFile }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  let text = '';
  child.stdout.on('data', (d) => { text += d; });
  const code = await new Promise((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`unit-diff ${which} exited ${code}`);
  return { ...JSON.parse(text), peakRssMB: Math.round(Number(await readFile(rssFile, 'utf8')) / 2 ** 20) };
}

/** A part of bench/monitor.js in a child (it loads the tests' loopback registry through tsx). */
async function monitorPart(part) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'monitor.js'), part], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let text = '';
  child.stdout.on('data', (d) => { text += d; });
  const code = await new Promise((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`monitor ${part} exited ${code}`);
  return JSON.parse(text);
}

async function main() {
  await mkdir(out, { recursive: true });
  const cacheDir = path.join(out, 'cache');
  await rm(cacheDir, { recursive: true, force: true });
  await rm(path.join(out, 'cache-beautify'), { recursive: true, force: true });
  const results = { date: new Date().toISOString(), node: process.version, package: PKG, range: RANGE };

  console.log(`strata audit ${PKG} ${RANGE}: cold cache …`);
  results.auditCold = await strataRun(cacheDir, 'cold');
  console.log(`  ${results.auditCold.ms} ms, peak RSS ${results.auditCold.peakRssMB} MB`);
  console.log('… warm cache');
  results.auditWarm = await strataRun(cacheDir, 'warm');
  console.log(`  ${results.auditWarm.ms} ms, peak RSS ${results.auditWarm.peakRssMB} MB (cold/warm ${(results.auditCold.ms / results.auditWarm.ms).toFixed(1)}×)`);
  console.log('… warm cache, pair results forgotten');
  await forget(cacheDir, ['pair/']);
  results.auditWarmPairsAgain = await strataRun(cacheDir, 'warm-pairs-again');
  console.log(`  ${results.auditWarmPairsAgain.ms} ms, peak RSS ${results.auditWarmPairsAgain.peakRssMB} MB (cold/this ${(results.auditCold.ms / results.auditWarmPairsAgain.ms).toFixed(1)}×)`);

  console.log('line diff of beautified cli.js 2.1.90 → 2.1.91 …');
  const a = await beautifiedCli(path.join(out, 'cache-beautify'), '2.1.90');
  const b = await beautifiedCli(path.join(out, 'cache-beautify'), '2.1.91');
  results.beautifyMs = beautifyMs;
  results.lineDiff = await benchLineDiff(a, b);
  const ld = results.lineDiff;
  console.log(`  strata: ${Math.round(ld.ours.ms)} ms (+${ld.ours.added} -${ld.ours.removed}); GNU diff: ${Math.round(ld.gnu.ms)} ms (+${ld.gnu.added} -${ld.gnu.removed}); ratio ${(ld.ours.ms / ld.gnu.ms).toFixed(2)}× GNU`);

  console.log('npm diff on the same pair …');
  const npmDiff = await timed('npm', ['diff', `--diff=${PKG}@2.1.90`, `--diff=${PKG}@2.1.91`, '--cache', path.join(out, 'npm-cache')], { capture: true });
  results.npmDiff = { ms: Math.round(npmDiff.ms), outputBytes: npmDiff.bytes, exitCode: npmDiff.code };
  console.log(`  npm diff: ${results.npmDiff.ms} ms, ${(npmDiff.bytes / 2 ** 20).toFixed(1)} MiB of output`);
  console.log(`  strata line diff vs npm diff: ${(results.npmDiff.ms / ld.ours.ms).toFixed(1)}× faster (npm diff time includes its download)`);

  console.log('identifier-insensitive diff of claude-code 2.1.90 → 2.1.91 (warm cache) …');
  const cc = (results.unitDiffClaude = await unitBench('claude', cacheDir));
  console.log(`  ${cc.ms} ms end to end from the warm cache (the diff stage itself ${cc.diffStageMs} ms), peak RSS ${cc.peakRssMB} MB: ${cc.changedLines} changed lines (+${cc.linesAdded} -${cc.linesRemoved}) where the plain diff of the beautified files has ${cc.naiveChangedLines} (${(cc.naiveChangedLines / Math.max(1, cc.changedLines)).toFixed(0)}× fewer)`);
  console.log(`  units: ${JSON.stringify(cc.units)}`);
  console.log(`  the "Asia/Shanghai" code: ${cc.timeZoneSections} section(s), hunks per section ${JSON.stringify(cc.timeZoneHunks)}`);
  const cu = (results.unitDiffClaudeUnitsCold = await unitBench('claude-units-cold', cacheDir));
  console.log(`  from cached beautified text only (both bundles split into units too): ${cu.ms} ms, peak RSS ${cu.peakRssMB} MB, ${cu.changedLines} changed lines`);
  const afterSplit = cu.ms - cu.codeReadyAt;
  console.log(`    of which: payloads and beautified text read, both bundles split into units: ${cu.codeReadyAt} ms; diff of the pair ${afterSplit - cu.classifyMs} ms; classification ${cu.classifyMs} ms (target: the whole diff in 5000 ms)`);
  const floor = (results.parseFloor = await benchParseFloor([a, b]));
  console.log(`  splitting both bundles at once in 2 threads, best of 3: full extraction ${floor.extract.wallMs} ms; acorn parse alone ${floor.parse.wallMs} ms (the full split takes ${(floor.extract.wallMs / floor.parse.wallMs).toFixed(1)}× as long); acorn tokenizer alone ${floor.tokenize.wallMs} ms (${(floor.extract.wallMs / floor.tokenize.wallMs).toFixed(1)}×)`);
  console.log(`  plain beautify-and-diff on the same pair: beautify 2 × ${Math.round(results.beautifyMs / 2)} ms + line diff ${Math.round(ld.ours.ms)} ms; GNU diff ${Math.round(ld.gnu.ms)} ms; npm diff ${results.npmDiff.ms} ms`);

  console.log('libraries shipped as one wrapper, rebuilt with an edit deep inside and every name mangled …');
  const wr = (results.wrapperRebuilds = await benchWrapperRebuilds(cacheDir));
  for (const r of wr.rows) console.log(`  ${r.library}, ${r.edit}: true ${r.trueChangedLines} changed lines; strata ${r.strataChangedLines} (${r.ratioToTrue.toFixed(1)}× true); plain diff of the builds ${r.plainDiffLines}`);
  console.log(`  worst ${wr.worstRatio.toFixed(1)}× the true change (target ≤ 2×); above the plain diff: ${wr.abovePlain.length ? wr.abovePlain.join(', ') : 'none'}`);

  console.log('synthetic pair: typescript.js mangled by terser, before and after known edits …');
  const syn = (results.unitDiffSynthetic = await unitBench('synthetic', cacheDir));
  console.log(`  ${(syn.bytes / 2 ** 20).toFixed(1)} MiB bundle, edits: ${syn.edits.join(', ')}`);
  console.log(`  true ${syn.trueChangedLines} changed lines; strata ${syn.reportedChangedLines} (${syn.ratio.toFixed(2)}× true); plain diff ${syn.naiveChangedLines}; edits visible: ${syn.probeShown}; ${syn.ms} ms, peak RSS ${syn.peakRssMB} MB`);

  console.log('native executables: claude-code 2.1.111..2.1.114 across the move into platform packages …');
  const na = (results.nativeAudit = await inChild(root, ['audit', cacheDir, '2.1.111..2.1.114']));
  for (const p of na.pairs) {
    const d = p.distinctStrings;
    console.log(`  ${p.pair}: ${p.changedLines} changed lines (plain diff ${p.naiveChangedLines}); units ${JSON.stringify(p.units)}; distinct strings ${d.before} → ${d.after}, ${d.dropped} dropped, ${d.added} new`);
    const l = p.libraries;
    if (l) console.log(`    at library level: removed [${l.removed.join(', ')}], added [${l.added.join(', ')}], changed [${l.changed.join(', ')}]; product code ${l.product.linesAdded + l.product.linesRemoved} lines, bundled packages ${l.packages.linesAdded + l.packages.linesRemoved}`);
  }
  const product = na.pairs.map((p) => (p.libraries ? p.libraries.product.linesAdded + p.libraries.product.linesRemoved : p.changedLines));
  console.log(`  product code of 2.1.112 → 2.1.113: ${product[1]} lines, ${(product[1] / Math.max(product[0], product[2], 1)).toFixed(1)}× its larger neighbour (${product[0]}, ${product[2]})`);
  const [n1, n2, n3] = na.pairs.map((p) => p.changedLines);
  const [s1, s2, s3] = na.pairs.map((p) => p.distinctStrings.dropped + p.distinctStrings.added);
  console.log(`  2.1.112 → 2.1.113 is ${(n2 / Math.max(n1, n3)).toFixed(1)}× its larger neighbour in changed lines (target ≤ 3×), and ${(s2 / Math.max(s1, s3, 1)).toFixed(0)}× in distinct strings dropped or added (what ships differs); ${na.ms} ms, peak RSS ${na.peakRssMB} MB`);
  const ex = (results.nativeExtract = await inChild(root, ['extract', cacheDir, '2.1.113']));
  console.log(`  extracting ${ex.spec} (${(ex.binaryBytes / 2 ** 20).toFixed(0)} MiB executable, ${ex.modules} modules): ${ex.extractMs} ms after download (one sha256 pass over it: ${ex.sha256PassMs} ms), peak RSS ${ex.peakRssMB} MB`);
  const cs = (results.nativeCodeSplit = await inChild(root, ['audit', cacheDir, '2.1.242..2.1.243']));
  for (const p of cs.pairs) console.log(`  code-split ${p.pair}: ${p.changedLines} changed lines (plain diff ${p.naiveChangedLines}); units ${JSON.stringify(p.units)}`);

  console.log('classifier on labelled real releases …');
  const cl = (results.classifier = await benchClassifier(cacheDir));
  const pct = (x) => (x === null ? '–' : x.toFixed(2));
  for (const r of cl.rows) {
    if (r.error) console.log(`  ${r.pair}: failed: ${r.error}`);
    else console.log(`  ${r.pair}: labels [${r.labels.join(', ')}] predicted [${r.predicted.join(', ')}], first ${r.firstCategory ?? '–'}, ${r.highOrCritical} high/critical, classification ${r.classifyMs} ms`);
  }
  console.log(`  ${cl.pairs.positive} positive and ${cl.pairs.ordinary} ordinary pairs${cl.pairs.failed.length ? `, ${cl.pairs.failed.length} failed` : ''}`);
  for (const [c, m] of Object.entries(cl.perCategory)) {
    console.log(`  ${c}: recall ${pct(m.recall)} precision ${pct(m.precision)} (tp ${m.tp}, fp ${m.fp}, fn ${m.fn})${m.missed.length ? ` missed: ${m.missed.join(', ')}` : ''} (target: recall ≥ 0.9)`);
  }
  console.log(`  a labelled category ranked first: ${cl.rankedFirst.pairs} of ${cl.rankedFirst.of} positive pairs${cl.rankedFirst.not.length ? `; not in ${cl.rankedFirst.not.join(', ')}` : ''}`);
  console.log(`  ordinary releases: ${cl.ordinaryHighOrCriticalPer10.toFixed(2)} high/critical findings per 10 pairs (target ≤ 1)${cl.ordinaryWithHighOrCritical.length ? `: ${cl.ordinaryWithHighOrCritical.join('; ')}` : ''}`);
  console.log(`  coverage notes: ${cl.coverageNotes}; rules that threw: ${cl.ruleErrors}`);

  console.log('hostile packages against the budgets, beside the unbounded way …');
  results.hostile = await benchHostile(cacheDir);
  printHostile(results.hostile);

  console.log('monitoring: publish-to-alert on the loopback registry, workers on Redis, a 50-dependency lockfile …');
  results.monitorAlert = await monitorPart('alert');
  console.log(`  strata watch --interval 5: publish to webhook ${results.monitorAlert.latenciesMs.join(', ')} ms (max ${results.monitorAlert.maxMs} ms; target under 10 s)`);
  try {
    results.monitorWorkers = await monitorPart('workers');
    const [one, two, whole] = results.monitorWorkers.runs;
    console.log(`  ${results.monitorWorkers.pairs} real pairs on Redis, each worker on one core${one.pinned ? ' (taskset)' : ''} with one thread: 1 worker ${one.pairsPerMinute} pairs/min, 2 workers ${two.pairsPerMinute} pairs/min (${(two.pairsPerMinute / one.pairsPerMinute).toFixed(2)}×); one worker with all ${whole.threadsPerWorker} cores: ${whole.pairsPerMinute} pairs/min`);
  } catch (err) {
    console.log(`  workers on Redis not measured: ${err.message} (needs redis-server on PATH)`);
  }
  results.monitorDeps = await monitorPart('deps');
  console.log(`  strata deps, ${results.monitorDeps.dependencies} changed dependencies, cold cache: ${(results.monitorDeps.ms / 1000).toFixed(0)} s, ${results.monitorDeps.audited} audited (target under 5 min)${results.monitorDeps.failed.length ? `; failed: ${results.monitorDeps.failed.join('; ')}` : ''}`);

  await writeFile(path.join(out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`results: ${path.relative(root, path.join(out, 'results.json'))}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
