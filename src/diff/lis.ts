// Longest strictly increasing subsequence by patience sorting, O(n log n). Shared by the line
// diff (its anchors; it passes reusable scratch on its hot path) and the unit matcher (moved units).

/**
 * Fills `tails` (tails[k]: position of the smallest tail of a run of length k+1) and `back`
 * (each position's predecessor in its run, -1 at a run's start) for the first `n` values, and
 * returns the length of the longest run. Its positions are read backwards from
 * `tails[length - 1]` through `back`. Values are distinct.
 */
export function patienceSort(values: ArrayLike<number>, n: number, tails: Int32Array, back: Int32Array): number {
  let length = 0;
  for (let p = 0; p < n; p++) {
    const v = values[p]!;
    let lo = 0;
    let hi = length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (values[tails[mid]!]! < v) lo = mid + 1;
      else hi = mid;
    }
    back[p] = lo > 0 ? tails[lo - 1]! : -1;
    tails[lo] = p;
    if (lo === length) length++;
  }
  return length;
}

/** Positions (into `seq`) of one longest strictly increasing subsequence, ascending. */
export function longestIncreasingSubsequence(seq: ArrayLike<number>): number[] {
  const n = seq.length;
  const tails = new Int32Array(n);
  const back = new Int32Array(n);
  const length = patienceSort(seq, n, tails, back);
  const out = new Array<number>(length);
  for (let k = length - 1, p = length > 0 ? tails[length - 1]! : -1; k >= 0; k--, p = back[p]!) out[k] = p;
  return out;
}
