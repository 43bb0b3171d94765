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
    return [
      {
        key: `obf\0${listKey(strings)}`,
        node: { start, end: Math.min(source.length, start + 400) },
        message: `obfuscator output (${names.size} _0x names${rotation ? ', rotated string array' : ''})`,
        reasons: [
          ...(names.size > 0 ? [`${names.size} identifiers named like _0x1a2b (javascript-obfuscator)`] : []),
          ...(rotation ? ['a string array rotated at start-up (push/shift in a while(!![]) loop with parseInt checks)'] : []),
          ...(strings.length > 0 ? [`string table of ${strings.length} entries`] : []),
        ],
      },
    ];
  },
});
