// Tarball downloads that are retried only when a retry can help. make-fetch-happen retries every
// failed request, an integrity mismatch included, with npm's back-off (10 s, then 60 s), and
// pacote downloads a mismatching tarball once more on top: 6 downloads and over two minutes for
// bytes that will not change. Here the request itself is not retried; a transient failure (a
// reset connection, a 5xx, a timeout) is, with npm's retry settings; anything else fails at once.
import { setTimeout as sleep } from 'node:timers/promises';
import pacote from 'pacote';

// pacote's own (registered) symbol for the download of a resolved tarball.
const FROM_RESOLVED: unique symbol = Symbol.for('pacote.Fetcher._tarballFromResolved') as never;

interface PacoteFetcher {
  tarball(): Promise<Buffer>;
  tarballStream<T>(handler: (stream: NodeJS.ReadableStream) => Promise<T>): Promise<T>;
  isRetriableError(err: unknown): boolean;
  isDataCorruptionError(err: unknown): boolean;
  [FROM_RESOLVED](): unknown;
}

const RegistryFetcher = (pacote as unknown as { RegistryFetcher: new (spec: string, opts: Record<string, unknown>) => PacoteFetcher }).RegistryFetcher;

/**
 * pacote's registry fetcher, minus its second download of bytes that failed their integrity
 * check. Corrupt bytes in pacote's own cache still fall back to the registry (nothing has been
 * downloaded then).
 */
class OnceFetcher extends RegistryFetcher {
  #downloaded = false;
  override [FROM_RESOLVED](): unknown {
    this.#downloaded = true;
    return super[FROM_RESOLVED]();
  }
  override isRetriableError(err: unknown): boolean {
    if (this.#downloaded && this.isDataCorruptionError(err)) return false;
    return super.isRetriableError(err);
  }
}

export interface RetryPolicy {
  retries: number;
  factor: number;
  minTimeout: number;
  maxTimeout: number;
}

const num = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback);

/** npm's retry settings (`retry` as npm's configuration flattens them, or pacote's fetchRetry* options). */
export function retryPolicy(opts: Record<string, unknown>): RetryPolicy {
  const r = (opts.retry && typeof opts.retry === 'object' ? opts.retry : {}) as Record<string, unknown>;
  return {
    retries: num(r.retries, num(opts.fetchRetries, 2)),
    factor: num(r.factor, num(opts.fetchRetryFactor, 10)),
    minTimeout: num(r.minTimeout, num(opts.fetchRetryMintimeout, 10_000)),
    maxTimeout: num(r.maxTimeout, num(opts.fetchRetryMaxtimeout, 60_000)),
  };
}

const TRANSIENT_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EADDRINUSE', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND',
  'EHOSTUNREACH', 'ENETUNREACH', 'ERR_SOCKET_TIMEOUT', 'ESOCKETTIMEDOUT',
  // @npmcli/agent's timeouts
  'ECONNECTIONTIMEOUT', 'EIDLETIMEOUT', 'ERESPONSETIMEOUT', 'ETRANSFERTIMEOUT',
]);

/** A failure that may not happen again: the network, or an HTTP status that says "later". */
export function isTransient(err: unknown): boolean {
  const e = err as { code?: unknown; statusCode?: unknown; cause?: { code?: unknown } } | null;
  if (!e || typeof e !== 'object') return false;
  const status = typeof e.statusCode === 'number' ? e.statusCode : typeof e.code === 'string' && /^E\d{3}$/.test(e.code) ? Number(e.code.slice(1)) : null;
  if (status !== null) return status === 408 || status === 420 || status === 429 || status >= 500;
  return TRANSIENT_CODES.has(String(e.code)) || TRANSIENT_CODES.has(String(e.cause?.code));
}

async function withRetries<T>(opts: Record<string, unknown>, job: (opts: Record<string, unknown>) => Promise<T>): Promise<T> {
  const policy = retryPolicy(opts);
  const signal = opts.signal as AbortSignal | undefined;
  // The request itself is tried once: the loop below decides what is worth another try.
  const once = { ...opts, retry: { retries: 0 } };
  for (let attempt = 0; ; attempt++) {
    try {
      return await job(once);
    } catch (err) {
      if (signal?.aborted || attempt >= policy.retries || !isTransient(err)) throw err;
      await sleep(Math.min(policy.minTimeout * policy.factor ** attempt, policy.maxTimeout), undefined, { signal });
    }
  }
}

/** pacote.tarball for a registry spec (`name@version`), retried only on transient failures. */
export function tarballOnce(spec: string, opts: Record<string, unknown>): Promise<Buffer> {
  return withRetries(opts, (o) => new OnceFetcher(spec, o).tarball());
}

/** pacote.tarball.stream for a registry spec (`name@version`), retried only on transient failures. */
export function tarballStreamOnce<T>(spec: string, handler: (stream: NodeJS.ReadableStream) => Promise<T>, opts: Record<string, unknown>): Promise<T> {
  return withRetries(opts, (o) => new OnceFetcher(spec, o).tarballStream(handler));
}
