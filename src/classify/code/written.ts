// Strings as the code writes them: literals, templates and concatenations with their holes as
// `…`, names bound once to such a string, and the command line a child_process call runs. Nothing
// is evaluated: this is what the text says.
import { stringValue, type Node } from './ast.js';
import type { Scope } from './scope.js';

/** A string as written, with interpolations as `…` (templates, concatenations). */
export function looseString(scope: Scope, n: Node, depth = 0): string | undefined {
  const v = stringValue(n);
  if (v !== undefined) return v;
  if (depth > 8) return undefined;
  if (n.type === 'TemplateLiteral') {
    let out = '';
    n.quasis.forEach((q: Node, i: number) => {
      out += q.value?.cooked ?? '';
      if (i < n.expressions.length) out += looseString(scope, n.expressions[i], depth + 1) ?? '…';
    });
    return out;
  }
  if (n.type === 'BinaryExpression' && n.operator === '+') {
    const l = looseString(scope, n.left, depth + 1);
    const r = looseString(scope, n.right, depth + 1);
    if (l === undefined && r === undefined) return undefined;
    return (l ?? '…') + (r ?? '…');
  }
  if (n.type === 'Identifier') {
    const b = scope.bindingOf(n);
    const init = b?.defs.length === 1 && b.defs[0]!.kind === 'init' ? b.defs[0]!.expr : undefined;
    if (init) return looseString(scope, init, depth + 1);
  }
  return undefined;
}

/** The command a child_process call runs, as far as it is written out (the command and its literal arguments). */
export function commandText(scope: Scope, n: Node): string | undefined {
  const args: Node[] = n.arguments;
  const first = args[0];
  if (!first) return undefined;
  const parts: string[] = [];
  const head = looseString(scope, first);
  if (head === undefined) return undefined;
  parts.push(head);
  const list = args[1];
  if (list?.type === 'ArrayExpression') for (const el of list.elements.slice(0, 16)) parts.push(el ? (looseString(scope, el) ?? '…') : '');
  return parts.join(' ');
}
