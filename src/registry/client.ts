// The only module that talks to the network: packuments and tarballs through pacote, with npm's
// configuration, pacote's HTTP cache under <cacheDir>/_cacache, and integrity on every tarball.
import path from 'node:path';
import pacote from 'pacote';
import { StrataError } from '../errors.js';
import { registryFor, type FlatNpmOptions } from '../config/npm-config.js';
import { toRegistryError } from './registry-error.js';
import { tarballOnce, tarballStreamOnce } from './tarball-fetch.js';
import { createOfflineCache } from './offline-cache.js';
import { Readable } from 'node:stream';

export interface Packument {
  name: string;
  'dist-tags': Record<string, string>;
  versions: Record<string, PackumentVersion>;
  time?: Record<string, string>;
}

export interface PackumentVersion {
  name: string;
  version: string;
  deprecated?: string;
  _npmUser?: { name?: string; email?: string };
  dist: {
    tarball: string;
    integrity?: string;
    shasum?: string;
    attestations?: { url: string; provenance?: { predicateType?: string } };
  };
  [key: string]: unknown;
}

export interface RegistryClientOptions {
  npm: FlatNpmOptions;
  cacheDir: string;
  offline?: boolean;
  /** Aborts every request under way (Ctrl-C). */
  signal?: AbortSignal;
}

/**
 * Requests are bounded twice: npm's fetch-timeout bounds each wait (for an answer, or between two
 * parts of one); these bound a request whole, retries included, so a registry that drips a byte
 * at a time cannot hold an audit for hours.
 */
export function requestCaps(npm: FlatNpmOptions): { packumentMs: number; tarballMs: number } {
  const timeout = typeof npm.timeout === 'number' && npm.timeout > 0 ? npm.timeout : 30_000;
  const retries = typeof npm.retry === 'object' && npm.retry && typeof (npm.retry as { retries?: unknown }).retries === 'number' ? (npm.retry as { retries: number }).retries : 2;
  return { packumentMs: timeout * (retries + 1) * 2, tarballMs: Math.max(10 * 60_000, timeout * (retries + 1) * 20) };
}

export interface RegistryClient {
  registryFor(name: string): string;
  packument(name: string): Promise<Packument>;
  /** The tarball bytes, verified against `integrity` by pacote before they are returned or cached. */
  tarball(name: string, version: string, integrity: string | null): Promise<Buffer>;
  /**
   * The tarball as a stream handed to `read`, for packages too large to hold (platform packages
   * of 74 MB): not written to the HTTP cache, whose place is taken by what `read` extracts. The
   * integrity is checked as the bytes flow; a mismatch fails the returned promise even when
   * `read` has finished.
   */
  tarballStream<T>(name: string, version: string, integrity: string | null, read: (stream: NodeJS.ReadableStream) => Promise<T>): Promise<T>;
  /**
   * A client with this one's configuration for one run, with packuments memoised for that run
   * only (a long-lived process must see releases published since its last run) and requests that
   * also stop on the run's `signal`.
   */
  forRun(signal?: AbortSignal): RegistryClient;
}

export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
  const packumentCache = new Map();
  const caps = requestCaps(options.npm);
  /**
   * Runs one request under a signal that fires on Ctrl-C or when its time is up, and settles as
   * soon as it fires: npm's retry loop sleeps (up to a minute) without looking at the signal.
   */
  const bounded = <T>(ms: number, request: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const outer = options.signal;
    if (outer?.aborted) return Promise.reject(outer.reason);
    // A timer and a controller of our own: AbortSignal.timeout under AbortSignal.any can be
    // collected before it fires, and then the request waits forever.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError')), ms);
    const onOuter = () => controller.abort(outer!.reason);
    outer?.addEventListener('abort', onOuter, { once: true });
    return new Promise<T>((resolve, reject) => {
      controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
      request(controller.signal).then(resolve, reject);
    }).finally(() => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuter);
    });
  };
  const failed = (err: unknown, what: string, name: string, ms: number) => {
    if (options.signal?.aborted) return options.signal.reason ?? err;
    if ((err as Error)?.name === 'TimeoutError' || (err as Error)?.name === 'AbortError') {
      return new StrataError('ESTRATA_REGISTRY', `the registry ${registryFor(name, options.npm)} did not deliver ${what} within ${Math.round(ms / 1000)} s`, { cause: err });
    }
    return toRegistryError(err, what, registryFor(name, options.npm));
  };
  const base = {
    ...options.npm,
    cache: path.join(options.cacheDir, '_cacache'),
    fullMetadata: true,
    packumentCache,
    offline: options.offline === true,
    // Registry requests only: never let a spec reach git, the file system or an arbitrary URL.
    allowGit: 'none',
    allowFile: 'none',
    allowDirectory: 'none',
    allowRemote: 'none',
  };
  // --offline reads the HTTP cache without writing to it (pacote's lookups rewrite its index).
  const offline = options.offline ? createOfflineCache(base.cache) : null;
  return {
    forRun: (signal) => {
      const outer = options.signal;
      return createRegistryClient({ ...options, signal: outer && signal ? AbortSignal.any([outer, signal]) : (signal ?? outer) });
    },
    registryFor: (name) => registryFor(name, options.npm),
    async packument(name) {
      try {
        if (offline) return await offline.packument(registryFor(name, options.npm), name);
        return (await bounded(caps.packumentMs, (signal) => pacote.packument(name, { ...base, signal }))) as unknown as Packument;
      } catch (err) {
        throw failed(err, `package ${name}`, name, caps.packumentMs);
      }
    },
    async tarballStream(name, version, integrity, read) {
      if (!integrity) {
        throw new StrataError('ESTRATA_INTEGRITY', `${name}@${version} has no integrity in the registry; refusing to analyse an unverifiable tarball`);
      }
      try {
        if (offline) return await read(Readable.from(await offline.tarball(integrity, `${name}@${version}`)));
        return await bounded(caps.tarballMs, (signal) => tarballStreamOnce(`${name}@${version}`, (stream) => read(stream), { ...base, cache: undefined, integrity, signal }));
      } catch (err) {
        if (err instanceof StrataError) throw err;
        throw failed(err, `${name}@${version}`, name, caps.tarballMs);
      }
    },
    async tarball(name, version, integrity) {
      if (!integrity) {
        throw new StrataError('ESTRATA_INTEGRITY', `${name}@${version} has no integrity in the registry; refusing to analyse an unverifiable tarball`);
      }
      try {
        if (offline) return await offline.tarball(integrity, `${name}@${version}`);
        return await bounded(caps.tarballMs, (signal) => tarballOnce(`${name}@${version}`, { ...base, integrity, signal }));
      } catch (err) {
        throw failed(err, `${name}@${version}`, name, caps.tarballMs);
      }
    },
  };
}
