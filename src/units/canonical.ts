// The canonical, identifier-insensitive form of one unit: the unit's tokens, one space apart,
// with every renamable binding replaced by a placeholder numbered by first occurrence, and the
// rewrites minifiers make at will undone. Two builds of the same code give the same form; any
// real edit (a swapped operand, an operator, a number, a string) changes it.
import { tokenizer } from 'acorn';
import { acornOptions, errorMessage, isStackOverflow, tt, type RawToken, type SourceType } from './acorn-parser.js';
import { resolveBindings } from './bindings.js';
import { parseUnit, type Shorthand, type UnitSyntax } from './unit-syntax.js';

export interface CanonicalToken {
  /** Canonical text of the token (a placeholder such as `$3`, `@4` or `#$5` for renamed names). */
  text: string;
  /** UTF-16 offsets of the token in the unit source (a rewrite such as `!0` → `true` spans both). */
  start: number;
  end: number;
  /** Placeholder index for a renamed identifier: `names[slot]` is the name in this source. */
  slot?: number;
  /**
   * Set on the placeholder of a shorthand, which the canonical form writes out in full
   * (`{a}` → `a : $0`, `import {a}` → `a as $0`, `export {a}` → `$0 as a`): the same source
   * token also serves as the property key / external name (the tokens before or after it with
   * the same range), so renaming it in the source needs the long form.
   */
  shorthand?: Shorthand;
}

export interface CanonicalizeOptions {
  /** The file's top-level names: unresolved references to them become placeholders too (`@n`). */
  topLevelNames: ReadonlySet<string>;
  /**
   * The source is a top-level statement (default true): the `let`/`const`/`var` of its
   * declarations all read `var`, and a final `;` is dropped (the last statement of a file may
   * lack it).
   */
  topLevel?: boolean;
  /** Parse mode to try first (default 'module'; the other is tried when it fails). */
  sourceType?: SourceType;
}

export interface Canonical {
  canonical: string;
  tokens: CanonicalToken[];
  names: string[];
}

/** The canonical form with the extras the unit extractor needs, in flat arrays. */
export interface CanonicalDetail {
  texts: string[];
  starts: number[];
  ends: number[];
  /** Slot per token, -1 when the token is not a renamed name. */
  slots: number[];
  /** Token index → shorthand kind, for the few shorthand placeholders. */
  shorthand: Map<number, Shorthand>;
  names: string[];
  /** Decoded values of string literals and template chunks, in order. */
  strings: string[];
  /** 'scope': parsed and scope-analysed; 'tokens': the unit did not parse alone (see `error`). */
  mode: 'scope' | 'tokens';
  error?: string;
}

/** Units larger than this are not parsed alone: their AST and scopes would cost too much memory. */
export const MAX_ANALYSED_UNIT_CHARS = 8 * 1024 * 1024;

export function canonicalize(source: string, options: CanonicalizeOptions): Canonical {
  const d = canonicalDetail(source, options);
  const tokens: CanonicalToken[] = new Array(d.texts.length);
  for (let i = 0; i < d.texts.length; i++) {
    const t: CanonicalToken = { text: d.texts[i]!, start: d.starts[i]!, end: d.ends[i]! };
    const slot = d.slots[i]!;
    if (slot >= 0) t.slot = slot;
    const sh = d.shorthand.get(i);
    if (sh) t.shorthand = sh;
    tokens[i] = t;
  }
  return { canonical: d.texts.join(' '), tokens, names: d.names };
}

export function canonicalDetail(source: string, options: CanonicalizeOptions): CanonicalDetail {
  const topLevel = options.topLevel ?? true;
  const first = options.sourceType ?? 'module';
  let error: string;
  if (source.length > MAX_ANALYSED_UNIT_CHARS) {
    error = `unit too large to analyse (${source.length} > ${MAX_ANALYSED_UNIT_CHARS} chars)`;
  } else {
    const parsed = parseUnit(source, first);
    if (parsed.ok) {
      try {
        return scoped(source, parsed.value, parsed.sourceType, options.topLevelNames, topLevel);
      } catch (err) {
        // eslint-scope recurses too, and asserts on odd inputs (an `import` in script mode).
        error = isStackOverflow(err) ? 'nesting too deep to analyse (stack overflow)' : `scope analysis failed: ${errorMessage(err)}`;
      }
    } else {
      error = parsed.error;
    }
  }
  return tokensOnly(source, first, topLevel, error);
}

/** Accumulates canonical tokens and numbers placeholders by first occurrence. */
class Emitter {
  readonly texts: string[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly slots: number[] = [];
  readonly shorthand = new Map<number, Shorthand>();
  readonly names: string[] = [];
  readonly strings: string[] = [];
  private readonly slotOf = new Map<string | number, number>();

  push(text: string, start: number, end: number, slot = -1): void {
    this.texts.push(text);
    this.starts.push(start);
    this.ends.push(end);
    this.slots.push(slot);
  }

  pop(): void {
    this.texts.pop();
    this.starts.pop();
    this.ends.pop();
    this.slots.pop();
  }

  slot(key: string | number, name: string): number {
    let s = this.slotOf.get(key);
    if (s === undefined) {
      s = this.names.length;
      this.slotOf.set(key, s);
      this.names.push(name);
    }
    return s;
  }

  detail(mode: 'scope' | 'tokens', error?: string): CanonicalDetail {
    const d: CanonicalDetail = {
      texts: this.texts,
      starts: this.starts,
      ends: this.ends,
      slots: this.slots,
      shorthand: this.shorthand,
      names: this.names,
      strings: this.strings,
      mode,
    };
    if (error !== undefined) d.error = error;
    return d;
  }
}

/** How a name token is to be written: a placeholder (key + sigil) or as it is. */
interface Renamed {
  key: string | number;
  sigil: '$' | '@';
}

interface Facts {
  shorthand?: Map<number, Shorthand>;
  declKeywords?: Set<number>;
  insertedSemicolons?: number[];
  trailingCommas?: Set<number>;
}

function scoped(source: string, syntax: UnitSyntax, sourceType: SourceType, topLevelNames: ReadonlySet<string>, topLevel: boolean): CanonicalDetail {
  const { keyAt, external } = resolveBindings(syntax.ast, sourceType, topLevelNames);
  const out = new Emitter();
  emit(
    source,
    syntax.tokens,
    (t) => {
      const key = keyAt.get(t.start);
      if (key !== undefined) return { key, sigil: external.has(key) ? '@' : '$' };
      const label = syntax.labels.get(t.start);
      return label !== undefined ? { key: label, sigil: '$' } : undefined;
    },
    (t) => ({ key: syntax.privates.get(t.start) ?? `P?#${String(t.value)}`, sigil: '$' }),
    {
      shorthand: syntax.shorthand,
      insertedSemicolons: syntax.insertedSemicolons,
      trailingCommas: syntax.trailingCommas,
      ...(topLevel ? { declKeywords: syntax.declKeywords } : {}),
    },
    topLevel,
    out,
  );
  return out.detail('scope');
}

/** Placeholder-looking names kept as they are get a backslash, which no decoded name contains. */
const LOOKS_LIKE_PLACEHOLDER = /^\$\d+$/;

const MEMBER_OR_CALL = new Set([tt.dot, tt.questionDot, tt.bracketL, tt.parenL, tt.backQuote, tt.starstar]);

function emit(
  source: string,
  tokens: readonly RawToken[],
  renameName: (t: RawToken, index: number) => Renamed | undefined,
  renamePrivate: (t: RawToken) => Renamed,
  facts: Facts,
  topLevel: boolean,
  out: Emitter,
): void {
  const n = tokens.length;
  const inserted = facts.insertedSemicolons ?? [];
  let nextInserted = 0;
  let skip = -1;
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    const type = t.type;
    // Printers differ in what they leave implicit; the canonical form writes it one way:
    // semicolons always (automatic insertion made explicit), never before `}`, no trailing
    // commas, no parentheses around a lone arrow parameter.
    while (nextInserted < inserted.length && inserted[nextInserted]! <= t.start) {
      const at = inserted[nextInserted++]!;
      out.push(';', at, at);
    }
    if (type === tt.eof || i === skip) continue;
    if (type === tt.comma && facts.trailingCommas?.has(t.start)) continue;
    if (type === tt.braceR && out.texts[out.texts.length - 1] === ';') out.pop();
    if (type === tt.parenL && tokens[i + 1]?.type === tt.name && tokens[i + 2]?.type === tt.parenR && tokens[i + 3]?.type === tt.arrow) {
      skip = i + 2;
      continue;
    }
    if (type === tt.name) {
      const name = t.value as string;
      if (facts.declKeywords?.has(t.start) && name === 'let') {
        out.push('var', t.start, t.end);
        continue;
      }
      const r = renameName(t, i);
      const slot = r ? out.slot(r.key, name) : -1;
      const text = r ? `${r.sigil}${slot}` : LOOKS_LIKE_PLACEHOLDER.test(name) ? `\\${name}` : name;
      const sh = facts.shorthand?.get(t.start);
      if (sh === undefined) {
        out.push(text, t.start, t.end, slot);
      } else if (sh === 'export') {
        if (slot >= 0) out.shorthand.set(out.texts.length, sh);
        out.push(text, t.start, t.end, slot);
        out.push('as', t.end, t.end);
        out.push(name, t.start, t.end);
      } else {
        out.push(name, t.start, t.end);
        out.push(sh === 'property' ? ':' : 'as', t.end, t.end);
        if (slot >= 0) out.shorthand.set(out.texts.length, sh);
        out.push(text, t.start, t.end, slot);
      }
      continue;
    }
    if (type === tt.privateId) {
      const name = `#${String(t.value)}`;
      const r = renamePrivate(t);
      const slot = out.slot(r.key, name);
      out.push(`#${r.sigil}${slot}`, t.start, t.end, slot);
      continue;
    }
    if (type === tt.string) {
      const value = t.value as string;
      out.strings.push(value);
      out.push(JSON.stringify(value), t.start, t.end);
      continue;
    }
    if (type === tt.num) {
      out.push(numberText(t, source), t.start, t.end);
      continue;
    }
    // `!0` / `!1` / `void 0`, unless a member access or call binds the number first (`!0[x]`).
    if ((type === tt.prefix && t.value === '!') || type === tt._void) {
      const next = tokens[i + 1];
      const after = tokens[i + 2];
      if (next && next.type === tt.num && (!after || !MEMBER_OR_CALL.has(after.type))) {
        const v = next.value;
        const text = type === tt._void ? (v === 0 ? 'undefined' : undefined) : v === 0 ? 'true' : v === 1 ? 'false' : undefined;
        if (text) {
          out.push(text, t.start, next.end);
          i++;
          continue;
        }
      }
    }
    if ((type === tt._var || type === tt._const) && facts.declKeywords?.has(t.start)) {
      out.push('var', t.start, t.end);
      continue;
    }
    if (type === tt.template && typeof t.value === 'string') out.strings.push(t.value);
    // Everything else as written: punctuation, keywords, regexes, template literals.
    out.push(source.slice(t.start, t.end), t.start, t.end);
  }
  if (topLevel && out.texts[out.texts.length - 1] === ';') out.pop();
}

/** Numbers by value (`0x10`, `16`, `1_6` and `16.0` are one number); BigInts likewise. */
function numberText(t: RawToken, source: string): string {
  const v = t.value;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'bigint') return `${v}n`;
  return source.slice(t.start, t.end);
}

// ── The fallback: tokens only, for units that do not parse alone ──────────────────────────────

/**
 * Names kept as they are in the tokens-only form: ECMAScript's globals and the common host ones.
 * A fixed list (not `globalThis`), so the canonical form does not depend on the Node version.
 */
const KNOWN_GLOBALS: ReadonlySet<string> = new Set(
  (
    'globalThis Infinity NaN undefined eval isFinite isNaN parseFloat parseInt decodeURI decodeURIComponent ' +
    'encodeURI encodeURIComponent escape unescape Object Function Array Number Boolean String Symbol BigInt ' +
    'Math Date RegExp Error AggregateError EvalError RangeError ReferenceError SyntaxError TypeError URIError ' +
    'JSON Promise Proxy Reflect Map Set WeakMap WeakSet WeakRef FinalizationRegistry ArrayBuffer SharedArrayBuffer ' +
    'DataView Atomics Int8Array Uint8Array Uint8ClampedArray Int16Array Uint16Array Int32Array Uint32Array ' +
    'Float32Array Float64Array BigInt64Array BigUint64Array Intl arguments ' +
    'require module exports __filename __dirname process Buffer global console setTimeout clearTimeout ' +
    'setInterval clearInterval setImmediate clearImmediate queueMicrotask structuredClone URL URLSearchParams ' +
    'TextEncoder TextDecoder AbortController AbortSignal fetch Headers Request Response FormData Blob ' +
    'atob btoa crypto performance window document navigator self location Bun Deno'
  ).split(' '),
);
/** Contextual keywords: without a parse, assume they are used as keywords. */
const CONTEXTUAL = new Set(['of', 'get', 'set', 'let', 'static', 'async', 'await', 'yield', 'as', 'from', 'target', 'meta', 'accessor', 'using']);

function tokensOnly(source: string, sourceType: SourceType, topLevel: boolean, error: string): CanonicalDetail {
  const tokens: RawToken[] = [];
  let rest = -1;
  try {
    for (const t of tokenizer(source, acornOptions(sourceType))) tokens.push(t as RawToken);
  } catch {
    // Unterminated string, bad escape…: the text after the last good token is kept as it is.
    rest = tokens.length > 0 ? tokens[tokens.length - 1]!.end : 0;
  }
  const out = new Emitter();
  emit(
    source,
    tokens,
    (t, i) => {
      const p = tokens[i - 1];
      const name = t.value as string;
      if (p && (p.type === tt.dot || p.type === tt.questionDot)) return undefined;
      if (KNOWN_GLOBALS.has(name) || CONTEXTUAL.has(name)) return undefined;
      return { key: `n:${name}`, sigil: '$' };
    },
    (t) => ({ key: `p:${String(t.value)}`, sigil: '$' }),
    {},
    topLevel,
    out,
  );
  if (rest >= 0 && rest < source.length) {
    const tail = source.slice(rest).replace(/\s+/g, ' ').trim();
    if (tail) out.push(tail, rest, source.length);
  }
  return out.detail('tokens', error);
}

