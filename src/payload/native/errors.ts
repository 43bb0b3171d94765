// Errors and bounds shared by the container readers and the payload extractors.

/**
 * A recognised executable or payload format that is broken or hostile: truncated, a pointer out of
 * bounds, an absurd count, a self-reference. The message always reads
 * `payload not extractable: <reason>`; `reason` holds the part after the colon.
 */
export class NativePayloadError extends Error {
  readonly reason: string;
  constructor(reason: string, options?: { cause?: unknown }) {
    const clean = reason.replace(/^payload not extractable:\s*/, '');
    super(`payload not extractable: ${clean}`, options);
    this.name = 'NativePayloadError';
    this.reason = clean;
  }
}

export interface NativeLimits {
  /** Module records one payload may declare before it is refused as hostile. */
  maxModules: number;
  /** Largest single module decoded to text; larger ones are listed with `text: null`. */
  maxModuleBytes: number;
  /** Text decoded from one executable in total; past it, modules are listed with `text: null`. */
  maxTotalTextBytes: number;
}

/**
 * The same bounds the audit passes (payload/limits.ts: the largest file, a package's total): the
 * largest real payload seen, a code-split claude-code, is 1,385 modules and 40 MB of text. Formats
 * that share bytes between entries (deno, pkg, eszip) can be driven up to the total.
 */
export const DEFAULT_NATIVE_LIMITS: NativeLimits = {
  maxModules: 100_000,
  maxModuleBytes: 64 * 1024 * 1024,
  maxTotalTextBytes: 1024 * 1024 * 1024,
};

export function resolveLimits(limits?: Partial<NativeLimits>): NativeLimits {
  const out = { ...DEFAULT_NATIVE_LIMITS };
  if (limits) {
    for (const key of Object.keys(out) as (keyof NativeLimits)[]) {
      const v = limits[key];
      if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out[key] = Math.floor(v);
    }
  }
  return out;
}
