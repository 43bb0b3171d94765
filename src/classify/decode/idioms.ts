// Decoder idioms recognised in source text: which encoding a literal is read from, which XOR is
// applied, which separator splits the result. The idiom is re-implemented here; nothing in the
// package's code is ever run.
import { unescapeJsString } from '../unicode/unescape.js';
import { Kind, scanTokens } from './tokens.js';

export type XorKey =
  | { kind: 'byte'; key: number }
  /** Repeating key written in the code. */
  | { kind: 'text'; key: string }
  /** Key passed to the decoder function as argument `param`. */
  | { kind: 'param'; param: number }
  /** XOR with a key not visible in the code: recovered by trying all 256. */
  | { kind: 'unknown' };

export interface Transform {
  /** How the literal becomes bytes or character codes. */
  input: 'base64' | 'hex' | 'chars';
  xor?: XorKey;
  /** Separator of a `.split(sep)` applied to the decoded text. */
  split?: string;
  /** The code applies String.fromCharCode to the codes. */
  fromCharCode?: boolean;
}

const Q = `(['"\`])`;
const BASE64_CALL = new RegExp(String.raw`\bBuffer\s*(?:\.\s*from\s*)?\([^;]*?,\s*${Q}base64(?:url)?\1\s*\)|\batob\s*\(|\b[Bb]ase64\s*\.\s*decode\s*\(`);
const HEX_CALL = new RegExp(String.raw`\bBuffer\s*(?:\.\s*from\s*)?\([^;]*?,\s*${Q}hex\1\s*\)|\bparseInt\s*\([^;]*?,\s*16\s*\)`);
const FROM_CHAR_CODE = /\bfromCharCode\b/;
const CHAR_CODE_AT = /\bcharCodeAt\b|\bcodePointAt\b/;
const NUM = String.raw`(0[xX][0-9a-fA-F]{1,2}|\d{1,3})`;
// `x ^ 91`, `91 ^ x`, `x ^= 91`; not `^` inside `^^` or a comparison.
const XOR_CONST = new RegExp(String.raw`\^=?\s*${NUM}(?![\w.$])|(?<![\w.$])${NUM}\s*\^(?![=^])`);
const ID = String.raw`[A-Za-z_$][\w$]*`;
// `^ key.charCodeAt(i % key.length)`, `^ key[i % key.length]`, and the same before the `^`.
const XOR_KEY_AFTER = new RegExp(String.raw`\^=?\s*(${ID})\s*(?:\.\s*charCodeAt\s*\(|\[)\s*${ID}\s*%\s*\1\s*\.\s*length\s*[)\]]`);
const XOR_KEY_BEFORE = new RegExp(String.raw`(${ID})\s*(?:\.\s*charCodeAt\s*\(|\[)\s*${ID}\s*%\s*\1\s*\.\s*length\s*[)\]]\s*\)?\s*\^`);
// `^ "key".charCodeAt(i % 3)`
const XOR_KEY_LITERAL = new RegExp(String.raw`${Q}((?:\\.|(?!\1)[^\\]){1,64})\1\s*\.\s*charCodeAt\s*\(\s*${ID}\s*%\s*(?:\d+|${Q}(?:\\.|(?!\3)[^\\])*\3\s*\.\s*length)\s*\)`);
const XOR_VAR = new RegExp(String.raw`\^=?\s*(${ID})(?![\w$]*\s*[.([])|(?<![\w.$])(${ID})\s*\^(?![=^])`);
const ANY_XOR = /[^^=!<>]\^(?![\^=])|\^=/;
const SPLIT = new RegExp(String.raw`\.\s*split\s*\(\s*${Q}((?:\\.|(?!\1)[^\\\n]){1,16})\1\s*\)`, 'g');

export interface DetectOptions {
  /** Parameter names of the decoder function whose body `text` is. */
  params?: readonly string[];
  /** String values of variables visible in the code, for a repeating key held in one. */
  strings?: ReadonlyMap<string, string>;
}

function parseByte(s: string): number {
  return s.startsWith('0x') || s.startsWith('0X') ? parseInt(s.slice(2), 16) : parseInt(s, 10);
}

/** Short strings stay: they are the idioms' arguments ("base64", "hex", ","). */
const MAX_KEPT_STRING = 18;

/**
 * `text` with the contents of regexes, templates and longer strings blanked (same length) and
 * comments turned to spaces, so that only code is searched for idioms and offsets still agree.
 */
export function blankLiterals(text: string): string {
  const t = scanTokens(text);
  let out = '';
  let at = 0;
  for (let i = 0; i < t.length; i++) {
    const s = t.start[i]!;
    const e = t.end[i]!;
    out += ' '.repeat(Math.max(0, s - at));
    const k = t.kind[i] as Kind;
    if ((k === Kind.String && e - s > MAX_KEPT_STRING) || k === Kind.Regex) out += text[s] + '_'.repeat(Math.max(0, e - s - 2)) + text[e - 1];
    else if (k === Kind.Template) out += '_'.repeat(e - s);
    else out += text.slice(s, e);
    at = e;
  }
  return out + ' '.repeat(Math.max(0, text.length - at));
}

/**
 * The transform that `text` (a call chain around a literal, or a decoder function's body)
 * applies to its input, or null when it decodes nothing.
 */
export function detectTransform(text: string, options: DetectOptions = {}): Transform | null {
  const code = blankLiterals(text);
  let input: Transform['input'] | undefined;
  if (BASE64_CALL.test(code)) input = 'base64';
  else if (HEX_CALL.test(code) && (/\bBuffer\b/.test(code) || FROM_CHAR_CODE.test(code))) input = 'hex';
  const fromCharCode = FROM_CHAR_CODE.test(code);
  const xor = detectXor(text, code, options);
  if (!input && !xor) return null;
  // XOR over a string's characters needs charCodeAt or fromCharCode to be an idiom.
  if (!input && !(CHAR_CODE_AT.test(code) || fromCharCode)) return null;
  const transform: Transform = { input: input ?? 'chars' };
  if (xor) transform.xor = xor;
  if (fromCharCode) transform.fromCharCode = true;
  const split = detectSplit(text, code);
  if (split !== undefined) transform.split = split;
  return transform;
}

function detectXor(text: string, code: string, options: DetectOptions): XorKey | undefined {
  if (!ANY_XOR.test(code)) return undefined;
  const literalKey = XOR_KEY_LITERAL.exec(text);
  if (literalKey && /\^/.test(text.slice(Math.max(0, literalKey.index - 40), literalKey.index + literalKey[0].length + 40))) {
    return { kind: 'text', key: unescapeJsString(literalKey[2]!) };
  }
  const named = XOR_KEY_AFTER.exec(code) ?? XOR_KEY_BEFORE.exec(code);
  if (named) {
    const name = named[1]!;
    const param = options.params?.indexOf(name) ?? -1;
    if (param >= 0) return { kind: 'param', param };
    const value = options.strings?.get(name);
    if (value !== undefined && value.length > 0) return { kind: 'text', key: value };
    return { kind: 'unknown' };
  }
  const constant = XOR_CONST.exec(code);
  if (constant) {
    const key = parseByte(constant[1] ?? constant[2]!);
    if (key > 0 && key < 256) return { kind: 'byte', key };
  }
  const variable = XOR_VAR.exec(code);
  if (variable) {
    const name = variable[1] ?? variable[2]!;
    const param = options.params?.indexOf(name) ?? -1;
    if (param >= 0) return { kind: 'param', param };
    return { kind: 'unknown' };
  }
  return undefined;
}

function detectSplit(text: string, code: string): string | undefined {
  // Offsets agree between `text` and `code`: blanking keeps lengths.
  for (const m of code.matchAll(SPLIT)) {
    const raw = text.slice(m.index + m[0].indexOf(m[1]!) + 1, m.index + m[0].lastIndexOf(m[1]!));
    const sep = unescapeJsString(raw);
    if (sep.length > 0) return sep;
  }
  return undefined;
}

/** Steps as reported: 'base64', 'hex', 'fromCharCode', 'xor:0x5b', 'xor:"key"', 'split:","'. */
export function xorStep(key: XorKey | { kind: 'guess'; key: number }): string {
  switch (key.kind) {
    case 'byte':
      return `xor:0x${key.key.toString(16).padStart(2, '0')}`;
    case 'guess':
      return `xor-guess:0x${key.key.toString(16).padStart(2, '0')}`;
    case 'text':
      return `xor:${JSON.stringify(key.key)}`;
    default:
      return 'xor:?';
  }
}
