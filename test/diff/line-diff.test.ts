import { describe, it, expect } from 'vitest';
import { countChanges, countTextChanges, countUtf8Changes, diffIds, diffLines, splitLines, type DiffOp, type DiffOptions } from '../../src/diff/line-diff.js';
import { mulberry32 as prng } from '../helpers/prng.js';

/**
 * Checks that the ops cover both sides in order without gaps, that equal runs pair equal lines
 * (trimmed when whitespace is ignored), and returns the new lines rebuilt from old + ops.
 */
function apply(ops: readonly DiffOp[], oldLines: readonly string[], newLines: readonly string[], ignoreWs = true): string[] {
  const out: string[] = [];
  const problems: string[] = [];
  let oi = 0;
  let ni = 0;
  for (const op of ops) {
    if (op.count <= 0 || op.oldStart !== oi || op.newStart !== ni) problems.push(`bad run ${JSON.stringify(op)} at ${oi}/${ni}`);
    for (let t = 0; t < op.count; t++) {
      if (op.kind === 'equal') {
        const o = oldLines[oi + t];
        const n = newLines[ni + t];
        if (o === undefined || n === undefined || (ignoreWs ? o.trim() !== n.trim() : o !== n)) {
          problems.push(`unequal lines paired: old ${oi + t} ${JSON.stringify(o)}, new ${ni + t} ${JSON.stringify(n)}`);
        }
        out.push(n!);
      } else if (op.kind === 'insert') {
        out.push(newLines[ni + t]!);
      }
    }
    if (op.kind !== 'insert') oi += op.count;
    if (op.kind !== 'delete') ni += op.count;
  }
  if (oi !== oldLines.length || ni !== newLines.length) problems.push(`runs end at ${oi}/${ni}`);
  expect(problems.slice(0, 5)).toEqual([]);
  return out;
}

/** Length of the longest common subsequence, by the textbook dynamic programme. */
function lcs(a: readonly string[], b: readonly string[]): number {
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

function minimalEdits(a: readonly string[], b: readonly string[]): number {
  return a.length + b.length - 2 * lcs(a, b);
}

function edits(ops: readonly DiffOp[]): number {
  const { added, removed } = countChanges(ops);
  return added + removed;
}

function check(a: readonly string[], b: readonly string[], options?: DiffOptions): DiffOp[] {
  const ops = diffLines(a, b, options);
  expect(apply(ops, a, b, options?.ignoreWhitespace ?? true)).toEqual(b);
  // Runs are maximal: no two neighbours of the same kind.
  for (let k = 1; k < ops.length; k++) expect(ops[k]!.kind).not.toBe(ops[k - 1]!.kind);
  return ops;
}

describe('splitLines', () => {
  it('splits on \\n and \\r\\n without a trailing empty line', () => {
    expect(splitLines('')).toEqual([]);
    expect(splitLines('a')).toEqual(['a']);
    expect(splitLines('a\n')).toEqual(['a']);
    expect(splitLines('a\nb')).toEqual(['a', 'b']);
    expect(splitLines('a\r\nb\r\n')).toEqual(['a', 'b']);
    expect(splitLines('a\n\nb\n')).toEqual(['a', '', 'b']);
    expect(splitLines('\n')).toEqual(['']);
    expect(splitLines('\n\n')).toEqual(['', '']);
    expect(splitLines('\r\n')).toEqual(['']);
  });

  it('keeps a lone \\r that does not end a line', () => {
    expect(splitLines('a\rb\n')).toEqual(['a\rb']);
    expect(splitLines('a\r')).toEqual(['a\r']);
    expect(splitLines('a\r\r\n')).toEqual(['a\r']);
  });
});

describe('diffLines: hand cases', () => {
  it('handles empty sides', () => {
    expect(diffLines([], [])).toEqual([]);
    expect(diffLines([], ['a', 'b'])).toEqual([{ kind: 'insert', oldStart: 0, newStart: 0, count: 2 }]);
    expect(diffLines(['a', 'b'], [])).toEqual([{ kind: 'delete', oldStart: 0, newStart: 0, count: 2 }]);
  });

  it('gives one equal run for equal sides', () => {
    const a = ['x', 'y', 'x', 'z'];
    expect(diffLines(a, [...a])).toEqual([{ kind: 'equal', oldStart: 0, newStart: 0, count: 4 }]);
  });

  it('handles a change at the end, at the start and in the middle', () => {
    expect(diffLines(['a', 'b', 'c'], ['a', 'b', 'c', 'd'])).toEqual([
      { kind: 'equal', oldStart: 0, newStart: 0, count: 3 },
      { kind: 'insert', oldStart: 3, newStart: 3, count: 1 },
    ]);
    expect(diffLines(['x', 'a', 'b'], ['a', 'b'])).toEqual([
      { kind: 'delete', oldStart: 0, newStart: 0, count: 1 },
      { kind: 'equal', oldStart: 1, newStart: 0, count: 2 },
    ]);
    expect(diffLines(['a', 'b', 'c', 'd'], ['a', 'X', 'Y', 'd'])).toEqual([
      { kind: 'equal', oldStart: 0, newStart: 0, count: 1 },
      { kind: 'delete', oldStart: 1, newStart: 1, count: 2 },
      { kind: 'insert', oldStart: 3, newStart: 1, count: 2 },
      { kind: 'equal', oldStart: 3, newStart: 3, count: 1 },
    ]);
  });

  it('keeps the larger block when two blocks swap places', () => {
    const big = ['a1', 'a2', 'a3', 'a4', 'a5'];
    const small = ['b1', 'b2', 'b3'];
    const ops = check([...big, ...small], [...small, ...big]);
    expect(countChanges(ops)).toEqual({ added: 3, removed: 3 });
    expect(ops.filter((o) => o.kind === 'equal')).toEqual([{ kind: 'equal', oldStart: 0, newStart: 3, count: 5 }]);
  });

  it('handles repeated lines', () => {
    const a = ['}', '}', 'f', '}', '}', 'g', '}'];
    const b = ['}', 'f', '}', '}', '}', 'g', 'h', '}', '}'];
    const ops = check(a, b);
    expect(edits(ops)).toBe(minimalEdits(a, b));
    const many: string[] = Array.from({ length: 600 }, (_, i) => (i % 3 === 0 ? '}' : i % 3 === 1 ? '};' : 'return;'));
    const changed = [...many];
    changed.splice(100, 5);
    changed.splice(400, 0, 'return;', '}', 'x');
    check(many, changed, { myersThreshold: 0 });
  });

  it('ignores indentation and trailing whitespace by default', () => {
    const a = ['function f() {', '  return 1;', '}'];
    const b = ['  function f() {', '\t\treturn 1;   ', '  }'];
    expect(check(a, b)).toEqual([{ kind: 'equal', oldStart: 0, newStart: 0, count: 3 }]);
    expect(countChanges(check(a, b, { ignoreWhitespace: false }))).toEqual({ added: 3, removed: 3 });
  });

  it('still sees whitespace inside a line, and blank lines of any indentation as equal', () => {
    expect(countChanges(diffLines(['a b'], ['a  b']))).toEqual({ added: 1, removed: 1 });
    expect(countChanges(diffLines(['', 'x'], ['    ', 'x']))).toEqual({ added: 0, removed: 0 });
    expect(countChanges(diffLines(['', 'x'], ['    ', 'x'], { ignoreWhitespace: false }))).toEqual({
      added: 1,
      removed: 1,
    });
  });

  it('treats Unicode whitespace like String.prototype.trim', () => {
    expect(countChanges(diffLines(['x'], ['\u00a0x\u3000']))).toEqual({ added: 0, removed: 0 });
    expect(countChanges(diffLines(['x'], ['\u200bx']))).toEqual({ added: 1, removed: 1 }); // zero width space is not whitespace
  });

  it('diffs pre-interned ids the same way (diffIds)', () => {
    const ops = diffIds(Int32Array.from([0, 1, 2, 3]), Int32Array.from([0, 2, 4, 3]), 5);
    expect(ops).toEqual([
      { kind: 'equal', oldStart: 0, newStart: 0, count: 1 },
      { kind: 'delete', oldStart: 1, newStart: 1, count: 1 },
      { kind: 'equal', oldStart: 2, newStart: 1, count: 1 },
      { kind: 'insert', oldStart: 3, newStart: 2, count: 1 },
      { kind: 'equal', oldStart: 3, newStart: 3, count: 1 },
    ]);
  });

  it('respects the work budget: past it, what is left is a replace, and still correct', () => {
    const a = ['p', 'a', 'b', 'c', 'd', 'e', 's'];
    const b = ['p', 'b', 'a', 'c', 'e', 'd', 's'];
    const full = check(a, b);
    expect(edits(full)).toBe(minimalEdits(a, b));
    const cut = check(a, b, { workBudget: 0 });
    expect(cut).toEqual([
      { kind: 'equal', oldStart: 0, newStart: 0, count: 1 },
      { kind: 'delete', oldStart: 1, newStart: 1, count: 5 },
      { kind: 'insert', oldStart: 6, newStart: 1, count: 5 },
      { kind: 'equal', oldStart: 6, newStart: 6, count: 1 },
    ]);
    const r = prng(7);
    const x = Array.from({ length: 3000 }, () => 'abcdefgh'[Math.floor(r() * 8)]!);
    const y = x.map((l, i) => (i % 7 === 0 ? 'abcdefgh'[Math.floor(r() * 8)]! : l));
    for (const budget of [0, 1000, 30_000, 300_000]) check(x, y, { workBudget: budget });
  });

  it('stays correct on an input built to defeat the anchors', () => {
    // Few distinct lines, each very frequent, shuffled differently on both sides.
    const r = prng(99);
    const a = Array.from({ length: 20_000 }, () => ['}', '};', ')', '{', ''][Math.floor(r() * 5)]!);
    const b = Array.from({ length: 20_000 }, () => ['}', '};', ')', '{', ''][Math.floor(r() * 5)]!);
    const ops = check(a, b);
    expect(edits(ops)).toBeGreaterThanOrEqual(0);
  });
});

describe('diffLines: randomized against the LCS', () => {
  const alphabet = ['a', 'b', 'c', 'd'];

  function randomPair(r: () => number, maxLen: number, symbols: readonly string[]): [string[], string[]] {
    const a = Array.from({ length: Math.floor(r() * maxLen) }, () => symbols[Math.floor(r() * symbols.length)]!);
    // The new side is an edit of the old one (most of the time), or unrelated.
    if (r() < 0.2) return [a, Array.from({ length: Math.floor(r() * maxLen) }, () => symbols[Math.floor(r() * symbols.length)]!)];
    const b: string[] = [];
    for (const line of a) {
      const x = r();
      if (x < 0.15) continue;
      if (x < 0.3) b.push(symbols[Math.floor(r() * symbols.length)]!);
      else b.push(line);
      if (r() < 0.1) b.push(symbols[Math.floor(r() * symbols.length)]!);
    }
    return [a, b];
  }

  it('is minimal where Myers handles everything (small inputs, default settings)', () => {
    const r = prng(1);
    for (let c = 0; c < 400; c++) {
      const [a, b] = randomPair(r, 24, alphabet);
      const ops = check(a, b);
      expect(edits(ops)).toBe(minimalEdits(a, b));
    }
  });

  it('never beats the minimum and always rebuilds the new side with anchors forced (patience, histogram)', () => {
    const r = prng(2);
    let extra = 0;
    let total = 0;
    for (let c = 0; c < 400; c++) {
      const [a, b] = randomPair(r, 40, c % 2 ? alphabet : [...alphabet, 'e', 'f', 'g', 'h', 'i', 'j', 'k']);
      const ops = check(a, b, { myersThreshold: 0 });
      const got = edits(ops);
      const min = minimalEdits(a, b);
      expect(got).toBeGreaterThanOrEqual(min);
      extra += got - min;
      total += min;
    }
    // Histogram anchors on random text over a tiny alphabet cost lines (about a quarter more
    // here); real code, and the default settings (small regions go to Myers), fare far better.
    expect(extra).toBeLessThan(total / 2);
  });

  it('is minimal when no line repeats within a side, whatever the path', () => {
    const r = prng(3);
    for (let c = 0; c < 300; c++) {
      const pool = Array.from({ length: 40 }, (_, i) => `line ${i}`);
      const a = pool.filter(() => r() < 0.7);
      let b: string[];
      if (c % 3 === 0) {
        b = pool.filter(() => r() < 0.6).sort(() => r() - 0.5); // shuffled
      } else {
        b = a.filter(() => r() < 0.8);
        for (let k = 0; k < 5; k++) b.splice(Math.floor(r() * (b.length + 1)), 0, `new ${c} ${k}`);
        if (c % 3 === 1) {
          // a few moves
          for (let k = 0; k < 3 && b.length > 1; k++) {
            const [moved] = b.splice(Math.floor(r() * b.length), 1);
            b.splice(Math.floor(r() * (b.length + 1)), 0, moved!);
          }
        }
      }
      for (const myersThreshold of [0, 256]) {
        const ops = check(a, b, { myersThreshold });
        expect(edits(ops)).toBe(minimalEdits(a, b));
      }
    }
  });

  it('matches lines modulo whitespace exactly as it matches their trimmed forms', () => {
    const r = prng(4);
    const pad = (l: string): string => ' '.repeat(Math.floor(r() * 3)) + l + (r() < 0.3 ? '\t' : '');
    for (let c = 0; c < 200; c++) {
      const [a, b] = randomPair(r, 24, alphabet);
      const pa = a.map(pad);
      const pb = b.map(pad);
      const ops = check(pa, pb);
      expect(edits(ops)).toBe(minimalEdits(a, b));
      expect(ops).toEqual(diffLines(a, b));
    }
  });
});

describe('diffLines: large input', () => {
  it('counts scattered edits exactly on 200k distinct lines', () => {
    const size = 200_000;
    const a = Array.from({ length: size }, (_, i) => `  const v${i} = f(${i});`);
    const b: string[] = [];
    let replaced = 0;
    let inserted = 0;
    let deleted = 0;
    for (let i = 0; i < size; i++) {
      if (i % 97 === 0) {
        b.push(`  const w${i} = g(${i});`); // replaced (a rename)
        replaced++;
      } else if (i % 1009 === 5) {
        deleted++;
      } else {
        b.push(i % 2 === 0 ? a[i]! : `    ${a[i]!.trim()}`); // half of the lines re-indented
      }
      if (i % 1013 === 7) {
        b.push(`  inserted(${i});`);
        inserted++;
      }
    }
    const ops = diffLines(a, b);
    expect(countChanges(ops)).toEqual({ added: replaced + inserted, removed: replaced + deleted });
    expect(apply(ops, a, b)).toEqual(b);
    const exact = diffLines(a, b, { ignoreWhitespace: false });
    expect(countChanges(exact)).toEqual({
      added: replaced + inserted + b.filter((l) => l.startsWith('    ')).length,
      removed: replaced + deleted + b.filter((l) => l.startsWith('    ')).length,
    });
  });

  it('counts renames exactly in a bundle-like text with many repeated lines', () => {
    // Beautified-bundle shape: functions whose bodies repeat the same closing lines; a release
    // renames some identifiers (lines unique to each side), wraps everything one level deeper,
    // and inserts and removes a few whole functions.
    const fn = (i: number, name: string): string[] => [
      `function ${name}(a, b) {`,
      `  if (a) {`,
      `    return b.call${i % 5}(a);`,
      `  }`,
      `  return null;`,
      `}`,
    ];
    const a: string[] = [];
    const b: string[] = [];
    let added = 0;
    let removed = 0;
    for (let i = 0; i < 30_000; i++) {
      const old = fn(i, `f${i}`);
      a.push(...old);
      if (i % 1000 === 999) {
        removed += old.length; // function removed
        continue;
      }
      const renamed = i % 4 === 0;
      b.push(...fn(i, renamed ? `g${i}` : `f${i}`).map((l) => `  ${l}`));
      if (renamed) {
        added++;
        removed++;
      }
      if (i % 1500 === 3) {
        const extra = fn(i, `added${i}`);
        b.push(...extra);
        added += extra.length;
      }
    }
    const ops = diffLines(a, b);
    expect(apply(ops, a, b)).toEqual(b);
    expect(countChanges(ops)).toEqual({ added, removed });
  });
});

describe('countUtf8Changes', () => {
  // Every character isSpace trims (ASCII and Unicode), others that look alike, and multi-byte text.
  const PIECES = [' ', '\t', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u200a', '\u200b', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\u00a1', '\u0085', 'a', 'b', 'x = 1;', '}', 'é', '中', '😀', '\u2080'];
  function randomText(random: () => number, lines: number): string {
    const out: string[] = [];
    for (let i = 0; i < lines; i++) {
      let line = '';
      const n = Math.floor(random() * 5);
      for (let k = 0; k < n; k++) line += PIECES[Math.floor(random() * PIECES.length)];
      out.push(line);
    }
    return out.join(random() < 0.5 ? '\n' : '\r\n') + (random() < 0.5 ? '\n' : '');
  }
  const utf8 = (s: string | undefined) => (s === undefined ? undefined : new Uint8Array(Buffer.from(s, 'utf8')));

  it('counts what countTextChanges counts on the decoded text', () => {
    const random = prng(7);
    for (let round = 0; round < 300; round++) {
      const a = randomText(random, Math.floor(random() * 40));
      // The new side: the old one with some lines edited, moved or re-indented.
      const b = random() < 0.2 ? randomText(random, Math.floor(random() * 40)) : a.split('\n').map((l) => (random() < 0.2 ? PIECES[Math.floor(random() * PIECES.length)] + l : l)).join('\n');
      expect(countUtf8Changes(utf8(a), utf8(b))).toEqual(countTextChanges(a, b));
    }
  });

  it('handles absent, empty and equal sides', () => {
    for (const [a, b] of [[undefined, 'a\nb\n'], ['a\nb', undefined], ['', 'a'], ['a\n', ''], ['\n', '\n\n'], ['same\n', 'same\n'], [undefined, undefined]] as const) {
      expect(countUtf8Changes(utf8(a), utf8(b))).toEqual(countTextChanges(a, b));
    }
  });
});
