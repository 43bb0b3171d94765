// Walks the sides in order and processes each successive pair, preparing a few versions ahead
// (p-limit) while holding at most the two versions being compared plus that look-ahead.
import pLimit from 'p-limit';
import { classifyBaseline, classifyPair, type PairClassification, type VersionFacts } from '../classify/engine.js';
import { classifyCode, type CodeSide } from '../classify/code/index.js';
import { compareFindings } from '../classify/severity.js';
import { diffPair, type LineCounts, type PairDiffResult } from '../diff/pair-diff.js';
import { parseManifest } from '../payload/manifest.js';
import type { Finding, NativeProvenance, PayloadFile } from '../types.js';
import type { RunContext } from './context.js';
import { decodePair, encodePair, pairCacheKey, type CachedPair, type PairSideIdentity } from './pair-cache.js';
import { prepareVersion, type PreparedVersion } from './prepare-version.js';
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
  const name = parseManifest(v.texts.get('package.json') ?? '')?.name;
  return typeof name === 'string' ? name : null;
}

function codeSide(v: PreparedVersion): CodeSide {
  return {
    version: v.side.label,
    files: [...v.js].map(([path, f]) => ({ path, source: f.source, beautified: v.texts.get(path), units: f.units })),
  };
}

function factsOf(v: PreparedVersion): VersionFacts {
  return { version: v.side.label, manifestText: v.texts.get('package.json') ?? null };
}

const identity = (v: PreparedVersion): PairSideIdentity => ({ label: v.side.label, files: v.files, native: v.native });

/** Diffs and classifies one pair: `classifyMs` is the classification alone. */
async function computePair(previous: PreparedVersion, current: PreparedVersion, ctx: RunContext): Promise<{ pair: CachedPair; classifyMs: number }> {
  const diff = await diffPair(
    { version: previous.side.label, files: previous.files, texts: previous.texts, js: previous.js },
    { version: current.side.label, files: current.files, texts: current.texts, js: current.js },
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
              { cacheDir: ctx.cacheDir, old: previous.beautifiedKeys.get(path), new: current.beautifiedKeys.get(path) },
              ctx.signal,
            )
        : undefined,
    },
  );
  const classifyStarted = performance.now();
  const manifest = classifyPair(factsOf(previous), factsOf(current));
  const code = diff.pairing ? classifyCode(codeSide(previous), codeSide(current), diff.pairing) : { introduced: [], removed: [] };
  // The pairing served the classifier; the report does not carry it.
  delete diff.pairing;
  const classification: PairClassification = {
    introduced: [...code.introduced, ...manifest.introduced].sort(compareFindings),
    removed: [...code.removed, ...manifest.removed],
  };
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
  const lookAhead = (i: number) => {
    for (let j = i; j < Math.min(sides.length, i + ctx.concurrency + 1); j++) void prepare(j);
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
    const key = pairCacheKey(identity(previous), identity(current), { raw: ctx.raw });
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
