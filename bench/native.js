// Benchmarks of code that lives in native executables, on real packages:
//  - strata audit of claude-code 2.1.111..2.1.114, across the move into platform packages at
//    2.1.113: changed lines per pair, beside the plain diff of the same pair;
//  - a pair of code-split releases (2.1.242 → 2.1.243, over a thousand chunk modules each);
//  - extracting the modules of one 236 MB linux-x64 executable: time and peak memory, in a child
//    process, beside one sha256 pass over the same bytes (the floor of any tool that reads them).
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { forget } from './cache-entries.js';

const PKG = '@anthropic-ai/claude-code';

/**
 * A measure of how much the shipped code differs that no diff algorithm can bend: the distinct
 * string literals of 24+ characters (the units' anchors, decoded) of each version, and how many
 * of them each pair drops and adds. Read from the units cache the audit just filled.
 */
async function distinctStrings(cacheDir, report) {
  const cacache = (await import('cacache')).default;
  const { decodeUnits } = await import('../dist/pipeline/units-codec.js');
  const { UNITS_FORMAT } = await import('../dist/units/types.js');
  const { TOOL_VERSION } = await import('../dist/version.js');
  const store = path.join(cacheDir, 'strata');
  const sets = [];
  for (const v of report.versions) {
    const set = new Set();
    for (const f of v.files ?? []) {
      if (f.kind !== 'js') continue;
      const hit = await cacache.get(store, `units/${TOOL_VERSION}/${UNITS_FORMAT}/${f.sha256}`).catch(() => null);
      if (hit) for (const u of decodeUnits(hit.data).units) for (const a of u.anchors) set.add(a);
    }
    sets.push(set);
  }
  return sets.slice(1).map((b, i) => {
    const a = sets[i];
    let dropped = 0;
    let added = 0;
    for (const x of a) if (!b.has(x)) dropped++;
    for (const x of b) if (!a.has(x)) added++;
    return { before: a.size, after: b.size, dropped, added };
  });
}

export async function benchNativeAudit(cacheDir, range) {
  const { audit } = await import('../dist/index.js');
  // The pairs are what is measured, not their cached results.
  await forget(cacheDir, ['pair/']);
  const start = process.hrtime.bigint();
  const { report } = await audit(PKG, range, { cacheDir });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const strings = await distinctStrings(cacheDir, report);
  return {
    range,
    ms: Math.round(ms),
    versions: report.versions.map((v) => ({ version: v.version, packaging: v.packaging, platformPackage: v.native?.package?.name ?? null, binaries: v.native?.binaries?.map((b) => ({ sha256: b.sha256, size: b.size, layout: b.layout, modules: b.modules, error: b.error })) })),
    pairs: report.pairs.map((p, i) => ({
      pair: `${p.from} → ${p.to}`,
      distinctStrings: strings[i],
      changedLines: p.stats.linesAdded + p.stats.linesRemoved,
      naiveChangedLines: (p.stats.naive?.linesAdded ?? 0) + (p.stats.naive?.linesRemoved ?? 0),
      units: p.stats.units,
      libraries: p.stats.libraries ?? null,
    })),
  };
}

/** Extraction of one executable, measured in this process (run it in a child for its own peak RSS). */
export async function benchExtract(cacheDir, version) {
  const pacote = (await import('pacote')).default;
  const { loadNpmConfig } = await import('../dist/config/npm-config.js');
  const { readTarball } = await import('../dist/payload/read-tarball.js');
  const { DEFAULT_LIMITS } = await import('../dist/payload/limits.js');
  const { extractEmbedded } = await import('../dist/payload/native/index.js');
  const npm = await loadNpmConfig();
  const spec = `${PKG}-linux-x64@${version}`;
  const t0 = process.hrtime.bigint();
  const files = await pacote.tarball.stream(spec, (stream) => readTarball(stream, spec, DEFAULT_LIMITS), { ...npm, cache: path.join(cacheDir, '_cacache') });
  const t1 = process.hrtime.bigint();
  const binary = files.find((f) => f.executable && f.data);
  const extraction = extractEmbedded(binary.data);
  const t2 = process.hrtime.bigint();
  const text = extraction.modules.reduce((n, m) => n + (m.text?.length ?? 0), 0);
  const { createHash } = await import('node:crypto');
  const t3 = process.hrtime.bigint();
  createHash('sha256').update(binary.data).digest('hex');
  const hashMs = Number(process.hrtime.bigint() - t3) / 1e6;
  return {
    spec,
    binaryBytes: binary.size,
    downloadAndGunzipMs: Math.round(Number(t1 - t0) / 1e6),
    extractMs: Math.round(Number(t2 - t1) / 1e6),
    sha256PassMs: Math.round(hashMs),
    modules: extraction.modules.length,
    layout: extraction.layout,
    textChars: text,
  };
}

/** Runs this file as a child with the RSS probe; returns its JSON plus the child's peak RSS. */
export async function inChild(root, args) {
  const rssFile = path.join(root, 'bench', 'out', `rss-native-${args[0]}.txt`);
  const child = spawn(process.execPath, ['--import', path.join(root, 'bench', 'rss-probe.js'), path.join(root, 'bench', 'native.js'), ...args], {
    cwd: root, env: { ...process.env, STRATA_BENCH_RSS_FILE: rssFile }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  let text = '';
  child.stdout.on('data', (d) => { text += d; });
  const code = await new Promise((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`native ${args[0]} exited ${code}`);
  return { ...JSON.parse(text), peakRssMB: Math.round(Number(await readFile(rssFile, 'utf8')) / 2 ** 20) };
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const [which, cacheDir, arg] = process.argv.slice(2);
  const result = which === 'extract' ? await benchExtract(cacheDir, arg) : await benchNativeAudit(cacheDir, arg);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
