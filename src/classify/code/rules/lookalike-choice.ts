import type { Category } from '../../../types.js';
import { describeCodePoint } from '../../unicode/index.js';
import type { Node } from '../ast.js';
import { message } from '../../messages.js';
import { defineCodeRule, type CodeMatch } from '../rule.js';
import { gateCategory, gateValues, guardingGates, spanOf, spansOf } from './util.js';

const ASCII = /^[\x00-\x7f]*$/;

export default defineCodeRule({
  meta: {
    id: 'lookalike-choice',
    category: 'steganography',
    severity: 'high',
    description:
      "Literals that look the same but differ in code points (' ’ ʼ ʹ) are chosen as alternative outcomes by a condition: output that carries a hidden signal.",
    weight: 45,
    messages: ['lookalike-choice/chosen', 'lookalike-choice/literals', 'lookalike-choice/branches', 'lookalike-choice/chosen-by'],
  },
  match({ analysis }) {
    const out: CodeMatch[] = [];
    for (const choice of analysis.lookalikeChoices()) {
      const members = choice.set.members;
      if (members.every((m) => ASCII.test(m.text))) continue;
      const withAscii = members.some((m) => ASCII.test(m.text));
      const gates = choice.nodes.flatMap((n: Node) => guardingGates(analysis, n));
      const chain = [...new Set(gates.map(gateCategory).filter((c): c is Category => c !== undefined))];
      const names = members.map((m) => m.codePoints.map((c) => describeCodePoint(parseInt(c.slice(2), 16))).join(' + '));
      const described = members.map((m, i) => `${JSON.stringify(m.text)} ${names[i]}`);
      const texts = members.map((m) => m.text);
      const codePoints = members.map((m) => m.codePoints.join('+')).sort();
      out.push({
        key: `lookalike\0${codePoints.join(',')}`,
        node: spanOf(choice.nodes),
        message: message('lookalike-choice/chosen', { texts }),
        spans: spansOf(choice.nodes, 'literal'),
        reasons: [
          message('lookalike-choice/literals', { texts, names }),
          message('lookalike-choice/branches', {}),
          ...gates.slice(0, 4).map((g) => message('lookalike-choice/chosen-by', gateValues(g))),
        ],
        payloads: [{ steps: ['look-alikes'], text: described.join('\n'), list: members.map((m) => m.text) }],
        chain,
        ...(withAscii || members.length >= 3 ? {} : { severity: 'medium' as const }),
        anchor: choice.nodes.map((n) => n.raw as string).find((r) => typeof r === 'string' && !ASCII.test(r)) ?? (choice.nodes[0]!.raw as string),
      });
    }
    return out;
  },
});
