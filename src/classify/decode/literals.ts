// Finds encoded literals and the decoder idioms around them, and decodes them by
// re-implementing the idiom: base64, hex, XOR (byte, repeating, guessed), char-code lists,
// escapes, and the split that turns the text into a list.
import { bytesToText, decodeBase64, decodeHex, xorRepeating, xorSingle, printableText } from './bytes.js';
import { findDecoders, firstValues, stringVariables, type DecoderFunction } from './decoders.js';
import { detectTransform, xorStep, type Transform, type XorKey } from './idioms.js';
import { READABLE, readability } from './readability.js';
import { callAt, chainEnd, chainStart, kindAt, nameAt, type Call } from './structure.js';
import { Kind, scanTokens, type Tokens } from './tokens.js';
import { recoverSingleByteXor } from './xor.js';

export interface Decoded {
  /**
   * How it was decoded, in order: 'base64', 'hex', 'fromCharCode' (a list of character codes),
   * 'escapes' (\x41 \u0041 escapes of printable ASCII), 'xor:0x5b' (key in the code),
   * 'xor:"key"' (repeating key in the code), 'xor-guess:0x5b' (key recovered by trying all 256),
   * 'split:","' (separator in the code).
   */
  steps: string[];
  /** Decoded text, control characters written as \xNN. Only printable results are reported. */
  text: string;
  /** When the decoded text is a list: split by the separator in the code, or by commas/newlines. */
  list?: string[];
  /** 0..1: how much the text looks like words, host names, lists (see READABLE). */
  readability: number;
  /** Offsets of the source literal (or number list) in the input code. */
  source: { start: number; end: number };
}

export interface DecodeOptions {
  /** Literals (and number lists) examined at most; default 10,000. */
  maxLiterals?: number;
  /** Longest literal decoded, in characters; default 1 MiB. */
  maxBytes?: number;
  /**
   * Decoder functions found elsewhere in the same file (findDecoders on the whole file), for
   * literals passed to them in this piece of code. Those found in `code` itself are added.
   */
  decoders?: readonly DecoderFunction[];
}

const DEFAULT_MAX_LITERALS = 10_000;
const DEFAULT_MAX_BYTES = 1 << 20;
/** XOR key recoveries per call: each costs 256 histogram passes and a few scorings. */
const MAX_GUESSES = 64;
/** A literal found without an idiom around it must be at least this long to be decoded. */
const MIN_STANDALONE_BASE64 = 16;
const MIN_STANDALONE_HEX = 16;
/** Fewer bytes than this give too little text to tell the right XOR key from a lucky one. */
const MIN_GUESS_BYTES = 24;
/** The same where the code shows an XOR (only its key is unknown). */
const MIN_GUESS_BYTES_IN_IDIOM = 12;
/** How far a `var s = <literal>` statement's following code is read for a loop that decodes `s`. */
const MAX_BLOCK_CHARS = 2000;
/** Code around a literal read for idioms, at most (besides the literal itself). */
const MAX_CONTEXT_CHARS = 4000;
/** Context without any of these words or a `^` decodes nothing: skip the idiom search. */
const MENTIONS_DECODING = /base64|atob|fromCharCode|charCodeAt|codePointAt|\^|hex|parseInt|decode/;
/** Below this readability a decoded text is not printable enough to show. */
const PRINTABLE = 0.3;
/** Outer calls that only carry a decode on (`decodeURIComponent(escape(atob(s)))`). */
const WRAPPERS = new Set(['decodeURIComponent', 'escape', 'unescape', 'fromCharCode', 'from', 'decode', 'atob', 'apply', 'call', 'parse', 'toString', 'String']);

const INTEGRITY = /^sha(?:1|256|384|512)-/;
/** Binary formats that base64 literals commonly carry (PNG, GIF, JPEG, WOFF/2, gzip, wasm, zip, PDF). */
const BINARY_MAGIC = [[0x89, 0x50, 0x4e, 0x47], [0x47, 0x49, 0x46, 0x38], [0xff, 0xd8, 0xff], [0x77, 0x4f, 0x46], [0x1f, 0x8b], [0x00, 0x61, 0x73, 0x6d], [0x50, 0x4b, 0x03, 0x04], [0x25, 0x50, 0x44, 0x46]];

function hasBinaryMagic(bytes: Uint8Array): boolean {
  return BINARY_MAGIC.some((magic) => magic.every((b, i) => bytes[i] === b));
}

/** What a literal is turned into before any XOR: bytes (base64, hex) or character codes. */
type Units = { bytes: Uint8Array } | { codes: number[] };

interface Site {
  /** The literal's value, or the numbers of a number list. */
  value: string | number[];
  /** Offsets of the literal in the code. */
  source: { start: number; end: number };
  transform: Transform | null;
  /** Arguments of the decoder function call (for a key passed as an argument). */
  argValues?: Array<string | number | undefined>;
  /** The transform was read from code around the literal, not from its own call chain. */
  loose: boolean;
  /** The code calls String.fromCharCode on the number list. */
  viaFromCharCode?: boolean;
  /** Raw source text of a string literal (for escapes). */
  raw?: string;
}

class Decoder {
  private readonly t: Tokens;
  private readonly decoders = new Map<string, DecoderFunction>();
  private readonly vars: Map<string, Array<{ token: number; value: string }>>;
  private readonly strings: Map<string, string>;
  private guesses = 0;
  private readonly calls = new Map<number, Call | undefined>();
  readonly results = new Map<string, Decoded>();

  constructor(
    private readonly code: string,
    private readonly maxBytes: number,
    given: readonly DecoderFunction[],
  ) {
    this.t = scanTokens(code);
    for (const d of given) this.decoders.set(d.name, d);
    for (const d of findDecoders(code, this.t)) this.decoders.set(d.name, d);
    this.vars = stringVariables(this.t);
    this.strings = firstValues(this.vars);
  }

  run(maxLiterals: number): void {
    const t = this.t;
    let examined = 0;
    for (let i = 0; i < t.length && examined < maxLiterals; i++) {
      const kind = t.kind[i] as Kind;
      if (kind === Kind.String) {
        examined++;
        this.stringSite(i, i, i);
      } else if (kind === Kind.Template && kindAt(t, i - 1) === Kind.BackQuote && kindAt(t, i + 1) === Kind.BackQuote) {
        examined++;
        this.stringSite(i, i - 1, i + 1);
      } else if (kind === Kind.BracketL) {
        const values = this.numberList(i + 1, t.match[i]! - 1);
        if (values) {
          examined++;
          this.numberSite(values, i, t.match[i]!, false);
        }
      } else if (kind === Kind.ParenL) {
        const call = this.callAt(i);
        if (call && call.path[call.path.length - 1] === 'fromCharCode' && call.args.length >= 3) {
          const values = this.numberList(i + 1, call.close - 1);
          if (values) {
            examined++;
            this.numberSite(values, i + 1, call.close - 1, true);
          }
        }
      } else if (kind === Kind.Name) {
        // A variable holding a literal, passed to a decoder: `DM4(E)` after `var E = "…"`.
        if (this.vars.has(nameAt(t, i)!)) {
          const prev = kindAt(t, i - 1);
          const next = kindAt(t, i + 1);
          if ((prev === Kind.ParenL || prev === Kind.Comma) && (next === Kind.ParenR || next === Kind.Comma)) this.variableSite(i);
        }
      }
    }
  }

  /** Values of a comma-separated list of at least four number literals in tokens [first, last]. */
  private numberList(first: number, last: number): number[] | undefined {
    const t = this.t;
    if (last - first + 1 < 7) return undefined;
    const values: number[] = [];
    for (let i = first; i <= last; i++) {
      const expectNumber = (i - first) % 2 === 0;
      const kind = t.kind[i] as Kind;
      if (expectNumber) {
        if (kind !== Kind.Num) return undefined;
        const v = t.value.get(i);
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0x10ffff) return undefined;
        values.push(v);
      } else if (kind !== Kind.Comma) return undefined;
    }
    return values.length >= 4 && values.length <= this.maxBytes ? values : undefined;
  }

  private stringSite(valueToken: number, first: number, last: number): void {
    const t = this.t;
    const value = t.value.get(valueToken);
    if (typeof value !== 'string' || value.length === 0 || value.length > this.maxBytes) return;
    const source = { start: t.start[first]!, end: t.end[last]! };
    const context = this.contextOf(first, last);
    this.decodeSite({ value, source, ...context, raw: t.code.slice(source.start, source.end) });
  }

  private variableSite(nameToken: number): void {
    const t = this.t;
    const list = this.vars.get(nameAt(t, nameToken)!)!;
    // The nearest assignment before the use, else the first (the list is in token order).
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid]!.token < nameToken) lo = mid + 1;
      else hi = mid;
    }
    const chosen = list[Math.max(0, lo - 1)]!;
    if (chosen.value.length > this.maxBytes) return;
    const context = this.contextOf(nameToken, nameToken);
    if (!context.transform) return;
    const source = { start: t.start[chosen.token]!, end: t.end[chosen.token]! };
    this.decodeSite({ value: chosen.value, source, ...context });
  }

  private numberSite(values: number[], first: number, last: number, viaFromCharCode: boolean): void {
    const t = this.t;
    const source = { start: t.start[first]!, end: t.end[last]! };
    const context = this.contextOf(first, last);
    this.decodeSite({ value: values, source, ...context, viaFromCharCode: viaFromCharCode || context.transform?.fromCharCode === true });
  }

  /**
   * The transform applied to the expression in tokens [first, last]: its own member chain, the
   * calls it is an argument of (through wrappers such as decodeURIComponent), a decoder
   * function it is passed to, or a loop over the variable it is assigned to.
   */
  private contextOf(first: number, last: number): Pick<Site, 'transform' | 'argValues' | 'loose'> {
    const t = this.t;
    let s = first;
    let e = chainEnd(t, last);
    let innermost: Call | undefined;
    for (let level = 0; level < 6; level++) {
      const prev = kindAt(t, s - 1);
      const next = kindAt(t, e + 1);
      const open = t.parent[s]!;
      if (!(prev === Kind.ParenL || prev === Kind.Comma || prev === Kind.Ellipsis) || !(next === Kind.ParenR || next === Kind.Comma)) break;
      const call = this.callAt(open);
      if (!call || t.parent[e] !== open) break;
      // A literal deep inside a huge call (a list of a thousand arguments) is not read with it.
      if (t.end[call.close]! - t.start[chainStart(t, open - 1)]! - (t.end[last]! - t.start[first]!) > MAX_CONTEXT_CHARS) break;
      const callee = call.path[call.path.length - 1] ?? '';
      if (level > 0 && !WRAPPERS.has(callee) && !this.decoders.has(callee)) break;
      innermost ??= call;
      s = chainStart(t, open - 1);
      e = chainEnd(t, call.close);
      if (this.decoders.has(callee)) break;
    }

    if (innermost) {
      const callee = innermost.path[innermost.path.length - 1] ?? '';
      const decoder = this.decoders.get(callee);
      const argIndex = innermost.args.findIndex(([a, b]) => a <= first && last <= b);
      if (decoder && argIndex === decoder.inputParam) {
        return { transform: decoder.transform, argValues: innermost.args.map(([a, b]) => (a === b ? this.literalValue(a) : undefined)), loose: false };
      }
    }

    const chainText = this.textWithout(s, e, first, last);
    const chain = MENTIONS_DECODING.test(chainText) ? detectTransform(chainText, { strings: this.strings }) : null;

    // `var s = atob("…"); for (…) o += String.fromCharCode(s.charCodeAt(i) ^ 55)`.
    if (kindAt(t, s - 1) === Kind.Eq && nameAt(t, s - 2) && (!chain || !chain.xor)) {
      const name = nameAt(t, s - 2)!;
      const block = t.parent[s]!;
      const blockEnd = block >= 0 && t.match[block]! > 0 ? t.start[t.match[block]!]! : t.code.length;
      const from = t.end[e]!;
      const until = Math.min(blockEnd, from + MAX_BLOCK_CHARS);
      const rest = t.code.slice(from, until);
      if (MENTIONS_DECODING.test(rest) && new RegExp(String.raw`(?<![\w$.])${name.replace(/\$/g, '\\$')}\b`).test(rest)) {
        const around = detectTransform(chainText + ';' + rest, { strings: this.strings });
        if (around && (around.xor || around.input !== 'chars')) {
          const merged: Transform = { ...around, input: chain?.input ?? around.input };
          return { transform: merged, loose: true };
        }
      }
    }
    return { transform: chain, loose: false };
  }

  private callAt(open: number): Call | undefined {
    if (!this.calls.has(open)) this.calls.set(open, callAt(this.t, open));
    return this.calls.get(open);
  }

  private literalValue(i: number): string | number | undefined {
    const kind = this.t.kind[i] as Kind;
    if (kind !== Kind.String && kind !== Kind.Num) return undefined;
    const v = this.t.value.get(i);
    return typeof v === 'string' || typeof v === 'number' ? v : undefined;
  }

  /** Source of tokens [s, e] with tokens [first, last] (the literal) replaced by a placeholder name. */
  private textWithout(s: number, e: number, first: number, last: number): string {
    const t = this.t;
    const code = t.code;
    return code.slice(t.start[s]!, t.start[first]!) + '_INPUT_' + code.slice(t.end[last]!, t.end[e]!);
  }

  private decodeSite(site: Site): void {
    const decoded = site.transform ? this.applyTransform(site, site.transform) : this.standalone(site);
    if (!decoded) return;
    const key = `${decoded.source.start}:${decoded.source.end}`;
    const existing = this.results.get(key);
    if (!existing || decoded.steps.length > existing.steps.length || decoded.readability > existing.readability) this.results.set(key, decoded);
  }

  private applyTransform(site: Site, transform: Transform): Decoded | undefined {
    const steps: string[] = [];
    let units: Units;
    if (Array.isArray(site.value)) {
      units = { codes: site.value };
      steps.push('fromCharCode');
    } else if (transform.input === 'base64') {
      const bytes = decodeBase64Lenient(site.value);
      if (!bytes) return undefined;
      units = { bytes };
      steps.push('base64');
    } else if (transform.input === 'hex') {
      const bytes = decodeHexLenient(site.value);
      if (!bytes) return undefined;
      units = { bytes };
      steps.push('hex');
    } else {
      units = { codes: Array.from({ length: site.value.length }, (_, i) => (site.value as string).charCodeAt(i)) };
    }
    if (transform.xor) {
      const key = resolveKey(transform.xor, site.argValues);
      const xored = this.applyXor(units, key);
      if (!xored) return undefined;
      units = xored.units;
      steps.push(xored.step);
    } else if (!('bytes' in units) && !Array.isArray(site.value)) {
      return undefined; // A string's own characters: nothing decoded.
    }
    const text = unitsToText(units);
    const score = readability(text);
    const explicit = !site.loose;
    if (score < READABLE && !(explicit && score >= PRINTABLE)) return undefined;
    const result: Decoded = { steps, text: printableText(text), readability: score, source: site.source };
    addList(result, text, transform.split);
    return result;
  }

  private applyXor(units: Units, key: XorKey): { units: Units; step: string } | undefined {
    if (key.kind === 'byte') {
      if ('bytes' in units) return { units: { bytes: xorSingle(units.bytes, key.key) }, step: xorStep(key) };
      return { units: { codes: units.codes.map((c) => c ^ key.key) }, step: xorStep(key) };
    }
    if (key.kind === 'text') {
      const keyCodes = Array.from({ length: key.key.length }, (_, i) => key.key.charCodeAt(i));
      if ('bytes' in units) return { units: { bytes: xorRepeating(units.bytes, Uint8Array.from(keyCodes, (c) => c & 0xff)) }, step: xorStep(key) };
      return { units: { codes: units.codes.map((c, i) => c ^ keyCodes[i % keyCodes.length]!) }, step: xorStep(key) };
    }
    const guessed = this.guess(units);
    return guessed ? { units: guessed.units, step: xorStep({ kind: 'guess', key: guessed.key }) } : undefined;
  }

  /**
   * Recovers an XOR key that the code does not show. Not for input that already reads as text
   * (the code is then encoding, not decoding, and a case-flipping key would "decode" it), nor for
   * input too short to tell keys apart.
   */
  private guess(units: Units, minBytes = MIN_GUESS_BYTES_IN_IDIOM): { units: Units; key: number } | undefined {
    if (this.guesses >= MAX_GUESSES) return undefined;
    let bytes: Uint8Array;
    if ('bytes' in units) bytes = units.bytes;
    else {
      if (units.codes.some((c) => c > 0xff)) return undefined;
      bytes = Uint8Array.from(units.codes);
    }
    if (bytes.length < minBytes || readability(bytesToText(bytes)) >= READABLE) return undefined;
    this.guesses++;
    const found = recoverSingleByteXor(bytes);
    if (!found) return undefined;
    if ('bytes' in units) return { units: { bytes: xorSingle(bytes, found.key) }, key: found.key };
    return { units: { codes: units.codes.map((c) => c ^ found.key) }, key: found.key };
  }

  /** A literal with no idiom around it: kept only when it decodes to readable text. */
  private standalone(site: Site): Decoded | undefined {
    if (Array.isArray(site.value)) {
      if (site.viaFromCharCode) return this.applyTransform(site, { input: 'chars', fromCharCode: true });
      // A bare list of numbers is a table unless it spells words.
      if (site.value.length < 6 || !site.value.every((c) => c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127))) return undefined;
      const text = unitsToText({ codes: site.value });
      const score = readability(text);
      if (score < READABLE) return undefined;
      const result: Decoded = { steps: ['fromCharCode'], text: printableText(text), readability: score, source: site.source };
      addList(result, text);
      return result;
    }
    const steps: string[] = [];
    const value = site.value;
    if (site.raw && countAsciiEscapes(site.raw) >= 3) {
      const score = readability(value);
      if (score >= READABLE) {
        const escaped: Decoded = { steps: ['escapes'], text: printableText(value), readability: score, source: site.source };
        addList(escaped, value);
        const further = this.standaloneEncoded(value, ['escapes'], site);
        return further ?? escaped;
      }
      steps.push('escapes');
    }
    return this.standaloneEncoded(value, steps, site);
  }

  private standaloneEncoded(value: string, steps: string[], site: Site): Decoded | undefined {
    let bytes: Uint8Array | null = null;
    let step = '';
    if (value.length >= MIN_STANDALONE_BASE64 && !INTEGRITY.test(value) && looksEncoded(value)) {
      bytes = decodeBase64(value);
      step = 'base64';
    }
    if (!bytes && value.length >= MIN_STANDALONE_HEX && /[a-fA-F]/.test(value)) {
      bytes = decodeHex(value);
      step = 'hex';
    }
    if (!bytes || hasBinaryMagic(bytes)) return undefined;
    const text = bytesToText(bytes);
    let score = readability(text);
    let out = text;
    const allSteps = [...steps, step];
    if (score < READABLE) {
      const guessed = this.guess({ bytes }, MIN_GUESS_BYTES);
      if (!guessed || !('bytes' in guessed.units)) return undefined;
      out = bytesToText(guessed.units.bytes);
      score = readability(out);
      if (score < READABLE) return undefined;
      allSteps.push(xorStep({ kind: 'guess', key: guessed.key }));
    }
    const result: Decoded = { steps: allSteps, text: printableText(out), readability: score, source: site.source };
    addList(result, out);
    return result;
  }
}

function resolveKey(key: XorKey, args: Array<string | number | undefined> | undefined): XorKey {
  if (key.kind !== 'param') return key;
  const arg = args?.[key.param];
  if (typeof arg === 'number' && arg > 0 && arg < 256) return { kind: 'byte', key: arg };
  if (typeof arg === 'string' && arg.length > 0) return { kind: 'text', key: arg };
  return { kind: 'unknown' };
}

function unitsToText(units: Units): string {
  if ('bytes' in units) return bytesToText(units.bytes);
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < units.codes.length; i += CHUNK) {
    out += String.fromCharCode(...units.codes.slice(i, i + CHUNK).map((c) => c & 0xffff));
  }
  return out;
}

/**
 * Base64 output mixes cases and digits; names and words (`transaction_safe`, `camelCase`) in
 * the base64 alphabet are not taken for it.
 */
function looksEncoded(s: string): boolean {
  const upper = /[A-Z]/.test(s);
  const lower = /[a-z]/.test(s);
  const digit = /[0-9]/.test(s);
  const symbols = /[+/=]/.test(s);
  if (!(upper && lower)) return false;
  return digit || symbols || s.length >= 24;
}

/** Lenient base64 for a literal that the code itself decodes: whitespace ignored, any alphabet. */
function decodeBase64Lenient(s: string): Uint8Array | null {
  const compact = s.replace(/\s+/g, '');
  if (compact.length < 4 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact)) return null;
  const buf = Buffer.from(compact, 'base64');
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

function decodeHexLenient(s: string): Uint8Array | null {
  const compact = s.replace(/\s+/g, '');
  if (compact.length < 2 || compact.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(compact)) return null;
  const buf = Buffer.from(compact, 'hex');
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Escapes (\x41, \u0041, \u{41}) of printable ASCII other than quotes and backslash. */
function countAsciiEscapes(raw: string): number {
  let count = 0;
  for (const m of raw.matchAll(/\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|u\{([0-9a-fA-F]{1,6})\})/g)) {
    const cp = parseInt(m[1] ?? m[2] ?? m[3]!, 16);
    if (cp >= 0x20 && cp < 0x7f && cp !== 0x22 && cp !== 0x27 && cp !== 0x5c && cp !== 0x60) count++;
  }
  return count;
}

/** A list: split by the separator found in the code, or by commas or newlines when items look like items. */
function addList(result: Decoded, text: string, separator?: string): void {
  if (separator !== undefined) {
    result.steps.push(`split:${JSON.stringify(separator)}`);
    result.list = text.split(separator);
    return;
  }
  if (/^[^\s,]+(?:,[^\s,]+){2,}$/.test(text)) result.list = text.split(',');
  else if (/^[^\n]+(?:\r?\n[^\n]+){2,}\r?\n?$/.test(text) && !/[{};]/.test(text)) result.list = text.split(/\r?\n/).filter((l) => l.length > 0);
}

/** Finds encoded literals and decoder idioms in a piece of JavaScript source (a unit's code, possibly minified or beautified) and decodes them. Nothing is executed. */
export function decodeLiterals(code: string, options: DecodeOptions = {}): Decoded[] {
  const decoder = new Decoder(code, options.maxBytes ?? DEFAULT_MAX_BYTES, options.decoders ?? []);
  decoder.run(options.maxLiterals ?? DEFAULT_MAX_LITERALS);
  return [...decoder.results.values()].sort((a, b) => a.source.start - b.source.start);
}
