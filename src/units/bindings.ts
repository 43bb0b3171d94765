// Which identifiers of a unit are bindings a minifier may rename, found by real scope analysis
// rather than by name: a local `process` is renamed, the global one is not.
//
// A lean resolver over acorn's AST that gives exactly the bindings eslint-scope 9 gives (its
// scopes, hoisting, the parameter/body split, direct `eval` and `with`), without its objects:
// eslint-scope allocated a Reference, Variable, Definition or Scope with maps for every name and
// took ~1.4 s of the flagship's ~2 s of drafting, plus much of its garbage collection.
// test/units/bindings.test.ts checks it against eslint-scope on real code.
import type * as acorn from 'acorn';
import type { SourceType } from './acorn-parser.js';

export interface Bindings {
  /** Identifier start → binding key, for the bindings the unit itself decides. */
  keyAt: Map<number, number>;
  /**
   * Identifier start → name, for unresolved references to a name the unit does not declare at
   * its top level: another unit's top-level name or a real global, which only the file can tell.
   */
  freeAt: Map<number, string>;
  /** Names the unit declares in some scope (an unresolved reference to one is still local). */
  declared: Set<string>;
}

type N = acorn.AnyNode;
type Id = acorn.Identifier;

// Scope kinds, as eslint-scope has them.
const GLOBAL = 0;
const MODULE = 1;
const FUNCTION = 2;
const ARROW = 3;
const FUNCTION_NAME = 4;
const CATCH = 5;
const WITH = 6;
const BLOCK = 7;
const CLASS = 8;
const FIELD = 9; // class field initializer
const STATIC_BLOCK = 10;

interface Variable {
  key: number;
  /** Start of the first declaring identifier (a function's body variables start at or after its body). */
  firstDef: number;
}

class Scope {
  vars: Map<string, Variable> | null = null;
  /** References not resolved yet: resolved when the scope closes, when all its names are known. */
  pending: Id[] = [];
  /** Set by a direct `eval` here or below: references closed here are left unresolved. */
  dynamic = false;
  readonly variableScope: Scope;

  constructor(
    readonly kind: number,
    readonly upper: Scope | null,
    /** For functions: start of the body (references before it are in the parameters). */
    readonly bodyStart = 0,
  ) {
    const own = kind === GLOBAL || kind === MODULE || kind === FUNCTION || kind === ARROW || kind === FIELD || kind === STATIC_BLOCK;
    this.variableScope = own || !upper ? this : upper.variableScope;
  }
}

const isPattern = (n: N): boolean =>
  n.type === 'Identifier' || n.type === 'ObjectPattern' || n.type === 'ArrayPattern' || n.type === 'RestElement' || n.type === 'AssignmentPattern' || (n.type as string) === 'SpreadElement';

/**
 * Resolves every binding of the unit. Keys:
 *  - a declared variable (its declaration and resolved references share one key; a class name
 *    declared both outside and inside its class body is one binding);
 *  - in script mode, an unresolved reference to a variable the unit declares at its top level
 *    (references closed in a scope made dynamic by a direct `eval` are left unresolved).
 * Other unresolved references are free (`freeAt`): the file decides whether the name is another
 * unit's (renamed too), a name the unit declares somewhere (direct `eval`, `with`, sloppy block
 * functions; keyed by name) or a real global (kept). The implicit `arguments` is kept.
 * Throws, as eslint-scope does, on an `import` declaration in script mode.
 */
export function resolveBindings(ast: acorn.Program, sourceType: SourceType): Bindings {
  const keyAt = new Map<number, number>();
  const freeAt = new Map<number, string>();
  const declared = new Resolver(sourceType, {
    key: (at, key) => keyAt.set(at, key),
    free: (at, name) => freeAt.set(at, name),
  }).run(ast);
  return { keyAt, freeAt, declared };
}

/** Where the resolver writes what it finds, by identifier start. */
export interface BindingSink {
  key(at: number, key: number): void;
  free(at: number, name: string): void;
}

/**
 * The same as `resolveBindings`, written into a table by offset (no map entry per identifier):
 * `table.at(start)` is the key, FREE for a free name (the name is the identifier's), or NONE.
 * Returns the names the unit declares.
 */
export function resolveInto(ast: acorn.Program, sourceType: SourceType, table: BindingTable): Set<string> {
  table.reset(ast.start, ast.end);
  return new Resolver(sourceType, table).run(ast);
}

export const NONE = -2;
export const FREE = -1;

/** Bindings by offset within one unit, reused from unit to unit (entries expire by generation). */
export class BindingTable implements BindingSink {
  private base = 0;
  private gen = 0;
  private stamps = new Uint32Array(0);
  private values = new Int32Array(0);

  get capacity(): number {
    return this.stamps.length;
  }

  reset(start: number, end: number): void {
    this.base = start;
    const size = end - start + 1;
    if (size > this.stamps.length || this.gen === 0xffffffff) {
      this.stamps = new Uint32Array(Math.max(size, this.stamps.length * 2, 4096));
      this.values = new Int32Array(this.stamps.length);
      this.gen = 0;
    }
    this.gen++;
  }

  key(at: number, key: number): void {
    const i = at - this.base;
    this.stamps[i] = this.gen;
    this.values[i] = key;
  }

  /** A key found for the same identifier wins over its being free. */
  free(at: number): void {
    const i = at - this.base;
    if (this.stamps[i] === this.gen) return;
    this.stamps[i] = this.gen;
    this.values[i] = FREE;
  }

  at(at: number): number {
    const i = at - this.base;
    return i >= 0 && i < this.stamps.length && this.stamps[i] === this.gen ? this.values[i]! : NONE;
  }
}

class Resolver {
  readonly declared = new Set<string>();
  private next = 0;
  private scope!: Scope;
  private global!: Scope;

  constructor(
    private readonly sourceType: SourceType,
    private readonly out: BindingSink,
  ) {}

  run(ast: acorn.Program): Set<string> {
    this.global = this.scope = new Scope(GLOBAL, null);
    if (this.sourceType === 'module') this.nest(MODULE);
    for (const s of ast.body) this.visit(s as N);
    if (this.sourceType === 'module') this.close();
    this.close();
    return this.declared;
  }

  private nest(kind: number, bodyStart = 0): Scope {
    return (this.scope = new Scope(kind, this.scope, bodyStart));
  }

  private define(scope: Scope, id: Id | null | undefined, key?: number): Variable | undefined {
    if (!id || id.type !== 'Identifier') return undefined;
    const vars = (scope.vars ??= new Map());
    let v = vars.get(id.name);
    if (!v) {
      v = { key: key ?? this.next++, firstDef: id.start };
      vars.set(id.name, v);
      this.declared.add(id.name);
    } else if (id.start < v.firstDef) {
      v.firstDef = id.start;
    }
    this.out.key(id.start, v.key);
    return v;
  }

  private reference(id: Id): void {
    this.scope.pending.push(id);
  }

  /** Resolves what is pending in the current scope (or hands it up) and leaves the scope. */
  private close(): void {
    const scope = this.scope;
    const upper = scope.upper;
    const pending = scope.pending;
    // A `with` hands everything up; a scope a direct `eval` may add names to resolves nothing.
    const through = scope.kind === WITH ? 0 : scope.dynamic && scope.kind !== GLOBAL ? 1 : 2;
    for (let i = 0; i < pending.length; i++) {
      const id = pending[i]!;
      if (through === 1) {
        this.unresolved(id);
        continue;
      }
      if (through === 2) {
        const v = scope.vars?.get(id.name);
        if (scope.kind === FUNCTION || scope.kind === ARROW) {
          // References in the parameters do not see variables declared only in the body.
          const inParams = id.start < scope.bodyStart;
          if (v) {
            if (!(inParams && v.firstDef >= scope.bodyStart)) {
              this.out.key(id.start, v.key);
              continue;
            }
          } else if (scope.kind === FUNCTION && id.name === 'arguments' && !inParams) {
            continue; // the implicit `arguments`: kept as it is
          }
        } else if (v) {
          this.out.key(id.start, v.key);
          continue;
        }
      }
      if (upper) upper.pending.push(id);
      else this.unresolved(id);
    }
    scope.pending = [];
    this.scope = upper!;
  }

  private unresolved(id: Id): void {
    const g = this.sourceType === 'script' ? this.global.vars?.get(id.name) : undefined;
    if (g) this.out.key(id.start, g.key);
    else this.out.free(id.start, id.name);
  }

  /** Calls `found` on each name a pattern binds or assigns; collects the expressions inside it. */
  private pattern(root: N, rightHand: N[] | null, found: (id: Id, hasDefault: boolean) => void): void {
    const walk = (p: N | null | undefined, defaults: number): void => {
      if (!p) return;
      switch (p.type) {
        case 'Identifier':
          found(p, defaults > 0);
          return;
        case 'Property':
          if (p.computed) rightHand?.push(p.key as N);
          walk(p.value as N, defaults);
          return;
        case 'ObjectPattern':
          for (const q of p.properties) walk(q as N, defaults);
          return;
        case 'ArrayPattern':
        case 'ArrayExpression':
          for (const e of p.elements) walk(e as N | null, defaults);
          return;
        case 'AssignmentPattern':
          walk(p.left as N, defaults + 1);
          rightHand?.push(p.right as N);
          return;
        case 'AssignmentExpression':
          walk(p.left as N, defaults + 1);
          rightHand?.push(p.right as N);
          return;
        case 'RestElement':
        case 'SpreadElement':
          walk(p.argument as N, defaults);
          return;
        case 'MemberExpression':
          if (p.computed) rightHand?.push(p.property as N);
          rightHand?.push(p.object as N);
          return;
        case 'CallExpression':
          for (const a of p.arguments) rightHand?.push(a as N);
          walk(p.callee as N, defaults);
          return;
        default:
          eachChild(p, (c) => walk(c, defaults));
      }
    };
    walk(root, 0);
  }

  private visitRightHand(rightHand: N[]): void {
    for (const n of rightHand) this.visit(n);
  }

  private visitAll(list: readonly (N | null | undefined)[]): void {
    for (let i = 0; i < list.length; i++) {
      const n = list[i];
      if (n) this.visit(n);
    }
  }

  private visit(node: N | null | undefined): void {
    if (!node) return;
    switch (node.type) {
      case 'Identifier':
        this.reference(node);
        return;
      case 'Literal':
      case 'ThisExpression':
      case 'Super':
      case 'TemplateElement':
      case 'PrivateIdentifier':
      case 'MetaProperty':
      case 'EmptyStatement':
      case 'DebuggerStatement':
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'ExportAllDeclaration':
        return;
      case 'ExpressionStatement':
        this.visit(node.expression as N);
        return;
      case 'BlockStatement':
        this.nest(BLOCK);
        this.visitAll(node.body as N[]);
        this.close();
        return;
      case 'StaticBlock':
        this.nest(STATIC_BLOCK);
        this.visitAll(node.body as N[]);
        this.close();
        return;
      case 'IfStatement':
        this.visit(node.test as N);
        this.visit(node.consequent as N);
        this.visit(node.alternate as N | null);
        return;
      case 'LabeledStatement':
        this.visit(node.body as N);
        return;
      case 'WithStatement':
        this.visit(node.object as N);
        this.nest(WITH);
        this.visit(node.body as N);
        this.close();
        return;
      case 'SwitchStatement':
        this.visit(node.discriminant as N);
        this.nest(BLOCK);
        for (const c of node.cases) {
          this.visit(c.test as N | null);
          this.visitAll(c.consequent as N[]);
        }
        this.close();
        return;
      case 'ReturnStatement':
      case 'ThrowStatement':
      case 'UnaryExpression':
      case 'AwaitExpression':
      case 'YieldExpression':
      case 'SpreadElement':
        this.visit(node.argument as N | null);
        return;
      case 'TryStatement':
        this.visit(node.block as N);
        this.visit(node.handler as N | null);
        this.visit(node.finalizer as N | null);
        return;
      case 'CatchClause': {
        const scope = this.nest(CATCH);
        if (node.param) {
          const rightHand: N[] = [];
          this.pattern(node.param as N, rightHand, (id, hasDefault) => {
            this.define(scope, id);
            if (hasDefault) this.reference(id);
          });
          this.visitRightHand(rightHand);
        }
        this.visit(node.body as N);
        this.close();
        return;
      }
      case 'WhileStatement':
        this.visit(node.test as N);
        this.visit(node.body as N);
        return;
      case 'DoWhileStatement':
        this.visit(node.body as N);
        this.visit(node.test as N);
        return;
      case 'ForStatement': {
        const init = node.init as N | null;
        const scoped = init?.type === 'VariableDeclaration' && init.kind !== 'var';
        if (scoped) this.nest(BLOCK);
        this.visit(init);
        this.visit(node.test as N | null);
        this.visit(node.update as N | null);
        this.visit(node.body as N);
        if (scoped) this.close();
        return;
      }
      case 'ForInStatement':
      case 'ForOfStatement':
        this.visitForIn(node);
        return;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        this.visitFunction(node);
        return;
      case 'VariableDeclaration':
        this.visitDeclaration(node);
        return;
      case 'ClassDeclaration':
      case 'ClassExpression': {
        const outer = node.type === 'ClassDeclaration' ? this.define(this.scope, node.id) : undefined;
        const scope = this.nest(CLASS);
        // The name inside the class body is the same binding as outside.
        this.define(scope, node.id, outer?.key);
        this.visit(node.superClass as N | null);
        this.visit(node.body as N);
        this.close();
        return;
      }
      case 'ClassBody':
        this.visitAll(node.body as N[]);
        return;
      case 'MethodDefinition':
      case 'Property':
        if (node.computed) this.visit(node.key as N);
        this.visit(node.value as N);
        return;
      case 'PropertyDefinition':
        if (node.computed) this.visit(node.key as N);
        if (node.value) {
          this.nest(FIELD);
          this.visit(node.value as N);
          this.close();
        }
        return;
      case 'ArrayExpression':
        this.visitAll(node.elements as (N | null)[]);
        return;
      case 'ObjectExpression':
        this.visitAll(node.properties as N[]);
        return;
      case 'UpdateExpression': {
        const arg = node.argument as N;
        if (isPattern(arg)) {
          if (arg.type === 'Identifier') this.reference(arg);
        } else {
          this.visit(arg);
        }
        return;
      }
      case 'BinaryExpression':
      case 'LogicalExpression':
        this.visit(node.left as N);
        this.visit(node.right as N);
        return;
      case 'AssignmentExpression': {
        const left = node.left as N;
        if (isPattern(left)) {
          if (node.operator === '=') {
            const rightHand: N[] = [];
            this.pattern(left, rightHand, (id) => this.reference(id));
            this.visitRightHand(rightHand);
          } else if (left.type === 'Identifier') {
            this.reference(left);
          }
        } else {
          this.visit(left);
        }
        this.visit(node.right as N);
        return;
      }
      case 'ConditionalExpression':
        this.visit(node.test as N);
        this.visit(node.consequent as N);
        this.visit(node.alternate as N);
        return;
      case 'CallExpression': {
        const callee = node.callee as N;
        // A direct `eval` may declare names: its variable scope and every scope around it.
        if (callee.type === 'Identifier' && callee.name === 'eval') {
          for (let s: Scope | null = this.scope.variableScope; s; s = s.upper) s.dynamic = true;
        }
        this.visit(callee);
        this.visitAll(node.arguments as N[]);
        return;
      }
      case 'NewExpression':
        this.visit(node.callee as N);
        this.visitAll(node.arguments as N[]);
        return;
      case 'MemberExpression':
        this.visit(node.object as N);
        if (node.computed) this.visit(node.property as N);
        return;
      case 'ChainExpression':
        this.visit(node.expression as N);
        return;
      case 'SequenceExpression':
        this.visitAll(node.expressions as N[]);
        return;
      case 'TemplateLiteral':
        this.visitAll(node.expressions as N[]);
        return;
      case 'TaggedTemplateExpression':
        this.visit(node.tag as N);
        this.visit(node.quasi as N);
        return;
      case 'ImportExpression':
        // eslint-scope (estraverse's keys) reads the source only, not the options.
        this.visit(node.source as N);
        return;
      case 'ImportDeclaration':
        if (this.sourceType !== 'module') throw new Error('ImportDeclaration should appear when the mode is ES6 and in the module context.');
        for (const s of node.specifiers) this.define(this.scope, s.local);
        return;
      case 'ExportNamedDeclaration':
        if (node.source) return;
        if (node.declaration) this.visit(node.declaration as N);
        else for (const s of node.specifiers) this.visit(s.local as N);
        return;
      case 'ExportDefaultDeclaration':
        this.visit(node.declaration as N);
        return;
      default:
        // Patterns outside a pattern context and node types acorn may add later: every child.
        eachChild(node, (c) => this.visit(c));
    }
  }

  private visitFunction(node: acorn.Function): void {
    if (node.type === 'FunctionDeclaration') this.define(this.scope, node.id);
    const named = node.type === 'FunctionExpression' && !!node.id;
    if (named) this.define(this.nest(FUNCTION_NAME), node.id);
    const scope = this.nest(node.type === 'ArrowFunctionExpression' ? ARROW : FUNCTION, node.body.start);
    for (const p of node.params) {
      const rightHand: N[] = [];
      this.pattern(p as N, rightHand, (id, hasDefault) => {
        this.define(scope, id);
        if (hasDefault) this.reference(id);
      });
      this.visitRightHand(rightHand);
    }
    // The body's block is the function's scope, not a block scope of its own.
    if (node.body.type === 'BlockStatement') this.visitAll(node.body.body as N[]);
    else this.visit(node.body as N);
    this.close();
    if (named) this.close();
  }

  private visitDeclaration(node: acorn.VariableDeclaration): void {
    const target = node.kind === 'var' ? this.scope.variableScope : this.scope;
    for (const d of node.declarations) {
      const rightHand: N[] = [];
      const init = !!d.init;
      this.pattern(d.id as N, rightHand, (id, hasDefault) => {
        this.define(target, id);
        // An initialised or defaulted name is also written: a reference from the current scope.
        if (hasDefault || init) this.reference(id);
      });
      this.visitRightHand(rightHand);
      this.visit(d.init as N | null | undefined);
    }
  }

  private visitForIn(node: acorn.ForInStatement | acorn.ForOfStatement): void {
    const left = node.left as N;
    const scoped = left.type === 'VariableDeclaration' && left.kind !== 'var';
    if (scoped) this.nest(BLOCK);
    if (left.type === 'VariableDeclaration') {
      this.visit(left);
      this.pattern(left.declarations[0]!.id as N, null, (id) => this.reference(id));
    } else {
      const rightHand: N[] = [];
      this.pattern(left, rightHand, (id) => this.reference(id));
      this.visitRightHand(rightHand);
    }
    this.visit(node.right as N);
    this.visit(node.body as N);
    if (scoped) this.close();
  }
}

/** Every child node of `node`, by iterating its keys (what eslint-scope does for unknown types). */
function eachChild(node: N, f: (child: N) => void): void {
  for (const key of Object.keys(node)) {
    const v = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(v)) {
      for (const c of v) if (isNode(c)) f(c);
    } else if (isNode(v)) {
      f(v);
    }
  }
}

const isNode = (v: unknown): v is N => v !== null && typeof v === 'object' && typeof (v as { type?: unknown }).type === 'string';
