import { message } from '../../messages.js';
import { defineCodeRule } from '../rule.js';
import { listKey } from '../shape.js';
import { stringValue } from '../ast.js';

const OBFUSCATED_NAME = /^_0x[0-9a-f]{4,6}$/i;
const ROTATION = /\[\s*(['"])push\1\s*\]\s*\(\s*[\w$]+\s*\[\s*(['"])shift\2\s*\]\s*\(\s*\)\s*\)|\.push\(\s*[\w$]+\.shift\(\s*\)\s*\)/;
const ALWAYS = /while\s*\(\s*!!\[\]\s*\)/;

export default defineCodeRule({
  meta: {
    id: 'obfuscator-output',
    category: 'obfuscation',
    severity: 'high',
    description:
      'Code shaped by an obfuscator (javascript-obfuscator and kin: `_0x` names, a rotated string array decoded at run time), inside code that is otherwise only minified.',
    weight: 35,
    messages: ['obfuscator-output/shaped', 'obfuscator-output/names', 'obfuscator-output/rotation', 'obfuscator-output/table'],
  },
  match({ analysis, source }) {
    const names = new Set<string>();
    for (const id of analysis.nodes('Identifier')) {
      if (OBFUSCATED_NAME.test(id.name)) names.add(id.name);
      if (names.size >= 64) break;
    }
    const rotation = ROTATION.test(source) && ALWAYS.test(source) && source.includes('parseInt');
    if (names.size < 5 && !rotation) return [];
    // The string array is what the obfuscated code hides; its sorted contents are its identity.
    let strings: string[] = [];
    for (const arr of analysis.nodes('ArrayExpression')) {
      const values = arr.elements.map((e: unknown) => stringValue(e as never)).filter((v: string | undefined): v is string => v !== undefined);
      if (values.length > strings.length && values.length === arr.elements.length) strings = values;
    }
    if (strings.length < 5) strings = analysis.nodes('Literal').map((l) => l.value).filter((v): v is string => typeof v === 'string').slice(0, 500);
    const first = analysis.nodes('Identifier').find((id) => OBFUSCATED_NAME.test(id.name));
    const start = first?.start ?? 0;
    const end = Math.min(source.length, start + 400);
    // What gives it away: the `_0x` names, and the rotation loop.
    const spans = analysis
      .nodes('Identifier')
      .filter((id) => id.start >= start && id.end <= end && OBFUSCATED_NAME.test(id.name))
      .slice(0, 32)
      .map((id) => ({ start: id.start, end: id.end, role: 'name' }));
    const loop = rotation ? ROTATION.exec(source) : null;
    if (loop) spans.push({ start: loop.index, end: loop.index + loop[0].length, role: 'rotation' });
    return [
      {
        key: `obf\0${listKey(strings)}`,
        node: { start, end },
        message: message('obfuscator-output/shaped', { names: names.size, rotation }),
        spans,
        reasons: [
          ...(names.size > 0 ? [message('obfuscator-output/names', { count: names.size })] : []),
          ...(rotation ? [message('obfuscator-output/rotation', {})] : []),
          ...(strings.length > 0 ? [message('obfuscator-output/table', { count: strings.length })] : []),
        ],
      },
    ];
  },
});
