import type { Severity } from '../../../types.js';
import type { Comparison } from '../comparisons.js';
import { gatedEffects, type Effect } from '../effects.js';
import { REGIONAL_LOCALE } from '../known.js';
import { capped, message } from '../../messages.js';
import { defineCodeRule, type CodeMatch } from '../rule.js';
import { listKey } from '../shape.js';
import { has } from '../tags.js';
import { onlyThen, rawLiteral, spanOf, spansOf, targetedLanguages } from './util.js';

const regionalOf = (c: Comparison): string[] => c.literals.filter((l) => REGIONAL_LOCALE.test(l));

export default defineCodeRule({
  meta: {
    id: 'locale-gate',
    category: 'geo-gating',
    severity: 'low',
    description:
      'The system or browser language is read and compared with a few languages or regional locales (ru, zh-CN…): high when the comparison decides code that acts (locks or changes the page, plays media, sends requests, writes files, prints a message); low when it only picks values.',
    weight: 30,
    messages: ['locale-gate/compared', 'locale-gate/reads', 'locale-gate/compares', 'gate/effects'],
  },
  match({ analysis }) {
    const group: Array<{ c: Comparison; languages: string[]; regional: string[]; effects: Set<Effect> }> = [];
    for (const c of analysis.comparisons()) {
      if (!has(c.subjectTags, 'locale')) continue;
      const regional = regionalOf(c);
      const languages = targetedLanguages(c.literals);
      if (regional.length === 0 && languages.length === 0) continue;
      group.push({ c, languages, regional, effects: gatedEffects(analysis, c.node) });
    }
    const effects = new Set(group.flatMap((g) => [...g.effects]));
    const acting = [...effects].filter((e) => e !== 'console');
    // A bare language that decides nothing but a value is translation: not reported.
    const shown = group.filter((g) => g.regional.length > 0 || g.effects.size > 0);
    if (shown.length === 0) return [];
    const compared = [...new Set(shown.flatMap((g) => [...g.regional, ...g.languages]))].sort();
    const via = [...new Set(shown.flatMap((g) => g.c.subjectTags.filter((t) => t.kind === 'locale').map((t) => t.via ?? 'locale')))];
    const severity: Severity = acting.length > 0 ? 'high' : effects.size > 0 ? 'medium' : 'low';
    const listed = { languages: capped(compared), languageCount: compared.length };
    const reasons = [message('locale-gate/reads', { via }), message('locale-gate/compares', listed)];
    const said = [...effects].sort();
    if (said.length > 0) reasons.push(onlyThen(said));
    const m: CodeMatch = {
      // The gate is what it compares with; what it decides is said, not keyed.
      key: `locale\0${listKey(compared)}`,
      node: spanOf(shown.map((g) => g.c.node)),
      message: message('locale-gate/compared', { ...listed, effects: said }),
      spans: spansOf(shown.map((g) => g.c.node), 'comparison'),
      reasons,
      severity,
    };
    const anchor = rawLiteral(analysis, shown[0]!.c.node);
    return [anchor ? { ...m, anchor } : m];
  },
});
