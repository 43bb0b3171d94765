import type { Category } from '../../../types.js';
import type { Comparison } from '../comparisons.js';
import { effectWords, gatedEffects } from '../effects.js';
import { IANA_ZONE, ZONE_NAME } from '../known.js';
import { defineCodeRule } from '../rule.js';
import { listKey } from '../shape.js';
import { has } from '../tags.js';
import { isZoneOffset, preview, rawLiteral, readWords, spanOf } from './util.js';

const isZone = (l: string): boolean => IANA_ZONE.test(l) || ZONE_NAME.test(l);
const zonesOf = (c: Comparison): string[] => c.literals.filter(isZone);

export default defineCodeRule({
  meta: {
    id: 'timezone-gate',
    category: 'geo-gating',
    severity: 'high',
    description: 'The system time zone (or UTC offset) is read and compared with a list of zones: code that behaves differently by region.',
    weight: 40,
  },
  match({ analysis }) {
    const read: Comparison[] = [];
    const unknown: Comparison[] = [];
    for (const c of analysis.comparisons()) {
      const zones = zonesOf(c);
      const tz = has(c.subjectTags, 'timezone');
      const offset = has(c.subjectTags, 'utc-offset') && c.literals.some(isZoneOffset);
      if ((tz && zones.length > 0) || offset) read.push(c);
      else if (zones.length > 0 && !c.subjectTags.some((t) => t.kind !== 'gate')) unknown.push(c);
    }
    // Zone names compared with a value whose source is not in reach: only a list of them counts.
    const unknownZones = [...new Set(unknown.flatMap(zonesOf))];
    const group = read.length > 0 ? read : unknownZones.length >= 2 ? unknown : [];
    if (group.length === 0) return [];
    const zones = [...new Set(group.flatMap((c) => (zonesOf(c).length > 0 ? zonesOf(c) : c.literals.filter(isZoneOffset))))].sort();
    const node = spanOf(group.map((c) => c.node));
    const reasons: string[] = [];
    const via = [...new Set(group.flatMap((c) => c.subjectTags.filter((t) => t.kind === 'timezone' || t.kind === 'utc-offset').map(readWords)))];
    if (read.length > 0) reasons.push(`reads the time zone (${via.join(', ') || 'time zone'})`);
    else reasons.push('compares a value whose source is outside the analysed units with time zone names');
    reasons.push(`compares it with ${preview(zones, 12)}`);
    // What the gate decides is said, not keyed: the finding stays the same finding when that changes.
    const effects = new Set(group.flatMap((c) => [...gatedEffects(analysis, c.node)]));
    if (effects.size > 0) reasons.push(`only then the code ${effectWords(effects)}`);
    const chain: Category[] = [];
    if (group.some((c) => c.subjectTags.some((t) => t.kind === 'url-host' || t.kind === 'env'))) chain.push('environment-probe');
    const match = {
      key: `tz\0${listKey(zones)}`,
      node,
      message: `${zones.some(isZone) ? 'time zone' : 'UTC offset'} compared with ${zones.length === 1 ? zones[0] : `${zones.length} ${zones.some(isZone) ? 'zones' : 'offsets'} (${zones.slice(0, 3).join(', ')}${zones.length > 3 ? ', …' : ''})`}${effects.size > 0 ? `; the code it gates ${effectWords(effects)}` : ''}`,
      reasons,
      chain,
      ...(read.length > 0 ? {} : { severity: 'medium' as const }),
    };
    const anchor = rawLiteral(analysis, group[0]!.node);
    return [anchor ? { ...match, anchor } : match];
  },
});
