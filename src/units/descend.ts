// Units below a file's top level. A library shipped as one wrapper (a UMD factory, an IIFE,
// lodash's `runInContext`, a bundler's big module function) would otherwise be one unit, and a
// nine-line edit would show as a changed wrapper of thousands of lines; a minifier's long `var`
// list would be one unit that a declaration added in its middle splits in two. So, while a
// statement's AST exists (at parse time):
//  - a long declaration list becomes one piece per declarator;
//  - a large statement whose code sits in one function body becomes the body's statements (split
//    in turn), plus one 'wrapper' piece for what is left: its head (`var f = function (a) {`) and
//    its closing (`};`), read as one text, which parses on its own.
import type * as acorn from 'acorn';
import { declaredNames, isDirective, patternNames, statementKind } from './shapes.js';
import type { UnitKind } from './types.js';

/** Statements at least this long are looked into. */
export const DESCEND_MIN_CHARS = 16 * 1024;
/** A declaration list with at least this many declarators is one piece per declarator. */
export const SPLIT_DECLARATORS = 2;
/** A body with fewer statements is not split. */
const MIN_BODY_STATEMENTS = 3;
/** Wrappers inside wrappers are split up to this depth. */
const MAX_DEPTH = 4;
/** The function holding the code must be most of the statement, or the statement is code of its own. */
const MIN_BODY_SHARE = 0.6;

type N = acorn.AnyNode;
type Fn = acorn.FunctionExpression | acorn.ArrowFunctionExpression | acorn.FunctionDeclaration;

export interface Piece {
  start: number;
  end: number;
  kind: UnitKind;
  declares: string[];
  /** For a 'wrapper' piece: its closing (the text after its body). */
  closing?: { start: number; end: number };
  /** Index, among the pieces of the same top-level statement, of the wrapper whose body this piece is in. */
  parent?: number;
  /** For one declarator of a split declaration list: its list's keyword, which its text needs to read as a declaration. */
  keyword?: 'var' | 'let' | 'const';
  /** The statement (or a declaration of one declarator) to analyse for this piece; absent for wrappers. */
  node?: acorn.Statement;
}

const isFn = (n: N | null | undefined): n is Fn =>
  !!n && (n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression' || n.type === 'FunctionDeclaration') && n.body.type === 'BlockStatement';

/** The largest function among an expression's direct parts: a callee, an argument, an initialiser, a right-hand side. */
function holder(e: N | null | undefined, depth = 0): Fn | undefined {
  if (!e || depth > 6) return undefined;
  if (isFn(e)) return e;
  switch (e.type) {
    case 'UnaryExpression':
      return holder(e.argument, depth + 1);
    case 'AssignmentExpression':
      return holder(e.right, depth + 1);
    case 'SequenceExpression':
      return largest(e.expressions.map((x) => holder(x, depth + 1)));
    case 'NewExpression':
    case 'CallExpression': {
      let callee = e.callee as N;
      // `(function () {…}).call(this)`
      if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && /^(?:call|apply)$/.test(callee.property.name)) callee = callee.object;
      return largest([holder(callee, depth + 1), ...e.arguments.map((a) => holder(a as N, depth + 1))]);
    }
    default:
      return undefined;
  }
}

function largest(fns: (Fn | undefined)[]): Fn | undefined {
  let best: Fn | undefined;
  for (const f of fns) if (f && (!best || f.end - f.start > best.end - best.start)) best = f;
  return best;
}

/** The function whose body holds a statement's code, if one does. */
function holderOf(stmt: N): Fn | undefined {
  switch (stmt.type) {
    case 'FunctionDeclaration':
      return isFn(stmt) ? stmt : undefined;
    case 'ExpressionStatement':
      return holder(stmt.expression);
    case 'VariableDeclaration':
      return stmt.declarations.length === 1 ? holder(stmt.declarations[0]!.init) : undefined;
    case 'ExportDefaultDeclaration':
      return holder(stmt.declaration as N);
    case 'ExportNamedDeclaration':
      return stmt.declaration ? holderOf(stmt.declaration) : undefined;
    default:
      return undefined;
  }
}

function declarationList(stmt: N): acorn.VariableDeclaration | undefined {
  const s = stmt.type === 'ExportNamedDeclaration' && stmt.declaration ? stmt.declaration : stmt;
  return s.type === 'VariableDeclaration' && s.declarations.length >= SPLIT_DECLARATORS ? s : undefined;
}

/** A body with more statements is not split (it is one long piece of logic, or generated). */
const MAX_BODY_STATEMENTS = 20_000;

/** What a module body is made of: declarations, and assignments of functions, classes or objects (`X.prototype.f = function…`). */
function declarationLike(stmt: N): boolean {
  switch (stmt.type) {
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
    case 'VariableDeclaration':
    case 'ExportNamedDeclaration':
    case 'ExportDefaultDeclaration':
    case 'ImportDeclaration':
      return true;
    case 'ExpressionStatement': {
      const e = stmt.expression;
      if (e.type !== 'AssignmentExpression') return false;
      const r = e.right.type;
      return r === 'FunctionExpression' || r === 'ArrowFunctionExpression' || r === 'ClassExpression' || r === 'ObjectExpression' || r === 'CallExpression';
    }
    default:
      return false;
  }
}

/**
 * The body a statement is split into, when it is large, its code sits in one function, and that
 * function is a container (a module's body: mostly declarations), not one long piece of logic.
 */
function splitBody(stmt: N): { fn: Fn; body: acorn.Statement[] } | undefined {
  if (stmt.end - stmt.start < DESCEND_MIN_CHARS) return undefined;
  const fn = holderOf(stmt);
  if (!fn || fn.end - fn.start < MIN_BODY_SHARE * (stmt.end - stmt.start)) return undefined;
  const body = (fn.body as acorn.BlockStatement).body;
  const code = body.filter((b) => !isDirective(b as N));
  if (code.length < MIN_BODY_STATEMENTS || code.length > MAX_BODY_STATEMENTS) return undefined;
  if (code.filter((b) => declarationLike(b as N)).length * 2 < code.length) return undefined;
  return { fn, body };
}

/** Whether a statement is split at all (otherwise it is one unit, as it always was). */
export function isSplit(stmt: N): boolean {
  return declarationList(stmt) !== undefined || splitBody(stmt) !== undefined;
}

/**
 * The pieces of one statement, in source order, and the names the split functions bind for
 * their bodies (parameters, function names), which the body's units refer to.
 */
export function piecesOf(stmt: acorn.Statement, params: string[], depth = 0, parent?: number, out: Piece[] = []): Piece[] {
  const list = declarationList(stmt);
  if (list) {
    for (const d of list.declarations) {
      // Each declarator analysed as a declaration of its own, over its own tokens.
      const alone = { type: 'VariableDeclaration', kind: list.kind, declarations: [d], start: d.start, end: d.end } as acorn.VariableDeclaration;
      const from = out.length;
      piecesOf(alone, params, depth, parent, out);
      // The declarator's piece (or the wrapper of the function it holds) reads as a declaration with the keyword.
      if (out[from] && (list.kind === 'var' || list.kind === 'let' || list.kind === 'const')) out[from]!.keyword = list.kind;
    }
    return out;
  }
  const split = depth < MAX_DEPTH ? splitBody(stmt) : undefined;
  if (!split) {
    const p: Piece = { start: stmt.start, end: stmt.end, kind: statementKind(stmt as N), declares: declaredNames(stmt as N), node: stmt };
    if (parent !== undefined) p.parent = parent;
    out.push(p);
    return out;
  }
  const { fn, body } = split;
  const wrapper: Piece = { start: stmt.start, end: body[0]!.start, kind: 'wrapper', declares: declaredNames(stmt as N), closing: { start: body[body.length - 1]!.end, end: stmt.end } };
  if (parent !== undefined) wrapper.parent = parent;
  const at = out.length;
  out.push(wrapper);
  for (const p of fn.params) patternNames(p, params);
  if (fn.id) params.push(fn.id.name);
  for (const b of body) piecesOf(b, params, depth + 1, at, out);
  return out;
}
