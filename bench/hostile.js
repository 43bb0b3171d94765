// Hostile packages against strata's budgets, with what the unbounded way costs in the same run:
//  - a 20 kB file of 10,000 nested `[`: strata (flat beautify) beside js-beautify indenting it,
//    each in a child process with its peak RSS;
//  - a version of 30,000 one-line files: time, peak RSS, cache and report bytes of strata;
//  - the guard's price on real code: the beautify of claude-code's 13 MB cli.js with the nesting
//    estimate beside js-beautify alone.
//   node bench/hostile.js [cacheDir]
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'cli', 'main.js');

/** A .tgz of `files` (path → text) under package/, written with tar's own headers. */
async function tgz(file, files) {
  const { Header } = await import('tar');
  const blocks = [];
  for (const [name, text] of Object.entries(files)) {
    const body = Buffer.from(text, 'utf8');
    const header = Buffer.alloc(512);
    new Header({ path: `package/${name}`, mode: 0o644, size: body.length, mtime: new Date(0), type: 'File' }).encode(header, 0);
    blocks.push(header, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  await writeFile(file, gzipSync(Buffer.concat(blocks)));
}

async function du(dir) {
  let n = 0;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])) {
    if (e.isFile()) n += (await stat(path.join(e.parentPath ?? e.path, e.name))).size;
  }
  return n;
}

/** Runs node with `args` under the RSS probe; time, peak RSS and exit code. */
function measured(args, tmp, label) {
  const rssFile = path.join(tmp, `rss-${label}.txt`);
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--import', path.join(root, 'bench', 'rss-probe.js'), ...args], {
      cwd: root,
      env: { ...process.env, STRATA_BENCH_RSS_FILE: rssFile },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', async (code) => {
      const ms = Math.round(Number(process.hrtime.bigint() - start) / 1e6);
      const rss = Number(await readFile(rssFile, 'utf8').catch(() => '0'));
      resolve({ code, ms, peakRssMB: Math.round(rss / 2 ** 20), said: stderr.trim().split('\n').at(-1) });
    });
  });
}

export async function benchHostile(cacheDir) {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'strata-hostile-'));
  const results = {};
  try {
    // Deep nesting.
    const nested = `module.exports = ${'['.repeat(10_000)}${']'.repeat(10_000)};\n`;
    await tgz(path.join(tmp, 'nest-1.0.0.tgz'), { 'package.json': '{"name":"nest","version":"1.0.0"}', 'index.js': 'module.exports = 1;\n' });
    await tgz(path.join(tmp, 'nest-1.0.1.tgz'), { 'package.json': '{"name":"nest","version":"1.0.1"}', 'index.js': nested });
    await writeFile(path.join(tmp, 'nested.js'), nested);
    const nestCache = path.join(tmp, 'cache-nest');
    const strata = await measured([cli, 'diff', path.join(tmp, 'nest-1.0.0.tgz'), path.join(tmp, 'nest-1.0.1.tgz'), '--cache-dir', nestCache, '--out', path.join(tmp, 'out-nest'), '-q', '--fail-on', 'none', '--threads', '1'], tmp, 'nest-strata');
    const indentScript = path.join(tmp, 'indent.mjs');
    await writeFile(indentScript, `import beautify from ${JSON.stringify(path.join(root, 'node_modules', 'js-beautify', 'js', 'index.js'))};\nimport { readFileSync } from 'node:fs';\nconst out = beautify.js(readFileSync(process.argv[2], 'utf8'), { indent_size: 2, preserve_newlines: false, end_with_newline: true, wrap_line_length: 0 });\nprocess.stderr.write(String(out.length));\n`);
    const indented = await measured([indentScript, path.join(tmp, 'nested.js')], tmp, 'nest-indented');
    results.nested = { depth: 10_000, sourceBytes: nested.length, strata: { ...strata, cacheBytes: await du(nestCache) }, jsBeautifyIndented: { ...indented, outputBytes: Number(indented.said) } };

    // Thousands of tiny files.
    const many = { 'package.json': '{"name":"many","version":"1.0.1"}' };
    for (let i = 0; i < 30_000; i++) many[`f${i}.js`] = `module.exports = function f${i}(a) { return a + ${i}; };\n`;
    await tgz(path.join(tmp, 'many-1.0.0.tgz'), { 'package.json': '{"name":"many","version":"1.0.0"}', 'index.js': 'module.exports = 1;\n' });
    await tgz(path.join(tmp, 'many-1.0.1.tgz'), many);
    const manyCache = path.join(tmp, 'cache-many');
    const manyOut = path.join(tmp, 'out-many');
    const m = await measured([cli, 'diff', path.join(tmp, 'many-1.0.0.tgz'), path.join(tmp, 'many-1.0.1.tgz'), '--cache-dir', manyCache, '--out', manyOut, '-q', '--fail-on', 'none'], tmp, 'many');
    const pages = await readdir(path.join(manyOut, 'pairs')).catch(() => []);
    const pageBytes = pages.length ? (await stat(path.join(manyOut, 'pairs', pages[0]))).size : 0;
    results.manyFiles = { files: 30_000, tarballBytes: (await stat(path.join(tmp, 'many-1.0.1.tgz'))).size, ...m, cacheBytes: await du(manyCache), reportJsonBytes: (await stat(path.join(manyOut, 'report.json')).catch(() => ({ size: 0 }))).size, pairPageBytes: pageBytes };

    // The guard's price on a real 13 MB bundle.
    if (cacheDir !== undefined) {
      const pacote = (await import('pacote')).default;
      const { loadNpmConfig } = await import('../dist/config/npm-config.js');
      const { readTarball } = await import('../dist/payload/read-tarball.js');
      const { DEFAULT_LIMITS } = await import('../dist/payload/limits.js');
      const { beautifyJs } = await import('../dist/workers/tasks.js');
      const { BEAUTIFY_OPTIONS } = await import('../dist/beautify/beautify-options.js');
      const beautify = (await import('js-beautify')).default;
      const npm = await loadNpmConfig();
      await mkdir(cacheDir, { recursive: true });
      const tarball = await pacote.tarball('@anthropic-ai/claude-code@2.1.90', { ...npm, cache: path.join(cacheDir, '_cacache') });
      const source = (await readTarball(tarball, '2.1.90', DEFAULT_LIMITS)).find((f) => f.path === 'cli.js').data.toString('utf8');
      const best = (fn) => {
        let ms = Infinity;
        for (let i = 0; i < 3; i++) {
          const t = performance.now();
          fn();
          ms = Math.min(ms, performance.now() - t);
        }
        return Math.round(ms);
      };
      const plainMs = best(() => beautify.js(source, BEAUTIFY_OPTIONS));
      const guardedMs = best(() => beautifyJs(source));
      results.guardOnClaude = { bytes: source.length, jsBeautifyMs: plainMs, strataMs: guardedMs, ratio: guardedMs / plainMs };
    }
    return results;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

export function printHostile(r) {
  const n = r.nested;
  console.log(`  ${n.depth} nested [ (${n.sourceBytes} B): strata ${n.strata.ms} ms, peak RSS ${n.strata.peakRssMB} MB, cache ${(n.strata.cacheBytes / 2 ** 20).toFixed(1)} MiB; js-beautify indenting it: ${n.jsBeautifyIndented.ms} ms, peak RSS ${n.jsBeautifyIndented.peakRssMB} MB, ${(n.jsBeautifyIndented.outputBytes / 2 ** 20).toFixed(0)} MiB of text to cache and diff (${(n.jsBeautifyIndented.ms / n.strata.ms).toFixed(1)}× strata's time, ${(n.jsBeautifyIndented.peakRssMB / n.strata.peakRssMB).toFixed(1)}× its memory)`);
  const m = r.manyFiles;
  console.log(`  ${m.files} one-line files (${(m.tarballBytes / 2 ** 10).toFixed(0)} KiB tarball): ${m.ms} ms, peak RSS ${m.peakRssMB} MB, cache ${(m.cacheBytes / 2 ** 20).toFixed(1)} MiB, report.json ${(m.reportJsonBytes / 2 ** 20).toFixed(1)} MiB, pair page ${(m.pairPageBytes / 2 ** 20).toFixed(1)} MiB`);
  if (r.guardOnClaude) {
    const g = r.guardOnClaude;
    console.log(`  nesting guard on claude-code 2.1.90 cli.js (${(g.bytes / 2 ** 20).toFixed(1)} MiB): ${g.strataMs} ms beside js-beautify alone ${g.jsBeautifyMs} ms (${g.ratio.toFixed(2)}×)`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchHostile(process.argv[2]);
  printHostile(r);
  console.log(JSON.stringify(r));
}
