import type { Category } from '../../../types.js';
import type { Comparison } from '../comparisons.js';
import { LOOPBACK } from '../known.js';
import { defineCodeRule, type CodeMatch } from '../rule.js';
import { listKey } from '../shape.js';
import { URL_ENV } from '../meanings.js';
import type { Tag } from '../tags.js';
import { isHostLike, payloadsOfTags, preview, rawLiteral, spanOf, unitName } from './util.js';

/** What the compared value is: the host of a URL from an env var, an env var, the machine's name or user. */
function subjectOf(c: Comparison): { id: string; words: string } | undefined {
  const tags = c.subjectTags;
  const env = tags.find((t): t is Tag & { label: string } => t.kind === 'env' && typeof t.label === 'string' && URL_ENV.test(t.label));
  const host = tags.find((t) => t.kind === 'url-host');
  const where = (host ?? env)?.from ? ` (read in ${unitName((host ?? env)!.from!)})` : '';
  if (host && env) return { id: `url-host:${env.label}`, words: `the host of ${env.label}${where}` };
  if (host && host.via?.startsWith('process.env.')) return { id: `url-host:${host.via.slice(12)}`, words: `the host of ${host.via.slice(12)}${where}` };
  if (env) return { id: `env:${env.label}`, words: `${env.label}${where}` };
  if (tags.some((t) => t.kind === 'hostname')) return { id: 'hostname', words: "the machine's host name" };
  if (tags.some((t) => t.kind === 'username')) return { id: 'username', words: "the user's name" };
  return undefined;
}

export default defineCodeRule({
  meta: {
    id: 'env-host-match',
    category: 'environment-probe',
    severity: 'medium',
    description:
      "A configured endpoint (an API base URL, a proxy) or the machine's host or user name is matched against a list of hosts or keywords; high when the list is hidden (encoded).",
    weight: 35,
  },
  match({ analysis }) {
    const groups = new Map<string, { words: string; comps: Comparison[] }>();
    for (const c of analysis.comparisons()) {
      const subject = subjectOf(c);
      if (!subject) continue;
      // Written-out entries count when they name hosts; a decoded list counts whatever it holds.
      const entries = c.literals.filter(isHostLike);
      if (c.payloads.length === 0 && entries.length === 0) continue;
      const g = groups.get(subject.id) ?? { words: subject.words, comps: [] };
      g.comps.push(c);
      groups.set(subject.id, g);
    }
    const out: CodeMatch[] = [];
    for (const [id, g] of groups) {
      const payloads = payloadsOfTags(g.comps.map((c) => ({ kind: 'decoded' as const, payloads: c.payloads })));
      const entries = [...new Set(g.comps.flatMap((c) => (c.payloads.length > 0 ? c.literals.filter((l) => l.length > 1 && !LOOPBACK.test(l)) : c.literals.filter(isHostLike))))];
      // One known host is an ordinary check of the vendor's own endpoint; a list is a probe.
      if (payloads.length === 0 && entries.length < 2) continue;
      const chain: Category[] = payloads.length > 0 ? ['obfuscation'] : [];
      const reasons = [
        `reads ${g.words}`,
        payloads.length > 0
          ? `matches it against ${payloads.length} decoded list${payloads.length === 1 ? '' : 's'} (${payloads.map((p) => `${p.list?.length ?? 1} entries`).join(', ')})`
          : `matches it against ${preview(entries, 8)}`,
      ];
      const how = [...new Set(g.comps.map((c) => c.how))];
      reasons.push(`by ${how.join(', ')}`);
      const m: CodeMatch = {
        key: `host\0${id}\0${listKey(entries)}`,
        node: spanOf(g.comps.map((c) => c.node)),
        message: `${g.words.replace(/ \(read in .*\)$/, '')} matched against ${payloads.length > 0 ? 'a hidden list' : 'a list'} (${entries.length} entries)`,
        reasons,
        chain,
      };
      if (payloads.length > 0) {
        m.severity = 'high';
        m.payloads = payloads;
      }
      const anchor = rawLiteral(analysis, g.comps[0]!.node);
      if (anchor) m.anchor = anchor;
      out.push(m);
    }
    return out;
  },
});
