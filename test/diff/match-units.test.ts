import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { longestIncreasingSubsequence } from '../../src/diff/lis.js';
import { matchUnits, type UnitMatching } from '../../src/diff/match-units.js';
import type { Unit, UnitKind } from '../../src/units/types.js';
import { mulberry32 } from '../helpers/prng.js';

// ---- helpers: units from canonical tokens, with a MinHash built the same way (3-token shingles, 64 hashes)

const SIG = 64;
const SHINGLE = 3;

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  return h >>> 0;
}

const SEEDS = Array.from({ length: SIG }, (_, p) => fmix32(p * 0x9e3779b1 + 1));

function minhashOf(tokens: readonly string[]): number[] {
  const shingles = new Set<string>();
  if (tokens.length < SHINGLE) shingles.add(tokens.join(' '));
  else for (let k = 0; k + SHINGLE <= tokens.length; k++) shingles.add(tokens.slice(k, k + SHINGLE).join(' '));
  const bases = [...shingles].map(fnv1a);
  return SEEDS.map((seed) => {
    let min = 0xffffffff;
    for (const b of bases) {
      const v = fmix32(b ^ seed);
      if (v < min) min = v;
    }
    return min;
  });
}

interface UnitSpec {
  kind?: UnitKind;
  names?: string[];
  anchors?: string[];
  /** Overrides the MinHash computed from the tokens. */
  minhash?: number[];
  /** Overrides the token count. */
  tokens?: number;
}

/** A Unit from canonical tokens (a whitespace-separated string or a list); `index` is set by `side`. */
function unit(tokens: string | readonly string[], spec: UnitSpec = {}): Unit {
  const list = typeof tokens === 'string' ? tokens.split(/\s+/).filter(Boolean) : tokens;
  const canonical = list.join(' ');
  return {
    index: -1,
    kind: spec.kind ?? 'function',
    start: 0,
    end: canonical.length,
    declares: [],
    canonical,
    hash: createHash('sha256').update(canonical).digest('hex').slice(0, 32),
    names: spec.names ?? [],
    anchors: spec.anchors ?? [],
    minhash: spec.minhash ?? minhashOf(list),
    tokens: spec.tokens ?? list.length,
  };
}

/** Copies of the units with `index` set to their position. */
function side(...units: Unit[]): Unit[] {
  return units.map((u, index) => ({ ...u, index }));
}

/** Pairs as [old, new, how] sorted by old index. */
function pairsOf(m: UnitMatching): Array<[number, number, string]> {
  return m.pairs.map((p) => [p.old, p.new, p.how] as [number, number, string]).sort((a, b) => a[0] - b[0]);
}

/** A distinct body of `n` tokens, so that unrelated units share almost no shingles. */
function body(tag: string, n = 30): string[] {
  return Array.from({ length: n }, (_, k) => `${tag}_${k}`);
}

/** `sig` with positions [from, to) replaced by fresh values: a known similarity of 1 − (to − from)/64. */
function perturb(sig: readonly number[], from: number, to: number, salt: number): number[] {
  return sig.map((v, k) => (k >= from && k < to ? fmix32(v ^ (salt * 0x27d4eb2d + k)) : v));
}


// ---- tests

describe('matchUnits: exact stage', () => {
  it('pairs repeated boilerplate with the unit it follows when modules are reordered', () => {
    const [a, b, c, d] = [unit(body('a')), unit(body('b')), unit(body('c')), unit('var $0 ;')];
    const m = matchUnits(side(a, d, b, d, c, d), side(c, d, a, d, b, d));
    expect(pairsOf(m)).toEqual([
      [0, 2, 'exact'],
      [1, 3, 'exact'],
      [2, 4, 'exact'],
      [3, 5, 'exact'],
      [4, 0, 'exact'],
      [5, 1, 'exact'],
    ]);
    expect(m.added).toEqual([]);
    expect(m.removed).toEqual([]);
  });

  it('keeps the copies of a repeated unit that have context, and removes the extra one', () => {
    const [x, y, d] = [unit(body('x')), unit(body('y')), unit('var $0 ;')];
    // x occurs twice on the old side, d three times; only y is unique.
    const m = matchUnits(side(x, d, y, d, x, d), side(y, d, x, d));
    expect(pairsOf(m)).toEqual([
      [2, 0, 'exact'],
      [3, 1, 'exact'],
      [4, 2, 'exact'],
      [5, 3, 'exact'],
    ]);
    // The two left over are copies: x and d are still in the new version, so nothing is removed.
    expect(m.removed).toEqual([]);
    expect(m.copiesRemoved).toEqual([0, 1]);
    expect(m.counts).toEqual({ matched: 4, renamedOnly: 0, moved: 0, changed: 0, added: 0, removed: 0, copiesAdded: 0, copiesRemoved: 2 });
    // The other way round, they are extra copies, not added code.
    const back = matchUnits(side(y, d, x, d), side(x, d, y, d, x, d));
    expect(back.added).toEqual([]);
    expect(back.copiesAdded).toEqual([0, 1]);
    expect(back.counts.copiesAdded).toBe(2);
  });

  it('without any unique unit, pairs duplicates by neighbour hashes rather than by order', () => {
    const [a, b, d] = [unit(body('a')), unit(body('b')), unit('var $0 ;')];
    const m = matchUnits(side(a, d, a, b, d, b), side(b, d, b, a, d, a));
    // By order, d would pair 1↔1 and 4↔4; by context (a d a ↔ a d a), 1↔4 and 4↔1.
    expect(pairsOf(m)).toEqual([
      [0, 3, 'exact'],
      [1, 4, 'exact'],
      [2, 5, 'exact'],
      [3, 0, 'exact'],
      [4, 1, 'exact'],
      [5, 2, 'exact'],
    ]);
  });

  it('lines up the ends of a run of copies', () => {
    const d = unit('var $0 ;');
    const m = matchUnits(side(d, d, d), side(d, d));
    expect(pairsOf(m)).toEqual([
      [0, 0, 'exact'],
      [2, 1, 'exact'],
    ]);
    expect(m.copiesRemoved).toEqual([1]);
    expect(m.removed).toEqual([]);
  });

  it('pairs by order what no context tells apart', () => {
    const d = unit('var $0 ;');
    const [p1, p2, p3, p4, q1, q2, q3] = ['p1', 'p2', 'p3', 'p4', 'q1', 'q2', 'q3'].map((t) => unit(body(t)));
    const m = matchUnits(side(p1!, d, p2!, d, p3!, d, p4!), side(q1!, d, q2!, d, q3!));
    expect(pairsOf(m)).toEqual([
      [1, 1, 'exact'],
      [3, 3, 'exact'],
    ]);
    expect(m.removed).toEqual([0, 2, 4, 6]);
    expect(m.copiesRemoved).toEqual([5]);
    expect(m.added).toEqual([0, 2, 4]);
  });
});

describe('matchUnits: moved', () => {
  it('matches reordered modules and flags exactly the ones off the longest increasing subsequence', () => {
    const units = Array.from({ length: 10 }, (_, k) => unit(body(`m${k}`)));
    const order = [7, 0, 1, 3, 4, 5, 6, 8, 9, 2];
    const m = matchUnits(side(...units), side(...order.map((k) => units[k]!)));
    expect(m.pairs).toHaveLength(10);
    for (const p of m.pairs) expect(order[p.new]).toBe(p.old);
    expect(m.pairs.filter((p) => p.moved).map((p) => p.old).sort((x, y) => x - y)).toEqual([2, 7]);
    expect(m.counts).toEqual({ matched: 10, renamedOnly: 0, moved: 2, changed: 0, added: 0, removed: 0, copiesAdded: 0, copiesRemoved: 0 });
    // Sorted by new index.
    expect(m.pairs.map((p) => p.new)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('flags nothing when the order is kept around added and removed units', () => {
    const units = Array.from({ length: 6 }, (_, k) => unit(body(`k${k}`)));
    const fresh = unit(body('fresh'));
    const m = matchUnits(side(...units), side(units[0]!, fresh, units[1]!, units[3]!, units[4]!, units[5]!));
    expect(m.counts).toEqual({ matched: 5, renamedOnly: 0, moved: 0, changed: 0, added: 1, removed: 1, copiesAdded: 0, copiesRemoved: 0 });
    expect(m.added).toEqual([1]);
    expect(m.removed).toEqual([2]);
  });

  it('longestIncreasingSubsequence returns positions of a longest strictly increasing run', () => {
    expect(longestIncreasingSubsequence([])).toEqual([]);
    expect(longestIncreasingSubsequence([1, 2, 9, 3, 4, 5, 6, 0, 7, 8])).toEqual([0, 1, 3, 4, 5, 6, 8, 9]);
    const rand = mulberry32(7);
    for (let t = 0; t < 50; t++) {
      const n = 1 + Math.floor(rand() * 60);
      const seq = Array.from({ length: n }, (_, k) => k).sort(() => rand() - 0.5);
      const lis = longestIncreasingSubsequence(seq);
      for (let k = 1; k < lis.length; k++) {
        expect(lis[k]!).toBeGreaterThan(lis[k - 1]!);
        expect(seq[lis[k]!]!).toBeGreaterThan(seq[lis[k - 1]!]!);
      }
      // Quadratic reference for the length.
      const best = seq.map(() => 1);
      for (let q = 0; q < n; q++) for (let p = 0; p < q; p++) if (seq[p]! < seq[q]!) best[q] = Math.max(best[q]!, best[p]! + 1);
      expect(lis.length).toBe(Math.max(...best));
    }
  });
});

describe('matchUnits: anchors', () => {
  const message = 'Could not resolve the configuration file for this project';

  it('pairs two heavily edited units that keep the same long string', () => {
    const oldU = unit(body('before', 40), { anchors: [message] });
    const newU = unit(body('after', 40), { anchors: [message] });
    const m = matchUnits(side(unit(body('same')), oldU), side(newU, unit(body('same'))));
    expect(pairsOf(m)).toEqual([
      [0, 1, 'exact'],
      [1, 0, 'anchor'],
    ]);
    expect(m.pairs.find((p) => p.how === 'anchor')!.similarity).toBe(0);
    expect(m.counts.changed).toBe(1);
  });

  it('ignores a string found in two remaining units of a side', () => {
    const m = matchUnits(
      side(unit(body('o1'), { anchors: [message] }), unit(body('o2'), { anchors: [message] })),
      side(unit(body('n1'), { anchors: [message] })),
    );
    expect(m.pairs).toEqual([]);
  });

  it('pairs neither unit when anchors point to partners with equal support, and follows the majority otherwise', () => {
    const s = ['first long string literal, unique here', 'second long string literal, unique here', 'third long string literal, unique here'];
    const tie = matchUnits(
      side(unit(body('x'), { anchors: [s[0]!, s[1]!] })),
      side(unit(body('y1'), { anchors: [s[0]!] }), unit(body('y2'), { anchors: [s[1]!] })),
    );
    expect(tie.pairs).toEqual([]);
    expect(tie.added).toEqual([0, 1]);
    const majority = matchUnits(
      side(unit(body('x'), { anchors: [s[0]!, s[1]!, s[2]!] })),
      side(unit(body('y1'), { anchors: [s[2]!] }), unit(body('y2'), { anchors: [s[0]!, s[1]!] })),
    );
    expect(pairsOf(majority)).toEqual([[0, 1, 'anchor']]);
    expect(majority.added).toEqual([0]);
  });
});

describe('matchUnits: similarity', () => {
  it('pairs an edited unit with its old self among unrelated units', () => {
    const tokens = body('edit', 40);
    const edited = [...tokens.slice(0, 20), 'NEW_TOKEN', ...tokens.slice(21)];
    const m = matchUnits(side(unit(body('u1')), unit(tokens), unit(body('u2'))), side(unit(body('v1')), unit(edited), unit(body('v2'))));
    expect(pairsOf(m)).toEqual([[1, 1, 'similar']]);
    expect(m.pairs[0]!.similarity).toBeGreaterThan(0.7);
    expect(m.pairs[0]!.similarity).toBeLessThan(1);
    expect(m.added).toEqual([0, 2]);
    expect(m.removed).toEqual([0, 2]);
  });

  it('abstains when two candidates are equally similar', () => {
    const x = unit(body('x', 40));
    const y1 = unit(body('y1', 40), { minhash: perturb(x.minhash, 0, 16, 1) });
    const y2 = unit(body('y2', 40), { minhash: perturb(x.minhash, 16, 32, 2) });
    const m = matchUnits(side(x), side(y1, y2));
    expect(m.pairs).toEqual([]);
    expect(m.removed).toEqual([0]);
    expect(m.added).toEqual([0, 1]);
    // And the same from the other side: one new unit, two equally similar old ones.
    const back = matchUnits(side(y1, y2), side(x));
    expect(back.pairs).toEqual([]);
  });

  it('settles by context what similarity abstained on: the unit between the same matched neighbours', () => {
    const a = unit(body('a', 40));
    const z = unit(body('z', 40));
    const x = unit(body('x', 40));
    // Two new units equally similar to x; only y1 sits where x sat (between a and z).
    const y1 = unit(body('y1', 40), { minhash: perturb(x.minhash, 0, 16, 1) });
    const y2 = unit(body('y2', 40), { minhash: perturb(x.minhash, 16, 32, 2) });
    const m = matchUnits(side(a, x, z), side(y2, a, y1, z));
    expect(pairsOf(m)).toEqual([[0, 1, 'exact'], [1, 2, 'context'], [2, 3, 'exact']]);
    expect(m.added).toEqual([0]);
  });

  it('context never pairs units of another kind or of very different size, nor unrelated ones', () => {
    const a = unit(body('a', 40));
    const z = unit(body('z', 40));
    const x = unit(body('x', 40));
    // Similar enough for context (0.375 ≥ 0.2), too little for the similarity stage.
    const otherKind = unit(body('k', 40), { kind: 'class', minhash: perturb(x.minhash, 0, 40, 1) });
    const tiny = unit(body('t', 5), { minhash: perturb(x.minhash, 0, 40, 3) });
    const unrelated = unit(body('u', 40));
    const sameKind = unit(body('s', 40), { minhash: perturb(x.minhash, 0, 40, 4) });
    expect(pairsOf(matchUnits(side(a, x, z), side(a, sameKind, z)))).toEqual([[0, 0, 'exact'], [1, 1, 'context'], [2, 2, 'exact']]);
    for (const y of [otherKind, tiny, unrelated]) {
      const m = matchUnits(side(a, x, z), side(a, y, z));
      expect({ kind: y.kind, tokens: y.tokens, pairs: pairsOf(m) }).toEqual({ kind: y.kind, tokens: y.tokens, pairs: [[0, 0, 'exact'], [2, 2, 'exact']] });
    }
  });

  it('takes the best candidate only when it beats the second by the margin', () => {
    const x = unit(body('x', 40));
    const best = unit(body('best', 40), { minhash: perturb(x.minhash, 0, 16, 1) }); // 0.75
    const close = unit(body('close', 40), { minhash: perturb(x.minhash, 0, 20, 2) }); // 0.6875
    const far = unit(body('far', 40), { minhash: perturb(x.minhash, 0, 24, 3) }); // 0.625
    expect(matchUnits(side(x), side(close, best)).pairs).toEqual([]);
    const m = matchUnits(side(x), side(far, best));
    expect(pairsOf(m)).toEqual([[0, 1, 'similar']]);
    expect(m.pairs[0]!.similarity).toBe(0.75);
  });

  it('once a unit is taken it no longer blocks its competitors', () => {
    const x1 = unit(body('x1', 40));
    const x2 = unit(body('x2', 40));
    const y1 = unit(body('y1', 40), { minhash: perturb(x1.minhash, 0, 6, 1) }); // x1: ~0.91
    // y2 is x1 on positions 0..29 (0.47) and x2 on 30..63 (0.53): too close to call until x1 is taken.
    const y2sig = x1.minhash.map((v, k) => (k < 30 ? v : x2.minhash[k]!));
    const y2 = unit(body('y2', 40), { minhash: y2sig });
    const m = matchUnits(side(x1, x2), side(y1, y2));
    expect(pairsOf(m)).toEqual([
      [0, 0, 'similar'],
      [1, 1, 'similar'],
    ]);
  });

  it('prefers the same kind: a kind change costs a penalty', () => {
    const x = unit(body('x', 40), { kind: 'function' });
    const sig = perturb(x.minhash, 0, 28, 1); // 0.5625
    expect(pairsOf(matchUnits(side(x), side(unit(body('y', 40), { kind: 'function', minhash: sig }))))).toEqual([[0, 0, 'similar']]);
    expect(matchUnits(side(x), side(unit(body('y', 40), { kind: 'variable', minhash: sig }))).pairs).toEqual([]);
    // Of two close candidates, the one of the same kind wins: 0.875 against 0.84 − 0.1.
    const other = unit(body('z', 40), { kind: 'class', minhash: perturb(x.minhash, 0, 10, 2) }); // 0.84375
    const same = unit(body('w', 40), { kind: 'function', minhash: perturb(x.minhash, 0, 8, 3) }); // 0.875
    expect(pairsOf(matchUnits(side(x), side(other, same)))).toEqual([[0, 1, 'similar']]);
    // Without the penalty they are too close to call.
    expect(matchUnits(side(x), side(other, same), { kindPenalty: 0 }).pairs).toEqual([]);
  });

  it('never pairs units whose sizes differ by more than a factor of 3, by similarity or by anchor', () => {
    const anchor = 'a long string literal that both units share';
    const small = unit(body('s', 10), { anchors: [anchor] });
    const big = unit(body('b', 31), { minhash: small.minhash, anchors: [anchor] });
    const m = matchUnits(side(small), side(big));
    expect(m.pairs).toEqual([]);
    expect(m.counts).toEqual({ matched: 0, renamedOnly: 0, moved: 0, changed: 0, added: 1, removed: 1, copiesAdded: 0, copiesRemoved: 0 });
    const justFits = unit(body('b', 30), { minhash: small.minhash });
    expect(pairsOf(matchUnits(side(small), side(justFits)))).toEqual([[0, 0, 'similar']]);
    const anchorFits = unit(body('b', 30), { anchors: [anchor] });
    expect(pairsOf(matchUnits(side(small), side(anchorFits)))).toEqual([[0, 0, 'anchor']]);
  });

  it('finds the same pairs through LSH banding as by comparing all pairs', () => {
    const olds: Unit[] = [];
    const news: Unit[] = [];
    for (let k = 0; k < 40; k++) {
      const t = body(`lsh${k}`, 50);
      olds.push(unit(t));
      news.push(unit([...t.slice(0, 25), `edited${k}`, ...t.slice(26)]));
    }
    const all = matchUnits(side(...olds), side(...news));
    const lsh = matchUnits(side(...olds), side(...news), { exhaustiveLimit: 0 });
    expect(all.counts.matched).toBe(40);
    expect(lsh.pairs).toEqual(all.pairs);
  });
});

describe('matchUnits: added, removed, renamed', () => {
  it('reports a brand new unit as added and a deleted one as removed', () => {
    const [a, b, gone, fresh] = [unit(body('a')), unit(body('b')), unit(body('gone')), unit(body('fresh'))];
    const m = matchUnits(side(a, gone, b), side(a, b, fresh));
    expect(m.added).toEqual([2]);
    expect(m.removed).toEqual([1]);
    expect(m.counts).toEqual({ matched: 2, renamedOnly: 0, moved: 0, changed: 0, added: 1, removed: 1, copiesAdded: 0, copiesRemoved: 0 });
  });

  it('flags an exact pair renamed-only when its names differ, or when sameText says so', () => {
    const t = body('r');
    const olds = side(unit(t, { names: ['a', 'b'] }), unit(body('k'), { names: ['c'] }));
    const news = side(unit(t, { names: ['x', 'y'] }), unit(body('k'), { names: ['c'] }));
    const m = matchUnits(olds, news);
    expect(m.pairs.map((p) => p.renamedOnly)).toEqual([true, false]);
    expect(m.counts.renamedOnly).toBe(1);
    expect(m.counts.changed).toBe(0);
    const asked: Array<[number, number]> = [];
    const withText = matchUnits(olds, news, { sameText: (i, j) => (asked.push([i, j]), i === 0) });
    expect(withText.pairs.map((p) => p.renamedOnly)).toEqual([false, true]);
    expect(asked.sort()).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });

  it('never flags a pair found by anchor or similarity as renamed-only', () => {
    const tokens = body('edit', 40);
    const m = matchUnits(side(unit(tokens, { names: ['a'] })), side(unit([...tokens.slice(0, 39), 'x'], { names: ['b'] })), { sameText: () => false });
    expect(m.pairs).toEqual([expect.objectContaining({ how: 'similar', renamedOnly: false })]);
    expect(m.counts.changed).toBe(1);
  });
});

describe('matchUnits: a large random case', () => {
  // 20,000 units; of them 200 moved, 200 edited, 200 renamed, 50 deleted, and 50 new units added.
  const N = 20_000;
  const rand = mulberry32(20240611);
  const pick = (n: number) => Math.floor(rand() * n);
  const kinds: UnitKind[] = ['function', 'variable', 'factory', 'class', 'statement'];
  const randomTokens = () => Array.from({ length: 30 + pick(50) }, () => `t${pick(2000)}`);
  const olds: Unit[] = [];
  for (let i = 0; i < N; i++) {
    const anchors = rand() < 0.1 ? [`a long string literal number ${i} of the old build`] : [];
    olds.push({ ...unit(randomTokens(), { kind: kinds[pick(kinds.length)]!, names: [`n${i}`], anchors }), index: i });
  }
  // Disjoint sets, away from the ends so that a move always crosses other units.
  const pool = Array.from({ length: N - 1000 }, (_, k) => k + 500);
  for (let k = pool.length - 1; k > 0; k--) {
    const r = pick(k + 1);
    [pool[k], pool[r]] = [pool[r]!, pool[k]!];
  }
  const moved = new Set(pool.slice(0, 200));
  const edited = new Set(pool.slice(200, 400));
  const renamed = new Set(pool.slice(400, 600));
  const deleted = new Set(pool.slice(600, 650));

  const rest = olds.map((_, i) => i).filter((i) => !moved.has(i) && !deleted.has(i));
  // Each moved unit lands at least 300 kept units away from where it was, so the kept units are the
  // one longest increasing subsequence and the moved ones are exactly the units off it.
  const insertBefore = new Map<number, number[]>();
  let restBelow = 0;
  let cursor = 0;
  for (let i = 0; i < N; i++) {
    if (cursor < rest.length && rest[cursor] === i) {
      cursor++;
      restBelow++;
      continue;
    }
    if (!moved.has(i)) continue;
    let t: number;
    do t = pick(rest.length + 1);
    while (Math.abs(t - restBelow) < 300);
    insertBefore.set(t, [...(insertBefore.get(t) ?? []), i]);
  }
  const order: number[] = []; // new position → old index, or −1 for an added unit
  for (let r = 0; r <= rest.length; r++) {
    order.push(...(insertBefore.get(r) ?? []));
    if (r < rest.length) order.push(rest[r]!);
  }
  for (let k = 0; k < 50; k++) order.splice(pick(order.length + 1), 0, -1);

  const news: Unit[] = order.map((i, j) => {
    if (i < 0) return { ...unit(randomTokens(), { anchors: rand() < 0.5 ? [`a long string literal new in this build ${j}`] : [] }), index: j };
    const o = olds[i]!;
    if (edited.has(i)) {
      const tokens = o.canonical!.split(' ');
      tokens[Math.floor(tokens.length / 2)] = `edited${i}`;
      return { ...unit(tokens, { kind: o.kind, names: o.names, anchors: o.anchors }), index: j };
    }
    if (renamed.has(i)) return { ...o, names: [`renamed${i}`], index: j };
    return { ...o, index: j };
  });
  const expectedNew = new Map(order.flatMap((i, j) => (i >= 0 ? [[i, j] as const] : [])));
  const expectedAdded = order.flatMap((i, j) => (i < 0 ? [j] : []));

  const check = (m: UnitMatching) => {
    expect(m.counts).toEqual({ matched: N - 50, renamedOnly: 200, moved: 200, changed: 200, added: 50, removed: 50, copiesAdded: 0, copiesRemoved: 0 });
    for (const p of m.pairs) {
      expect(p.new).toBe(expectedNew.get(p.old));
      expect(p.moved).toBe(moved.has(p.old));
      expect(p.renamedOnly).toBe(renamed.has(p.old));
      expect(p.how === 'exact').toBe(!edited.has(p.old));
    }
    expect(m.removed).toEqual([...deleted].sort((a, b) => a - b));
    expect(m.added).toEqual(expectedAdded);
  };

  it('finds every pair, with exact counts (all pairs of the residue compared)', () => {
    check(matchUnits(olds, news));
  });

  it('finds every pair, with exact counts (LSH banding)', () => {
    check(matchUnits(olds, news, { exhaustiveLimit: 0 }));
  });
});
