// What a name refers to in one unit: its bindings per function (declarations, parameters, imports,
// destructuring, loop and callback elements), the references to each, assignments to names the
// unit does not declare (other units' top-level names, globals), and each function's returns.
// Built once from the walked tree, then only read.
import { calleeName, calleeObject, isFunction, propertyName, type Node, type Walked } from './ast.js';

/** One way a binding gets its value. */
export type Def =
  | { kind: 'init'; expr: Node }
  | { kind: 'assign'; expr: Node }
  | { kind: 'fn'; fn: Node }
  | { kind: 'param'; fn: Node; index: number }
  | { kind: 'element'; of: Node }
  | { kind: 'prop'; from: Node; key: string }
  | { kind: 'import'; module: string; imported: string }
  | { kind: 'opaque' };

export interface Binding {
  name: string;
  defs: Def[];
  refs: Node[];
}

/** Methods whose callback's first parameter is an element of the list they run on. */
const CALLBACK_METHODS = new Set(['some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'filter', 'forEach', 'map', 'flatMap']);

export class Scope {
  private readonly fnOf = new Map<Node, Node>();
  private readonly scopes = new Map<Node, Map<string, Binding>>();
  private readonly bindingIds = new Map<Node, Binding>();
  private readonly refs = new Map<Node, Binding>();
  /** Assignments to names this unit does not declare (other units' top-level names, globals). */
  readonly freeAssign = new Map<string, Node[]>();
  /** Names read but not declared here: other units' top-level names and globals. */
  readonly freeNames = new Set<string>();
  private readonly returns = new Map<Node, Node[]>();

  constructor(
    readonly walked: Walked,
    readonly ast: Node,
  ) {
    this.buildScopes();
  }

  nodes(type: string): readonly Node[] {
    return this.walked.byType.get(type) ?? [];
  }

  parent(n: Node): Node | undefined {
    return this.walked.parent.get(n);
  }

  /** The function a node is in (the program for top-level code). */
  functionOf(n: Node): Node {
    return this.fnOf.get(n) ?? this.ast;
  }

  /** The expressions a function returns (not an arrow's expression body). */
  returnsOf(fn: Node): readonly Node[] {
    return this.returns.get(fn) ?? [];
  }

  private scope(fn: Node): Map<string, Binding> {
    let s = this.scopes.get(fn);
    if (!s) this.scopes.set(fn, (s = new Map()));
    return s;
  }

  private declare(id: Node, fn: Node, def: Def | undefined): void {
    const s = this.scope(fn);
    let b = s.get(id.name);
    if (!b) s.set(id.name, (b = { name: id.name, defs: [], refs: [] }));
    if (def && b.defs.length < 32) b.defs.push(def);
    this.bindingIds.set(id, b);
  }

  /** Declares the names of a pattern; each name's definition is derived from `def`. */
  private declarePattern(p: Node | null | undefined, fn: Node, def: Def | undefined): void {
    const stack: Array<{ p: Node; def: Def | undefined }> = p ? [{ p, def }] : [];
    for (let guard = 0; stack.length > 0 && guard < 10_000; guard++) {
      const { p: cur, def: d } = stack.pop()!;
      switch (cur.type) {
        case 'Identifier':
          this.declare(cur, fn, d);
          break;
        case 'AssignmentPattern':
          stack.push({ p: cur.left, def: d });
          stack.push({ p: cur.left, def: { kind: 'init', expr: cur.right } });
          break;
        case 'ObjectPattern':
          for (const prop of cur.properties) {
            if (prop.type === 'RestElement') stack.push({ p: prop.argument, def: d });
            else {
              const key = propertyName(prop);
              const from = d && (d.kind === 'init' || d.kind === 'assign') ? d.expr : undefined;
              stack.push({ p: prop.value, def: from && key !== undefined ? { kind: 'prop', from, key } : d ? { kind: 'opaque' } : undefined });
            }
          }
          break;
        case 'ArrayPattern':
          for (const el of cur.elements) {
            if (!el) continue;
            const from = d && (d.kind === 'init' || d.kind === 'assign') ? d.expr : undefined;
            stack.push({ p: el.type === 'RestElement' ? el.argument : el, def: from ? { kind: 'element', of: from } : d });
          }
          break;
        case 'RestElement':
          stack.push({ p: cur.argument, def: d });
          break;
        default:
          break; // member expressions in assignment patterns
      }
    }
  }

  private buildScopes(): void {
    const { nodes, parent } = this.walked;
    const root = this.ast;
    // Owning function of every node, in one pre-order pass (a parent is always seen first).
    for (const n of nodes) {
      const p = parent.get(n);
      if (!p) continue;
      this.fnOf.set(n, isFunction(p) ? p : (this.fnOf.get(p) ?? root));
    }
    for (const n of nodes) {
      switch (n.type) {
        case 'VariableDeclaration': {
          const p = parent.get(n);
          const loop = p && (p.type === 'ForOfStatement' || p.type === 'ForInStatement') && p.left === n ? p : undefined;
          const fn = this.functionOf(n);
          for (const d of n.declarations) {
            const def: Def | undefined = loop ? (loop.type === 'ForOfStatement' ? { kind: 'element', of: loop.right } : { kind: 'opaque' }) : d.init ? { kind: 'init', expr: d.init } : undefined;
            this.declarePattern(d.id, fn, def);
          }
          break;
        }
        case 'FunctionDeclaration':
          if (n.id) this.declare(n.id, this.functionOf(n), { kind: 'fn', fn: n });
          this.declareParams(n);
          break;
        case 'FunctionExpression':
          if (n.id) this.declare(n.id, n, { kind: 'fn', fn: n });
          this.declareParams(n);
          break;
        case 'ArrowFunctionExpression':
          this.declareParams(n);
          break;
        case 'ClassDeclaration':
          if (n.id) this.declare(n.id, this.functionOf(n), { kind: 'opaque' });
          break;
        case 'ClassExpression':
          if (n.id) this.declare(n.id, this.functionOf(n), { kind: 'opaque' });
          break;
        case 'CatchClause':
          if (n.param) this.declarePattern(n.param, this.functionOf(n), { kind: 'opaque' });
          break;
        case 'ImportDeclaration': {
          const module = String(n.source?.value ?? '').replace(/^node:/, '');
          for (const s of n.specifiers) {
            const imported = s.type === 'ImportSpecifier' ? (s.imported.name ?? s.imported.value) : '*';
            this.declare(s.local, root, { kind: 'import', module, imported });
          }
          break;
        }
        default:
          break;
      }
    }
    // Callback parameters are the elements of the list the method runs on.
    for (const call of this.nodes('CallExpression')) {
      const name = calleeName(call);
      const obj = calleeObject(call);
      if (!obj || name === undefined) continue;
      const cb = call.arguments[0];
      if (!cb || !isFunction(cb)) continue;
      if (CALLBACK_METHODS.has(name) && cb.params[0]) this.declarePattern(cb.params[0], cb, { kind: 'element', of: obj });
      else if (name === 'reduce' && cb.params[1]) this.declarePattern(cb.params[1], cb, { kind: 'element', of: obj });
    }
    // References and assignments.
    for (const id of this.nodes('Identifier')) {
      if (this.bindingIds.has(id) || !this.isReference(id)) continue;
      const b = this.lookup(id);
      if (b) {
        this.refs.set(id, b);
        if (b.refs.length < 64) b.refs.push(id);
      } else this.freeNames.add(id.name);
    }
    for (const a of this.nodes('AssignmentExpression')) {
      if (a.left.type !== 'Identifier') {
        if (a.left.type === 'ObjectPattern' || a.left.type === 'ArrayPattern') this.assignPattern(a.left, a.right);
        continue;
      }
      const b = this.refs.get(a.left);
      if (b) {
        if (b.defs.length < 32) b.defs.push({ kind: 'assign', expr: a.right });
      } else {
        const list = this.freeAssign.get(a.left.name) ?? [];
        if (list.length < 16) list.push(a.right);
        this.freeAssign.set(a.left.name, list);
      }
    }
    for (const r of this.nodes('ReturnStatement')) {
      if (!r.argument) continue;
      const fn = this.functionOf(r);
      const list = this.returns.get(fn) ?? [];
      if (list.length < 256) list.push(r.argument);
      this.returns.set(fn, list);
    }
  }

  private assignPattern(p: Node, right: Node): void {
    for (const id of collectIdentifiers(p)) {
      const b = this.refs.get(id);
      if (b && b.defs.length < 32) b.defs.push({ kind: 'element', of: right });
    }
  }

  private declareParams(fn: Node): void {
    fn.params.forEach((p: Node, index: number) => this.declarePattern(p, fn, { kind: 'param', fn, index }));
  }

  private isReference(id: Node): boolean {
    const p = this.parent(id);
    if (!p) return true;
    switch (p.type) {
      case 'MemberExpression':
        return p.object === id || p.computed;
      case 'Property':
        return p.value === id || p.computed;
      case 'MethodDefinition':
      case 'PropertyDefinition':
        return p.computed || p.value === id;
      case 'LabeledStatement':
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'MetaProperty':
        return false;
      case 'ExportSpecifier':
        return p.local === id;
      case 'ImportSpecifier':
      case 'ImportDefaultSpecifier':
      case 'ImportNamespaceSpecifier':
        return false;
      default:
        return true;
    }
  }

  private lookup(id: Node): Binding | undefined {
    let fn: Node | undefined = this.functionOf(id);
    for (let guard = 0; fn && guard < 512; guard++) {
      const b = this.scopes.get(fn)?.get(id.name);
      if (b) return b;
      if (fn === this.ast) return undefined;
      fn = this.functionOf(fn);
    }
    return undefined;
  }

  /** The binding of an identifier (a reference or a declaration), if this unit declares it. */
  bindingOf(id: Node): Binding | undefined {
    return this.refs.get(id) ?? this.bindingIds.get(id);
  }

  /** Names the unit declares at its top (its program scope). */
  topLevelBindings(): Map<string, Binding> {
    return this.scopes.get(this.ast) ?? new Map();
  }

  /** The binding a function is declared or initialised as (`function f`, `const f = () => …`). */
  localFunctionBinding(fn: Node): Binding | undefined {
    if (fn.type === 'FunctionDeclaration' && fn.id) return this.bindingIds.get(fn.id);
    const p = this.parent(fn);
    if (p?.type === 'VariableDeclarator' && p.init === fn && p.id.type === 'Identifier') return this.bindingIds.get(p.id);
    return undefined;
  }
}

function collectIdentifiers(p: Node): Node[] {
  const out: Node[] = [];
  const stack: Node[] = [p];
  for (let guard = 0; stack.length > 0 && guard < 10_000; guard++) {
    const cur = stack.pop()!;
    if (cur.type === 'Identifier') out.push(cur);
    else if (cur.type === 'ObjectPattern') {
      for (const prop of cur.properties) stack.push(prop.type === 'RestElement' ? prop.argument : prop.value);
    } else if (cur.type === 'ArrayPattern') {
      for (const el of cur.elements) if (el) stack.push(el);
    } else if (cur.type === 'AssignmentPattern') stack.push(cur.left);
    else if (cur.type === 'RestElement') stack.push(cur.argument);
  }
  return out;
}
