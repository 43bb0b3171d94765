// Follows each finding fingerprint across the ordered versions: present in, introduced in,
// removed in. A finding that stays is one lifecycle, not a new finding in every pair.
import type { Finding, Lifecycle } from '../types.js';
import type { PairClassification } from './manifest/engine.js';
import { severityRank } from './severity.js';

export function buildLifecycles(versions: string[], baseline: Finding[], pairs: PairClassification[]): Lifecycle[] {
  const done: Lifecycle[] = [];
  const active = new Map<string, Lifecycle>();
  const open = (f: Finding, introducedIn: string | null, at: string) => {
    if (active.has(f.fingerprint)) return;
    active.set(f.fingerprint, {
      fingerprint: f.fingerprint,
      ruleId: f.ruleId,
      category: f.category,
      severity: f.severity,
      introducedIn,
      removedIn: null,
      presentIn: [at],
    });
  };
  const first = versions[0];
  if (first === undefined) return [];
  for (const f of baseline) open(f, null, first);
  pairs.forEach((pair, i) => {
    const to = versions[i + 1]!;
    for (const fp of pair.removed) {
      const life = active.get(fp);
      if (!life) continue;
      life.removedIn = to;
      done.push(life);
      active.delete(fp);
    }
    for (const life of active.values()) life.presentIn.push(to);
    for (const f of pair.introduced) open(f, to, to);
  });
  // Most severe first (a timeline's lanes read top-down), then by where each begins.
  return [...done, ...active.values()].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      versions.indexOf(a.presentIn[0]!) - versions.indexOf(b.presentIn[0]!) ||
      a.ruleId.localeCompare(b.ruleId),
  );
}
