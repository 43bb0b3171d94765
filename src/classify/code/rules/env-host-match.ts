import type { Category } from '../../../types.js';
import type { Comparison } from '../comparisons.js';
import { LOOPBACK } from '../known.js';
import { capped, message, type ValuesOf } from '../../messages.js';
import { defineCodeRule, type CodeMatch } from '../rule.js';
import { listKey } from '../shape.js';
import { URL_ENV } from '../meanings.js';
import type { Tag } from '../tags.js';
import { isHostLike, payloadsOfTags, rawLiteral, spanOf, spansOf, unitName } from './util.js';

type Subject = ValuesOf<'env-host-match/reads'>;

/** What the compared value is: the host of a URL from an env var, an env var, the machine's name or user. */
function subjectOf(c: Comparison): { id: string; subject: Subject } | undefined {
  const tags = c.subjectTags;
  const env = tags.find((t): t is Tag & { label: string } => t.kind === 'env' && typeof t.label === 'string' && URL_ENV.test(t.label));
  const host = tags.find((t) => t.kind === 'url-host');
  const from = (host ?? env)?.from;
  const unit = from ? unitName(from) : undefined;
  if (host && env) return { id: `url-host:${env.label}`, subject: { subject: 'url-host', name: env.label, unit } };
  if (host && host.via?.startsWith('process.env.')) return { id: `url-host:${host.via.slice(12)}`, subject: { subject: 'url-host', name: host.via.slice(12), unit } };
  if (env) return { id: `env:${env.label}`, subject: { subject: 'env', name: env.label, unit } };
  if (tags.some((t) => t.kind === 'hostname')) return { id: 'hostname', subject: { subject: 'hostname' } };
  if (tags.some((t) => t.kind === 'username')) return { id: 'username', subject: { subject: 'username' } };
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
    messages: ['env-host-match/matched', 'env-host-match/reads', 'env-host-match/against-hidden', 'env-host-match/against', 'env-host-match/by'],
  },
  match({ analysis }) {
    const groups = new Map<string, { subject: Subject; comps: Comparison[] }>();
    for (const c of analysis.comparisons()) {
      const subject = subjectOf(c);
      if (!subject) continue;
      // Written-out entries count when they name hosts; a decoded list counts whatever it holds.
      const entries = c.literals.filter(isHostLike);
      if (c.payloads.length === 0 && entries.length === 0) continue;
      const g = groups.get(subject.id) ?? { subject: subject.subject, comps: [] };
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
      const how = [...new Set(g.comps.map((c) => c.how))];
      const reasons = [
        message('env-host-match/reads', g.subject),
        payloads.length > 0
          ? message('env-host-match/against-hidden', { sizes: payloads.map((p) => p.list?.length ?? 1) })
          : message('env-host-match/against', { entries: capped(entries), entryCount: entries.length }),
        message('env-host-match/by', { how }),
      ];
      const m: CodeMatch = {
        key: `host\0${id}\0${listKey(entries)}`,
        node: spanOf(g.comps.map((c) => c.node)),
        message: message('env-host-match/matched', { ...g.subject, hidden: payloads.length > 0, entryCount: entries.length }),
        spans: spansOf(g.comps.map((c) => c.node), 'comparison'),
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
