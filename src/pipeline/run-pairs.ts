// Walks the sides in order and processes each successive pair, preparing a few versions ahead
// (p-limit) while holding at most the two versions being compared plus that look-ahead. A pair
// whose result is cached is read back; the code of its versions (beautified text, units) is then
// never loaded, unless a pair that is not cached needs it.
import pLimit from 'p-limit';
import { classifyBaseline, classifyCode, classifyPair, type CodeSide, type PairClassification, type VersionFacts } from '../classify/index.js';
import { compareFindings } from '../classify/severity.js';
import { diffPair, type LineCounts, type PairDiffResult } from '../diff/pair-diff.js';
import { parseManifest } from '../payload/manifest.js';
import type { Finding, NativeProvenance, PayloadFile } from '../types.js';
import type { RunContext } from './context.js';
import { decodePair, encodePair, pairCacheKey, type CachedPair, type PairSideIdentity } from './pair-cache.js';
import { prepareVersion, type PreparedCode, type PreparedVersion } from './prepare-version.js';
import type { Side } from './sides.js';
import { versionFailure, type VersionFailure } from './version-failure.js';

export interface PairsResult {
  /** Per side (by index), like `native`, `names` and `failures`; empty for a side that failed. */
  files: PayloadFile[][];
  /** Per version: executables read and the platform package followed, if any. */
  native: (NativeProvenance | undefined)[];
  /** The `name` in each side's package.json, when it has one. */
  names: (string | null)[];
  /** Per version: why it could not be analysed, when it could not (only with `keepGoing`). */
  failures: (VersionFailure | undefined)[];
  /** Per pair, like `classifications` and `pairs`. Pairs join successive versions that could be analysed. */
  diffs: PairDiffResult[];
  classifications: PairClassification[];
  pairs: PairNote[];
  baseline: Finding[];
}

export interface PairNote {
  /** Versions between the pair's two that could not be analysed. */
  skipped?: string[];
  /** Why the pair itself could not be diffed or classified (its diff is then empty). */
  error?: string;
}

export interface RunPairsOptions {
  /**
   * Record a version that cannot be analysed (tarball refused, integrity mismatch …) and pair the
   * versions around it; without it, its error stops the run.
   */
  keepGoing?: boolean;
}

/** The code of one side of a pair could not be prepared. */
class SideFailure extends Error {
  constructor(
    readonly version: PreparedVersion,
    readonly error: unknown,
  ) {
    super((error as Error)?.message ?? String(error));
  }
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
  const codeOf = (v: PreparedVersion) => v.code().catch((err: unknown) => Promise.reject(new SideFailure(v, err)));
  const [before, after] = await Promise.all([codeOf(previous), codeOf(current)]);
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
        ? (path) => {
            const old = before.beautifiedKeys.get(path);
            const neu = after.beautifiedKeys.get(path);
            // A text that is there but not stored (a small file) is counted here instead.
            if ((!old && before.texts.has(path)) || (!neu && after.texts.has(path))) return Promise.resolve(null);
            return ctx.pool.run<LineCounts | null>('countLines', { cacheDir: ctx.cacheDir, old, new: neu }, ctx.signal);
          }
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

export async function runPairs(sides: Side[], ctx: RunContext, options: RunPairsOptions = {}): Promise<PairsResult> {
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

  const result: PairsResult = { files: [], native: [], names: [], failures: sides.map(() => undefined), diffs: [], classifications: [], pairs: [], baseline: [] };
  const record = (i: number, v: PreparedVersion) => {
    result.files[i] = v.files;
    result.native[i] = v.native;
    result.names[i] = nameOf(v);
  };
  /** Records side i as failed, or rethrows what must stop the run (Ctrl-C, the registry, the disk). */
  const fail = (i: number, err: unknown) => {
    const failure = options.keepGoing ? versionFailure(err, ctx.signal) : null;
    if (!failure) throw err;
    result.failures[i] = failure;
    result.files[i] = [];
    result.native[i] = undefined;
    result.names[i] = null;
    ctx.progress({ type: 'version-failed', version: sides[i]!.label, reason: failure.message });
  };
  const emptyPair = (from: string, to: string): CachedPair => ({
    diff: { from, to, stats: { filesChanged: 0, linesAdded: 0, linesRemoved: 0 }, files: [] },
    classification: { introduced: [], removed: [] },
  });
  // The last version analysed, and whether a pair ends at it yet (the first one is the baseline).
  let previous: { v: PreparedVersion; i: number; paired: boolean } | null = null;
  // Versions that failed since `previous`: the next pair spans them.
  let skipped: string[] = [];
  const rebase = (v: PreparedVersion, i: number) => {
    previous = { v, i, paired: false };
    skipped = [];
    result.baseline = classifyBaseline(factsOf(v));
  };
  for (let i = 0; i < sides.length; i++) {
    lookAhead(i);
    // Nothing asks for the one before any more (`previous` is held here).
    pending.delete(i - 1);
    let current: PreparedVersion;
    try {
      current = await prepare(i);
    } catch (err) {
      fail(i, err);
      if (previous) skipped.push(sides[i]!.label);
      continue;
    }
    ctx.signal?.throwIfAborted();
    record(i, current);
    if (!previous) {
      rebase(current, i);
      continue;
    }
    const base: { v: PreparedVersion; i: number; paired: boolean } = previous;
    const started = performance.now();
    const key = keyOf(base.v, current);
    const hit = await ctx.store.get(key);
    let pair = hit && decodePair(hit);
    const fromCache = !!pair;
    let classifyMs = 0;
    let error: string | undefined;
    if (!pair) {
      try {
        const computed = await computePair(base.v, current, ctx);
        pair = computed.pair;
        classifyMs = computed.classifyMs;
        // Best effort: a cache that cannot be written to still gives the result.
        await ctx.store.put(key, encodePair(pair)).catch(() => {});
      } catch (err) {
        const side = err instanceof SideFailure ? err : null;
        // The code of the later version could not be prepared: it fails, the next pair spans it.
        if (side?.version === current) {
          fail(i, side.error);
          skipped.push(current.side.label);
          continue;
        }
        // The code of the baseline could not be prepared: it fails, and this version is the baseline.
        if (side && !base.paired) {
          fail(base.i, side.error);
          rebase(current, i);
          continue;
        }
        // Anything else is this pair's: it is reported as not analysed, and the walk goes on.
        const failure = options.keepGoing ? versionFailure(side?.error ?? err, ctx.signal) : null;
        if (!failure) throw side?.error ?? err;
        error = side ? `${side.version.side.label}: ${failure.message}` : failure.message;
        pair = emptyPair(base.v.side.label, current.side.label);
      }
    }
    result.diffs.push(pair.diff);
    result.classifications.push(pair.classification);
    const note: PairNote = {};
    if (skipped.length > 0) note.skipped = skipped;
    if (error !== undefined) note.error = error;
    result.pairs.push(note);
    const ms = Math.round(performance.now() - started);
    ctx.progress({ type: 'pair-done', from: base.v.side.label, to: current.side.label, done: i, total: sides.length - 1, ms, classifyMs, fromCache });
    previous = { v: current, i, paired: true };
    skipped = [];
  }
  return result;
}
