// What every run shares: configuration, the registry client, the caches and the worker pool.
import { setMaxListeners } from 'node:events';
import path from 'node:path';
import pLimit from 'p-limit';
import { createBeautifier, type Beautifier } from '../beautify/beautifier.js';
import { createArtefactStore, type ArtefactStore } from '../cache/store.js';
import { loadNpmConfig, type FlatNpmOptions } from '../config/npm-config.js';
import { StrataError } from '../errors.js';
import { DEFAULT_LIMITS, type PayloadLimits } from '../payload/limits.js';
import { DEFAULT_PLATFORM, KNOWN_PLATFORMS, parsePlatform, type Platform } from '../payload/platform.js';
import { createRegistryClient, type RegistryClient } from '../registry/client.js';
import { createWorkerPool, type WorkerPool } from '../workers/pool.js';

export type ProgressEvent =
  | { type: 'versions'; package: string; versions: string[] }
  | { type: 'version-ready'; version: string; fromCache: boolean; done: number; total: number }
  /** A version could not be analysed (audit only): it is recorded with the reason and skipped. */
  | { type: 'version-failed'; version: string; reason: string }
  | { type: 'beautify'; version: string; file: string; bytes: number }
  /** A version's JavaScript is beautified and split into units (only for versions a pair not cached needs). */
  | { type: 'code-ready'; version: string; files: number }
  /** A stub's code is being fetched from its platform package (`version` is that package's name@version). */
  | { type: 'platform'; version: string; platform: string }
  /**
   * `ms`: from both versions' payloads being ready to this pair's result: loading (or computing)
   * their code, the diff and the classification, or reading the cached result; `classifyMs`: the
   * classification alone (0 when the pair came from the cache).
   */
  | { type: 'pair-done'; from: string; to: string; done: number; total: number; ms: number; classifyMs: number; fromCache: boolean };

export interface RunOptions {
  cacheDir?: string;
  registry?: string;
  offline?: boolean;
  concurrency?: number;
  /** Worker threads for CPU work; defaults to the number of cores. */
  threads?: number;
  limits?: Partial<PayloadLimits>;
  /** Platform whose package a stub's code is followed into (`linux-x64` by default; `none` to not follow). */
  platform?: string;
  /** npm configuration already loaded (tests, embedding); read from .npmrc layers when absent. */
  npm?: FlatNpmOptions;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** Plain diff of the beautified files instead of the identifier-insensitive one. */
  raw?: boolean;
  onProgress?: (event: ProgressEvent) => void;
  /**
   * Made once by a long-lived process (queue workers, `strata watch`) and given to every run
   * (see createRunResources); a run closes only what it made itself. With `store`, the cache
   * folder is the store's.
   */
  store?: ArtefactStore;
  /** Replaces `threads`. */
  pool?: WorkerPool;
  /** Replaces `registry`, `npm` and `offline` for requests; each run takes its own view (forRun). */
  registryClient?: RegistryClient;
}

export interface RunContext {
  registry: RegistryClient;
  /** The cache directory (`store` is in it), for worker tasks that read the store themselves. */
  cacheDir: string;
  store: ArtefactStore;
  beautifier: Beautifier;
  pool: WorkerPool;
  /** Runs whole-bundle parses one at a time. */
  bigParse: <T>(job: () => Promise<T>) => Promise<T>;
  limits: PayloadLimits;
  /** null: platform packages are not followed. */
  platform: Platform | null;
  concurrency: number;
  signal: AbortSignal | undefined;
  raw: boolean;
  progress: (event: ProgressEvent) => void;
  close(): Promise<void>;
}

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return path.resolve(cwd, env.STRATA_CACHE_DIR || 'cache');
}

/**
 * Every queued worker task listens on the signal; give them an internal one that follows the
 * caller's, so a long run neither warns about listeners nor changes the caller's signal.
 */
function linkedSignal(outer: AbortSignal | undefined): AbortSignal | undefined {
  if (!outer) return undefined;
  const inner = new AbortController();
  setMaxListeners(0, inner.signal);
  if (outer.aborted) inner.abort(outer.reason);
  else outer.addEventListener('abort', () => inner.abort(outer.reason), { once: true });
  return inner.signal;
}

function platformOption(id: string | undefined): Platform | null {
  if (id === 'none') return null;
  const platform = parsePlatform(id ?? DEFAULT_PLATFORM);
  if (!platform) throw new StrataError('ESTRATA_USAGE', `unknown platform "${id}": expected os-cpu like linux-x64 (${KNOWN_PLATFORMS}), or none`);
  return platform;
}

export interface RunResources {
  store: ArtefactStore;
  pool: WorkerPool;
  registryClient: RegistryClient;
  /** Closes what was made here; what the options gave stays open. */
  close(): Promise<void>;
}

function cacheDirOf(options: RunOptions, cwd: string): string {
  const env = options.env ?? process.env;
  const given = options.cacheDir ? path.resolve(cwd, options.cacheDir) : undefined;
  if (!options.store) return given ?? defaultCacheDir(env, cwd);
  const own = path.resolve(cwd, options.store.cacheDir);
  // Worker tasks and the registry's HTTP cache would otherwise read another folder than the store.
  if (given && given !== own) throw new StrataError('ESTRATA_USAGE', `cacheDir ${given} is not the folder of the store given (${own})`);
  return own;
}

/** The store, worker pool and registry client the options do not give, made from the options. */
export async function createRunResources(options: RunOptions): Promise<RunResources> {
  const cwd = options.cwd ?? process.cwd();
  const cacheDir = cacheDirOf(options, cwd);
  // --offline may run on a cache it cannot write to (read-only, shared): writes are best effort.
  const store = options.store ?? createArtefactStore(cacheDir, { bestEffortWrites: options.offline === true });
  let registryClient = options.registryClient;
  if (!registryClient) {
    const npm = options.npm ?? (await loadNpmConfig({ registry: options.registry, cwd, env: options.env ?? process.env }));
    registryClient = createRegistryClient({ npm, cacheDir, offline: options.offline });
  }
  const pool = options.pool ?? createWorkerPool({ threads: options.threads });
  return { store, pool, registryClient, close: options.pool ? async () => {} : () => pool.close() };
}

export async function createRunContext(options: RunOptions): Promise<RunContext> {
  const platform = platformOption(options.platform);
  const cacheDir = cacheDirOf(options, options.cwd ?? process.cwd());
  const { store, pool, registryClient, close } = await createRunResources(options);
  const signal = linkedSignal(options.signal);
  return {
    signal,
    registry: registryClient.forRun(signal),
    cacheDir,
    store,
    beautifier: createBeautifier(store, pool),
    pool,
    bigParse: pLimit(1),
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    platform,
    concurrency: Math.max(1, options.concurrency ?? 4),
    raw: options.raw === true,
    progress: options.onProgress ?? (() => {}),
    close,
  };
}
