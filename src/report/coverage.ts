// Words for coverage notes: what the classifier could not read in a pair. Every reporter words
// them here, so a reader of any format learns the same limits of the findings.
import type { CoverageNote } from '../types.js';
import type { ReportPair } from './model.js';

export function coverageWords(n: CoverageNote): string {
  const where = n.unit ? `${n.version}: ${n.unit}` : n.version;
  switch (n.kind) {
    case 'too-large':
      return `${where} not analysed: too large${n.detail ? ` (${Number(n.detail).toLocaleString('en-US')} characters)` : ''}`;
    case 'unparseable':
      return `${where} not analysed: it does not parse on its own`;
    case 'partial':
      return `${where} analysed in part: the analysis reached its size bounds`;
    case 'rule-error':
      return `${where}: rule ${n.rule ?? '?'} failed${n.detail ? ` (${n.detail})` : ''}; the other rules ran`;
    case 'omitted':
      return `${n.detail ?? 'more'} further notes not kept`;
    default:
      return where;
  }
}

/** One line per pair: `3 units not analysed (2 too large, 1 unparseable), 1 rule failure`. */
export function coverageSummary(notes: readonly CoverageNote[]): string {
  const count = (kind: CoverageNote['kind']) => notes.filter((n) => n.kind === kind).length;
  const large = count('too-large');
  const unparsed = count('unparseable');
  const partial = count('partial');
  const errors = count('rule-error');
  const parts: string[] = [];
  if (large + unparsed > 0) {
    const why = [large ? `${large} too large` : '', unparsed ? `${unparsed} not parseable alone` : ''].filter(Boolean).join(', ');
    parts.push(`${large + unparsed} unit${large + unparsed === 1 ? '' : 's'} not analysed (${why})`);
  }
  if (partial > 0) parts.push(`${partial} unit${partial === 1 ? '' : 's'} analysed in part`);
  if (errors > 0) parts.push(`${errors} rule failure${errors === 1 ? '' : 's'}`);
  const omitted = notes.find((n) => n.kind === 'omitted');
  if (omitted) parts.push(`${omitted.detail} more notes`);
  return parts.join(', ');
}

/** Pairs with coverage notes. */
export function pairsWithCoverage(pairs: readonly ReportPair[]): ReportPair[] {
  return pairs.filter((p) => (p.coverage?.length ?? 0) > 0);
}
