// The canonical, identifier-insensitive form of one unit: the unit's tokens, one space apart,
// with every renamable binding replaced by a placeholder numbered by first occurrence, and the
// rewrites minifiers make at will undone. Two builds of the same code give the same form; any
// real edit (a swapped operand, an operator, a number, a string) changes it.
//
// Built in two steps. A draft needs only the unit: its tokens, with each renamable name tied to
// a binding key, and the references it cannot resolve left free. Finishing it needs the file's
// top-level names: a free name is another unit's (a placeholder too) or a real global (kept).
// The unit extractor drafts statements while it parses the file, and finishes them at the end.
import { tokenizer, type Token as AcornToken } from 'acorn';
import type * as acorn from 'acorn';
import { acornOptions, errorMessage, isStackOverflow, tt, type RawToken, type SourceType } from './acorn-parser.js';
import { resolveBindings } from './bindings.js';
import type { TokenView } from './tokens.js';
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

/**
 * Units longer than this (UTF-16 code units) are not parsed and scope-analysed alone: the AST
 * and scopes cost ~150 bytes per character (a 4 MiB unit peaks at ~650 MB of heap). They get the
 * tokens-only form, which streams.
 */
export const MAX_ANALYSED_UNIT_CHARS = 4 * 1024 * 1024;

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
  return finishDraft(draftCanonical(source, options), options.topLevelNames);
}

export interface DraftOptions {
  topLevel?: boolean;
  sourceType?: SourceType;
  /** Keep token offsets (default true; the unit extractor does not need them). */
  positions?: boolean;
}

/** The draft of a unit parsed alone; tokens only when it does not parse or is too large. */
export function draftCanonical(source: string, options: DraftOptions): CanonicalDraft {
  const topLevel = options.topLevel ?? true;
  const first = options.sourceType ?? 'module';
  const positions = options.positions ?? true;
  let error: string;
  if (source.length > MAX_ANALYSED_UNIT_CHARS) {
    error = `unit too large to analyse (${source.length} > ${MAX_ANALYSED_UNIT_CHARS} chars)`;
  } else {
    const parsed = parseUnit(source, first);
    if (parsed.ok) {
      try {
        return draftFromSyntax(source, parsed.value, parsed.sourceType, topLevel, positions);
      } catch (err) {
        // eslint-scope recurses too, and asserts on odd inputs (an `import` in script mode).
        error = isStackOverflow(err) ? 'nesting too deep to analyse (stack overflow)' : `scope analysis failed: ${errorMessage(err)}`;
      }
    } else {
      error = parsed.error;
    }
  }
  return tokensOnly(source, first, topLevel, positions, error);
}

/** What a renamable token stands for. */
type KeyKind = 'local' | 'private' | 'free';

/**
 * A unit's canonical tokens before the file's top-level names are known. `texts` holds the
 * canonical text of every token, except keyed ones (`keys[i] >= 0`), where it holds the name.
 */
export interface CanonicalDraft {
  texts: string[];
  keys: number[];
  keyKinds: KeyKind[];
  /** Free names the unit declares in some scope: they stay local when not top-level names. */
  declared: ReadonlySet<string>;
  starts: number[];
  ends: number[];
  /** Token index → shorthand kind, for keyed tokens written out from a shorthand. */
  shorthand: Map<number, Shorthand>;
  strings: string[];
  mode: 'scope' | 'tokens';
  error?: string;
}

/** Numbers the keyed tokens by first occurrence, now that the file's top-level names are known. */
export function finishDraft(d: CanonicalDraft, topLevelNames: ReadonlySet<string>): CanonicalDetail {
  const n = d.texts.length;
  const texts: string[] = new Array(n);
  const slots: number[] = new Array(n);
  const slotOf = new Int32Array(d.keyKinds.length).fill(-1);
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = d.keys[i]!;
    const name = d.texts[i]!;
    if (k < 0) {
      texts[i] = name;
      slots[i] = -1;
      continue;
    }
    const kind = d.keyKinds[k]!;
    let sigil = '$';
    if (kind === 'free') {
      if (topLevelNames.has(name)) sigil = '@';
      else if (!d.declared.has(name)) {
        // A real global: kept, escaped if it could be read as a placeholder.
        texts[i] = LOOKS_LIKE_PLACEHOLDER.test(name) ? `\\${name}` : name;
        slots[i] = -1;
        continue;
      }
    }
    let slot = slotOf[k]!;
    if (slot < 0) {
      slot = slotOf[k] = names.length;
      names.push(name);
    }
    texts[i] = kind === 'private' ? `#$${slot}` : `${sigil}${slot}`;
    slots[i] = slot;
  }
  const shorthand = new Map<number, Shorthand>();
  for (const [i, sh] of d.shorthand) if (slots[i]! >= 0) shorthand.set(i, sh);
  const out: CanonicalDetail = { texts, starts: d.starts, ends: d.ends, slots, shorthand, names, strings: d.strings, mode: d.mode };
  if (d.error !== undefined) out.error = d.error;
  return out;
}

/** Accumulates a draft: canonical tokens, and keys numbered by the order they are met. */
class Emitter {
  readonly texts: string[] = [];
  readonly keys: number[] = [];
  readonly keyKinds: KeyKind[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly shorthand = new Map<number, Shorthand>();
  readonly strings: string[] = [];
  private readonly keyIds = new Map<string | number, number>();

  constructor(private readonly positions: boolean) {}

  push(text: string, start: number, end: number, key = -1): void {
    this.texts.push(text);
    this.keys.push(key);
    if (this.positions) {
      this.starts.push(start);
      this.ends.push(end);
    }
  }

  pop(): void {
    this.texts.pop();
    this.keys.pop();
    if (this.positions) {
      this.starts.pop();
      this.ends.pop();
    }
  }

  key(key: string | number, kind: KeyKind): number {
    let id = this.keyIds.get(key);
    if (id === undefined) {
      id = this.keyKinds.length;
      this.keyIds.set(key, id);
      this.keyKinds.push(kind);
    }
    return id;
  }

  draft(mode: 'scope' | 'tokens', declared: ReadonlySet<string>, error?: string): CanonicalDraft {
    const d: CanonicalDraft = {
      texts: this.texts,
      keys: this.keys,
      keyKinds: this.keyKinds,
      declared,
      starts: this.starts,
      ends: this.ends,
      shorthand: this.shorthand,
      strings: this.strings,
      mode,
    };
    if (error !== undefined) d.error = error;
    return d;
  }
}

/** What a renamable name token is bound to. */
interface Renamed {
  key: string | number;
  kind: KeyKind;
}

interface Facts {
  shorthand?: Map<number, Shorthand>;
  declKeywords?: Set<number>;
  insertedSemicolons?: number[];
  trailingCommas?: Set<number>;
}

/**
 * The draft of parsed syntax: a unit parsed alone, or a file's statement (then `source` is the
 * file and offsets are the file's). Throws when scope analysis does.
 */
export function draftFromSyntax(source: string, syntax: UnitSyntax, sourceType: SourceType, topLevel: boolean, positions = true): CanonicalDraft {
  const { keyAt, freeAt, declared } = resolveBindings(syntax.ast, sourceType);
  const out = new Emitter(positions);
  const tk = syntax.tokens;
  emit(
    source,
    tk,
    (i) => {
      const at = tk.start(i);
      const key = keyAt.get(at);
      if (key !== undefined) return { key, kind: 'local' };
      const free = freeAt.get(at);
      if (free !== undefined) return { key: `f:${free}`, kind: 'free' };
      const label = syntax.labels.get(at);
      return label !== undefined ? { key: label, kind: 'local' } : undefined;
    },
    (i) => ({ key: syntax.privates.get(tk.start(i)) ?? `P?#${String(tk.value(i))}`, kind: 'private' }),
    {
      shorthand: syntax.shorthand,
      insertedSemicolons: syntax.insertedSemicolons,
      trailingCommas: syntax.trailingCommas,
      ...(topLevel ? { declKeywords: syntax.declKeywords } : {}),
    },
    topLevel,
    out,
  );
  return out.draft('scope', declared);
}

/** Placeholder-looking names kept as they are get a backslash, which no decoded name contains. */
const LOOKS_LIKE_PLACEHOLDER = /^\$\d+$/;

const MEMBER_OR_CALL = new Set([tt.dot, tt.questionDot, tt.bracketL, tt.parenL, tt.backQuote, tt.starstar]);

/**
 * Writes the canonical tokens of `tk`. It reads each index in increasing order and looks at
 * most one token back and three ahead, so the tokens need not all be held.
 */
function emit(
  source: string,
  tk: TokenView,
  renameName: (index: number) => Renamed | undefined,
  renamePrivate: (index: number) => Renamed,
  facts: Facts,
  topLevel: boolean,
  out: Emitter,
): void {
  const inserted = facts.insertedSemicolons ?? [];
  let nextInserted = 0;
  let skip = -1;
  for (let i = 0; ; i++) {
    const type = tk.type(i);
    if (type === undefined) break;
    const start = tk.start(i);
    const end = tk.end(i);
    // Printers differ in what they leave implicit; the canonical form writes it one way:
    // semicolons always (automatic insertion made explicit), never before `}`, no trailing
    // commas, no parentheses around a lone arrow parameter.
    while (nextInserted < inserted.length && inserted[nextInserted]! <= start) {
      const at = inserted[nextInserted++]!;
      out.push(';', at, at);
    }
    if (type === tt.eof || i === skip) continue;
    if (type === tt.comma && facts.trailingCommas?.has(start)) continue;
    if (type === tt.braceR && out.texts[out.texts.length - 1] === ';' && out.keys[out.keys.length - 1] === -1) out.pop();
    if (type === tt.parenL && tk.type(i + 1) === tt.name && tk.type(i + 2) === tt.parenR && tk.type(i + 3) === tt.arrow) {
      skip = i + 2;
      continue;
    }
    if (type === tt.name) {
      const name = tk.value(i) as string;
      if (facts.declKeywords?.has(start) && name === 'let') {
        out.push('var', start, end);
        continue;
      }
      const r = renameName(i);
      // A keyed token's text is its name until the draft is finished.
      const key = r ? out.key(r.key, r.kind) : -1;
      const text = r ? name : LOOKS_LIKE_PLACEHOLDER.test(name) ? `\\${name}` : name;
      const sh = facts.shorthand?.get(start);
      if (sh === undefined) {
        out.push(text, start, end, key);
      } else if (sh === 'export') {
        if (key >= 0) out.shorthand.set(out.texts.length, sh);
        out.push(text, start, end, key);
        out.push('as', end, end);
        out.push(name, start, end);
      } else {
        out.push(name, start, end);
        out.push(sh === 'property' ? ':' : 'as', end, end);
        if (key >= 0) out.shorthand.set(out.texts.length, sh);
        out.push(text, start, end, key);
      }
      continue;
    }
    if (type === tt.privateId) {
      const r = renamePrivate(i);
      out.push(`#${String(tk.value(i))}`, start, end, out.key(r.key, r.kind));
      continue;
    }
    if (type === tt.string) {
      const value = tk.value(i) as string;
      out.strings.push(value);
      out.push(JSON.stringify(value), start, end);
      continue;
    }
    if (type === tt.num) {
      out.push(numberText(tk.value(i), source, start, end), start, end);
      continue;
    }
    // `!0` / `!1` / `void 0`, unless a member access or call binds the number first (`!0[x]`).
    if ((type === tt.prefix && source.charCodeAt(start) === 33) /* ! */ || type === tt._void) {
      const after = tk.type(i + 2);
      if (tk.type(i + 1) === tt.num && (after === undefined || !MEMBER_OR_CALL.has(after))) {
        const v = tk.value(i + 1);
        const text = type === tt._void ? (v === 0 ? 'undefined' : undefined) : v === 0 ? 'true' : v === 1 ? 'false' : undefined;
        if (text) {
          out.push(text, start, tk.end(i + 1));
          i++;
          continue;
        }
      }
    }
    if ((type === tt._var || type === tt._const) && facts.declKeywords?.has(start)) {
      out.push('var', start, end);
      continue;
    }
    if (type === tt.template) {
      const v = tk.value(i);
      if (typeof v === 'string') out.strings.push(v);
    }
    // Everything else as written: punctuation, keywords, regexes, template literals.
    out.push(source.slice(start, end), start, end);
  }
  for (; nextInserted < inserted.length; nextInserted++) out.push(';', inserted[nextInserted]!, inserted[nextInserted]!);
  if (topLevel && out.texts[out.texts.length - 1] === ';' && out.keys[out.keys.length - 1] === -1) out.pop();
}

/** Numbers by value (`0x10`, `16`, `1_6` and `16.0` are one number); BigInts likewise. */
function numberText(v: unknown, source: string, start: number, end: number): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'bigint') return `${v}n`;
  return source.slice(start, end);
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

function tokensOnly(source: string, sourceType: SourceType, topLevel: boolean, positions: boolean, error: string): CanonicalDraft {
  const stream = new TokenWindow(source, sourceType);
  const out = new Emitter(positions);
  emit(
    source,
    stream,
    (i) => {
      const p = stream.type(i - 1);
      const name = stream.value(i) as string;
      if (p === tt.dot || p === tt.questionDot) return undefined;
      if (KNOWN_GLOBALS.has(name) || CONTEXTUAL.has(name)) return undefined;
      return { key: `n:${name}`, kind: 'local' };
    },
    (i) => ({ key: `p:${String(stream.value(i))}`, kind: 'private' }),
    {},
    topLevel,
    out,
  );
  // After a tokenizer error (unterminated string, bad escape…) the rest is kept as it is.
  if (stream.failedAt >= 0 && stream.failedAt < source.length) {
    const tail = source.slice(stream.failedAt).replace(/\s+/g, ' ').trim();
    if (tail) out.push(tail, stream.failedAt, source.length);
  }
  return out.draft('tokens', new Set(), error);
}

const KEEP_BEHIND = 8;

/** acorn's tokenizer seen through a window of a few tokens: a huge unit is never held as tokens. */
class TokenWindow implements TokenView {
  private readonly tokens: Iterator<AcornToken>;
  private readonly buffer: RawToken[] = [];
  /** Index of buffer[0]. */
  private base = 0;
  private done = false;
  private lastEnd = 0;
  /** Offset where tokenizing failed, or -1. */
  failedAt = -1;

  constructor(source: string, sourceType: SourceType) {
    this.tokens = tokenizer(source, acornOptions(sourceType))[Symbol.iterator]();
  }

  type(i: number): acorn.TokenType | undefined {
    return this.at(i)?.type;
  }

  start(i: number): number {
    return this.at(i)!.start;
  }

  end(i: number): number {
    return this.at(i)!.end;
  }

  value(i: number): unknown {
    return this.at(i)?.value;
  }

  private at(i: number): RawToken | undefined {
    while (!this.done && i >= this.base + this.buffer.length) {
      try {
        const r = this.tokens.next();
        if (r.done) this.done = true;
        else {
          this.buffer.push(r.value as RawToken);
          this.lastEnd = r.value.end;
        }
      } catch {
        this.done = true;
        this.failedAt = this.lastEnd;
      }
    }
    // `emit` looks one token back and three ahead of its position: keep a few more than that.
    while (this.base < i - KEEP_BEHIND && this.buffer.length > 0) {
      this.buffer.shift();
      this.base++;
    }
    return i >= this.base ? this.buffer[i - this.base] : undefined;
  }
}
