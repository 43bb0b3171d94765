// Decoder functions: a named function whose body decodes one of its parameters
// (`function DM4(A){return Buffer.from(A,"base64").map(q=>q^91).toString().split(",")}`).
// Found once per file, they let literals passed to them elsewhere be decoded.
import { detectTransform, type Transform } from './idioms.js';
import { Kind, scanTokens, type Tokens } from './tokens.js';
import { keywordAt, kindAt, nameAt } from './structure.js';

export interface DecoderFunction {
  name: string;
  params: string[];
  /** Which parameter receives the encoded literal. */
  inputParam: number;
  transform: Transform;
  /** Offsets of the function in the code it was found in. */
  source: { start: number; end: number };
}

/** Decoders are small; a longer body is not read. */
const MAX_BODY_CHARS = 4000;
const MENTIONS_DECODING = /base64|atob|fromCharCode|charCodeAt|\^/;

/** String values assigned to names (`var k = "…"`, `k = "…"`), first assignment first. */
export function stringVariables(t: Tokens): Map<string, Array<{ token: number; value: string }>> {
  const vars = new Map<string, Array<{ token: number; value: string }>>();
  for (let i = 2; i < t.length; i++) {
    if (t.kind[i] !== Kind.String || t.kind[i - 1] !== Kind.Eq) continue;
    const name = nameAt(t, i - 2);
    const next = kindAt(t, i + 1);
    if (!name || (next !== undefined && next !== Kind.Comma && next !== Kind.Semi && next !== Kind.BraceR && next !== Kind.ParenR)) continue;
    const list = vars.get(name) ?? [];
    list.push({ token: i, value: t.value.get(i) as string });
    vars.set(name, list);
  }
  return vars;
}

export function firstValues(vars: Map<string, Array<{ value: string }>>): Map<string, string> {
  return new Map([...vars].map(([name, list]) => [name, list[0]!.value]));
}

function paramsOf(t: Tokens, open: number): string[] | undefined {
  const close = t.match[open]!;
  if (close < 0) return undefined;
  const params: string[] = [];
  let expectName = true;
  for (let i = open + 1; i < close; i++) {
    if (t.parent[i] !== open) continue;
    if (t.kind[i] === Kind.Comma) {
      expectName = true;
      continue;
    }
    if (expectName) {
      // Destructured or rest parameters keep their place with an empty name.
      params.push(nameAt(t, i) ?? '');
      expectName = false;
    }
  }
  return params;
}

/** `NAME =`, `NAME:`, `x.NAME =` before token `i`. */
function assignedName(t: Tokens, i: number): string | undefined {
  let j = i - 1;
  if (keywordAt(t, j) === undefined && nameAt(t, j) === 'async') j--;
  const k = kindAt(t, j);
  if (k === Kind.Eq || k === Kind.Colon) return nameAt(t, j - 1);
  return undefined;
}

/** End token of an arrow function's expression body starting at `first`. */
function expressionEnd(t: Tokens, first: number): number {
  const parent = t.parent[first]!;
  let i = first;
  for (; i < t.length; i++) {
    if (t.parent[i] !== parent) continue;
    const k = t.kind[i] as Kind;
    if (k === Kind.Comma || k === Kind.Semi) return i - 1;
    // A closer of a bracket opened before the body ends it; one opened inside it does not.
    if ((k === Kind.ParenR || k === Kind.BraceR || k === Kind.BracketR) && t.match[i]! < first) return i - 1;
    if (t.end[i]! - t.start[first]! > MAX_BODY_CHARS) return i;
  }
  return i - 1;
}

/** The parameter that the body decodes, or -1 when none is visibly decoded. */
function inputParamOf(body: string, params: string[], keyParam: number): number {
  const esc = (s: string): string => s.replace(/\$/g, '\\$');
  for (let p = 0; p < params.length; p++) {
    const name = params[p]!;
    if (!name || p === keyParam) continue;
    const n = esc(name);
    const used = new RegExp(String.raw`(?:\bBuffer\s*(?:\.\s*from\s*)?|\batob\s*|\bfromCharCode\s*(?:\.\s*apply\s*)?)\((?:[^()]*,\s*)?${n}\b|(?<![\w$.])${n}\s*(?:\.\s*(?:charCodeAt|length|split|map|codePointAt)\b|\[)`);
    if (used.test(body)) return p;
  }
  return -1;
}

/** Named functions (declarations, `name = function…`, `name = (…) => …`, methods) that decode a parameter. */
export function findDecoders(code: string, tokens?: Tokens): DecoderFunction[] {
  if (!MENTIONS_DECODING.test(code)) return [];
  const t = tokens ?? scanTokens(code);
  const strings = firstValues(stringVariables(t));
  const found: DecoderFunction[] = [];
  for (let i = 0; i < t.length; i++) {
    let name: string | undefined;
    let paramOpen = -1;
    let bodyFirst = -1;
    let bodyLast = -1;
    let startToken = i;
    const kind = t.kind[i] as Kind;
    if (kind === Kind.Keyword && keywordAt(t, i) === 'function') {
      let j = i + 1;
      if (kindAt(t, j) === Kind.Other) j++; // function*
      if (kindAt(t, j) === Kind.Name) {
        name = nameAt(t, j);
        j++;
      } else {
        name = assignedName(t, i);
        startToken = i - 2;
      }
      if (kindAt(t, j) !== Kind.ParenL) continue;
      paramOpen = j;
      const close = t.match[j]!;
      if (close < 0 || kindAt(t, close + 1) !== Kind.BraceL) continue;
      bodyFirst = close + 1;
      bodyLast = t.match[close + 1]!;
    } else if (kind === Kind.Arrow) {
      let paramsFirst: number;
      if (kindAt(t, i - 1) === Kind.Name) {
        paramsFirst = i - 1;
      } else if (kindAt(t, i - 1) === Kind.ParenR && t.match[i - 1]! >= 0) {
        paramsFirst = t.match[i - 1]!;
        paramOpen = paramsFirst;
      } else continue;
      name = assignedName(t, paramsFirst);
      startToken = paramsFirst - 2;
      bodyFirst = i + 1;
      bodyLast = kindAt(t, i + 1) === Kind.BraceL ? t.match[i + 1]! : expressionEnd(t, i + 1);
      if (paramOpen < 0) {
        if (!name) continue;
        const single = nameAt(t, i - 1)!;
        const body = bodyText(t, bodyFirst, bodyLast);
        if (body !== undefined) consider(found, name, [single], body, t, startToken, bodyLast, strings);
        continue;
      }
    } else if (kind === Kind.Name && kindAt(t, i + 1) === Kind.ParenL) {
      // Method: `name(…){…}` in an object or class body.
      const before = kindAt(t, i - 1);
      const close = t.match[i + 1]!;
      if (close < 0 || kindAt(t, close + 1) !== Kind.BraceL) continue;
      const parent = t.parent[i]!;
      if (parent < 0 || t.kind[parent] !== Kind.BraceL) continue;
      if (before !== Kind.BraceL && before !== Kind.Comma && before !== Kind.Semi && before !== Kind.BraceR && before !== Kind.Name) continue;
      name = nameAt(t, i);
      paramOpen = i + 1;
      bodyFirst = close + 1;
      bodyLast = t.match[close + 1]!;
    } else continue;
    if (!name || paramOpen < 0 || bodyLast < bodyFirst) continue;
    const params = paramsOf(t, paramOpen);
    const body = bodyText(t, bodyFirst, bodyLast);
    if (!params || params.length === 0 || body === undefined) continue;
    consider(found, name, params, body, t, startToken, bodyLast, strings);
  }
  return found;
}

function bodyText(t: Tokens, first: number, last: number): string | undefined {
  if (first < 0 || last < first || last >= t.length) return undefined;
  const start = t.start[first]!;
  const end = t.end[last]!;
  if (end - start > MAX_BODY_CHARS) return undefined;
  return t.code.slice(start, end);
}

function consider(
  found: DecoderFunction[],
  name: string,
  params: string[],
  body: string,
  t: Tokens,
  startToken: number,
  lastToken: number,
  strings: Map<string, string>,
): void {
  if (!MENTIONS_DECODING.test(body)) return;
  const transform = detectTransform(body, { params, strings });
  if (!transform) return;
  const keyParam = transform.xor?.kind === 'param' ? transform.xor.param : -1;
  const inputParam = inputParamOf(body, params, keyParam);
  if (inputParam < 0) return;
  const first = Math.max(0, startToken);
  found.push({ name, params, inputParam, transform, source: { start: t.start[first]!, end: t.end[lastToken]! } });
}
