import { domainToUnicode } from 'node:url';
import type { Severity } from '../../../types.js';
import type { Comparison } from '../comparisons.js';
import { effectWords, gatedEffects } from '../effects.js';
import { countryDomainsOf } from '../known.js';
import { defineCodeRule } from '../rule.js';
import { listKey } from '../shape.js';
import { has } from '../tags.js';
import { spanOf } from './util.js';

const HOST_KINDS = ['page-host', 'url-host', 'hostname'] as const;

function domainsOf(c: Comparison): string[] {
  return [...new Set(c.literals.flatMap(countryDomainsOf))];
}

/** `.xn--p1ai (.рф)`: the punycode and what it spells. */
function shown(label: string): string {
  const unicode = label.startsWith('xn--') ? domainToUnicode(label) : '';
  return unicode && unicode !== label ? `.${label} (.${unicode})` : `.${label}`;
}

export default defineCodeRule({
  meta: {
    id: 'domain-gate',
    category: 'geo-gating',
    severity: 'medium',
    description:
      "The page's host (or a URL's, or the machine's host name) is checked for country-code domains (.ru, .by, .xn--p1ai): code that behaves differently by country. High when the check decides code that acts.",
    weight: 35,
  },
  match({ analysis }) {
    const group = analysis.comparisons().filter((c) => HOST_KINDS.some((k) => has(c.subjectTags, k)) && domainsOf(c).length > 0);
    if (group.length === 0) return [];
    const domains = [...new Set(group.flatMap(domainsOf))].sort();
    const effects = new Set(group.flatMap((c) => [...gatedEffects(analysis, c.node)]));
    const acting = [...effects].filter((e) => e !== 'console');
    const severity: Severity = acting.length > 0 ? 'high' : 'medium';
    const via = [...new Set(group.flatMap((c) => c.subjectTags.filter((t) => (HOST_KINDS as readonly string[]).includes(t.kind)).map((t) => t.via ?? t.kind)))];
    const reasons = [`reads the host (${via.join(', ')})`, `checks it for the country domains ${domains.map(shown).join(', ')}`];
    if (effects.size > 0) reasons.push(`only then the code ${effectWords(effects)}`);
    return [
      {
        // The gate is what it compares with; what it decides is said, not keyed.
        key: `domain\0${listKey(domains)}`,
        node: spanOf(group.map((c) => c.node)),
        message: `host checked for country domains ${domains.map(shown).join(', ')}${effects.size > 0 ? `; the code it gates ${effectWords(effects)}` : ''}`,
        reasons,
        severity,
      },
    ];
  },
});
