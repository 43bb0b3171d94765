// A line diff that stays fast on very large inputs (two 550k-line beautified bundles with a few
// hundred thousand renamed lines take well under a second).
//
// How it works:
//   1. Every line is interned to an integer id (one hash table over both sides), so the
//      algorithms below compare integers in typed arrays, never strings. With `ignoreWhitespace`
//      the id is taken from the line without its leading and trailing whitespace.
//   2. The common prefix and suffix are matched directly.
//   3. Lines of the middle part that never occur on the other side are certainly changes; they
//      are dropped before the core algorithm runs (a minifier's renames make most changed lines
//      unique, so this usually removes the bulk of the work).
//   4. The core works on regions of the remaining lines, with an explicit stack (no recursion
//      depth limit). For each region: trim its common prefix and suffix; if it is small, run
//      Myers' O(ND) algorithm (linear-space, minimal); otherwise take the lines that occur exactly
//      once on each side and keep the longest run of them that is in the same order on both
//      sides (patience diff) as anchors, and continue on the gaps between them. When no line is
//      unique on both sides, anchor on the common line that is rarest in the old region (the
//      histogram diff of git), extended over its equal neighbours, and not so far off the
//      diagonal that it forces many changes by itself; when even that fails (every common line
//      is very frequent), fall back to Myers.
//   5. All of this counts its work against a budget proportional to the input size. Myers stops
//      searching a region at a number of edits the remaining budget affords and splits at the
//      point it got furthest to (GNU diff's heuristic for costly inputs); past the budget, the
//      regions still waiting are reported as replaced (deleted, then inserted). So no input can
//      make the diff quadratic without bound; ordinary inputs use a small fraction of it.
//
// The result is exact in one sense and heuristic in another: applying the ops to the old lines
// always gives the new lines (modulo whitespace when it is ignored), and the number of changed
// lines is minimal when no line repeats within a side, or when a region is handled by Myers;
// with repeated lines the anchors may, as in git's patience and histogram diffs, cost a few
// extra changed lines in exchange for more readable and much faster diffs.
import { patienceSort } from './lis.js';

/** One run of the edit script. Indices are 0-based. */
export interface DiffOp {
  kind: 'equal' | 'delete' | 'insert';
  /** First old line of the run; for an insert, the old position the lines go before. */
  oldStart: number;
  /** First new line of the run; for a delete, the new position the lines were removed at. */
  newStart: number;
  /** Number of lines in the run (always > 0). */
  count: number;
}

export interface DiffOptions {
  /**
   * Compare lines without their leading and trailing whitespace (default true), so that a
   * change of indentation alone is not a change. The ops still refer to the real lines.
   */
  ignoreWhitespace?: boolean;
  /**
   * Tuning, mostly for tests: regions with at most this many lines (old + new together) go
   * straight to Myers, which is minimal. Default 256.
   */
  myersThreshold?: number;
  /**
   * Tuning, mostly for tests: the work budget, in steps of the inner loops. Past it, the regions
   * not yet searched are reported as replaced. Default `1000 × (lines left after dropping) + 1e6`;
   * ordinary inputs use a few percent of that.
   */
  workBudget?: number;
}

const DEFAULT_MYERS_THRESHOLD = 256;
/** Default work budget: this many steps per line, plus WORK_BASE so that small inputs are never cut. */
const WORK_PER_LINE = 1000;
const WORK_BASE = 1_000_000;
/** Histogram anchors: lines that occur more often than this in the old region are not tried. */
const MAX_CHAIN = 64;
/** Myers never gives up on a region before this many edits (see `bisect`). */
const MIN_MYERS_CAP = 64;

/**
 * Splits text into lines on `\n` and `\r\n`. A final line terminator does not start another line,
 * so `"a\nb\n"` and `"a\nb"` both give `["a", "b"]`, and `""` gives `[]`.
 */
export function splitLines(text: string): string[] {
  if (text.length === 0) return [];
  const lines = text.split('\n');
  const terminated = lines[lines.length - 1] === '';
  if (terminated) lines.pop();
  // Every segment but an unterminated last one was followed by '\n': drop its '\r'.
  const end = terminated ? lines.length : lines.length - 1;
  for (let i = 0; i < end; i++) {
    const line = lines[i]!;
    if (line.length > 0 && line.charCodeAt(line.length - 1) === 13) lines[i] = line.slice(0, -1);
  }
  return lines;
}

/** Lines added and removed by an edit script. */
export function countChanges(ops: readonly DiffOp[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const op of ops) {
    if (op.kind === 'insert') added += op.count;
    else if (op.kind === 'delete') removed += op.count;
  }
  return { added, removed };
}

/**
 * Lines added and removed by the plain diff of two texts (`undefined`: the file is absent on that
 * side), whitespace at line ends ignored: the counts `diffFile` reports, without keeping the ops.
 */
export function countTextChanges(oldText: string | undefined, newText: string | undefined): { added: number; removed: number } {
  if (oldText === newText) return { added: 0, removed: 0 };
  const oldLines = oldText === undefined ? [] : splitLines(oldText);
  const newLines = newText === undefined ? [] : splitLines(newText);
  return countChanges(diffLines(oldLines, newLines, { ignoreWhitespace: true }));
}

/**
 * `countTextChanges` of two texts given as UTF-8, read in place: lines are found, trimmed and
 * interned on the bytes, and no string is made. Equal trimmed lines have equal bytes and the ids
 * are given in the same order, so the diff and its counts are those of the decoded texts.
 */
export function countUtf8Changes(oldText: Uint8Array | undefined, newText: Uint8Array | undefined): { added: number; removed: number } {
  if (oldText && newText && Buffer.from(oldText.buffer, oldText.byteOffset, oldText.byteLength).equals(newText)) return { added: 0, removed: 0 };
  const oldBytes = oldText ?? new Uint8Array(0);
  const newBytes = newText ?? new Uint8Array(0);
  const oldLines = utf8Lines(oldBytes);
  const newLines = utf8Lines(newBytes);
  const n = oldLines.length / 2;
  const m = newLines.length / 2;
  // As in `diffLines`: a new line is first compared with the old line after the last one matched.
  const interner = new Utf8LineInterner(oldBytes, newBytes, n);
  const a = new Int32Array(n);
  const b = new Int32Array(m);
  for (let i = 0; i < n; i++) a[i] = interner.id(false, oldLines[2 * i]!, oldLines[2 * i + 1]!, i);
  let guess = 0;
  for (let j = 0; j < m; j++) {
    const s = newLines[2 * j]!;
    const e = newLines[2 * j + 1]!;
    if (guess < n && sameBytes(newBytes, s, e, oldBytes, oldLines[2 * guess]!, oldLines[2 * guess + 1]!)) {
      b[j] = a[guess++]!;
      continue;
    }
    b[j] = interner.id(true, s, e, -1);
    const at = interner.oldPosition;
    guess = at >= 0 ? at + 1 : guess + 1;
  }
  return countChanges(diffIds(a, b, interner.size));
}

/**
 * Diffs two arrays of lines. Returns runs that cover both sides completely and in order: equal
 * runs advance both sides, deletes the old side, inserts the new side. Within a change, deletes
 * come before inserts.
 */
export function diffLines(
  oldLines: readonly string[],
  newLines: readonly string[],
  options: DiffOptions = {},
): DiffOp[] {
  const ignoreWhitespace = options.ignoreWhitespace ?? true;
  const n = oldLines.length;
  const m = newLines.length;

  // 1. Intern. Most lines of the new side sit in the same order as in the old side, so a new line
  // is first compared with the old line after the last one it was matched to (sequential memory,
  // no hashing); only when that fails does it go through the table.
  const interner = new LineInterner(ignoreWhitespace, n);
  const a = new Int32Array(n);
  const b = new Int32Array(m);
  for (let i = 0; i < n; i++) a[i] = interner.id(oldLines[i]!, i);
  let guess = 0;
  for (let j = 0; j < m; j++) {
    const line = newLines[j]!;
    if (guess < n && line === oldLines[guess]) {
      b[j] = a[guess++]!;
      continue;
    }
    b[j] = interner.id(line, -1);
    const at = interner.oldPosition;
    guess = at >= 0 ? at + 1 : guess + 1;
  }
  const idCount = interner.size;

  return diffIds(a, b, idCount, options);
}

/**
 * The diff itself, on lines already interned to ids in `[0, idCount)`. Exposed for callers that
 * intern lines themselves (for example by a canonical form); `diffLines` is the usual entry.
 */
export function diffIds(a: Int32Array, b: Int32Array, idCount: number, options: DiffOptions = {}): DiffOp[] {
  const n = a.length;
  const m = b.length;

  // 2. Common prefix and suffix.
  let prefix = 0;
  while (prefix < n && prefix < m && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < n - prefix && suffix < m - prefix && a[n - 1 - suffix] === b[m - 1 - suffix]) suffix++;

  // 3. Drop lines of the middle that do not occur in the middle of the other side.
  const seen = new Uint8Array(idCount); // bit 1: in old middle, bit 2: in new middle
  for (let i = prefix; i < n - suffix; i++) seen[a[i]!]! |= 1;
  for (let j = prefix; j < m - suffix; j++) seen[b[j]!]! |= 2;
  const ca = compact(a, prefix, n - suffix, seen);
  const cb = compact(b, prefix, m - suffix, seen);

  // 4. Core on the compacted lines; matches come back in order, as compacted indices.
  let matches: Int32Array = new Int32Array(0);
  let matchCount = 0;
  if (ca.ids.length > 0 && cb.ids.length > 0) {
    const core = new Core(ca.ids, cb.ids, idCount, options);
    core.run();
    matches = core.matches;
    matchCount = core.matchCount;
  }

  // Build the runs.
  const ops: DiffOp[] = [];
  let oi = 0;
  let ni = 0;
  const pushEqual = (count: number): void => {
    const last = ops[ops.length - 1];
    if (last && last.kind === 'equal') last.count += count;
    else ops.push({ kind: 'equal', oldStart: oi, newStart: ni, count });
    oi += count;
    ni += count;
  };
  const pushGap = (toOld: number, toNew: number): void => {
    if (toOld > oi) ops.push({ kind: 'delete', oldStart: oi, newStart: ni, count: toOld - oi });
    if (toNew > ni) ops.push({ kind: 'insert', oldStart: toOld, newStart: ni, count: toNew - ni });
    oi = toOld;
    ni = toNew;
  };
  if (prefix > 0) pushEqual(prefix);
  const oldIndex = ca.index;
  const newIndex = cb.index;
  for (let k = 0; k < matchCount; ) {
    const x = oldIndex[matches[2 * k]!]!;
    const y = newIndex[matches[2 * k + 1]!]!;
    // Matches that are neighbours in the original lines too make one run.
    let run = 1;
    while (
      k + run < matchCount &&
      oldIndex[matches[2 * (k + run)]!] === x + run &&
      newIndex[matches[2 * (k + run) + 1]!] === y + run
    ) {
      run++;
    }
    if (x !== oi || y !== ni) pushGap(x, y);
    pushEqual(run);
    k += run;
  }
  pushGap(n - suffix, m - suffix);
  if (suffix > 0) pushEqual(suffix);
  return ops;
}

/** Whitespace as `String.prototype.trim` sees it. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** FNV-1a's last step, then a final mix so that the low bits (the slot) are good. */
function mixHash(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x045d9f3b);
  return h ^ (h >>> 16);
}

/**
 * Maps lines to dense integer ids: an open-addressing table in one typed array, faster than a Map
 * on a million lines. Sized to the old side once and kept at most half full: fresh memory is
 * costly (each new page faults), so it stays small. Subclasses hash and compare lines in place
 * (no trimmed copy is made); the probe loop is theirs, so that the comparison is inlined.
 */
abstract class IdTable {
  size = 0;
  /** After `id()`: the old index of the line's only occurrence in the old side; -1 none, -2 several. */
  oldPosition = -1;
  protected mask: number;
  /** Four entries per slot: hash, id + 1 (0: empty slot), old position (as `oldPosition`), one for the subclass. */
  protected table: Int32Array;

  /** `expected`: about how many distinct lines to expect. */
  constructor(expected: number) {
    let slots = 1 << 10;
    while (slots < expected + (expected >> 1) && slots < 1 << 30) slots *= 2;
    this.mask = slots - 1;
    this.table = new Int32Array(4 * slots);
  }

  /** The line is the id stored at table offset `at`: records `oldIndex`, returns the id. */
  protected found(at: number, oldIndex: number): number {
    const table = this.table;
    if (oldIndex >= 0) table[at + 2] = table[at + 2] === -1 ? oldIndex : -2;
    this.oldPosition = table[at + 2]!;
    return table[at + 1]! - 1;
  }

  /** A new id for the line of hash `h`, at the empty `slot`. */
  protected added(slot: number, h: number, oldIndex: number, extra: number): number {
    const id = this.size++;
    const at = 4 * slot;
    const table = this.table;
    table[at] = h;
    table[at + 1] = id + 1;
    table[at + 2] = this.oldPosition = oldIndex;
    table[at + 3] = extra;
    if (2 * this.size > this.mask) this.grow();
    return id;
  }

  private grow(): void {
    const old = this.table;
    const mask = 2 * (this.mask + 1) - 1;
    const table = new Int32Array(4 * (mask + 1));
    for (let q = 0; q < old.length; q += 4) {
      if (old[q + 1] === 0) continue;
      let slot = old[q]! & mask;
      while (table[4 * slot + 1] !== 0) slot = (slot + 1) & mask;
      table.set(old.subarray(q, q + 4), 4 * slot);
    }
    this.table = table;
    this.mask = mask;
  }
}

/** Lines of strings; the last table entry of a slot is where its key's trimmed part starts. */
class LineInterner extends IdTable {
  /** The first line seen of each id; its key is the part from `key start` with trailing whitespace cut. */
  private readonly keys: string[] = [];

  constructor(
    private readonly trim: boolean,
    expected: number,
  ) {
    super(expected);
  }

  /** The id of `line`; `oldIndex` is its index when it is an old line, -1 for a new line. */
  id(line: string, oldIndex: number): number {
    let s = 0;
    let e = line.length;
    if (this.trim) {
      while (s < e && isSpace(line.charCodeAt(s))) s++;
      while (e > s && isSpace(line.charCodeAt(e - 1))) e--;
    }
    // FNV-1a over the UTF-16 units.
    let h = 0x811c9dc5 | 0;
    for (let p = s; p < e; p++) h = Math.imul(h ^ line.charCodeAt(p), 0x01000193);
    h = mixHash(h);
    const { table, mask } = this;
    let slot = h & mask;
    for (;;) {
      const at = 4 * slot;
      const v = table[at + 1]!;
      if (v === 0) break;
      if (table[at] === h && (this.trim ? sameKey(line, s, e, this.keys[v - 1]!, table[at + 3]!) : line === this.keys[v - 1])) return this.found(at, oldIndex);
      slot = (slot + 1) & mask;
    }
    this.keys.push(line);
    return this.added(slot, h, oldIndex, s);
  }
}

/**
 * Whether `line[s, e)`, a line's trimmed part, equals the trimmed part of `key`, which starts at
 * `ks` (and runs to the end of `key` less trailing whitespace).
 */
function sameKey(line: string, s: number, e: number, key: string, ks: number): boolean {
  const len = e - s;
  if (ks + len > key.length) return false;
  if (s === ks && line.length === key.length && line === key) return true;
  for (let p = 0; p < len; p++) if (line.charCodeAt(s + p) !== key.charCodeAt(ks + p)) return false;
  for (let p = ks + len; p < key.length; p++) if (!isSpace(key.charCodeAt(p))) return false;
  return true;
}

/** Start and end offsets of the lines of UTF-8 text, split as `splitLines` splits the decoded text. */
function utf8Lines(bytes: Uint8Array): Int32Array {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lineEnd = (p: number): number => {
    const e = text.indexOf(10, p);
    return e < 0 ? text.length : e;
  };
  let count = 0;
  for (let p = 0; p < text.length; p = lineEnd(p) + 1) count++;
  const out = new Int32Array(2 * count);
  for (let p = 0, k = 0; p < text.length; p = out[k - 1]! + 1) {
    out[k++] = p;
    out[k++] = lineEnd(p);
  }
  return out;
}

function sameBytes(x: Uint8Array, xs: number, xe: number, y: Uint8Array, ys: number, ye: number): boolean {
  if (xe - xs !== ye - ys) return false;
  for (let p = 0; p < xe - xs; p++) if (x[xs + p] !== y[ys + p]) return false;
  return true;
}

/** Length of the white space character (as `isSpace` sees it) that starts at `s`, or 0. */
function spaceAt(t: Uint8Array, s: number, e: number): number {
  const c = t[s]!;
  if (c < 0x80) return c === 32 || (c >= 9 && c <= 13) ? 1 : 0;
  if (c === 0xc2) return s + 1 < e && t[s + 1] === 0xa0 ? 2 : 0;
  if (s + 2 >= e) return 0;
  return isSpace3(c, t[s + 1]!, t[s + 2]!) ? 3 : 0;
}

/** Length of the white space character that ends at `e`, or 0. */
function spaceBefore(t: Uint8Array, s: number, e: number): number {
  const c = t[e - 1]!;
  if (c < 0x80) return c === 32 || (c >= 9 && c <= 13) ? 1 : 0;
  if (e - 2 >= s && t[e - 2] === 0xc2 && c === 0xa0) return 2;
  return e - 3 >= s && isSpace3(t[e - 3]!, t[e - 2]!, c) ? 3 : 0;
}

/** The three-byte encodings of U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF. */
function isSpace3(c0: number, c1: number, c2: number): boolean {
  if (c0 === 0xe2) return c1 === 0x80 ? c2 <= 0x8a || c2 === 0xa8 || c2 === 0xa9 || c2 === 0xaf : c1 === 0x81 && c2 === 0x9f;
  if (c0 === 0xe1) return c1 === 0x9a && c2 === 0x80;
  if (c0 === 0xe3) return c1 === 0x80 && c2 === 0x80;
  return c0 === 0xef && c1 === 0xbb && c2 === 0xbf;
}

/** Lines of UTF-8 text, always trimmed; keys are offsets into either side (the slot's last entry is unused). */
class Utf8LineInterner extends IdTable {
  /** Per id: its key's side (0 old, 1 new), start and end, three entries each. */
  private keys = new Int32Array(3 * 1024);

  constructor(
    private readonly oldBytes: Uint8Array,
    private readonly newBytes: Uint8Array,
    expected: number,
  ) {
    super(expected);
  }

  id(isNew: boolean, s: number, e: number, oldIndex: number): number {
    const t = isNew ? this.newBytes : this.oldBytes;
    for (let w; s < e && (w = spaceAt(t, s, e)) > 0; ) s += w;
    for (let w; e > s && (w = spaceBefore(t, s, e)) > 0; ) e -= w;
    let h = 0x811c9dc5 | 0;
    for (let p = s; p < e; p++) h = Math.imul(h ^ t[p]!, 0x01000193);
    h = mixHash(h);
    const { table, keys, mask } = this;
    let slot = h & mask;
    for (;;) {
      const at = 4 * slot;
      const v = table[at + 1]!;
      if (v === 0) break;
      const k = 3 * (v - 1);
      if (table[at] === h && sameBytes(t, s, e, keys[k] ? this.newBytes : this.oldBytes, keys[k + 1]!, keys[k + 2]!)) return this.found(at, oldIndex);
      slot = (slot + 1) & mask;
    }
    const id = this.size;
    if (3 * (id + 1) > keys.length) {
      this.keys = new Int32Array(2 * keys.length);
      this.keys.set(keys);
    }
    this.keys[3 * id] = isNew ? 1 : 0;
    this.keys[3 * id + 1] = s;
    this.keys[3 * id + 2] = e;
    return this.added(slot, h, oldIndex, 0);
  }
}

/** The lines of `ids[from, to)` whose id occurs on both sides, with their original indices. */
function compact(ids: Int32Array, from: number, to: number, seen: Uint8Array): { ids: Int32Array; index: Int32Array } {
  let count = 0;
  for (let i = from; i < to; i++) if (seen[ids[i]!] === 3) count++;
  const out = new Int32Array(count);
  const index = new Int32Array(count);
  let k = 0;
  for (let i = from; i < to; i++) {
    const id = ids[i]!;
    if (seen[id] === 3) {
      out[k] = id;
      index[k] = i;
      k++;
    }
  }
  return { ids: out, index };
}

// Task kinds on the core's stack; each task takes five slots: kind and four numbers.
const TASK_REGION = 0;
const TASK_MYERS = 1;
const TASK_MATCH = 2; // a0, b0, length, unused

class Core {
  /** Matched pairs (old, new) in compacted indices, in order: [x0, y0, x1, y1, …]. */
  matches: Int32Array;
  matchCount = 0;

  private readonly a: Int32Array;
  private readonly b: Int32Array;
  private readonly myersThreshold: number;
  private readonly budget: number;
  private work = 0;
  /** Pending tasks, five slots each (kind, four numbers); a typed array is much faster than push. */
  private stack = new Int32Array(5 * 1024);
  private top = 0;

  // Scratch, indexed by id; always left zeroed between uses.
  private readonly cntA: Int32Array;
  private readonly cntB: Int32Array;
  private readonly posA: Int32Array;
  private readonly head: Int32Array;
  // Scratch, indexed by old position. `head` and `next` hold positions + 1 (0: none).
  private readonly next: Int32Array;
  // Scratch for patience: candidate pairs and the LIS bookkeeping, sized to the smaller side.
  private readonly candA: Int32Array;
  private readonly candB: Int32Array;
  private readonly tails: Int32Array;
  private readonly prev: Int32Array;
  // Scratch for Myers, grown on demand.
  private v1 = new Int32Array(0);
  private v2 = new Int32Array(0);

  constructor(a: Int32Array, b: Int32Array, idCount: number, options: DiffOptions) {
    this.a = a;
    this.b = b;
    this.myersThreshold = options.myersThreshold ?? DEFAULT_MYERS_THRESHOLD;
    this.budget = options.workBudget ?? WORK_PER_LINE * (a.length + b.length) + WORK_BASE;
    const small = Math.min(a.length, b.length);
    this.matches = new Int32Array(2 * small);
    this.cntA = new Int32Array(idCount);
    this.cntB = new Int32Array(idCount);
    this.posA = new Int32Array(idCount);
    this.head = new Int32Array(idCount);
    this.next = new Int32Array(a.length);
    this.candA = new Int32Array(small);
    this.candB = new Int32Array(small);
    this.tails = new Int32Array(small);
    this.prev = new Int32Array(small);
  }

  run(): void {
    if (this.a.length === 0 || this.b.length === 0) return;
    this.push(TASK_REGION, 0, this.a.length, 0, this.b.length);
    while (this.top > 0) {
      const t = (this.top -= 5);
      const stack = this.stack;
      const kind = stack[t]!;
      const p = stack[t + 1]!;
      const q = stack[t + 2]!;
      const r = stack[t + 3]!;
      const s = stack[t + 4]!;
      if (kind === TASK_MATCH) this.emit(p, q, r);
      else if (kind === TASK_REGION) this.region(p, q, r, s);
      else this.myers(p, q, r, s);
    }
  }

  private push(kind: number, p: number, q: number, r: number, s: number): void {
    let t = this.top;
    if (t + 5 > this.stack.length) {
      const grown = new Int32Array(this.stack.length * 2);
      grown.set(this.stack);
      this.stack = grown;
    }
    const stack = this.stack;
    stack[t++] = kind;
    stack[t++] = p;
    stack[t++] = q;
    stack[t++] = r;
    stack[t++] = s;
    this.top = t;
  }

  private emit(x: number, y: number, length: number): void {
    const matches = this.matches;
    let k = 2 * this.matchCount;
    for (let t = 0; t < length; t++) {
      matches[k++] = x + t;
      matches[k++] = y + t;
    }
    this.matchCount += length;
  }

  /**
   * Trims the common prefix (emitted now) and suffix (queued to be emitted after the rest) of
   * `a[a0, a1) × b[b0, b1)`. Returns the inner bounds packed as [a0, a1, b0, b1].
   */
  private trim(a0: number, a1: number, b0: number, b1: number, out: Int32Array): void {
    const a = this.a;
    const b = this.b;
    const start0 = a0;
    while (a0 < a1 && b0 < b1 && a[a0] === b[b0]) {
      a0++;
      b0++;
    }
    if (a0 > start0) this.emit(start0, b0 - (a0 - start0), a0 - start0);
    let s = 0;
    while (a1 - s > a0 && b1 - s > b0 && a[a1 - 1 - s] === b[b1 - 1 - s]) s++;
    if (s > 0) {
      this.push(TASK_MATCH, a1 - s, b1 - s, s, 0);
      a1 -= s;
      b1 -= s;
    }
    this.work += a0 - start0 + s + 1;
    out[0] = a0;
    out[1] = a1;
    out[2] = b0;
    out[3] = b1;
  }

  private readonly bounds = new Int32Array(4);

  private region(a0: number, a1: number, b0: number, b1: number): void {
    const bounds = this.bounds;
    this.trim(a0, a1, b0, b1, bounds);
    a0 = bounds[0]!;
    a1 = bounds[1]!;
    b0 = bounds[2]!;
    b1 = bounds[3]!;
    if (a0 === a1 || b0 === b1) return;
    if (this.work > this.budget) return; // out of budget: the region is a replace
    if (a1 - a0 + (b1 - b0) <= this.myersThreshold) {
      this.push(TASK_MYERS, a0, a1, b0, b1);
      return;
    }

    const a = this.a;
    const b = this.b;
    const { cntA, cntB, posA } = this;
    this.work += 2 * (a1 - a0 + (b1 - b0));
    for (let i = a0; i < a1; i++) {
      const id = a[i]!;
      cntA[id]!++;
      posA[id] = i;
    }
    for (let j = b0; j < b1; j++) cntB[b[j]!]!++;

    // Patience: lines unique on both sides, in new order, with their old positions.
    const { candA, candB } = this;
    let cand = 0;
    let anyCommon = false;
    for (let j = b0; j < b1; j++) {
      const id = b[j]!;
      const ca = cntA[id]!;
      if (ca === 0) continue;
      anyCommon = true;
      if (ca === 1 && cntB[id] === 1) {
        candA[cand] = posA[id]!;
        candB[cand] = j;
        cand++;
      }
    }
    for (let j = b0; j < b1; j++) cntB[b[j]!] = 0;

    if (!anyCommon) {
      for (let i = a0; i < a1; i++) cntA[a[i]!] = 0;
      return; // nothing in common: a replace
    }
    if (cand > 0) {
      for (let i = a0; i < a1; i++) cntA[a[i]!] = 0;
      this.patience(cand, a0, a1, b0, b1);
      return;
    }
    const anchored = this.histogram(a0, a1, b0, b1); // resets cntA
    if (!anchored) this.push(TASK_MYERS, a0, a1, b0, b1);
  }

  /** Anchors on the longest common subsequence of the `cand` candidate pairs; queues the gaps. */
  private patience(cand: number, a0: number, a1: number, b0: number, b1: number): void {
    const { candA, candB, tails, prev } = this;
    // Longest increasing subsequence of candA (in candB order), by patience sorting.
    const piles = patienceSort(candA, cand, tails, prev);
    this.work += cand * (1 + Math.log2(piles + 1));
    // Walk the chain back from the top of the last pile, queueing gap, anchor, gap, … so that
    // the leftmost gap is on top of the stack.
    let endA = a1;
    let endB = b1;
    for (let k = tails[piles - 1]!; k !== -1; k = prev[k]!) {
      const x = candA[k]!;
      const y = candB[k]!;
      if (endA > x + 1 || endB > y + 1) this.push(TASK_REGION, x + 1, endA, y + 1, endB);
      this.push(TASK_MATCH, x, y, 1, 0);
      endA = x;
      endB = y;
    }
    if (endA > a0 || endB > b0) this.push(TASK_REGION, a0, endA, b0, endB);
  }

  /**
   * Anchors on a common line that is rarest in the old region (at most MAX_CHAIN occurrences),
   * extended over equal neighbours; the longest such run wins among equally rare ones. Expects
   * `cntA` filled for the region and clears it. Returns false when no line qualifies.
   */
  private histogram(a0: number, a1: number, b0: number, b1: number): boolean {
    const { a, b, cntA, head, next } = this;
    for (let i = a1 - 1; i >= a0; i--) {
      const id = a[i]!;
      next[i] = head[id]!;
      head[id] = i + 1;
    }
    let bestRc = MAX_CHAIN;
    let bestLen = 0;
    let bestSkew = 0;
    let bestI = -1;
    let bestJ = -1;
    let work = 0;
    // An anchor far off the diagonal forces many changes on its own: splitting at (i, j) costs at
    // least |k| + |delta - k| - |delta| more lines than the region needs (k the anchor's diagonal).
    // A frequent line is matched at random places as well as at the right one, so anchors that
    // force more than an eighth of the region are not taken.
    const delta = a1 - a0 - (b1 - b0);
    const slack = ((a1 - a0 + (b1 - b0)) >> 3) + 2;
    for (let j = b0; j < b1; ) {
      const id = b[j]!;
      const rc = cntA[id]!;
      if (rc === 0 || rc > bestRc) {
        j++;
        continue;
      }
      let jNext = j + 1;
      for (let i1 = head[id]!; i1 !== 0; i1 = next[i1 - 1]!) {
        const i = i1 - 1;
        const k = i - a0 - (j - b0);
        const skew = Math.abs(k) + Math.abs(delta - k) - Math.abs(delta);
        if (skew > slack) continue;
        let s = 0;
        while (i - s > a0 && j - s > b0 && a[i - s - 1] === b[j - s - 1]) s++;
        let e = 1;
        while (i + e < a1 && j + e < b1 && a[i + e] === b[j + e]) e++;
        work += s + e + 1;
        const len = s + e;
        if (rc < bestRc || len > bestLen || (len === bestLen && skew < bestSkew)) {
          bestRc = rc;
          bestLen = len;
          bestSkew = skew;
          bestI = i - s;
          bestJ = j - s;
        }
        if (j + e > jNext) jNext = j + e;
      }
      j = jNext;
      if (this.work + work > this.budget) break;
    }
    this.work += work + (a1 - a0) + (b1 - b0);
    for (let i = a0; i < a1; i++) {
      const id = a[i]!;
      cntA[id] = 0;
      head[id] = 0;
    }
    if (bestLen === 0) return false;
    this.push(TASK_REGION, bestI + bestLen, a1, bestJ + bestLen, b1);
    this.push(TASK_MATCH, bestI, bestJ, bestLen, 0);
    this.push(TASK_REGION, a0, bestI, b0, bestJ);
    return true;
  }

  /** Myers' linear-space divide and conquer: find a point on a shortest edit path, split there. */
  private myers(a0: number, a1: number, b0: number, b1: number): void {
    const bounds = this.bounds;
    this.trim(a0, a1, b0, b1, bounds);
    a0 = bounds[0]!;
    a1 = bounds[1]!;
    b0 = bounds[2]!;
    b1 = bounds[3]!;
    if (a0 === a1 || b0 === b1) return;
    if (this.work > this.budget) return;
    const split = this.bisect(a0, a1 - a0, b0, b1 - b0);
    if (split < 0) return; // out of budget: a replace
    const x = this.splitX;
    const y = this.splitY;
    // Right part first on the stack, so the left part is handled (and emitted) first.
    this.push(TASK_MYERS, a0 + x, a1, b0 + y, b1);
    this.push(TASK_MYERS, a0, a0 + x, b0, b0 + y);
  }

  private splitX = 0;
  private splitY = 0;

  /**
   * Searches from both ends at once for the middle of a shortest edit path of
   * `a[a0, a0+n) × b[b0, b0+m)` (whose first and last lines differ). Sets splitX/splitY (relative)
   * and returns 0, or returns -1 when the work budget runs out.
   */
  private bisect(a0: number, n: number, b0: number, m: number): number {
    const { a, b } = this;
    const maxD = (n + m + 1) >> 1;
    // Past `cap` edits the search stops and splits at the point that got furthest (GNU diff's
    // heuristic for costly regions): not minimal any more, but the cost stays near
    // (n + m) × cap. The cap is what the remaining budget affords for a region of this size.
    const cap = Math.max(MIN_MYERS_CAP, Math.floor((this.budget - this.work) / (8 * (n + m))));
    // Diagonals -reach … reach are used (one more than the last round, for its neighbours).
    const reach = Math.min(maxD, cap) + 1;
    const off = reach;
    const size = 2 * reach + 1;
    if (this.v1.length < size) {
      this.v1 = new Int32Array(size);
      this.v2 = new Int32Array(size);
    }
    const v1 = this.v1;
    const v2 = this.v2;
    v1.fill(-1, 0, size);
    v2.fill(-1, 0, size);
    v1[off + 1] = 0;
    v2[off + 1] = 0;
    this.work += size;
    const delta = n - m;
    const front = (delta & 1) !== 0;
    // Diagonals that ran off the grid are not explored again.
    let k1start = 0;
    let k1end = 0;
    let k2start = 0;
    let k2end = 0;
    let work = 0;
    for (let d = 0; d <= maxD; d++) {
      if (this.work + work > this.budget) {
        this.work += work;
        return -1;
      }
      if (d > cap) {
        this.work += work + 2 * d;
        return this.furthest(d - 1, n, m, off, k1start, k1end, k2start, k2end);
      }
      // Forward paths.
      for (let k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
        const k1off = off + k1;
        let x1: number;
        if (k1 === -d || (k1 !== d && v1[k1off - 1]! < v1[k1off + 1]!)) x1 = v1[k1off + 1]!;
        else x1 = v1[k1off - 1]! + 1;
        let y1 = x1 - k1;
        const x0 = x1;
        while (x1 < n && y1 < m && a[a0 + x1] === b[b0 + y1]) {
          x1++;
          y1++;
        }
        work += x1 - x0 + 1;
        v1[k1off] = x1;
        if (x1 > n) k1end += 2;
        else if (y1 > m) k1start += 2;
        else if (front) {
          const k2off = off + delta - k1;
          if (k2off >= 0 && k2off < size && v2[k2off] !== -1) {
            if (x1 >= n - v2[k2off]!) return this.found(x1, y1, n, m, work);
          }
        }
      }
      // Reverse paths (x2 and y2 count from the end).
      for (let k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
        const k2off = off + k2;
        let x2: number;
        if (k2 === -d || (k2 !== d && v2[k2off - 1]! < v2[k2off + 1]!)) x2 = v2[k2off + 1]!;
        else x2 = v2[k2off - 1]! + 1;
        let y2 = x2 - k2;
        const x0 = x2;
        while (x2 < n && y2 < m && a[a0 + n - 1 - x2] === b[b0 + m - 1 - y2]) {
          x2++;
          y2++;
        }
        work += x2 - x0 + 1;
        v2[k2off] = x2;
        if (x2 > n) k2end += 2;
        else if (y2 > m) k2start += 2;
        else if (!front) {
          const k1off = off + delta - k2;
          if (k1off >= 0 && k1off < size && v1[k1off] !== -1) {
            const x1 = v1[k1off]!;
            const y1 = x1 - (k1off - off);
            if (x1 >= n - x2) return this.found(x1, y1, n, m, work);
          }
        }
      }
    }
    // Not reached for a well-formed region; treat as a replace.
    this.work += work;
    return -1;
  }

  /** After `d` rounds: the split at the forward or reverse point that got furthest from its corner. */
  private furthest(
    d: number,
    n: number,
    m: number,
    off: number,
    k1start: number,
    k1end: number,
    k2start: number,
    k2end: number,
  ): number {
    const { v1, v2 } = this;
    let best = -1;
    let bx = 0;
    let by = 0;
    for (let k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
      const x = v1[off + k1]!;
      const y = x - k1;
      if (x >= 0 && x <= n && y >= 0 && y <= m && x + y > best) {
        best = x + y;
        bx = x;
        by = y;
      }
    }
    for (let k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
      const x = v2[off + k2]!;
      const y = x - k2;
      if (x >= 0 && x <= n && y >= 0 && y <= m && x + y > best) {
        best = x + y;
        bx = n - x;
        by = m - y;
      }
    }
    return this.found(bx, by, n, m, 0);
  }

  private found(x: number, y: number, n: number, m: number, work: number): number {
    this.work += work;
    // A split at a corner would not make progress (cannot happen after trimming; guard anyway).
    if ((x === 0 && y === 0) || (x === n && y === m)) return -1;
    this.splitX = x;
    this.splitY = y;
    return 0;
  }
}
