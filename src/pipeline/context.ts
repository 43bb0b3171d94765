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
import { createWorkerPool, type WorkerPool } from './worker-pool.js';

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
}

export interface RunContext {
  npm: FlatNpmOptions;
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

export async function createRunContext(options: RunOptions): Promise<RunContext> {
  const platform = platformOption(options.platform);
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const npm = options.npm ?? (await loadNpmConfig({ registry: options.registry, cwd, env }));
  const cacheDir = options.cacheDir ? path.resolve(cwd, options.cacheDir) : defaultCacheDir(env, cwd);
  // --offline may run on a cache it cannot write to (read-only, shared): writes are best effort.
  const store = createArtefactStore(cacheDir, { bestEffortWrites: options.offline === true });
  const pool = createWorkerPool({ threads: options.threads });
  const beautifier = createBeautifier(store, pool);
  const signal = linkedSignal(options.signal);
  return {
    signal,
    npm,
    registry: createRegistryClient({ npm, cacheDir, offline: options.offline, signal }),
    cacheDir,
    store,
    beautifier,
    pool,
    bigParse: pLimit(1),
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    platform,
    concurrency: Math.max(1, options.concurrency ?? 4),
    raw: options.raw === true,
    progress: options.onProgress ?? (() => {}),
    close: () => pool.close(),
  };
}
