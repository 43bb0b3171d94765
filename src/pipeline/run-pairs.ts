// Walks the sides in order and processes each successive pair, preparing a few versions ahead
// (p-limit) while holding at most the two versions being compared plus that look-ahead. A pair
// whose result is cached is read back; the code of its versions (beautified text, units) is then
// never loaded, unless a pair that is not cached needs it.
import pLimit from 'p-limit';
import { classifyBaseline, classifyPair, type PairClassification, type VersionFacts } from '../classify/index.js';
import { classifyCode, type CodeSide } from '../classify/index.js';
import { compareFindings } from '../classify/severity.js';
import { diffPair, type LineCounts, type PairDiffResult } from '../diff/pair-diff.js';
import { parseManifest } from '../payload/manifest.js';
import type { Finding, NativeProvenance, PayloadFile } from '../types.js';
import type { RunContext } from './context.js';
import { decodePair, encodePair, pairCacheKey, type CachedPair, type PairSideIdentity } from './pair-cache.js';
import { prepareVersion, type PreparedCode, type PreparedVersion } from './prepare-version.js';
import type { Side } from './sides.js';

export interface PairsResult {
  files: PayloadFile[][];
  /** Per version: executables read and the platform package followed, if any. */
  native: (NativeProvenance | undefined)[];
  /** The `name` in each side's package.json, when it has one. */
  names: (string | null)[];
  diffs: PairDiffResult[];
  classifications: PairClassification[];
  baseline: Finding[];
}

function nameOf(v: PreparedVersion): string | null {
  const name = parseManifest(v.manifests.get('package.json') ?? '')?.name;
  return typeof name === 'string' ? name : null;
}

function codeSide(v: PreparedVersion, code: PreparedCode): CodeSide {
  return {
    version: v.side.label,
    files: [...code.js].map(([path, f]) => ({ path, source: f.source, beautified: code.texts.get(path), units: f.units })),
  };
}

function factsOf(v: PreparedVersion): VersionFacts {
  return { version: v.side.label, manifestText: v.manifests.get('package.json') ?? null, files: v.files, scripts: v.scripts };
}

const identity = (v: PreparedVersion): PairSideIdentity => ({ label: v.side.label, files: v.files, native: v.native });

/** Diffs and classifies one pair: `classifyMs` is the classification alone. */
async function computePair(previous: PreparedVersion, current: PreparedVersion, ctx: RunContext): Promise<{ pair: CachedPair; classifyMs: number }> {
  const [before, after] = await Promise.all([previous.code(), current.code()]);
  const diff = await diffPair(
    { version: previous.side.label, files: previous.files, texts: before.texts, js: before.js },
    { version: current.side.label, files: current.files, texts: after.texts, js: after.js },
    {
      raw: ctx.raw,
      beautify: (source) => ctx.beautifier.beautify(source, ctx.signal),
      // In the pool while the unit diff runs here, from the cached texts (nothing is copied
      // across threads), unless the pool is busy (units of the versions prepared ahead):
      // queued behind those, the count would hold up this pair.
      countLines: ctx.pool.hasIdleThread()
        ? (path) =>
            ctx.pool.run<LineCounts | null>(
              'countLines',
              { cacheDir: ctx.cacheDir, old: before.beautifiedKeys.get(path), new: after.beautifiedKeys.get(path) },
              ctx.signal,
            )
        : undefined,
    },
  );
  const classifyStarted = performance.now();
  const manifest = classifyPair(factsOf(previous), factsOf(current));
  const code = diff.pairing ? classifyCode(codeSide(previous, before), codeSide(current, after), diff.pairing) : { introduced: [], removed: [] };
  // The pairing served the classifier; the report does not carry it.
  delete diff.pairing;
  const classification: PairClassification = {
    introduced: [...code.introduced, ...manifest.introduced].sort(compareFindings),
    removed: [...code.removed, ...manifest.removed],
  };
  const coverage = [...(manifest.coverage ?? []), ...(code.notes ?? [])];
  if (coverage.length > 0) classification.coverage = coverage;
  return { pair: { diff, classification }, classifyMs: Math.round(performance.now() - classifyStarted) };
}

export async function runPairs(sides: Side[], ctx: RunContext): Promise<PairsResult> {
  const limit = pLimit(ctx.concurrency);
  const pending = new Map<number, Promise<PreparedVersion>>();
  let ready = 0;
  const prepare = (i: number): Promise<PreparedVersion> => {
    let job = pending.get(i);
    if (!job) {
      job = limit(() => prepareVersion(sides[i]!, ctx)).then((v) => {
        ready += 1;
        ctx.progress({ type: 'version-ready', version: v.side.label, fromCache: v.fromCache, done: ready, total: sides.length });
        return v;
      });
      // Keep an early failure from being reported as unhandled before its turn comes.
      job.catch(() => {});
      pending.set(i, job);
    }
    return job;
  };
  const keyOf = (a: PreparedVersion, b: PreparedVersion) => pairCacheKey(identity(a), identity(b), { raw: ctx.raw });
  // Once both versions of a pair ahead are prepared: when its result is not cached, their code
  // is loaded (or computed in the pool) now, while earlier pairs are diffed.
  const warmed = new Set<number>();
  const warmPair = (j: number) => {
    if (j < 1 || warmed.has(j)) return;
    warmed.add(j);
    const job = Promise.all([prepare(j - 1), prepare(j)]).then(async ([a, b]) => {
      if (await ctx.store.has(keyOf(a, b))) return;
      await Promise.all([a.code(), b.code()]);
    });
    job.catch(() => {}); // its failure is met again, and reported, when the pair's turn comes
  };
  const lookAhead = (i: number) => {
    for (let j = i; j < Math.min(sides.length, i + ctx.concurrency + 1); j++) {
      void prepare(j);
      warmPair(j);
    }
  };

  const result: PairsResult = { files: [], native: [], names: [], diffs: [], classifications: [], baseline: [] };
  lookAhead(0);
  let previous = await prepare(0);
  result.files.push(previous.files);
  result.native.push(previous.native);
  result.names.push(nameOf(previous));
  result.baseline = classifyBaseline(factsOf(previous));
  for (let i = 1; i < sides.length; i++) {
    lookAhead(i);
    const current = await prepare(i);
    ctx.signal?.throwIfAborted();
    result.files.push(current.files);
    result.native.push(current.native);
    result.names.push(nameOf(current));
    const started = performance.now();
    const key = keyOf(previous, current);
    const hit = await ctx.store.get(key);
    let pair = hit && decodePair(hit);
    const fromCache = !!pair;
    let classifyMs = 0;
    if (!pair) {
      const computed = await computePair(previous, current, ctx);
      pair = computed.pair;
      classifyMs = computed.classifyMs;
      // Best effort: a cache that cannot be written to still gives the result.
      await ctx.store.put(key, encodePair(pair)).catch(() => {});
    }
    result.diffs.push(pair.diff);
    result.classifications.push(pair.classification);
    const ms = Math.round(performance.now() - started);
    ctx.progress({ type: 'pair-done', from: previous.side.label, to: current.side.label, done: i, total: sides.length - 1, ms, classifyMs, fromCache });
    pending.delete(i - 1);
    previous = current;
  }
  return result;
}
