import type { Severity } from '../../../types.js';
import { gatedEffects, type Effect } from '../effects.js';
import { message } from '../../messages.js';
import { defineCodeRule } from '../rule.js';
import { listKey } from '../shape.js';
import { onlyThen, spanOf, spansOf } from './util.js';

/** Effects that make a date trigger a bomb rather than an easter egg. */
const HARMFUL = new Set<Effect>(['fs-delete', 'fs-write', 'exec', 'exit', 'network', 'eval', 'navigation']);

export default defineCodeRule({
  meta: {
    id: 'date-trigger',
    category: 'sabotage',
    severity: 'medium',
    description:
      'Behaviour switched on a calendar date or a moment: the current month, day, year or time compared with fixed numbers (`now.getMonth() === 11 && now.getDate() === 25`, `Date.now() > 1646092800000`). High when what it decides deletes or writes files, runs commands, sends requests or ends the process: a time bomb.',
    weight: 30,
    messages: ['date-trigger/switched', 'date-trigger/reads', 'date-trigger/compares', 'gate/effects'],
  },
  match({ analysis }) {
    const group = analysis.comparisons().filter((c) => c.subjectTags.some((t) => t.kind === 'date'));
    if (group.length === 0) return [];
    const parts = [...new Set(group.flatMap((c) => c.subjectTags.filter((t) => t.kind === 'date').map((t) => t.label ?? 'date')))].sort();
    const values = [...new Set(group.flatMap((c) => c.literals))].sort();
    const effects = new Set(group.flatMap((c) => [...gatedEffects(analysis, c.node)]));
    const severity: Severity = [...effects].some((e) => HARMFUL.has(e)) ? 'high' : 'medium';
    const shown = group.slice(0, 4);
    const said = [...effects].sort();
    return [
      {
        key: `date\0${parts.join(',')}\0${listKey(values)}\0${said.join(',')}`,
        node: spanOf(group.map((c) => c.node)),
        message: message('date-trigger/switched', {
          parts: shown.map((c) => c.subjectTags.find((t) => t.kind === 'date')?.label ?? 'date'),
          hows: shown.map((c) => c.how),
          literals: shown.map((c) => c.literals[0] ?? ''),
          effects: said,
        }),
        spans: spansOf(group.map((c) => c.node), 'comparison'),
        reasons: [message('date-trigger/reads', { parts }), message('date-trigger/compares', { values }), ...(said.length > 0 ? [onlyThen(said)] : [])],
        severity,
      },
    ];
  },
});
