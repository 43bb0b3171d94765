import type { Category } from '../../../types.js';
import { describeCodePoint } from '../../unicode/index.js';
import type { Node } from '../ast.js';
import { defineCodeRule, type CodeMatch } from '../rule.js';
import { gateCategory, gateWords, guardingGates, spanOf } from './util.js';

const ASCII = /^[\x00-\x7f]*$/;

export default defineCodeRule({
  meta: {
    id: 'lookalike-choice',
    category: 'steganography',
    severity: 'high',
    description:
      "Literals that look the same but differ in code points (' ’ ʼ ʹ) are chosen as alternative outcomes by a condition: output that carries a hidden signal.",
    weight: 45,
  },
  match({ analysis }) {
    const out: CodeMatch[] = [];
    for (const choice of analysis.lookalikeChoices()) {
      const members = choice.set.members;
      if (members.every((m) => ASCII.test(m.text))) continue;
      const withAscii = members.some((m) => ASCII.test(m.text));
      const gates = choice.nodes.flatMap((n: Node) => guardingGates(analysis, n));
      const chain = [...new Set(gates.map(gateCategory).filter((c): c is Category => c !== undefined))];
      const described = members.map((m) => `${JSON.stringify(m.text)} ${m.codePoints.map((c) => describeCodePoint(parseInt(c.slice(2), 16))).join(' + ')}`);
      const codePoints = members.map((m) => m.codePoints.join('+')).sort();
      out.push({
        key: `lookalike\0${codePoints.join(',')}`,
        node: spanOf(choice.nodes),
        message: `look-alike characters chosen by a condition: ${members.map((m) => m.text).join(' ')}`,
        reasons: [
          `${members.length} literals that look the same (${described.join('; ')})`,
          'each is the outcome of a different branch',
          ...gates.slice(0, 4).map((g) => `chosen by ${gateWords(g)}`),
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
