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
import { BindingTable, FREE, resolveInto } from './bindings.js';
import type { ModuleAlias } from './module-aliases.js';
import { isLongText, literalWords, PLACEHOLDER_HASH, tokenHash } from './minhash.js';
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
  /**
   * Set on the tokens written for a module alias (`mod:path . join` for `import { join as a }`):
   * the whole alias. Its first token carries the slot of the name it replaces.
   */
  alias?: string;
}

export interface CanonicalizeOptions {
  /** The file's top-level names: unresolved references to them become placeholders too (`@n`). */
  topLevelNames: ReadonlySet<string>;
  /** Top-level names that stand for a module or its export, with the tokens written instead (see module-aliases.ts). */
  moduleAliases?: ModuleAliases;
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
  /** Token index → the whole module alias (`mod:path . join`), for each token written for one. */
  aliases: Map<number, string>;
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
    const alias = d.aliases.get(i);
    if (alias !== undefined) t.alias = alias;
    tokens[i] = t;
  }
  return { canonical: d.texts.join(' '), tokens, names: d.names };
}

export function canonicalDetail(source: string, options: CanonicalizeOptions): CanonicalDetail {
  return finishDraft(draftCanonical(source, options), options.topLevelNames, options.moduleAliases);
}

/** Top-level name → what it stands for (`mod:path . join`). */
export type ModuleAliases = ReadonlyMap<string, ModuleAlias>;

export interface DraftOptions {
  topLevel?: boolean;
  sourceType?: SourceType;
  /** Keep token offsets (default true; the unit extractor does not need them). */
  positions?: boolean;
  /** Where token texts are interned (the unit extractor shares one per file). */
  interner?: Interner;
}

/** The draft of a unit parsed alone; tokens only when it does not parse or is too large. */
export function draftCanonical(source: string, options: DraftOptions): CanonicalDraft {
  const topLevel = options.topLevel ?? true;
  const first = options.sourceType ?? 'module';
  const positions = options.positions ?? true;
  const interner = options.interner ?? new Interner();
  let error: string;
  if (source.length > MAX_ANALYSED_UNIT_CHARS) {
    error = `unit too large to analyse (${source.length} > ${MAX_ANALYSED_UNIT_CHARS} chars)`;
  } else {
    const parsed = parseUnit(source, first);
    if (parsed.ok) {
      try {
        return draftFromSyntax(source, parsed.value, parsed.sourceType, topLevel, positions, interner);
      } catch (err) {
        // Scope analysis recurses too, and rejects what eslint-scope rejected (an `import` in script mode).
        error = isStackOverflow(err) ? 'nesting too deep to analyse (stack overflow)' : `scope analysis failed: ${errorMessage(err)}`;
      }
    } else {
      error = parsed.error;
    }
  }
  return tokensOnly(source, first, topLevel, positions, error, interner);
}

/** What a renamable token stands for. */
type KeyKind = 'local' | 'private' | 'free';

/**
 * Token texts of one file (or one unit parsed alone), each stored once, with what the MinHash
 * needs of it. Drafts hold token ids in typed arrays: a bundle's 4M tokens held as strings until
 * the file's top-level names are known were most of what the young generation had to copy.
 */
export class Interner {
  private readonly ids = new Map<string, number>();
  readonly texts: string[] = [];
  /** FNV-1a of each text (the MinHash's token hash). */
  hashes = new Int32Array(1024);
  /** Whether each text is a long literal, which the MinHash reads word by word. */
  long = new Uint8Array(1024);

  /** Where drafts' token columns are written, one after the other (drafts keep views of them). */
  arenaIds = new Int32Array(ARENA_START);
  arenaKeys = new Int32Array(ARENA_START);
  arenaPos = 0;

  constructor() {
    this.id(';'); // SEMI
  }

  /** Moves the draft being written (`length` tokens at `start`) to fresh, larger columns; returns its new start. */
  makeRoom(start: number, length: number): number {
    const size = Math.max(Math.min(this.arenaIds.length * 2, ARENA_MAX), length * 2);
    const ids = new Int32Array(size);
    ids.set(this.arenaIds.subarray(start, start + length));
    const keys = new Int32Array(size);
    keys.set(this.arenaKeys.subarray(start, start + length));
    this.arenaIds = ids;
    this.arenaKeys = keys;
    this.arenaPos = 0;
    return 0;
  }

  id(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.texts.length;
      this.ids.set(text, id);
      this.texts.push(text);
      if (id === this.hashes.length) {
        const hashes = new Int32Array(id * 2);
        hashes.set(this.hashes);
        this.hashes = hashes;
        const long = new Uint8Array(id * 2);
        long.set(this.long);
        this.long = long;
      }
      this.hashes[id] = tokenHash(text);
      this.long[id] = isLongText(text) ? 1 : 0;
    }
    return id;
  }
}

const SEMI = 0;
/** slotOf value of a key that is a module alias. */
const ALIASED = -0x7fffffff;
const ARENA_START = 1024;
const ARENA_MAX = 1 << 20;

/**
 * A unit's canonical tokens before the file's top-level names are known: `ids[i]` is the
 * interned canonical text of token i, except for keyed ones (`keys[i] >= 0`), whose text waits
 * for the key's slot (its name is `keyNames[key]`).
 */
export interface CanonicalDraft {
  interner: Interner;
  ids: Int32Array;
  keys: Int32Array;
  keyKinds: KeyKind[];
  /** The name each key stands for (`#x` for a private name). */
  keyNames: string[];
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

/** Placeholder texts by slot, made once: `$3`, `@3`, `#$3`. */
const PLACEHOLDERS: Record<'$' | '@' | '#$', string[]> = { $: [], '@': [], '#$': [] };
function placeholder(sigil: '$' | '@' | '#$', slot: number): string {
  const list = PLACEHOLDERS[sigil];
  while (list.length <= slot) list.push(`${sigil}${list.length}`);
  return list[slot]!;
}

/**
 * Walks the finished tokens of a draft: `visit(i, text, slot)` with the canonical text of each
 * token and its placeholder slot (-1 for other tokens). A module alias is several canonical
 * tokens for draft token i: `visit` is called for each. Returns the names by slot.
 */
function finishTokens(
  d: CanonicalDraft,
  topLevelNames: ReadonlySet<string>,
  aliases: ModuleAliases | undefined,
  /**
   * Give each module alias a slot too, on its first token, so that the diff can map its name
   * back. Not for the unit's hash: a slot shifts the numbering of the placeholders after it,
   * and `require`, a global in one build, is a `createRequire` alias in the other.
   */
  aliasSlots: boolean,
  visit: (i: number, text: string, slot: number, id: number, alias?: string) => void,
): string[] {
  const n = d.ids.length;
  const strings = d.interner.texts;
  // Per key: its slot (>= 0), -1 before it is met, -2 - id for a global kept as written, or ALIASED.
  const slotOf = new Int32Array(d.keyKinds.length).fill(-1);
  const aliasOf = new Map<number, { alias: ModuleAlias; text: string; slot: number }>();
  const dot = d.interner.id('.');
  const defaultId = d.interner.id('default');
  const sigilOf: ('$' | '@' | '#$')[] = [];
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = d.keys[i]!;
    if (k < 0) {
      const id = d.ids[i]!;
      visit(i, strings[id]!, -1, id);
      continue;
    }
    let slot = slotOf[k]!;
    if (slot === -1) {
      const kind = d.keyKinds[k]!;
      const name = d.keyNames[k]!;
      const alias = kind === 'free' && !d.declared.has(name) ? aliases?.get(name) : undefined;
      if (alias) {
        slot = slotOf[k] = ALIASED;
        aliasOf.set(k, { alias, text: alias.tokens.join(' '), slot: aliasSlots ? names.length : -1 });
        if (aliasSlots) names.push(name);
      } else if (kind === 'free' && !topLevelNames.has(name) && !d.declared.has(name)) {
        // A real global: kept, escaped if it could be read as a placeholder.
        slot = slotOf[k] = -2 - d.interner.id(LOOKS_LIKE_PLACEHOLDER.test(name) ? `\\${name}` : name);
      } else {
        slot = slotOf[k] = names.length;
        names.push(name);
        sigilOf[k] = kind === 'private' ? '#$' : kind === 'free' && topLevelNames.has(name) ? '@' : '$';
      }
    }
    if (slot === ALIASED) {
      const { alias, text: aliasText, slot: aliasSlot } = aliasOf.get(k)!;
      alias.tokens.forEach((text, t) => visit(i, text, t === 0 ? aliasSlot : -1, d.interner.id(text), aliasText));
      // `m.default` of an interop wrapper is the module: the ESM build wrote `m`.
      if (alias.interop && i + 2 < n && d.keys[i + 1] === -1 && d.ids[i + 1] === dot && d.keys[i + 2] === -1 && d.ids[i + 2] === defaultId) i += 2;
      continue;
    }
    if (slot <= -2) {
      visit(i, strings[-2 - slot]!, -1, -2 - slot);
      continue;
    }
    visit(i, placeholder(sigilOf[k]!, slot), slot, -1);
  }
  return names;
}

/** Numbers the keyed tokens by first occurrence, now that the file's top-level names are known. */
export function finishDraft(d: CanonicalDraft, topLevelNames: ReadonlySet<string>, aliases?: ModuleAliases): CanonicalDetail {
  const texts: string[] = [];
  const slots: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const shorthand = new Map<number, Shorthand>();
  const aliasTexts = new Map<number, string>();
  const names = finishTokens(d, topLevelNames, aliases, true, (i, text, slot, _id, alias) => {
    if (slot >= 0) {
      const sh = d.shorthand.get(i);
      if (sh) shorthand.set(texts.length, sh);
    }
    if (alias !== undefined) aliasTexts.set(texts.length, alias);
    texts.push(text);
    slots.push(slot);
    // An alias's tokens all span the name they replace.
    if (d.starts.length > 0) {
      starts.push(d.starts[i]!);
      ends.push(d.ends[i]!);
    }
  });
  const out: CanonicalDetail = { texts, starts, ends, slots, shorthand, aliases: aliasTexts, names, strings: d.strings, mode: d.mode };
  if (d.error !== undefined) out.error = d.error;
  return out;
}

/** What the unit extractor keeps of a finished draft. */
export interface FinishedUnit {
  canonical: string;
  names: string[];
  /** MinHash token hashes (long literals expanded to their words) in `hashes[0..hashCount)`. */
  hashes: Int32Array;
  hashCount: number;
  tokens: number;
}

const joinScratch: string[] = [];
const KEEP_SCRATCH = 1 << 20;
let hashScratch: Int32Array = new Int32Array(1 << 16);

/**
 * The canonical text and MinHash token hashes of a draft, without a text array per unit: token
 * hashes come from the interner (one hash per distinct text). `hashes` is scratch space, valid
 * until the next call.
 */
export function finishUnit(d: CanonicalDraft, topLevelNames: ReadonlySet<string>, aliases?: ModuleAliases): FinishedUnit {
  const parts = joinScratch;
  parts.length = 0;
  // Read through the interner: finishing interns kept globals, which may grow its arrays.
  const interner = d.interner;
  let th = hashScratch;
  let count = 0;
  const names = finishTokens(d, topLevelNames, aliases, false, (_i, text, slot, id) => {
    parts.push(text);
    if (count + 1 >= th.length) th = grow(th, count + 1);
    if (slot >= 0) th[count++] = PLACEHOLDER_HASH;
    else if (interner.long[id] === 0) th[count++] = interner.hashes[id]!;
    else {
      const words = literalWords(interner.texts[id]!);
      if (count + words.length >= th.length) th = grow(th, count + words.length);
      for (const w of words) th[count++] = tokenHash(w);
    }
  });
  // A huge unit's scratch is not kept for the rest of the worker's life.
  hashScratch = th.length > KEEP_SCRATCH ? new Int32Array(1 << 16) : th;
  const canonical = parts.join(' ');
  const tokens = parts.length;
  parts.length = 0;
  return { canonical, names, hashes: th, hashCount: count, tokens };
}

function grow(a: Int32Array, need: number): Int32Array<ArrayBuffer> {
  let size = a.length * 2;
  while (size <= need) size *= 2;
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/** Accumulates a draft: canonical tokens, and keys numbered by the order they are met. */
class Emitter {
  /** Where the draft starts in the interner's arena (it moves when the arena runs out). */
  private start: number;
  length = 0;
  readonly keyKinds: KeyKind[] = [];
  readonly keyNames: string[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly shorthand = new Map<number, Shorthand>();
  readonly strings: string[] = [];
  /** Emitter key by binding key (bindings are numbered densely from 0). */
  private readonly bindingIds: number[] = [];
  private readonly namedIds = new Map<string, number>();
  private readonly freeIds = new Map<string, number>();

  constructor(
    private readonly positions: boolean,
    readonly interner: Interner,
  ) {
    this.start = interner.arenaPos;
  }

  /** Appends a token with the given canonical text. */
  push(text: string, start: number, end: number): void {
    this.append(this.interner.id(text), -1, start, end);
  }

  /** Appends a renamable token: its text waits for the key's slot. */
  pushKeyed(key: number, start: number, end: number): void {
    this.append(-1, key, start, end);
  }

  private append(id: number, key: number, start: number, end: number): void {
    const a = this.interner;
    let at = this.start + this.length;
    if (at === a.arenaIds.length) {
      this.start = a.makeRoom(this.start, this.length);
      at = this.start + this.length;
    }
    a.arenaIds[at] = id;
    a.arenaKeys[at] = key;
    this.length++;
    if (this.positions) {
      this.starts.push(start);
      this.ends.push(end);
    }
  }

  /** Whether the last token is a plain `;` (not a keyed name). */
  endsWithSemicolon(): boolean {
    const at = this.start + this.length - 1;
    return this.length > 0 && this.interner.arenaIds[at] === SEMI && this.interner.arenaKeys[at] === -1;
  }

  pop(): void {
    this.length--;
    if (this.positions) {
      this.starts.pop();
      this.ends.pop();
    }
  }

  private newKey(kind: KeyKind, name: string): number {
    this.keyKinds.push(kind);
    this.keyNames.push(name);
    return this.keyKinds.length - 1;
  }

  /** The key of a binding found by scope analysis. */
  bindingKey(binding: number, name: string): number {
    return (this.bindingIds[binding] ??= this.newKey('local', name));
  }

  /** The key of an unresolved name (one per name). */
  freeKey(name: string): number {
    let id = this.freeIds.get(name);
    if (id === undefined) this.freeIds.set(name, (id = this.newKey('free', name)));
    return id;
  }

  /** The key of anything else that is renamed, by a string that identifies it. */
  namedKey(key: string, kind: KeyKind, name: string): number {
    let id = this.namedIds.get(key);
    if (id === undefined) this.namedIds.set(key, (id = this.newKey(kind, name)));
    return id;
  }

  draft(mode: 'scope' | 'tokens', declared: ReadonlySet<string>, error?: string): CanonicalDraft {
    const a = this.interner;
    const end = this.start + this.length;
    a.arenaPos = end;
    const d: CanonicalDraft = {
      interner: a,
      ids: a.arenaIds.subarray(this.start, end),
      keys: a.arenaKeys.subarray(this.start, end),
      keyKinds: this.keyKinds,
      keyNames: this.keyNames,
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

interface Facts {
  shorthand?: Map<number, Shorthand>;
  declKeywords?: Set<number>;
  insertedSemicolons?: number[];
  trailingCommas?: Set<number>;
}

/** Reused by every draft (drafting is never reentrant). */
let bindingTable: BindingTable | undefined;

/**
 * The draft of parsed syntax: a unit parsed alone, or a file's statement (then `source` is the
 * file and offsets are the file's). Throws when scope analysis does.
 */
export function draftFromSyntax(
  source: string,
  syntax: UnitSyntax,
  sourceType: SourceType,
  topLevel: boolean,
  positions = true,
  interner: Interner = new Interner(),
): CanonicalDraft {
  const table = (bindingTable ??= new BindingTable());
  const declared = resolveInto(syntax.ast, sourceType, table);
  const out = new Emitter(positions, interner);
  const tk = syntax.tokens;
  emit(
    source,
    tk,
    (i, name) => {
      const at = tk.start(i);
      const key = table.at(at);
      if (key >= 0) return out.bindingKey(key, name);
      if (key === FREE) return out.freeKey(name);
      const label = syntax.labels.get(at);
      return label !== undefined ? out.namedKey(label, 'local', name) : -1;
    },
    (i, name) => out.namedKey(syntax.privates.get(tk.start(i)) ?? `P?${name}`, 'private', name),
    {
      shorthand: syntax.shorthand,
      insertedSemicolons: syntax.insertedSemicolons,
      trailingCommas: syntax.trailingCommas,
      ...(topLevel ? { declKeywords: syntax.declKeywords } : {}),
    },
    topLevel,
    out,
  );
  if (table.capacity > KEEP_SCRATCH) bindingTable = undefined;
  return out.draft('scope', declared);
}

const FIXED_PUNCTUATORS = new Set(['[', ']', '{', '}', '(', ')', ',', ';', ':', '.', '?', '?.', '=>', '...', '`', '${', '=', '||', '&&', '|', '^', '&', '%', '*', '/', '**', '??']);

/** Placeholder-looking names kept as they are get a backslash, which no decoded name contains. */
const LOOKS_LIKE_PLACEHOLDER = /^\$\d+$/;

/**
 * Token types that are always written the same way (keywords; punctuators that are not a group
 * such as `+/-`): their text needs no slice of the source, and its interning no fresh hash.
 */
const FIXED_TEXT: ReadonlyMap<acorn.TokenType, string> = new Map(
  Object.values(tt).flatMap((type): [acorn.TokenType, string][] => {
    if (type.keyword !== undefined) return [[type, type.keyword]];
    return FIXED_PUNCTUATORS.has(type.label) ? [[type, type.label]] : [];
  }),
);

const MEMBER_OR_CALL = new Set([tt.dot, tt.questionDot, tt.bracketL, tt.parenL, tt.backQuote, tt.starstar]);

/**
 * Writes the canonical tokens of `tk`. It reads each index in increasing order and looks at
 * most one token back and three ahead, so the tokens need not all be held.
 */
function emit(
  source: string,
  tk: TokenView,
  /** The key of a renamable name token (see Emitter), or -1. */
  renameName: (index: number, name: string) => number,
  /** The key of a private name token (`name` is `#x`). */
  renamePrivate: (index: number, name: string) => number,
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
    if (type === tt.braceR && out.endsWithSemicolon()) out.pop();
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
      const key = renameName(i, name);
      const sh = facts.shorthand?.get(start);
      if (sh === undefined) {
        pushName(out, name, key, start, end);
      } else if (sh === 'export') {
        if (key >= 0) out.shorthand.set(out.length, sh);
        pushName(out, name, key, start, end);
        out.push('as', end, end);
        out.push(name, start, end);
      } else {
        out.push(name, start, end);
        out.push(sh === 'property' ? ':' : 'as', end, end);
        if (key >= 0) out.shorthand.set(out.length, sh);
        pushName(out, name, key, start, end);
      }
      continue;
    }
    if (type === tt.privateId) {
      out.pushKeyed(renamePrivate(i, `#${String(tk.value(i))}`), start, end);
      continue;
    }
    if (type === tt.string) {
      const raw = tk.value(i) as string;
      const value = isModuleSpecifier(tk, i) ? withoutContentHash(raw) : raw;
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
    if (type === tt.template || type === tt.regexp) {
      const v = tk.value(i);
      if (type === tt.template && typeof v === 'string') out.strings.push(v);
      out.push(withNonAsciiUnescaped(source.slice(start, end)), start, end);
      continue;
    }
    // Everything else as written: punctuation, keywords, regexes, template literals.
    out.push(FIXED_TEXT.get(type) ?? source.slice(start, end), start, end);
  }
  for (; nextInserted < inserted.length; nextInserted++) out.push(';', inserted[nextInserted]!, inserted[nextInserted]!);
  if (topLevel && out.endsWithSemicolon()) out.pop();
}

/** The string at `i` names a module: `from "…"`, `import "…"`, `import("…")`, `require("…")`. */
function isModuleSpecifier(tk: TokenView, i: number): boolean {
  const prev = tk.type(i - 1);
  if (prev === tt._import || (prev === tt.name && tk.value(i - 1) === 'from')) return true;
  if (prev !== tt.parenL) return false;
  const callee = tk.type(i - 2);
  return callee === tt._import || (callee === tt.name && tk.value(i - 2) === 'require');
}

/**
 * A code-split bundle names its chunks by content hash (`./chunk-wcf10vzc.js`): a chunk that
 * changed renames every import of it, so the hash is erased where a module is named. Only local
 * paths: a URL's hash stays, as a change of what is fetched.
 */
const HASHED_CHUNK = /^((?:\.{0,2}\/|[^:]*\/)?(?:[\w$.]+[-_.])?)(?=[0-9a-z]*\d)(?=[0-9a-z]*[a-z])[0-9a-z]{8,}(\.[cm]?js)$/i;
/** `chunk-<hash>`: the hash may happen to hold no digit (Bun's base-36 names: 7% of them). */
const NAMED_CHUNK = /^((?:\.{0,2}\/|[^:]*\/)?chunk[-_.])[0-9a-z]{8,}(\.[cm]?js)$/i;

export function withoutContentHash(specifier: string): string {
  if (specifier.includes('://')) return specifier;
  return specifier.replace(NAMED_CHUNK, '$1#$2').replace(HASHED_CHUNK, '$1#$2');
}

/**
 * Bun's executables store module text as latin1, so its builds write every non-ASCII character
 * of a template or a regex as an escape (`\u2014`, `\xB7`) where other builds write the
 * character: both read as the same character, so the canonical form writes it unescaped. Only
 * escapes of non-ASCII code units: an ASCII escape may be there to escape syntax, and `\u{…}`
 * means something else in a regex without the `u` flag. (Strings are written by value anyway.)
 */
function withNonAsciiUnescaped(raw: string): string {
  if (!raw.includes('\\')) return raw;
  return raw.replace(ESCAPE, (m: string, u: string | undefined, x: string | undefined) => {
    const hex = u ?? x;
    const code = hex === undefined ? 0 : parseInt(hex, 16);
    return code >= 0x80 ? String.fromCharCode(code) : m;
  });
}
/** `\\` first, so that an escaped backslash is never read as the start of an escape. */
const ESCAPE = /\\(?:\\|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2}))/g;

/** A name token: keyed (its text waits for the key's slot), or kept as written. */
function pushName(out: Emitter, name: string, key: number, start: number, end: number): void {
  if (key >= 0) out.pushKeyed(key, start, end);
  // A kept name that could be read as a placeholder gets a backslash.
  else out.push(name.charCodeAt(0) === 36 /* $ */ && LOOKS_LIKE_PLACEHOLDER.test(name) ? `\\${name}` : name, start, end);
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

function tokensOnly(source: string, sourceType: SourceType, topLevel: boolean, positions: boolean, error: string, interner: Interner): CanonicalDraft {
  const stream = new TokenWindow(source, sourceType);
  const out = new Emitter(positions, interner);
  emit(
    source,
    stream,
    (i, name) => {
      const p = stream.type(i - 1);
      if (p === tt.dot || p === tt.questionDot) return -1;
      if (KNOWN_GLOBALS.has(name) || CONTEXTUAL.has(name)) return -1;
      return out.namedKey(`n:${name}`, 'local', name);
    },
    (_i, name) => out.namedKey(`p:${name}`, 'private', name),
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
