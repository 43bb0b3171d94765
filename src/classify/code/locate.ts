// Where a finding sits in the beautified file: the occurrence of an anchor literal nearest to
// where the finding's offset in the published file falls proportionally.
export class Locator {
  private lineStarts: number[] | undefined;

  constructor(
    private readonly source: string,
    private readonly beautified: string | undefined,
  ) {}

  /** 1-based line of `anchor` near `offset` (an offset in the published file), or null. */
  line(anchor: string | undefined, offset: number): number | null {
    const text = this.beautified;
    if (!text || !anchor || anchor.length > 2000) return null;
    const estimate = Math.round((offset / Math.max(1, this.source.length)) * text.length);
    const before = text.lastIndexOf(anchor, estimate);
    const after = text.indexOf(anchor, estimate);
    let at: number;
    if (before < 0) at = after;
    else if (after < 0) at = before;
    else at = estimate - before <= after - estimate ? before : after;
    if (at < 0) return null;
    return this.lineOf(at);
  }

  private lineOf(at: number): number {
    const text = this.beautified!;
    if (!this.lineStarts) {
      const starts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    const s = this.lineStarts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}
