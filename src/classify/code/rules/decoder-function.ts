import { defineCodeRule } from '../rule.js';
import { listKey } from '../shape.js';
import { preview, toPayload } from './util.js';

export default defineCodeRule({
  meta: {
    id: 'decoder-function',
    category: 'obfuscation',
    severity: 'medium',
    description:
      'A function that decodes its argument (base64, hex, XOR, char codes) is applied to encoded literals elsewhere in the same version: every list it reveals is shown in full.',
    weight: 32,
  },
  match(ctx) {
    const a = ctx.analysis;
    const out = [];
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
        message: `decoder ${name}() reveals ${uses.length} encoded literal${uses.length === 1 ? '' : 's'} (${[...new Set(uses.flatMap((d) => d.steps))].join(', ')})`,
        reasons: [
          `${name}() decodes its argument: ${uses[0]!.steps.join(' → ')}`,
          ...uses.map((d) => `decodes to ${d.list ? `${d.list.length} entries: ${preview(d.list, 6)}` : JSON.stringify(d.text.slice(0, 120))}`),
        ],
        payloads,
        ...(xor ? { severity: 'high' as const } : {}),
      });
    }
    return out;
  },
});
