// Which errors are facts about one version, recorded on it while the audit goes on, and which
// stop the run. A version's tarball, integrity or contents say something about that release; an
// interrupt, an unreachable registry or a cache folder that cannot be used say nothing about it,
// would fail every version the same way, and are gone when the command is run again.
import { isStrataError, type StrataErrorCode } from '../errors.js';
import { isTransient } from '../registry/tarball-fetch.js';

export interface VersionFailure {
  /** StrataError code, or the error's name for an unexpected one (RangeError …). */
  code: string;
  /** One line. */
  message: string;
  /** The error itself, for callers that rethrow it. */
  error: unknown;
}

const RUN_WIDE: ReadonlySet<StrataErrorCode> = new Set(['ESTRATA_USAGE', 'ESTRATA_CONFIG', 'ESTRATA_ABORTED', 'ESTRATA_QUEUE', 'ESTRATA_WEBHOOK']);

/** HTTP statuses that are about the client or the moment (auth, rate limits, timeouts), not the file asked for. */
const NOT_ABOUT_THE_FILE = new Set([401, 403, 407, 408, 420, 429]);

const MAX_MESSAGE = 500;

function registryAway(cause: unknown): boolean {
  const c = cause as { name?: unknown; statusCode?: unknown } | undefined;
  if (!c || c.name === 'TimeoutError' || c.name === 'AbortError' || isTransient(c)) return true;
  return typeof c.statusCode === 'number' && (c.statusCode >= 500 || NOT_ABOUT_THE_FILE.has(c.statusCode));
}

function oneLine(text: string): string {
  const line = text.split(/\r?\n/, 1)[0]!.trim();
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}…` : line;
}

/** The failure to record on the version, or null when `err` must stop the run. */
export function versionFailure(err: unknown, signal: AbortSignal | undefined): VersionFailure | null {
  if (signal?.aborted) return null;
  const e = err as { name?: string; message?: string; code?: unknown; syscall?: unknown; errno?: unknown; cause?: unknown };
  if (e?.name === 'AbortError') return null;
  if (isStrataError(err)) {
    if (RUN_WIDE.has(err.code)) return null;
    // The registry unreachable, failing (5xx after retries), too slow or refusing us is the
    // registry's; what it says about this version (410 Gone, a manifest that does not match) is
    // the version's.
    if (err.code === 'ESTRATA_REGISTRY' && registryAway(err.cause)) return null;
    return { code: err.code, message: oneLine(err.message), error: err };
  }
  // The file system under the cache (full, read-only, out of descriptors): every version would fail.
  if (typeof e?.syscall === 'string' || typeof e?.errno === 'number') return null;
  const message = oneLine(typeof e?.message === 'string' && e.message ? e.message : String(err));
  if (e?.name === 'RangeError' && /call stack/i.test(message)) {
    return { code: 'RangeError', message: `too deeply nested to analyse (${message})`, error: err };
  }
  return { code: typeof e?.name === 'string' ? e.name : 'Error', message: `unexpected error while analysing it: ${message}`, error: err };
}
