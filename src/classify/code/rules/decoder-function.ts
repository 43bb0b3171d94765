import type { FindingSpan } from '../../../types.js';
import { calleeName, type Node } from '../ast.js';
import { message } from '../../messages.js';
import { defineCodeRule, type CodeMatch } from '../rule.js';
import { listKey } from '../shape.js';
import { decodedValues, toPayload } from './util.js';

/** Calls that decode, inside a decoder: what made it one. */
const DECODING_CALLS = /^(?:atob|from|fromCharCode|charCodeAt|decode|parseInt|decodeURIComponent|unescape)$/;

/** The decoding steps inside a decoder's code (calls such as `Buffer.from(…, "base64")`, XORs). */
function decodingSpans(nodes: { calls: readonly Node[]; xors: readonly Node[] }, within: { start: number; end: number }): FindingSpan[] {
  const inside = (n: Node) => n.start >= within.start && n.end <= within.end;
  return [
    ...nodes.calls.filter((c) => inside(c) && DECODING_CALLS.test(calleeName(c) ?? '')).map((c) => ({ start: c.start, end: c.end, role: 'decode' })),
    ...nodes.xors.filter(inside).map((x) => ({ start: x.start, end: x.end, role: 'xor' })),
  ].slice(0, 16);
}

export default defineCodeRule({
  meta: {
    id: 'decoder-function',
    category: 'obfuscation',
    severity: 'medium',
    description:
      'A function that decodes its argument (base64, hex, XOR, char codes) is applied to encoded literals elsewhere in the same version: every list it reveals is shown in full.',
    weight: 32,
    messages: ['decoder-function/reveals', 'decoder-function/decodes', 'decoder-function/value'],
  },
  match(ctx) {
    const a = ctx.analysis;
    const out: CodeMatch[] = [];
    const nodes = { calls: a.nodes('CallExpression'), xors: a.nodes('BinaryExpression').filter((b) => b.operator === '^') };
    for (const name of ctx.unit.declares) {
      const source = a.decode.decoders.get(name);
      if (source === undefined || !ctx.decodedUses) continue;
      const uses = ctx.decodedUses(name);
      if (uses.length === 0) continue;
      const payloads = uses.map(toPayload);
      const xor = uses.some((d) => d.steps.some((s) => s.startsWith('xor')));
      const at = ctx.source.indexOf(source);
      const node = at >= 0 ? { start: at, end: at + source.length } : { start: 0, end: Math.min(ctx.source.length, 400) };
      out.push({
        key: `decoder\0${listKey(uses.map((d) => d.text))}`,
        node,
        message: message('decoder-function/reveals', { name, count: uses.length, steps: [...new Set(uses.flatMap((d) => d.steps))] }),
        spans: decodingSpans(nodes, node),
        reasons: [message('decoder-function/decodes', { name, steps: uses[0]!.steps }), ...uses.map((d) => message('decoder-function/value', decodedValues(d)))],
        payloads,
        ...(xor ? { severity: 'high' as const } : {}),
      });
    }
    return out;
  },
});
