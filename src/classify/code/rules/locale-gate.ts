import type { Comparison } from '../analysis.js';
import { REGIONAL_LOCALE } from '../known.js';
import { defineCodeRule } from '../rule.js';
import { listKey } from '../shape.js';
import { has } from '../tags.js';
import { preview, rawLiteral, spanOf } from './util.js';

const localesOf = (c: Comparison): string[] => c.literals.filter((l) => REGIONAL_LOCALE.test(l));

export default defineCodeRule({
  meta: {
    id: 'locale-gate',
    category: 'geo-gating',
    severity: 'low',
    description: 'The system locale or language is read and compared with regional locales (zh-CN, ru-RU…). Often localisation; worth a look in a chain.',
    weight: 10,
  },
  match({ analysis }) {
    const group = analysis.comparisons().filter((c) => has(c.subjectTags, 'locale') && localesOf(c).length > 0);
    if (group.length === 0) return [];
    const locales = [...new Set(group.flatMap(localesOf))].sort();
    const via = [...new Set(group.flatMap((c) => c.subjectTags.filter((t) => t.kind === 'locale').map((t) => t.via ?? 'locale')))];
    const m = {
      key: `locale\0${listKey(locales)}`,
      node: spanOf(group.map((c) => c.node)),
      message: `locale compared with ${preview(locales, 4)}`,
      reasons: [`reads the locale (${via.join(', ')})`, `compares it with ${preview(locales, 12)}`],
    };
    const anchor = rawLiteral(analysis, group[0]!.node);
    return [anchor ? { ...m, anchor } : m];
  },
});
