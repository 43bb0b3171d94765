// Order-independent matching of the units of two versions (of one file, or of every file of two
// versions concatenated: units carry no file identity here, indices are into the arrays given).
//
// Stages, each working on what the previous ones left unmatched:
//   1. exact      equal `hash`, as a multiset. Hashes found once on each side pair at once; the
//                 pairs are then grown into their neighbourhoods (old i ↔ new j paired and
//                 old i+1, new j+1 of one hash → paired, and likewise backwards), so repeated
//                 boilerplate (`var a;` ×100) lines up with its context. What is still left of a
//                 repeated hash pairs by neighbour hashes (both, previous, next), then by order.
//   2. anchor     a long string literal found in exactly one remaining unit on each side votes
//                 for that pair; a pair is taken when it has strictly more votes than any other
//                 pair of either unit (so an anchor that conflicts with a better-supported one
//                 is outvoted, and a tie pairs neither).
//   3. similar    MinHash Jaccard estimate, with a kind penalty. Candidates come from every pair
//                 of the residue when it is small (≤ `exhaustiveLimit` pairs: exact best and
//                 second best) and from LSH banding otherwise (near-linear). A pair is taken when
//                 each is the other's best, its score reaches `threshold`, and it beats the
//                 second best of both units by `margin`; otherwise both abstain, because a wrong
//                 match is worse than none. Taking pairs removes competitors, so this repeats
//                 (a few rounds) until nothing more is taken.
//   4. the rest   old units left are `removed`, new ones `added`, except copies: a unit left over
//                 whose hash the other version also has (it dropped, or added, one of several
//                 identical copies) is counted apart, because its code is on both sides.
// Units whose sizes differ by more than `maxSizeRatio` (in tokens) never pair by anchor or
// similarity. Every pair is then flagged `renamedOnly` (exact, but not the same text) and
// `moved` (not on a longest increasing subsequence of the pairs' new indices in old order).
import type { UnitStats } from '../types.js';
import { longestIncreasingSubsequence } from './lis.js';
import type { Unit } from '../units/types.js';

export type MatchHow = 'exact' | 'anchor' | 'similar' | 'context';

export interface UnitPair {
  /** Index into the old units. */
  old: number;
  /** Index into the new units. */
  new: number;
  how: MatchHow;
  /** 1 for exact pairs; the MinHash Jaccard estimate (0..1, kind penalty not applied) otherwise. */
  similarity: number;
  /** An exact pair whose text is not the same: it differs only by names (or trivial rewrites). */
  renamedOnly: boolean;
  /** The pair's order relative to the other pairs changed (it is off the longest increasing subsequence). */
  moved: boolean;
}

export interface UnitMatching {
  /** Sorted by new index. */
  pairs: UnitPair[];
  /** New units with no partner, ascending. */
  added: number[];
  /** Old units with no partner, ascending. */
  removed: number[];
  /** New units with no partner whose hash the old version has too (an extra copy), ascending. */
  copiesAdded: number[];
  /** Old units with no partner whose hash the new version has too (a copy dropped), ascending. */
  copiesRemoved: number[];
  /**
   * matched = pairs; renamedOnly and moved count the flags (they may overlap each other and
   * `changed`); changed = pairs not exact; added, removed as above.
   */
  counts: UnitStats;
}

export interface MatchOptions {
  /**
   * Whether the old and the new unit have the same text (as published, or however the caller
   * wants "same" to mean). Asked only of exact pairs, to set `renamedOnly`. Without it, an
   * exact pair is renamed-only when its `names` differ (its `canonical` is equal by hash), which
   * does not see trivial rewrites that the canonical form erases (`!0` → `true`, quotes).
   */
  sameText?: (oldIndex: number, newIndex: number) => boolean;
  /** Minimum score of a similarity pair. Default 0.5. */
  threshold?: number;
  /** A similarity pair must beat the second best of both units by this much. Default 0.1. */
  margin?: number;
  /** Subtracted from the similarity of units of different `kind`. Default 0.1. */
  kindPenalty?: number;
  /** Units whose token counts differ by more than this factor never pair by anchor or similarity. Default 3. */
  maxSizeRatio?: number;
  /** LSH banding of the MinHash signature: bands × rows values (≤ its length). Default 16 × 4. */
  bands?: number;
  rows?: number;
  /** Compare every remaining old unit with every remaining new one when there are at most this many pairs. Default 250,000. */
  exhaustiveLimit?: number;
  /**
   * An LSH bucket holding more than this many old × new pairs is not expanded; its units are
   * deemed ambiguous and abstain from similarity matching. Default 4,096.
   */
  bucketLimit?: number;
}

export const MATCH_DEFAULTS: Readonly<Required<Omit<MatchOptions, 'sameText'>>> = Object.freeze({
  threshold: 0.5,
  margin: 0.1,
  kindPenalty: 0.1,
  maxSizeRatio: 3,
  bands: 16,
  rows: 4,
  exhaustiveLimit: 250_000,
  bucketLimit: 4_096,
});

/** Rounds of the similarity stage: each takes pairs and so removes competitors for the next. */
const MAX_SIMILARITY_ROUNDS = 16;
const EPS = 1e-9;

const HOW: readonly MatchHow[] = ['exact', 'anchor', 'similar', 'context'];
const EXACT = 0;
const ANCHOR = 1;
const SIMILAR = 2;
const CONTEXT = 3;

type Settings = Required<Omit<MatchOptions, 'sameText'>>;

class State {
  readonly oldTo: Int32Array;
  readonly newTo: Int32Array;
  readonly how: Uint8Array;
  readonly similarity: Float64Array;

  constructor(
    readonly olds: readonly Unit[],
    readonly news: readonly Unit[],
    readonly opt: Settings,
  ) {
    this.oldTo = new Int32Array(olds.length).fill(-1);
    this.newTo = new Int32Array(news.length).fill(-1);
    this.how = new Uint8Array(olds.length);
    this.similarity = new Float64Array(olds.length);
  }

  link(i: number, j: number, how: number, similarity: number): void {
    this.oldTo[i] = j;
    this.newTo[j] = i;
    this.how[i] = how;
    this.similarity[i] = similarity;
  }

  freeOld(i: number): boolean {
    return this.oldTo[i]! < 0;
  }

  freeNew(j: number): boolean {
    return this.newTo[j]! < 0;
  }

  sizeOk(i: number, j: number): boolean {
    const a = this.olds[i]!.tokens;
    const b = this.news[j]!.tokens;
    return Math.max(a, b) <= this.opt.maxSizeRatio * Math.min(a, b);
  }
}

function settings(options: MatchOptions): Settings {
  const d = MATCH_DEFAULTS;
  return {
    threshold: options.threshold ?? d.threshold,
    margin: options.margin ?? d.margin,
    kindPenalty: options.kindPenalty ?? d.kindPenalty,
    maxSizeRatio: options.maxSizeRatio ?? d.maxSizeRatio,
    bands: options.bands ?? d.bands,
    rows: options.rows ?? d.rows,
    exhaustiveLimit: options.exhaustiveLimit ?? d.exhaustiveLimit,
    bucketLimit: options.bucketLimit ?? d.bucketLimit,
  };
}

/** Matches the units of an old and a new version; see the head of this file for the stages. */
export function matchUnits(oldUnits: readonly Unit[], newUnits: readonly Unit[], options: MatchOptions = {}): UnitMatching {
  const s = new State(oldUnits, newUnits, settings(options));
  matchExact(s);
  matchAnchors(s);
  matchSimilar(s);
  matchContext(s);
  return finish(s, options.sameText);
}

// ---- stage 4: context -----------------------------------------------------------------------

/** Units in the same place, between matched neighbours, need far less similarity to be one. */
const CONTEXT_THRESHOLD = 0.2;

/**
 * A free old unit and a free new unit that follow (or precede) the two halves of a matched pair
 * are the same unit edited, when they are of one kind, of comparable size and somewhat similar.
 * This settles what the similarity stage abstained on (several equally similar candidates) and
 * edits too large for its threshold, using the order that bundlers keep from build to build.
 */
function matchContext(s: State): void {
  const { olds, news } = s;
  const fits = (i: number, j: number): boolean => {
    const a = olds[i]!;
    const b = news[j]!;
    if (a.kind !== b.kind) return false;
    const ratio = Math.max(a.tokens, b.tokens) / Math.max(1, Math.min(a.tokens, b.tokens));
    return ratio <= s.opt.maxSizeRatio && estimateJaccard(a.minhash, b.minhash) >= CONTEXT_THRESHOLD;
  };
  for (let changed = true, rounds = 0; changed && rounds < 4; rounds++) {
    changed = false;
    for (let j = 0; j < news.length; j++) {
      if (!s.freeNew(j)) continue;
      const after = j > 0 ? s.newTo[j - 1]! : -1;
      const before = j + 1 < news.length ? s.newTo[j + 1]! : -1;
      for (const i of [after >= 0 ? after + 1 : -1, before > 0 ? before - 1 : -1]) {
        if (i >= 0 && i < olds.length && s.freeOld(i) && fits(i, j)) {
          s.link(i, j, CONTEXT, estimateJaccard(olds[i]!.minhash, news[j]!.minhash));
          changed = true;
          break;
        }
      }
    }
  }
}

// ---- stage 1: exact -------------------------------------------------------------------------

interface HashBucket {
  olds: number[];
  news: number[];
}

function matchExact(s: State): void {
  const { olds, news } = s;
  const buckets = new Map<string, HashBucket>();
  for (let i = 0; i < olds.length; i++) {
    const h = olds[i]!.hash;
    const b = buckets.get(h);
    if (b) b.olds.push(i);
    else buckets.set(h, { olds: [i], news: [] });
  }
  for (let j = 0; j < news.length; j++) buckets.get(news[j]!.hash)?.news.push(j);

  const repeated: HashBucket[] = [];
  for (const b of buckets.values()) {
    if (b.news.length === 0) continue;
    if (b.olds.length === 1 && b.news.length === 1) s.link(b.olds[0]!, b.news[0]!, EXACT, 1);
    else repeated.push(b);
  }
  if (repeated.length === 0) return;

  // Grow the pairs into their neighbourhoods: a pair's next (previous) units pair when they are
  // both free and equal. Ascending (descending) order lets a run grow in one sweep.
  for (let i = 0; i + 1 < olds.length; i++) {
    const j = s.oldTo[i]!;
    if (j >= 0 && j + 1 < news.length && s.freeOld(i + 1) && s.freeNew(j + 1) && olds[i + 1]!.hash === news[j + 1]!.hash) {
      s.link(i + 1, j + 1, EXACT, 1);
    }
  }
  for (let i = olds.length - 1; i > 0; i--) {
    const j = s.oldTo[i]!;
    if (j > 0 && s.freeOld(i - 1) && s.freeNew(j - 1) && olds[i - 1]!.hash === news[j - 1]!.hash) {
      s.link(i - 1, j - 1, EXACT, 1);
    }
  }

  // What is left of each repeated hash: pair by neighbour hashes, most context first, then by order.
  const prev = (units: readonly Unit[], k: number) => (k > 0 ? units[k - 1]!.hash : '^');
  const next = (units: readonly Unit[], k: number) => (k + 1 < units.length ? units[k + 1]!.hash : '$');
  const keys: Array<(units: readonly Unit[], k: number) => string> = [
    (u, k) => `${prev(u, k)} ${next(u, k)}`,
    prev,
    next,
    () => '',
  ];
  for (const b of repeated) {
    for (const key of keys) {
      const freeOlds = b.olds.filter((i) => s.freeOld(i));
      const freeNews = b.news.filter((j) => s.freeNew(j));
      if (freeOlds.length === 0 || freeNews.length === 0) break;
      const queues = new Map<string, { at: number; list: number[] }>();
      for (const j of freeNews) {
        const k = key(news, j);
        const q = queues.get(k);
        if (q) q.list.push(j);
        else queues.set(k, { at: 0, list: [j] });
      }
      for (const i of freeOlds) {
        const q = queues.get(key(olds, i));
        if (q && q.at < q.list.length) s.link(i, q.list[q.at++]!, EXACT, 1);
      }
    }
  }
}

// ---- stage 2: anchors -----------------------------------------------------------------------

interface AnchorSeen {
  old: number;
  oldCount: number;
  new: number;
  newCount: number;
}

interface Top {
  partner: number;
  votes: number;
  /** Another partner has as many votes. */
  tied: boolean;
}

function vote(tops: Map<number, Top>, unit: number, partner: number, votes: number): void {
  const t = tops.get(unit);
  if (!t || votes > t.votes) tops.set(unit, { partner, votes, tied: false });
  else if (votes === t.votes && partner !== t.partner) t.tied = true;
}

function matchAnchors(s: State): void {
  const seen = new Map<string, AnchorSeen>();
  for (let i = 0; i < s.olds.length; i++) {
    if (!s.freeOld(i)) continue;
    for (const a of new Set(s.olds[i]!.anchors)) {
      const e = seen.get(a);
      if (e) e.oldCount++;
      else seen.set(a, { old: i, oldCount: 1, new: -1, newCount: 0 });
    }
  }
  if (seen.size === 0) return;
  for (let j = 0; j < s.news.length; j++) {
    if (!s.freeNew(j)) continue;
    for (const a of new Set(s.news[j]!.anchors)) {
      const e = seen.get(a);
      if (!e) continue;
      e.newCount++;
      e.new = j;
    }
  }

  const votes = new Map<number, number>();
  const width = s.news.length;
  for (const e of seen.values()) {
    if (e.oldCount !== 1 || e.newCount !== 1 || !s.sizeOk(e.old, e.new)) continue;
    const key = e.old * width + e.new;
    votes.set(key, (votes.get(key) ?? 0) + 1);
  }
  const oldTop = new Map<number, Top>();
  const newTop = new Map<number, Top>();
  for (const [key, n] of votes) {
    const i = Math.floor(key / width);
    const j = key - i * width;
    vote(oldTop, i, j, n);
    vote(newTop, j, i, n);
  }
  for (const [i, t] of oldTop) {
    if (t.tied) continue;
    const back = newTop.get(t.partner)!;
    if (back.tied || back.partner !== i) continue;
    s.link(i, t.partner, ANCHOR, estimateJaccard(s.olds[i]!.minhash, s.news[t.partner]!.minhash));
  }
}

// ---- stage 3: similarity --------------------------------------------------------------------

/** Share of equal positions of two MinHash signatures (an estimate of the Jaccard index of the shingle sets). */
function estimateJaccard(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let equal = 0;
  for (let k = 0; k < n; k++) if (a[k] === b[k]) equal++;
  return equal / n;
}

interface Edges {
  old: number[];
  new: number[];
  score: number[];
  raw: number[];
}

function matchSimilar(s: State): void {
  const { opt, olds, news } = s;
  const freeOlds: number[] = [];
  const freeNews: number[] = [];
  for (let i = 0; i < olds.length; i++) if (s.freeOld(i)) freeOlds.push(i);
  for (let j = 0; j < news.length; j++) if (s.freeNew(j)) freeNews.push(j);
  if (freeOlds.length === 0 || freeNews.length === 0) return;

  // An edge below `threshold − margin` can neither be taken nor stop another from being taken.
  const floor = opt.threshold - opt.margin - EPS;
  const edges: Edges = { old: [], new: [], score: [], raw: [] };
  const consider = (i: number, j: number) => {
    if (!s.sizeOk(i, j)) return;
    const o = olds[i]!;
    const n = news[j]!;
    const raw = estimateJaccard(o.minhash, n.minhash);
    const score = o.kind === n.kind ? raw : raw - opt.kindPenalty;
    if (score < floor) return;
    edges.old.push(i);
    edges.new.push(j);
    edges.score.push(score);
    edges.raw.push(raw);
  };

  const crowdedOld = new Uint8Array(olds.length);
  const crowdedNew = new Uint8Array(news.length);
  if (freeOlds.length * freeNews.length <= opt.exhaustiveLimit) {
    for (const i of freeOlds) for (const j of freeNews) consider(i, j);
  } else {
    const seen = new Set<number>();
    const width = news.length;
    for (let band = 0; band < opt.bands; band++) {
      const from = band * opt.rows;
      const to = from + opt.rows;
      const buckets = new Map<string, HashBucket>();
      for (const i of freeOlds) {
        const sig = olds[i]!.minhash;
        if (sig.length < to) continue;
        const key = sig.slice(from, to).join(',');
        const b = buckets.get(key);
        if (b) b.olds.push(i);
        else buckets.set(key, { olds: [i], news: [] });
      }
      for (const j of freeNews) {
        const sig = news[j]!.minhash;
        if (sig.length < to) continue;
        buckets.get(sig.slice(from, to).join(','))?.news.push(j);
      }
      for (const b of buckets.values()) {
        if (b.news.length === 0) continue;
        if (b.olds.length * b.news.length > opt.bucketLimit) {
          for (const i of b.olds) crowdedOld[i] = 1;
          for (const j of b.news) crowdedNew[j] = 1;
          continue;
        }
        for (const i of b.olds) {
          for (const j of b.news) {
            const key = i * width + j;
            if (seen.has(key)) continue;
            seen.add(key);
            consider(i, j);
          }
        }
      }
    }
  }
  if (edges.old.length === 0) return;

  const oldBest = new Float64Array(olds.length);
  const oldSecond = new Float64Array(olds.length);
  const oldBestAt = new Int32Array(olds.length);
  const newBest = new Float64Array(news.length);
  const newSecond = new Float64Array(news.length);
  const newBestAt = new Int32Array(news.length);
  const oldBestEdge = new Int32Array(olds.length);
  let live = edges.old.map((_, e) => e);
  for (let round = 0; round < MAX_SIMILARITY_ROUNDS && live.length > 0; round++) {
    for (const e of live) {
      const i = edges.old[e]!;
      const j = edges.new[e]!;
      oldBest[i] = newBest[j] = oldSecond[i] = newSecond[j] = -Infinity;
      oldBestAt[i] = newBestAt[j] = -1;
    }
    for (const e of live) {
      const i = edges.old[e]!;
      const j = edges.new[e]!;
      const sc = edges.score[e]!;
      if (sc > oldBest[i]!) {
        oldSecond[i] = oldBest[i]!;
        oldBest[i] = sc;
        oldBestAt[i] = j;
        oldBestEdge[i] = e;
      } else if (sc > oldSecond[i]!) oldSecond[i] = sc;
      if (sc > newBest[j]!) {
        newSecond[j] = newBest[j]!;
        newBest[j] = sc;
        newBestAt[j] = i;
      } else if (sc > newSecond[j]!) newSecond[j] = sc;
    }
    let taken = 0;
    for (const e of live) {
      const i = edges.old[e]!;
      const j = oldBestAt[i]!;
      if (j !== edges.new[e] || newBestAt[j] !== i || !s.freeOld(i) || !s.freeNew(j)) continue;
      if (crowdedOld[i] || crowdedNew[j]) continue;
      const sc = oldBest[i]!;
      if (sc < opt.threshold - EPS) continue;
      if (sc - oldSecond[i]! < opt.margin - EPS || newBest[j]! - newSecond[j]! < opt.margin - EPS) continue;
      s.link(i, j, SIMILAR, edges.raw[oldBestEdge[i]!]!);
      taken++;
    }
    if (taken === 0) break;
    live = live.filter((e) => s.freeOld(edges.old[e]!) && s.freeNew(edges.new[e]!));
  }
}

// ---- flags and summary ----------------------------------------------------------------------


function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

function finish(s: State, sameText: MatchOptions['sameText']): UnitMatching {
  const pairs: UnitPair[] = [];
  const removed: number[] = [];
  const copiesRemoved: number[] = [];
  const newHashes = new Set(s.news.map((u) => u.hash));
  const oldHashes = new Set(s.olds.map((u) => u.hash));
  for (let i = 0; i < s.olds.length; i++) {
    const j = s.oldTo[i]!;
    if (j < 0) {
      (newHashes.has(s.olds[i]!.hash) ? copiesRemoved : removed).push(i);
      continue;
    }
    const how = HOW[s.how[i]!]!;
    const renamedOnly = how === 'exact' && !(sameText ? sameText(i, j) : sameNames(s.olds[i]!.names, s.news[j]!.names));
    pairs.push({ old: i, new: j, how, similarity: s.similarity[i]!, renamedOnly, moved: true });
  }
  // `pairs` is in old order here: the ones on a longest run of increasing new indices stay put.
  for (const p of longestIncreasingSubsequence(pairs.map((x) => x.new))) pairs[p]!.moved = false;
  const added: number[] = [];
  const copiesAdded: number[] = [];
  for (let j = 0; j < s.news.length; j++) if (s.freeNew(j)) (oldHashes.has(s.news[j]!.hash) ? copiesAdded : added).push(j);
  pairs.sort((a, b) => a.new - b.new);

  const counts: UnitStats = {
    matched: pairs.length,
    renamedOnly: 0,
    moved: 0,
    changed: 0,
    added: added.length,
    removed: removed.length,
    copiesAdded: copiesAdded.length,
    copiesRemoved: copiesRemoved.length,
  };
  for (const p of pairs) {
    if (p.renamedOnly) counts.renamedOnly++;
    if (p.moved) counts.moved++;
    if (p.how !== 'exact') counts.changed++;
  }
  return { pairs, added, removed, copiesAdded, copiesRemoved, counts };
}
