// Recognises bundler structure by shape, never by name (minifiers rename helpers in every
// build): the lazy-module helpers (`__commonJS`, `__esm` and kin), the factory units built with
// them, whole-file wrappers, and the names a top-level statement declares.
import type * as acorn from 'acorn';
import type { HelperFamily, UnitKind } from './types.js';

type N = acorn.AnyNode;

/** The names a binding pattern declares, in source order (iterative: patterns can nest deeply). */
export function patternNames(root: acorn.Pattern, out: string[]): void {
  const stack: acorn.Pattern[] = [root];
  while (stack.length > 0) {
    const p = stack.pop()!;
    switch (p.type) {
      case 'Identifier':
        out.push(p.name);
        break;
      case 'ObjectPattern':
        for (let i = p.properties.length - 1; i >= 0; i--) {
          const prop = p.properties[i]!;
          stack.push(prop.type === 'RestElement' ? prop.argument : prop.value);
        }
        break;
      case 'ArrayPattern':
        for (let i = p.elements.length - 1; i >= 0; i--) {
          const el = p.elements[i];
          if (el) stack.push(el);
        }
        break;
      case 'RestElement':
        stack.push(p.argument);
        break;
      case 'AssignmentPattern':
        stack.push(p.left);
        break;
      default:
        // MemberExpression targets (only in assignments) declare nothing.
        break;
    }
  }
}

/** Names a statement declares in the scope it sits in (the file's top level, for units). */
export function declaredNames(stmt: N): string[] {
  const out: string[] = [];
  switch (stmt.type) {
    case 'VariableDeclaration':
      for (const d of stmt.declarations) patternNames(d.id, out);
      break;
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
      if (stmt.id) out.push(stmt.id.name);
      break;
    case 'ImportDeclaration':
      for (const s of stmt.specifiers) out.push(s.local.name);
      break;
    case 'ExportNamedDeclaration':
      if (stmt.declaration) return declaredNames(stmt.declaration);
      break;
    case 'ExportDefaultDeclaration': {
      const d = stmt.declaration;
      if ((d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id) out.push(d.id.name);
      break;
    }
    default:
      break;
  }
  return out;
}

/** The declaration an `export` statement carries, or the statement itself. */
function unexported(stmt: N): N {
  if (stmt.type === 'ExportNamedDeclaration' && stmt.declaration) return stmt.declaration;
  if (stmt.type === 'ExportDefaultDeclaration') return stmt.declaration as N;
  return stmt;
}

/** Kind of a top-level statement, before factories are known (they need the helper names). */
export function statementKind(stmt: N): UnitKind {
  const s = unexported(stmt);
  switch (s.type) {
    case 'FunctionDeclaration':
      return 'function';
    case 'ClassDeclaration':
      return 'class';
    case 'VariableDeclaration':
      return 'variable';
    default:
      return 'statement';
  }
}

const isIdent = (n: N | null | undefined, name?: string): n is acorn.Identifier =>
  !!n && n.type === 'Identifier' && (name === undefined || n.name === name);

/** `fn` or `(0, fn[key])` or `fn[key]`: how the helpers call the module body they were given. */
function callsParam(callee: N, param: string): boolean {
  let c = callee;
  if (c.type === 'SequenceExpression') c = c.expressions[c.expressions.length - 1] as N;
  if (isIdent(c, param)) return true;
  return c.type === 'MemberExpression' && isIdent(c.object as N, param);
}

function isPropNamed(m: N, name: string): boolean {
  if (m.type !== 'MemberExpression') return false;
  const p = m.property as N;
  return m.computed ? p.type === 'Literal' && p.value === name : isIdent(p, name);
}

/** The single expression a function returns: an arrow's expression body or a lone `return x`. */
function returned(fn: N): N | undefined {
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression' && fn.type !== 'FunctionDeclaration') return undefined;
  const body = fn.body as N;
  if (body.type !== 'BlockStatement') return body;
  if (body.body.length !== 1) return undefined;
  const only = body.body[0] as N;
  return only.type === 'ReturnStatement' && only.argument ? (only.argument as N) : undefined;
}

/**
 * What the lazy inner function returns. Besides `() => (…)` and `function () { return … }`,
 * newer esbuild guards it: `{ if (err) throw err[0]; try { return …; } catch (e) { throw … } }`.
 * So: exactly one `return`, at the top of the body or of a `try` block, beside only `if`/`throw`.
 */
function lazyResult(fn: N): N | undefined {
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') return undefined;
  const body = fn.body as N;
  if (body.type !== 'BlockStatement') return body;
  let result: N | undefined;
  let returns = 0;
  const visit = (list: N[]): boolean => {
    for (const st of list) {
      if (st.type === 'ReturnStatement') {
        returns++;
        if (st.argument) result = st.argument as N;
      } else if (st.type === 'TryStatement') {
        if (!visit(st.block.body as N[])) return false;
      } else if (st.type !== 'IfStatement' && st.type !== 'ThrowStatement') {
        return false;
      }
    }
    return true;
  };
  return visit(body.body as N[]) && returns === 1 ? result : undefined;
}

/**
 * A lazy-module helper: `(a, b) => () => …` (or the `function __require()` form) whose inner
 * function calls `a` at most once and caches the result in `b`:
 *   commonjs: `(b || a((b = {exports: {}}).exports, b), b.exports)`
 *   esm:      `(a && (b = a(a = 0)), b)`
 * A third parameter (esbuild ≥ 0.25 caches a thrown error in it) is allowed.
 */
export function helperFamily(fn: N | null | undefined): HelperFamily | undefined {
  if (!fn) return undefined;
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression' && fn.type !== 'FunctionDeclaration') return undefined;
  if (fn.params.length < 2 || fn.params.length > 3 || !isIdent(fn.params[0] as N) || !isIdent(fn.params[1] as N)) return undefined;
  const a = (fn.params[0] as acorn.Identifier).name;
  const b = (fn.params[1] as acorn.Identifier).name;
  const inner = returned(fn);
  if (!inner || (inner.type !== 'ArrowFunctionExpression' && inner.type !== 'FunctionExpression') || inner.params.length !== 0) return undefined;
  const seq = lazyResult(inner);
  if (!seq || seq.type !== 'SequenceExpression' || seq.expressions.length !== 2) return undefined;
  const [first, last] = seq.expressions as [N, N];
  if (first.type !== 'LogicalExpression') return undefined;
  const right = first.right as N;
  // commonjs: b || a(…, b), b.exports — the call must build `b` as `{exports: {}}`.
  if (first.operator === '||' && isIdent(first.left as N, b) && isPropNamed(last, 'exports') && isIdent(last.type === 'MemberExpression' ? (last.object as N) : undefined, b)) {
    if (right.type === 'CallExpression' && callsParam(right.callee as N, a) && right.arguments.some((x) => assignsTo(x as N, b))) return 'commonjs';
  }
  // esm: a && (b = a(a = 0)), b
  if (first.operator === '&&' && isIdent(first.left as N, a) && isIdent(last, b)) {
    if (right.type === 'AssignmentExpression' && isIdent(right.left as N, b)) {
      const call = right.right as N;
      if (call.type === 'CallExpression' && callsParam(call.callee as N, a)) return 'esm';
    }
  }
  return undefined;
}

/** Whether `x` contains `b = …` at its head: `(b = {…}).exports` or `b = {…}`. */
function assignsTo(x: N, b: string): boolean {
  let e = x;
  if (e.type === 'MemberExpression') e = e.object as N;
  return e.type === 'AssignmentExpression' && isIdent(e.left as N, b);
}

/** Helpers a top-level statement declares: `var X = <helper>, …` or `function X(a, b) {…}`. */
export function declaredHelpers(stmt: N): { name: string; family: HelperFamily }[] {
  const s = unexported(stmt);
  const out: { name: string; family: HelperFamily }[] = [];
  if (s.type === 'VariableDeclaration') {
    for (const d of s.declarations) {
      const family = helperFamily(d.init as N | null);
      if (family && d.id.type === 'Identifier') out.push({ name: d.id.name, family });
    }
  } else if (s.type === 'FunctionDeclaration' && s.id) {
    const family = helperFamily(s);
    if (family) out.push({ name: s.id.name, family });
  }
  return out;
}

/** A module body given to a helper: a function of at most two parameters, or esbuild's `{ "path"(exports, module) {…} }`. */
function isModuleBody(arg: N): boolean {
  if (arg.type === 'ArrowFunctionExpression' || arg.type === 'FunctionExpression') return arg.params.length <= 2;
  if (arg.type === 'ObjectExpression' && arg.properties.length === 1) {
    const p = arg.properties[0] as N;
    return p.type === 'Property' && p.value.type === 'FunctionExpression' && p.value.params.length <= 2;
  }
  return false;
}

/** For `var X = callee(<module body>)` (one declarator), the callee's name: a factory if it is a helper. */
export function factoryCallee(stmt: N): string | undefined {
  const s = unexported(stmt);
  if (s.type !== 'VariableDeclaration' || s.declarations.length !== 1) return undefined;
  const d = s.declarations[0]!;
  const init = d.init as N | null | undefined;
  if (d.id.type !== 'Identifier' || !init || init.type !== 'CallExpression' || init.arguments.length !== 1) return undefined;
  if (!isIdent(init.callee as N) || !isModuleBody(init.arguments[0] as N)) return undefined;
  return (init.callee as acorn.Identifier).name;
}

/** Parameters Bun's (and Node's) CommonJS wrapper passes. */
export const CJS_WRAPPER_PARAMS: ReadonlySet<string> = new Set(['exports', 'require', 'module', '__filename', '__dirname']);

export interface Wrapper {
  kind: 'cjs' | 'iife';
  body: acorn.Statement[];
  /** Parameter names of the wrapper function (bindings the inner statements share). */
  params: string[];
}

/** A string-literal expression statement: a directive (`"use strict"`) that may precede a wrapper. */
export function isDirective(stmt: N): boolean {
  return stmt.type === 'ExpressionStatement' && stmt.expression.type === 'Literal' && typeof stmt.expression.value === 'string';
}

/**
 * Whether a statement wraps the whole file: `(function (exports, require, module, __filename,
 * __dirname) {…})` (Bun's CommonJS wrapper), or an IIFE: `(() => {…})()`, `(function () {…})()`,
 * `(function () {…}).call(this)`, `!function () {…}()`.
 */
export function wrapperOf(stmt: N): Wrapper | undefined {
  if (stmt.type !== 'ExpressionStatement') return undefined;
  let e = stmt.expression as N;
  if (e.type === 'UnaryExpression' && (e.operator === '!' || e.operator === 'void')) e = e.argument as N;
  if (e.type === 'FunctionExpression') {
    const names = e.params.map((p) => (p.type === 'Identifier' ? p.name : ''));
    if (!names.every((n) => CJS_WRAPPER_PARAMS.has(n))) return undefined;
    return { kind: 'cjs', body: e.body.body as acorn.Statement[], params: names };
  }
  if (e.type !== 'CallExpression' || !e.arguments.every((a) => isTrivialArgument(a as N))) return undefined;
  let fn = e.callee as N;
  if (fn.type === 'MemberExpression' && !fn.computed && (isIdent(fn.property as N, 'call') || isIdent(fn.property as N, 'apply'))) fn = fn.object as N;
  if ((fn.type === 'FunctionExpression' || fn.type === 'ArrowFunctionExpression') && fn.body.type === 'BlockStatement') {
    if (fn.type === 'FunctionExpression' && fn.generator) return undefined;
    const params: string[] = [];
    for (const p of fn.params) patternNames(p, params);
    return { kind: 'iife', body: fn.body.body as acorn.Statement[], params };
  }
  return undefined;
}

/** Longest argument source an IIFE may be given and still count as a wrapper (`this`, `typeof self < "u" ? self : this`). */
const MAX_WRAPPER_ARGUMENT = 200;

/**
 * An argument that carries no code of its own. `(function (modules) {…})([…])` (webpack) or a
 * UMD's `(function (root, factory) {…})(this, function () {…})` pass the code itself: unwrapping
 * the function would drop it, so those are not wrappers.
 */
function isTrivialArgument(a: N): boolean {
  if (a.end - a.start > MAX_WRAPPER_ARGUMENT) return false;
  switch (a.type) {
    case 'Identifier':
    case 'ThisExpression':
    case 'Literal':
    case 'MemberExpression':
    case 'UnaryExpression':
    case 'BinaryExpression':
    case 'LogicalExpression':
    case 'ConditionalExpression':
      return true;
    default:
      return false;
  }
}
