// Translate pacote / npm-registry-fetch / cacache failures into StrataErrors with one-line messages.
import { StrataError } from '../errors.js';

interface FetchError extends Error {
  code?: string;
  statusCode?: number;
  uri?: string;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH',
  'ENETUNREACH', 'EPIPE', 'ERR_SOCKET_TIMEOUT', 'ESOCKETTIMEDOUT', 'FETCH_ERROR',
]);

export function toRegistryError(err: unknown, what: string, registry: string): StrataError {
  if (err instanceof StrataError) return err;
  const e = err as FetchError;
  const code = e?.code ?? '';
  if (code === 'E404') return new StrataError('ESTRATA_NOT_FOUND', `${what} was not found in the registry ${registry}`, { cause: err });
  if (code === 'E401' || code === 'E403') {
    return new StrataError('ESTRATA_REGISTRY', `${registry} refused access to ${what} (${code.slice(1)}): check the auth token in your .npmrc`, { cause: err });
  }
  if (code === 'EINTEGRITY') {
    return new StrataError('ESTRATA_INTEGRITY', `integrity check failed for ${what}: the tarball does not match the integrity the registry published; nothing was cached`, { cause: err });
  }
  if (code === 'ENOTCACHED') {
    return new StrataError('ESTRATA_OFFLINE_MISS', `--offline: ${what} is not in the cache; run once without --offline first`, { cause: err });
  }
  if (/network timeout|Response timeout|ETIMEDOUT|socket timeout/i.test(e?.message ?? '')) {
    return new StrataError('ESTRATA_REGISTRY', `the registry ${registry} did not answer for ${what} in time (fetch-timeout), after retries`, { cause: err });
  }
  const cause = (e as { cause?: FetchError })?.cause;
  const netCode = NETWORK_CODES.has(code) ? code : cause?.code && NETWORK_CODES.has(cause.code) ? cause.code : undefined;
  if (netCode || /^E5\d\d$/.test(code)) {
    return new StrataError('ESTRATA_REGISTRY', `cannot reach the registry ${registry} for ${what}: ${netCode ?? `HTTP ${code.slice(1)}`} (after retries)`, { cause: err });
  }
  const message = (e?.message ?? String(err)).split('\n')[0];
  return new StrataError('ESTRATA_REGISTRY', `registry request for ${what} failed: ${message}`, { cause: err });
}
