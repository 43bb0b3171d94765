import type { Category, Severity } from '../../../types.js';
import type { Analysis } from '../analysis.js';
import { calleeName, isFunction, propertyName, stringValue, unwrap, type Node } from '../ast.js';
import { message } from '../../messages.js';
import { defineCodeRule } from '../rule.js';
import { gateCategory, guardingGates, onlyWhen, statementOf } from './util.js';

const REMOTE_MEDIA = /^https?:\/\/[^\s"'<>]+$/i;
const AUTOPLAY_HTML = /<(?:audio|video)\b[^>]*\bautoplay\b[^>]*\bsrc\s*=\s*["']?https?:\/\//i;
/** Calls that register a handler of something the user does. */
const HANDLER_CALLS = /^(?:addEventListener|on|once|onClick|click|bind|live|delegate)$/;

/** Whether a node runs in a handler of a user action (a click, a key), not on its own. */
function inUserHandler(a: Analysis, n: Node): boolean {
  let cur: Node | undefined = n;
  for (let i = 0; cur && i < 40; i++) {
    const p = a.parent(cur);
    if (!p) return false;
    if (isFunction(cur)) {
      if (p.type === 'CallExpression' && p.arguments.includes(cur) && HANDLER_CALLS.test(calleeName(p) ?? '')) return true;
      if (p.type === 'AssignmentExpression' && p.right === cur && /^on[a-z]+$/.test(propertyName(unwrap(p.left)) ?? '')) return true;
      if (p.type === 'Property' && /^on[A-Z]/.test(propertyName(p) ?? '')) return true;
      if (p.type === 'MethodDefinition' || p.type === 'Property') return true; // a method: it runs when its caller asks
    }
    cur = p;
  }
  return false;
}

export default defineCodeRule({
  meta: {
    id: 'forced-media',
    category: 'sabotage',
    severity: 'medium',
    description:
      'Audio or video from a hard-coded remote address played by the code on its own (not in a handler of a click or a key): an anthem or a message forced on users. Critical when a gate (language, country domain, time zone) decides it.',
    weight: 45,
    messages: ['forced-media/plays', 'forced-media/remote', 'forced-media/unasked', 'gate/only-when'],
  },
  match({ analysis }) {
    let source: { node: Node; url: string } | undefined;
    for (const n of analysis.nodes('NewExpression')) {
      const url = stringValue(n.arguments[0]);
      if (calleeName(n) === 'Audio' && url && REMOTE_MEDIA.test(url)) source = { node: n, url };
    }
    for (const n of analysis.nodes('AssignmentExpression')) {
      const left = unwrap(n.left);
      const url = stringValue(n.right);
      if (!source && left.type === 'MemberExpression' && propertyName(left) === 'src' && url && REMOTE_MEDIA.test(url) && /\.(?:mp3|ogg|wav|m4a|aac|mp4|webm|opus)(?:[?#]|$)/i.test(url)) source = { node: n, url };
    }
    for (const lit of [...analysis.nodes('Literal'), ...analysis.nodes('TemplateElement')]) {
      const text = lit.type === 'Literal' ? lit.value : lit.value?.cooked;
      if (!source && typeof text === 'string' && text.length < 100_000 && AUTOPLAY_HTML.test(text)) source = { node: lit, url: /https?:\/\/[^\s"'<>]+/i.exec(text)![0] };
    }
    if (!source) return [];
    const plays = analysis.nodes('CallExpression').filter((c) => calleeName(c) === 'play' && c.arguments.length === 0);
    const autoplay = source.node.type !== 'NewExpression' && source.node.type !== 'AssignmentExpression';
    const unasked = plays.find((c) => !inUserHandler(analysis, c)) ?? (autoplay && !inUserHandler(analysis, source.node) ? source.node : undefined);
    if (!unasked) return [];
    const gates = guardingGates(analysis, unasked, { locale: true });
    const chain = [...new Set(gates.map(gateCategory).filter((c): c is Category => c !== undefined))];
    const severity: Severity = gates.length > 0 ? 'critical' : 'medium';
    return [
      {
        key: `media\0${source.url}\0${gates.map((g) => g.label).sort().join(',')}`,
        node: statementOf(analysis, source.node),
        message: message('forced-media/plays', { url: source.url.slice(0, 2048), gated: gates.length > 0 }),
        spans: [
          { start: source.node.start, end: source.node.end, role: 'media' },
          { start: unasked.start, end: unasked.end, role: 'play' },
        ],
        reasons: [message('forced-media/remote', {}), message('forced-media/unasked', {}), ...gates.slice(0, 3).map(onlyWhen)],
        severity,
        chain,
        anchor: JSON.stringify(source.url),
      },
    ];
  },
});
