// Errors are values with codes. The CLI prints `message` on one line and exits 2;
// a stack is shown only with --debug.

export type StrataErrorCode =
  | 'ESTRATA_USAGE'
  | 'ESTRATA_BAD_RANGE'
  | 'ESTRATA_NO_MATCH'
  | 'ESTRATA_NOT_FOUND'
  | 'ESTRATA_REGISTRY'
  | 'ESTRATA_OFFLINE_MISS'
  | 'ESTRATA_INTEGRITY'
  | 'ESTRATA_UNSAFE_TARBALL'
  | 'ESTRATA_TOO_LARGE'
  | 'ESTRATA_BAD_INPUT'
  | 'ESTRATA_CONFIG'
  | 'ESTRATA_ABORTED'
  | 'ESTRATA_WEBHOOK'
  | 'ESTRATA_QUEUE';

export class StrataError extends Error {
  readonly code: StrataErrorCode;
  constructor(code: StrataErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StrataError';
    this.code = code;
  }
}

export function isStrataError(err: unknown): err is StrataError {
  return err instanceof StrataError;
}
