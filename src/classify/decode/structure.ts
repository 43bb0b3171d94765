// Call and member-chain structure read off the token columns: enough to tell which call a
// literal is an argument of, and how far the chain of calls around it goes.
import { Kind, type Tokens } from './tokens.js';

/** Keywords that take a parenthesis without being a call. */
const NOT_CALLEES = new Set(['if', 'while', 'for', 'switch', 'catch', 'with', 'return', 'typeof', 'function', 'in', 'of', 'case', 'do', 'else', 'void', 'delete', 'throw', 'new', 'await', 'yield']);

/** A name as written (an escaped identifier such as `\u0061` stays escaped). */
export function nameAt(t: Tokens, i: number): string | undefined {
  if (i < 0 || i >= t.length || t.kind[i] !== Kind.Name) return undefined;
  return t.code.slice(t.start[i], t.end[i]);
}

export function keywordAt(t: Tokens, i: number): string | undefined {
  if (i < 0 || i >= t.length || t.kind[i] !== Kind.Keyword) return undefined;
  return t.code.slice(t.start[i], t.end[i]);
}

export function kindAt(t: Tokens, i: number): Kind | undefined {
  return i >= 0 && i < t.length ? (t.kind[i] as Kind) : undefined;
}

export interface Call {
  /** `Buffer.from` → ['Buffer', 'from']; for `(0, a.fn)(…)` → ['a', 'fn']. */
  path: string[];
  /** The opening parenthesis of the arguments. */
  open: number;
  close: number;
  /** Argument spans [first, last] token indices. */
  args: Array<[number, number]>;
}

/** The call whose argument list opens at `open`, or undefined when the parenthesis is not a call's. */
export function callAt(t: Tokens, open: number): Call | undefined {
  if (kindAt(t, open) !== Kind.ParenL) return undefined;
  const close = t.match[open]!;
  if (close < 0) return undefined;
  let j = open - 1;
  let kind = kindAt(t, j);
  if (kind === Kind.Keyword && NOT_CALLEES.has(keywordAt(t, j)!)) return undefined;
  if (kind === Kind.ParenR) {
    // `(0, a.fn)(…)`: the callee is the last member of the parenthesised sequence.
    j--;
    kind = kindAt(t, j);
  }
  const path: string[] = [];
  while (kind === Kind.Name || (kind === Kind.Keyword && keywordAt(t, j) === 'this')) {
    path.unshift(nameAt(t, j) ?? 'this');
    const before = kindAt(t, j - 1);
    if (before !== Kind.Dot && before !== Kind.QuestionDot) break;
    j -= 2;
    kind = kindAt(t, j);
  }
  if (path.length === 0) {
    // A call on a call's result (`new TextDecoder().decode`) keeps an empty path.
    if (kind !== Kind.ParenR && kind !== Kind.BracketR) return undefined;
  }
  const args: Array<[number, number]> = [];
  let first = open + 1;
  for (let i = open + 1; i < close; i++) {
    if (t.parent[i] === open && t.kind[i] === Kind.Comma) {
      if (i > first) args.push([first, i - 1]);
      first = i + 1;
    }
  }
  if (close > first) args.push([first, close - 1]);
  return { path, open, close, args };
}

/** First token of the member/call chain that ends at token `i` (`a.b(c).d` from `d`). */
export function chainStart(t: Tokens, i: number): number {
  let j = i;
  for (let steps = 0; steps < 64; steps++) {
    const kind = kindAt(t, j);
    if ((kind === Kind.ParenR || kind === Kind.BracketR) && t.match[j]! >= 0) {
      const open = t.match[j]!;
      const before = kindAt(t, open - 1);
      if (before === Kind.Name || before === Kind.ParenR || before === Kind.BracketR) {
        j = open - 1;
        continue;
      }
      return open;
    }
    if (kind === Kind.Name || kind === Kind.String || kind === Kind.Keyword) {
      const before = kindAt(t, j - 1);
      if (before === Kind.Dot || before === Kind.QuestionDot) {
        j -= 2;
        continue;
      }
      if (keywordAt(t, j - 1) === 'new') return j - 1;
    }
    return j;
  }
  return j;
}

/** Last token of the member/call chain that continues after token `i` (`.map(f).toString()`). */
export function chainEnd(t: Tokens, i: number): number {
  let j = i;
  for (let steps = 0; steps < 64; steps++) {
    const next = kindAt(t, j + 1);
    if ((next === Kind.Dot || next === Kind.QuestionDot) && (kindAt(t, j + 2) === Kind.Name || kindAt(t, j + 2) === Kind.Keyword)) {
      j += 2;
      continue;
    }
    if ((next === Kind.ParenL || next === Kind.BracketL) && t.match[j + 1]! > j + 1) {
      j = t.match[j + 1]!;
      continue;
    }
    return j;
  }
  return j;
}
