import type { Severity } from '../../../types.js';
import type { Comparison } from '../comparisons.js';
import { gatedEffects } from '../effects.js';
import { countryDomainsOf } from '../known.js';
import { message } from '../../messages.js';
import { defineCodeRule } from '../rule.js';
import { listKey } from '../shape.js';
import { has } from '../tags.js';
import { onlyThen, spanOf, spansOf } from './util.js';

const HOST_KINDS = ['page-host', 'url-host', 'hostname'] as const;

function domainsOf(c: Comparison): string[] {
  return [...new Set(c.literals.flatMap(countryDomainsOf))];
}

export default defineCodeRule({
  meta: {
    id: 'domain-gate',
    category: 'geo-gating',
    severity: 'medium',
    description:
      "The page's host (or a URL's, or the machine's host name) is checked for country-code domains (.ru, .by, .xn--p1ai): code that behaves differently by country. High when the check decides code that acts.",
    weight: 35,
    messages: ['domain-gate/checked', 'domain-gate/reads', 'domain-gate/checks', 'gate/effects'],
  },
  match({ analysis }) {
    const group = analysis.comparisons().filter((c) => HOST_KINDS.some((k) => has(c.subjectTags, k)) && domainsOf(c).length > 0);
    if (group.length === 0) return [];
    const domains = [...new Set(group.flatMap(domainsOf))].sort();
    const effects = new Set(group.flatMap((c) => [...gatedEffects(analysis, c.node)]));
    const acting = [...effects].filter((e) => e !== 'console');
    const severity: Severity = acting.length > 0 ? 'high' : 'medium';
    const via = [...new Set(group.flatMap((c) => c.subjectTags.filter((t) => (HOST_KINDS as readonly string[]).includes(t.kind)).map((t) => t.via ?? t.kind)))];
    const said = [...effects].sort();
    const reasons = [message('domain-gate/reads', { via }), message('domain-gate/checks', { domains })];
    if (said.length > 0) reasons.push(onlyThen(said));
    return [
      {
        // The gate is what it compares with; what it decides is said, not keyed.
        key: `domain\0${listKey(domains)}`,
        node: spanOf(group.map((c) => c.node)),
        message: message('domain-gate/checked', { domains, effects: said }),
        spans: spansOf(group.map((c) => c.node), 'comparison'),
        reasons,
        severity,
      },
    ];
  },
});
