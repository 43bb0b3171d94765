// Where each pair's page goes: a file name made only of safe characters from the versions, unique
// even on case-insensitive file systems, and the copy of the report that links to them.
import { createHash } from 'node:crypto';
import type { Report } from '../../model.js';

const UNSAFE_NAME_CHARS = /[^A-Za-z0-9._+-]/g;
const MAX_NAME_PART = 64;

/** A version (or local label) as part of a file name: only [A-Za-z0-9._+-], bounded in length. */
function namePart(label: string): string {
  let s = label.replace(UNSAFE_NAME_CHARS, '_');
  if (s.length > MAX_NAME_PART) {
    s = `${s.slice(0, MAX_NAME_PART - 13)}-${createHash('sha256').update(label).digest('hex').slice(0, 12)}`;
  }
  return s || '_';
}

/** Relative page paths, one per pair, unique even on case-insensitive file systems. */
export function pairPagePaths(pairs: readonly { from: string; to: string }[]): string[] {
  const used = new Set<string>();
  return pairs.map((p) => {
    const base = `${namePart(p.from)}..${namePart(p.to)}`;
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base}-${n}`;
    used.add(name.toLowerCase());
    return `pairs/${name}.html`;
  });
}

/** A copy of the report that links each pair to its page; the report given is left as it is. */
export function withPairPages(report: Report): Report {
  const pages = pairPagePaths(report.pairs);
  return { ...report, pairs: report.pairs.map((pair, i) => ({ ...pair, page: pages[i]! })) };
}
