// A tolerant token scan for decoder idioms: acorn's tokenizer (so strings, templates, regexes
// and comments are read as the engine reads them), restarted after an error so fragments and
// cut units still yield their literals, stored as columns with bracket structure.
import * as acorn from 'acorn';

export enum Kind {
  Name,
  Keyword,
  String,
  Template,
  Num,
  Regex,
  ParenL,
  ParenR,
  BraceL,
  BraceR,
  BracketL,
  BracketR,
  DollarBraceL,
  Comma,
  Semi,
  Dot,
  QuestionDot,
  Arrow,
  Eq,
  Assign,
  Xor,
  Ellipsis,
  BackQuote,
  Colon,
  Other,
}

const tt = acorn.tokTypes;
const KIND_OF = new Map<acorn.TokenType, Kind>([
  [tt.name, Kind.Name],
  [tt.privateId, Kind.Name],
  [tt.string, Kind.String],
  [tt.template, Kind.Template],
  [tt.invalidTemplate, Kind.Template],
  [tt.num, Kind.Num],
  [tt.regexp, Kind.Regex],
  [tt.parenL, Kind.ParenL],
  [tt.parenR, Kind.ParenR],
  [tt.braceL, Kind.BraceL],
  [tt.braceR, Kind.BraceR],
  [tt.bracketL, Kind.BracketL],
  [tt.bracketR, Kind.BracketR],
  [tt.dollarBraceL, Kind.DollarBraceL],
  [tt.comma, Kind.Comma],
  [tt.semi, Kind.Semi],
  [tt.dot, Kind.Dot],
  [tt.questionDot, Kind.QuestionDot],
  [tt.arrow, Kind.Arrow],
  [tt.eq, Kind.Eq],
  [tt.assign, Kind.Assign],
  [tt.bitwiseXOR, Kind.Xor],
  [tt.ellipsis, Kind.Ellipsis],
  [tt.backQuote, Kind.BackQuote],
  [tt.colon, Kind.Colon],
]);

const OPENERS = new Set([Kind.ParenL, Kind.BraceL, Kind.BracketL, Kind.DollarBraceL]);
const CLOSER_OF: Partial<Record<Kind, Kind[]>> = {
  [Kind.ParenR]: [Kind.ParenL],
  [Kind.BracketR]: [Kind.BracketL],
  [Kind.BraceR]: [Kind.BraceL, Kind.DollarBraceL],
};

export interface Tokens {
  code: string;
  length: number;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  /** For a bracket: the index of its partner, else -1. */
  match: Int32Array;
  /** The innermost open bracket around the token (for a bracket: around the pair), else -1. */
  parent: Int32Array;
  /**
   * Decoded values of strings, template chunks and numbers. Names and keywords are read from
   * the source (a 13 MB bundle has millions of them).
   */
  value: Map<number, string | number>;
}

function options(): acorn.Options {
  return {
    ecmaVersion: 'latest',
    sourceType: 'script',
    allowHashBang: true,
    allowReturnOutsideFunction: true,
    allowImportExportEverywhere: true,
    allowAwaitOutsideFunction: true,
  };
}

/** Tokens of `code`. After a tokenizer error the scan resumes on the next line. */
export function scanTokens(code: string): Tokens {
  let cap = 1024;
  let kind = new Uint8Array(cap);
  let start = new Int32Array(cap);
  let end = new Int32Array(cap);
  const value = new Map<number, string | number>();
  let n = 0;
  const push = (k: Kind, s: number, e: number, v: unknown): void => {
    if (n === cap) {
      cap *= 2;
      const k2 = new Uint8Array(cap);
      k2.set(kind);
      const s2 = new Int32Array(cap);
      s2.set(start);
      const e2 = new Int32Array(cap);
      e2.set(end);
      [kind, start, end] = [k2, s2, e2];
    }
    kind[n] = k;
    start[n] = s;
    end[n] = e;
    if ((k === Kind.String || k === Kind.Template || k === Kind.Num) && (typeof v === 'string' || typeof v === 'number')) value.set(n, v);
    n++;
  };

  let offset = 0;
  while (offset < code.length) {
    const input = offset === 0 ? code : code.slice(offset);
    let resumeAt = -1;
    try {
      for (const token of acorn.tokenizer(input, options())) {
        const t = token as acorn.Token & { value?: unknown };
        const k = t.type.keyword ? Kind.Keyword : (KIND_OF.get(t.type) ?? Kind.Other);
        push(k, t.start + offset, t.end + offset, t.value);
      }
    } catch (err) {
      const pos = (err as { pos?: number }).pos;
      const at = offset + (typeof pos === 'number' ? pos : 0);
      const newline = code.indexOf('\n', at + 1);
      resumeAt = newline < 0 ? code.length : newline + 1;
    }
    if (resumeAt < 0) break;
    // Never go back: tokens already pushed past the error point stay as they are.
    offset = Math.max(resumeAt, n > 0 ? end[n - 1]! : 0, offset + 1);
  }

  const match = new Int32Array(n).fill(-1);
  const parent = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = kind[i]! as Kind;
    const closes = CLOSER_OF[k];
    if (closes) {
      // Tolerate fragments: an unmatched closer is ignored; one that matches deeper closes
      // the brackets left open above it.
      let depth = stack.length - 1;
      while (depth >= 0 && !closes.includes(kind[stack[depth]!]! as Kind)) depth--;
      if (depth >= 0) {
        const open = stack[depth]!;
        stack.length = depth;
        match[open] = i;
        match[i] = open;
      }
      parent[i] = stack.length > 0 ? stack[stack.length - 1]! : -1;
      continue;
    }
    parent[i] = stack.length > 0 ? stack[stack.length - 1]! : -1;
    if (OPENERS.has(k)) stack.push(i);
  }
  return { code, length: n, kind: kind.subarray(0, n), start: start.subarray(0, n), end: end.subarray(0, n), match, parent, value };
}
