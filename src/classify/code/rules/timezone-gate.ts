import type { Category } from '../../../types.js';
import type { Comparison } from '../comparisons.js';
import { gatedEffects } from '../effects.js';
import { IANA_ZONE, ZONE_NAME } from '../known.js';
import { capped, message } from '../../messages.js';
import { defineCodeRule, type CodeMatch } from '../rule.js';
import { listKey } from '../shape.js';
import { has } from '../tags.js';
import { isZoneOffset, onlyThen, rawLiteral, readValues, spanOf, spansOf } from './util.js';

const isZone = (l: string): boolean => IANA_ZONE.test(l) || ZONE_NAME.test(l);
const zonesOf = (c: Comparison): string[] => c.literals.filter(isZone);

export default defineCodeRule({
  meta: {
    id: 'timezone-gate',
    category: 'geo-gating',
    severity: 'high',
    description: 'The system time zone (or UTC offset) is read and compared with a list of zones: code that behaves differently by region.',
    weight: 40,
    messages: ['timezone-gate/compared', 'timezone-gate/reads', 'timezone-gate/reads-unknown', 'timezone-gate/compares', 'gate/effects'],
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
    const listed = { zones: capped(zones), zoneCount: zones.length };
    const reasons = [
      read.length > 0
        ? message('timezone-gate/reads', readValues(group.flatMap((c) => c.subjectTags.filter((t) => t.kind === 'timezone' || t.kind === 'utc-offset'))))
        : message('timezone-gate/reads-unknown', {}),
      message('timezone-gate/compares', listed),
    ];
    // What the gate decides is said, not keyed: the finding stays the same finding when that changes.
    const effects = [...new Set(group.flatMap((c) => [...gatedEffects(analysis, c.node)]))].sort();
    if (effects.length > 0) reasons.push(onlyThen(effects));
    const chain: Category[] = [];
    if (group.some((c) => c.subjectTags.some((t) => t.kind === 'url-host' || t.kind === 'env'))) chain.push('environment-probe');
    const match: CodeMatch = {
      key: `tz\0${listKey(zones)}`,
      node,
      message: message('timezone-gate/compared', { ...listed, named: zones.some(isZone), effects }),
      spans: spansOf(group.map((c) => c.node), 'comparison'),
      reasons,
      chain,
      ...(read.length > 0 ? {} : { severity: 'medium' as const }),
    };
    const anchor = rawLiteral(analysis, group[0]!.node);
    return [anchor ? { ...match, anchor } : match];
  },
});
