// The one place that knows how acorn is configured and how its parser is extended, shared by
// the file-level split (parse.ts) and the per-unit canonical form (canonical.ts).
import * as acorn from 'acorn';

export type SourceType = 'module' | 'script';

/**
 * Lenient on placement (bundles and unwrapped function bodies put `return`, `await`, `import`
 * where a plain module would not), strict on syntax: a unit that is not JavaScript must fail.
 */
export function acornOptions(sourceType: SourceType, extra: Partial<acorn.Options> = {}): acorn.Options {
  return {
    ecmaVersion: 'latest',
    sourceType,
    allowHashBang: true,
    allowReturnOutsideFunction: true,
    allowAwaitOutsideFunction: true,
    allowImportExportEverywhere: true,
    ...extra,
  };
}

/**
 * Methods of acorn's parser that plugins override (acorn-jsx and others do the same); the
 * published typings leave them out.
 */
export interface ParserInternals {
  finishNode<T extends acorn.Node>(node: T, type: string): T;
  parseStatement(context: string | null, topLevel?: boolean, exports?: unknown): acorn.Statement;
  enterScope(flags: number): void;
  /** Refuses an identifier that is a keyword or reserved word where it stands. */
  checkUnreserved(ref: { start: number; end: number; name: string }): void;
  /** Advances to the next token (where acorn calls `onToken` with the current one). */
  next(ignoreEscapeSequenceInKeyword?: boolean): void;
  /** The current token. */
  type: acorn.TokenType;
  start: number;
  end: number;
  value: unknown;
  /** acorn's own declaration scopes (for redeclaration checks), innermost last. */
  scopeStack: { var: string[]; lexical: string[]; functions: string[] }[];
}

/** acorn's Parser typed with its internals, for subclasses. */
export const ExtensibleParser = acorn.Parser as unknown as new (
  options: acorn.Options,
  input: string,
) => acorn.Parser & ParserInternals;

/**
 * acorn recurses per nesting level: hostile input (100k `[`) exhausts the stack. acorn reports
 * it as a SyntaxError ("Not enough stack space…"); elsewhere it is V8's RangeError.
 */
export function isStackOverflow(err: unknown): boolean {
  if (err instanceof RangeError) return /call stack/i.test(err.message);
  return err instanceof SyntaxError && /not enough stack space/i.test(err.message);
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export type Attempt<T> = { ok: true; value: T; sourceType: SourceType } | { ok: false; error: string; overflow: boolean };

/**
 * Runs `parse` as a module first (bundles are mostly ESM), then as a script (sloppy code: `with`,
 * octal escapes, `yield`/`let` as names), then as a script where a top-level `await` is a name.
 * A stack overflow is not retried: the other modes would overflow the same way. The error
 * reported is the first mode's, which is usually the real one.
 */
export function tryModes<T>(parse: (options: acorn.Options, sourceType: SourceType) => T, first: SourceType = 'module'): Attempt<T> {
  const module = (): acorn.Options => acornOptions('module');
  const script = (): acorn.Options => acornOptions('script');
  const sloppy = (): acorn.Options => acornOptions('script', { allowAwaitOutsideFunction: false });
  const order = first === 'module' ? [module, script, sloppy] : [script, sloppy, module];
  let firstError: string | undefined;
  for (const options of order) {
    const o = options();
    const sourceType = o.sourceType === 'module' ? 'module' : 'script';
    try {
      return { ok: true, value: parse(o, sourceType), sourceType };
    } catch (err) {
      if (isStackOverflow(err)) return { ok: false, error: 'nesting too deep to parse (stack overflow)', overflow: true };
      firstError ??= errorMessage(err);
    }
  }
  return { ok: false, error: firstError ?? 'parse failed', overflow: false };
}

/** A token as acorn produces it at run time (`value` is missing from acorn's typings). */
export interface RawToken {
  type: acorn.TokenType;
  start: number;
  end: number;
  value?: unknown;
}

export const tt = acorn.tokTypes;

/**
 * Every name acorn's `checkUnreserved` may refuse (its keywords and reserved words of every
 * dialect, `await`, `yield`, `arguments`): a superset, so other names can skip the check.
 */
export const MAYBE_RESERVED: ReadonlySet<string> = new Set(
  (
    'abstract boolean byte char class double enum export extends final float goto implements import int interface long ' +
    'native package private protected public short static super synchronized throws transient volatile const let yield ' +
    'eval arguments await break case catch continue debugger default do else finally for function if return switch ' +
    'throw try var while with null true false instanceof typeof void delete new in this'
  ).split(' '),
);
