// The syntax tree of one unit for the code rules: parsed with the project's acorn setup (module,
// then script fallbacks), walked once without recursion, with parent links and nodes by type.
import * as acorn from 'acorn';
import { tryModes } from '../../units/acorn-parser.js';

/** An ESTree node as acorn produces it; rules read its fields by name. */
export interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: any;
}

export type Parsed = { ok: true; ast: Node } | { ok: false; error: string };

export function parseSource(source: string): Parsed {
  const attempt = tryModes((options) => acorn.parse(source, options) as unknown as Node);
  return attempt.ok ? { ok: true, ast: attempt.value } : { ok: false, error: attempt.error };
}

/** Fields that never hold child nodes (skipped for speed). */
const LEAF_KEYS = new Set([
  'type', 'start', 'end', 'loc', 'range', 'raw', 'regex', 'bigint', 'name', 'operator', 'kind', 'computed',
  'optional', 'shorthand', 'method', 'prefix', 'async', 'generator', 'static', 'delegate', 'sourceType', 'directive', 'tail',
]);

export interface Walked {
  /** Every node in pre-order (source order for all practical purposes). */
  nodes: Node[];
  parent: Map<Node, Node>;
  byType: Map<string, Node[]>;
  /** Set when the walk stopped at the node budget. */
  truncated: boolean;
}

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && typeof (v as Node).type === 'string' && typeof (v as Node).start === 'number';
}

/** Iterative pre-order walk, bounded by `maxNodes`. */
export function walk(root: Node, maxNodes = 1_500_000): Walked {
  const nodes: Node[] = [];
  const parent = new Map<Node, Node>();
  const byType = new Map<string, Node[]>();
  const stack: Node[] = [root];
  const kids: Node[] = [];
  let truncated = false;
  while (stack.length > 0) {
    if (nodes.length >= maxNodes) {
      truncated = true;
      break;
    }
    const n = stack.pop()!;
    nodes.push(n);
    let list = byType.get(n.type);
    if (!list) byType.set(n.type, (list = []));
    list.push(n);
    kids.length = 0;
    for (const key in n) {
      if (LEAF_KEYS.has(key)) continue;
      const v = n[key];
      if (Array.isArray(v)) {
        for (const el of v) if (isNode(el) && !parent.has(el)) kids.push(el);
      } else if (isNode(v) && !parent.has(v)) kids.push(v);
    }
    for (let i = kids.length - 1; i >= 0; i--) {
      parent.set(kids[i]!, n);
      stack.push(kids[i]!);
    }
  }
  return { nodes, parent, byType, truncated };
}

export const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

export function isFunction(n: Node | undefined): boolean {
  return n !== undefined && FUNCTION_TYPES.has(n.type);
}

/** The value of a string literal or a template without expressions (escapes decoded). */
export function stringValue(n: Node | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'Literal' && typeof n.value === 'string') return n.value;
  if (n.type === 'TemplateLiteral' && n.expressions.length === 0) return n.quasis[0]?.value?.cooked ?? undefined;
  return undefined;
}

/** A property's name when it is written out (`a.b`, `a["b"]`, `{b: …}`). */
export function propertyName(n: Node): string | undefined {
  const key = n.type === 'MemberExpression' ? n.property : n.key;
  if (!key) return undefined;
  if (!n.computed && key.type === 'Identifier') return key.name;
  if (key.type === 'PrivateIdentifier') return `#${key.name}`;
  return stringValue(key);
}

/** Strips parentheses-free wrappers that do not change a value: `a?.b` chains, `(0, f)`. */
export function unwrap(n: Node): Node {
  let cur = n;
  for (let i = 0; i < 8; i++) {
    if (cur.type === 'ChainExpression') cur = cur.expression;
    else if (cur.type === 'SequenceExpression' && cur.expressions.length > 0) cur = cur.expressions[cur.expressions.length - 1];
    else break;
  }
  return cur;
}

/**
 * A readable path for a callee or member chain: `process.env.HOME`, `Intl.DateTimeFormat().resolvedOptions`,
 * `os.hostname`. Calls in the chain are written `()`. Undefined when the chain has other parts.
 */
export function memberPath(n: Node, maxParts = 8): string | undefined {
  const parts: string[] = [];
  let cur: Node = unwrap(n);
  for (let i = 0; i < maxParts; i++) {
    if (cur.type === 'Identifier') {
      parts.push(cur.name);
      return parts.reverse().join('.').replace(/\.\(\)/g, '()');
    }
    if (cur.type === 'ThisExpression') {
      parts.push('this');
      return parts.reverse().join('.').replace(/\.\(\)/g, '()');
    }
    if (cur.type === 'MemberExpression') {
      const name = propertyName(cur);
      if (name === undefined) return undefined;
      parts.push(name);
      cur = unwrap(cur.object);
    } else if (cur.type === 'CallExpression' || cur.type === 'NewExpression') {
      parts.push('()');
      cur = unwrap(cur.callee);
    } else return undefined;
  }
  return undefined;
}

/** The last name of a callee: `f` for `f()`, `b` for `a.b()`, `(0, a.b)()`. */
export function calleeName(call: Node): string | undefined {
  const callee = unwrap(call.callee);
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression') return propertyName(callee);
  return undefined;
}

/** The object of a method call's callee (`a` in `a.b()`), if it is one. */
export function calleeObject(call: Node): Node | undefined {
  const callee = unwrap(call.callee);
  return callee.type === 'MemberExpression' ? callee.object : undefined;
}
