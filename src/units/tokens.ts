// Compact token storage. A 13 MB bundle has 4.2M tokens; held as acorn's Token objects they
// cost ~250 MB and, worse, the garbage collector traces every one of them again at each major
// collection while the file is parsed. Here they are columns of typed arrays, plus one array
// for the few values that cannot be read back from the source (names, strings, numbers).
import type * as acorn from 'acorn';
import { tt } from './acorn-parser.js';

/** Tokens by index; `type(i)` is undefined past the end. */
export interface TokenView {
  type(i: number): acorn.TokenType | undefined;
  start(i: number): number;
  end(i: number): number;
  /** acorn's value: the decoded name, string or template chunk, the number. */
  value(i: number): unknown;
}

/** Token types whose value the canonical form needs. */
const VALUED = new Set<acorn.TokenType>([tt.name, tt.privateId, tt.string, tt.num, tt.template, tt.invalidTemplate]);

/** A small registry: token types are a fixed set of objects, so a byte identifies one. */
const TYPES: acorn.TokenType[] = [];
const TYPE_ID = new Map<acorn.TokenType, number>();
function typeId(type: acorn.TokenType): number {
  let id = TYPE_ID.get(type);
  if (id === undefined) {
    id = TYPES.length;
    if (id > 255) throw new Error('too many token types');
    TYPES.push(type);
    TYPE_ID.set(type, id);
  }
  return id;
}
for (const type of Object.values(tt)) typeId(type);

export class TokenColumns {
  length = 0;
  private types = new Uint8Array(64);
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private readonly values: unknown[] = [];

  record(type: acorn.TokenType, start: number, end: number, value: unknown): void {
    if (this.length === this.types.length) this.grow();
    const i = this.length++;
    this.types[i] = typeId(type);
    this.starts[i] = start;
    this.ends[i] = end;
    this.values.push(VALUED.has(type) ? value : undefined);
  }

  /** Empties the columns, keeping their storage. */
  reset(): void {
    this.length = 0;
    this.values.length = 0;
  }

  private grow(): void {
    const n = this.types.length * 2;
    const types = new Uint8Array(n);
    types.set(this.types);
    const starts = new Int32Array(n);
    starts.set(this.starts);
    const ends = new Int32Array(n);
    ends.set(this.ends);
    [this.types, this.starts, this.ends] = [types, starts, ends];
  }

  /** First index whose token starts at or after `offset`. */
  indexAt(offset: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The tokens with indices in [from, to), renumbered from 0. */
  view(from = 0, to = this.length): TokenView {
    const { types, starts, ends, values } = this;
    return {
      type: (i) => (i >= 0 && from + i < to ? TYPES[types[from + i]!] : undefined),
      start: (i) => starts[from + i]!,
      end: (i) => ends[from + i]!,
      value: (i) => values[from + i],
    };
  }
}
