import type { Category, Severity } from '../../../types.js';
import type { Node } from '../ast.js';
import { message } from '../../messages.js';
import { defineCodeRule, type CodeMatch } from '../rule.js';
import { gateCategory, guardingGates } from './util.js';

function alwaysTrue(test: Node | null | undefined): boolean {
  if (!test) return true;
  if (test.type === 'Literal') return test.value === true || (typeof test.value === 'number' && test.value !== 0);
  if (test.type === 'UnaryExpression' && test.operator === '!') return test.argument.type === 'Literal' && (test.argument.value === 0 || test.argument.value === false);
  return false;
}

function empty(body: Node): boolean {
  return body.type === 'EmptyStatement' || (body.type === 'BlockStatement' && body.body.length === 0);
}

export default defineCodeRule({
  meta: {
    id: 'busy-loop',
    category: 'sabotage',
    severity: 'medium',
    description: 'A loop that never ends and does nothing (`while(true){}`, `for(;;);`): hangs the process; high when a gate guards it.',
    weight: 20,
    messages: ['busy-loop/endless', 'busy-loop/loop'],
  },
  match({ analysis }) {
    const out: CodeMatch[] = [];
    for (const type of ['WhileStatement', 'DoWhileStatement', 'ForStatement']) {
      for (const n of analysis.nodes(type)) {
        if (!alwaysTrue(n.test) || !empty(n.body)) continue;
        const gates = guardingGates(analysis, n, { locale: true });
        const chain = [...new Set(gates.map(gateCategory).filter((c): c is Category => c !== undefined))];
        const severity: Severity = gates.length > 0 ? 'high' : 'medium';
        out.push({
          key: `loop\0${gates.map((g) => g.label).sort().join(',')}`,
          node: n,
          message: message('busy-loop/endless', { gated: gates.length > 0 }),
          spans: [{ start: n.start, end: n.end, role: 'loop' }],
          reasons: [message('busy-loop/loop', {})],
          severity,
          chain,
        });
        return out;
      }
    }
    return out;
  },
});
