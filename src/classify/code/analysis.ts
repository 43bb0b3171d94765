// What one unit's code does, for the rules: a light scope analysis (bindings per function, free
// names, assignments to other units' names), tags that say what each value holds (see tags.ts),
// comparisons of probed values with literals and lists, and look-alike literals chosen as
// outcomes. Values read from other top-level units come from `resolve` (the same version's
// units, a bounded number of hops away). Everything is evaluated on demand, memoized, bounded.
import type { Decoded } from '../decode/index.js';
import { lookAlikeSets, type LookAlikeSet } from '../unicode/index.js';
import type { DecodedPayload } from '../../types.js';
import { calleeName, calleeObject, isFunction, memberPath, propertyName, stringValue, unwrap, walk, type Node, type Walked } from './ast.js';
import { credentialKind, IANA_ZONE, IDENTITY_COMMANDS, isLanguageCode, personalFolderOf, REGIONAL_LOCALE, ZONE_NAME } from './known.js';
import { FILE_PROBE_CALLS, fileFact, globalProperty, moduleCall, moduleValue } from './meanings.js';
import {
  CI_ENV, dedupe, dedupePayloads, has, LOCALE_ENV, NO_TAGS, ofKind, PROBE_KINDS, readIn, tag, union, USER_ENV, without, type Tag, type Tags,
} from './tags.js';

/** What another top-level unit's name holds, as seen from this unit. */
export interface External {
  value: Tags;
  returns: Tags;
  isFunction: boolean;
  /** The name is a decoder function (a call decodes its argument). */
  decoder?: boolean;
  /** Parameters (by index) the function writes files at: `function put(p, m) { fs.writeFile(p, m) }` → [0]. */
  writes?: number[];
  /** Label of the unit it was read from. */
  label: string;
}

/** Calls that write a file at their first argument. */
export const WRITE_CALLS: ReadonlySet<string> = new Set([
  'writeFileSync', 'writeFile', 'appendFileSync', 'appendFile', 'createWriteStream', 'outputFile', 'outputFileSync', 'writeJson', 'writeJsonSync',
]);
const WRITE_TEXT = /\b(?:writeFile|appendFile|createWriteStream|outputFile|writeJson|copyFile|rename|cp)(?:Sync)?\s*\(/;

/** Calls that write a file at their second argument (copy and move). */
export const WRITE_SECOND_CALLS: ReadonlySet<string> = new Set(['copyFileSync', 'copyFile', 'renameSync', 'rename', 'cpSync', 'cp']);

export type Resolve = (name: string) => External | undefined;

export interface DecodeInfo {
  /** Decoded literals of this unit, offsets relative to the unit's source. */
  own: readonly Decoded[];
  /** Decoded literals held by other units' variables, by variable name. */
  byName: ReadonlyMap<string, readonly Decoded[]>;
  /** Decoder functions visible to this unit, by name, with their source. */
  decoders: ReadonlyMap<string, string>;
}

export const EMPTY_DECODE: DecodeInfo = { own: [], byName: new Map(), decoders: new Map() };

type Def =
  | { kind: 'init'; expr: Node }
  | { kind: 'assign'; expr: Node }
  | { kind: 'fn'; fn: Node }
  | { kind: 'param'; fn: Node; index: number }
  | { kind: 'element'; of: Node }
  | { kind: 'prop'; from: Node; key: string }
  | { kind: 'import'; module: string; imported: string }
  | { kind: 'opaque' };

interface Binding {
  name: string;
  defs: Def[];
  refs: Node[];
}

export interface Comparison {
  /** The comparing node (a `===`, an `includes` call, a switch…). */
  node: Node;
  subject: Node;
  subjectTags: Tags;
  /** Literals the subject is compared with (a list's items, a switch's cases). */
  literals: string[];
  payloads: DecodedPayload[];
  how: 'equal' | 'in-list' | 'contains' | 'prefix' | 'suffix' | 'pattern' | 'case' | 'lookup' | 'order';
}

export interface LookalikeChoice {
  /** The function (or unit) whose outcomes they are. */
  scope: Node;
  set: LookAlikeSet;
  nodes: Node[];
}

const CALLBACK_METHODS = new Set(['some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'filter', 'forEach', 'map', 'flatMap']);
const PASSTHROUGH_METHODS = new Set([
  'toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase', 'trim', 'trimStart', 'trimEnd', 'slice', 'substring', 'substr',
  'replace', 'replaceAll', 'split', 'toString', 'normalize', 'padStart', 'padEnd', 'flat', 'at', 'charAt', 'repeat', 'valueOf', 'json', 'text',
  'toJSON', 'then', 'catch', 'finally', 'arrayBuffer', 'trimLeft', 'trimRight', 'reverse', 'sort', 'toSorted', 'toReversed', 'entries', 'values', 'keys',
]);
const JOIN_METHODS = new Set(['concat', 'join', 'resolve', 'format', 'assign', 'stringify', 'apply', 'call']);
const PASSTHROUGH_FUNCTIONS = new Set(['String', 'encodeURIComponent', 'encodeURI', 'escape', 'btoa', 'JSON.stringify', 'Array.from', 'Object.assign', 'Object.entries', 'Object.values', 'Object.keys', 'Buffer.from', 'Buffer.concat', 'structuredClone']);
const TEST_METHODS = new Set(['some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'filter']);
const EXEC_CALLS = new Set(['execSync', 'exec', 'execFileSync', 'execFile', 'spawnSync', 'spawn', 'execa', 'execaSync', 'execaCommand', 'execaCommandSync']);
const READ_CALLS = new Set(['readFileSync', 'readFile', 'createReadStream', 'readJsonSync', 'readJson', 'readJSON']);
const FETCH_CALLS = new Set(['fetch', 'axios', 'got', 'ky', 'request', 'superagent', 'needle']);
const DECODE_CALLS = new Set(['atob', 'unescape', 'decodeURIComponent', 'fromCharCode']);
const EQUALITY = new Set(['===', '==', '!==', '!=']);
const ORDER = new Set(['<', '>', '<=', '>=']);
/** Parts of a date, by getter. */
const DATE_PARTS = new Map([
  ['getMonth', 'month'], ['getUTCMonth', 'month'], ['getDate', 'day'], ['getUTCDate', 'day'], ['getDay', 'weekday'], ['getUTCDay', 'weekday'],
  ['getFullYear', 'year'], ['getUTCFullYear', 'year'], ['getYear', 'year'], ['getHours', 'hour'], ['getUTCHours', 'hour'], ['getTime', 'time'], ['valueOf', 'time'],
]);
/** Code that reads the current date or a part of it (checked as text before a number comparison is followed). */
const DATE_TEXT = /\bget(?:UTC)?(?:Month|Date|Day|FullYear|Year|Hours|Time)\(|\bDate\.now\(|\bnew Date\(\)/;

/** At most this many tag evaluations per unit: a hostile unit cannot make the analysis slow. */
const EVAL_BUDGET = 400_000;
const MAX_DEPTH = 60;
const MAX_LITERALS = 512;

export class Analysis {
  readonly walked: Walked;
  private readonly fnOf = new Map<Node, Node>();
  private readonly scopes = new Map<Node, Map<string, Binding>>();
  private readonly bindingIds = new Map<Node, Binding>();
  private readonly refs = new Map<Node, Binding>();
  /** Assignments to names this unit does not declare (other units' top-level names, globals). */
  readonly freeAssign = new Map<string, Node[]>();
  /** Names read but not declared here: other units' top-level names and globals. */
  readonly freeNames = new Set<string>();
  private readonly returns = new Map<Node, Node[]>();
  private readonly memo = new Map<Node, Tags>();
  private readonly returnMemo = new Map<Node, Tags>();
  private readonly busy = new Set<Node>();
  private readonly decodedByStart = new Map<number, Decoded>();
  private readonly comparisonMemo = new Map<Node, Comparison | null>();
  private allComparisons: Comparison[] | undefined;
  private choices: LookalikeChoice[] | undefined;
  private readonly lookalikeNodes = new Set<Node>();
  private readonly externalMemo = new Map<string, External | undefined>();
  private readonly writesMemo = new Map<Node, number[]>();
  private budget = EVAL_BUDGET;
  private depth = 0;

  private decodeInfo: DecodeInfo = EMPTY_DECODE;

  constructor(
    readonly source: string,
    readonly ast: Node,
    private readonly resolveExternal: Resolve,
    /** The source of the unit that declares another unit's name (a text check before a costly resolve). */
    private readonly sourceOfName: (name: string) => string | undefined = () => undefined,
  ) {
    this.walked = walk(ast);
    this.buildScopes();
  }

  /** Decoded literals around the unit; set once, before any value is read. */
  setDecode(info: DecodeInfo): void {
    this.decodeInfo = info;
    this.decodedByStart.clear();
    for (const d of info.own) this.decodedByStart.set(d.source.start, d);
  }

  get decode(): DecodeInfo {
    return this.decodeInfo;
  }

  get truncated(): boolean {
    return this.walked.truncated || this.budget <= 0;
  }

  nodes(type: string): readonly Node[] {
    return this.walked.byType.get(type) ?? [];
  }

  parent(n: Node): Node | undefined {
    return this.walked.parent.get(n);
  }

  text(n: { start: number; end: number }): string {
    return this.source.slice(n.start, n.end);
  }

  /** The function a node is in (the program for top-level code). */
  functionOf(n: Node): Node {
    return this.fnOf.get(n) ?? this.ast;
  }

  external(name: string): External | undefined {
    if (this.externalMemo.has(name)) return this.externalMemo.get(name);
    const found = this.resolveExternal(name);
    const ext = found && { ...found, value: readIn(found.value, found.label), returns: readIn(found.returns, found.label) };
    this.externalMemo.set(name, ext);
    return ext;
  }

  // ── scopes ────────────────────────────────────────────────────────────────────────────────

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

  // ── tags ──────────────────────────────────────────────────────────────────────────────────

  tags(n: Node | null | undefined): Tags {
    if (!n) return NO_TAGS;
    const m = this.memo.get(n);
    if (m) return m;
    if (this.busy.has(n) || this.budget <= 0 || this.depth >= MAX_DEPTH) return NO_TAGS;
    this.budget--;
    this.busy.add(n);
    this.depth++;
    let out: Tags;
    try {
      out = this.compute(n);
    } finally {
      this.busy.delete(n);
      this.depth--;
    }
    this.memo.set(n, out);
    return out;
  }

  private compute(n: Node): Tags {
    switch (n.type) {
      case 'Literal':
        return this.literalTags(n);
      case 'TemplateLiteral': {
        const quasis = n.quasis.map((q: Node) => q.value?.cooked ?? '').join('');
        const cred = credentialKind(quasis);
        const parts = n.expressions.map((e: Node) => this.tags(e));
        return union(this.decodedTags(n), cred ? [tag('cred-path', { label: cred })] : NO_TAGS, this.userFolderTags(n, parts), ...parts);
      }
      case 'Identifier':
        return this.identifierTags(n);
      case 'MemberExpression':
        return this.memberTags(n);
      case 'CallExpression':
        return union(this.callTags(n), this.gateTags(n));
      case 'NewExpression':
        return this.newTags(n);
      case 'BinaryExpression':
        if (EQUALITY.has(n.operator)) return this.gateTags(n);
        if (n.operator === '+') return union(this.tags(n.left), this.tags(n.right));
        return NO_TAGS;
      case 'LogicalExpression':
        return union(this.tags(n.left), this.tags(n.right));
      case 'ConditionalExpression':
        return union(this.tags(n.consequent), this.tags(n.alternate));
      case 'UnaryExpression':
        // `!!process.env.CI`, `!isDocker()`: still a fact about the machine; `!gate`: still the gate.
        return n.operator === '!' ? ofKind(this.tags(n.argument), 'gate', 'ci', 'container') : NO_TAGS;
      case 'ArrayExpression':
        return this.arrayTags(n);
      case 'ObjectExpression': {
        const parts: Tags[] = [];
        for (const p of n.properties.slice(0, 64)) parts.push(this.tags(p.type === 'SpreadElement' ? p.argument : p.value));
        return union(...parts);
      }
      case 'AwaitExpression':
      case 'SpreadElement':
      case 'YieldExpression':
      case 'ParenthesizedExpression':
        return this.tags(n.argument ?? n.expression);
      case 'ChainExpression':
        return this.tags(n.expression);
      case 'AssignmentExpression':
        return this.tags(n.right);
      case 'SequenceExpression':
        return this.tags(n.expressions[n.expressions.length - 1]);
      case 'TaggedTemplateExpression':
        return union(...n.quasi.expressions.map((e: Node) => this.tags(e)));
      default:
        return NO_TAGS;
    }
  }

  /**
   * A path into the user's own folders built here: a template or a `path.join` whose first part is
   * the home folder (`os.homedir()`, `$HOME`, even `os.homedir` itself) and whose text names one.
   */
  private userFolderTags(n: Node, parts: readonly Tags[]): Tags {
    const isHomeTags = (t: Tags) => has(t, 'home') || t.some((x) => x.kind === 'module-export' && x.label === 'os#homedir');
    let text: string | undefined;
    if (n.type === 'TemplateLiteral') {
      text = '';
      n.quasis.forEach((q: Node, i: number) => {
        text += q.value?.cooked ?? '';
        if (i < n.expressions.length) text += i === 0 && text === '' && isHomeTags(parts[i] ?? NO_TAGS) ? '~' : '…';
      });
    } else if (n.type === 'CallExpression') {
      const args: Node[] = n.arguments;
      if (args.length < 2 || !isHomeTags(parts[0] ?? NO_TAGS)) return NO_TAGS;
      text = ['~', ...args.slice(1, 8).map((a) => this.looseString(a) ?? '…')].join('/');
    }
    const folder = text !== undefined ? personalFolderOf(text) : undefined;
    return folder && text!.startsWith('~') ? [tag('user-folder', { label: folder })] : NO_TAGS;
  }

  /** Whether the unit declaring another unit's name writes files at all (its text names a write call). */
  mayWriteFiles(name: string): boolean {
    const src = this.sourceOfName(name);
    return src !== undefined && WRITE_TEXT.test(src);
  }

  /** Parameters of a function that flow into the path of a file write inside it (memoized). */
  writesParams(fn: Node): number[] {
    const cached = this.writesMemo.get(fn);
    if (cached) return cached;
    const out = new Set<number>();
    for (const call of this.nodes('CallExpression')) {
      if (call.start < fn.start || call.end > fn.end) continue;
      const name = calleeName(call);
      if (!name) continue;
      const at = WRITE_CALLS.has(name) ? 0 : WRITE_SECOND_CALLS.has(name) ? 1 : -1;
      const arg = at >= 0 ? call.arguments[at] : undefined;
      if (!arg || arg.type !== 'Identifier') continue;
      for (const d of this.bindingOf(arg)?.defs ?? []) if (d.kind === 'param' && d.fn === fn) out.add(d.index);
    }
    const list = [...out];
    this.writesMemo.set(fn, list);
    return list;
  }

  private decodedTags(n: Node): Tags {
    const d = this.decodedByStart.get(n.start);
    if (!d || d.source.end > n.end) return NO_TAGS;
    return [tag('decoded', { payloads: [toPayload(d)] })];
  }

  /** The decoded literal that starts at this node, if any. */
  decodedAt(n: Node): Decoded | undefined {
    const d = this.decodedByStart.get(n.start);
    return d && d.source.end <= n.end ? d : undefined;
  }

  private literalTags(n: Node): Tags {
    if (typeof n.value !== 'string') return NO_TAGS;
    this.lookalikeChoices();
    const parts: Tag[] = [];
    const cred = credentialKind(n.value);
    if (cred) parts.push(tag('cred-path', { label: cred }));
    if (this.lookalikeNodes.has(n)) parts.push(tag('lookalike', { literals: [n.value] }));
    return union(parts, this.decodedTags(n));
  }

  private arrayTags(n: Node): Tags {
    const parts: Tags[] = [this.decodedTags(n)];
    const literals: string[] = [];
    let allStrings = n.elements.length >= 2;
    for (const el of n.elements.slice(0, MAX_LITERALS)) {
      if (!el) continue;
      const v = stringValue(el);
      if (v === undefined) allStrings = false;
      else literals.push(v);
      parts.push(this.tags(el));
    }
    if (allStrings && literals.length >= 2) parts.push([tag('list', { literals })]);
    return union(...parts);
  }

  private identifierTags(id: Node): Tags {
    if (id.name === 'undefined') return NO_TAGS;
    const b = this.bindingOf(id);
    if (b) return union(...b.defs.map((d) => this.defTags(d)));
    return this.freeTags(id.name);
  }

  /** What a name this unit does not declare holds: assignments here, decoded values, the other unit's value. */
  freeTags(name: string): Tags {
    const parts: Tags[] = [];
    for (const rhs of this.freeAssign.get(name) ?? []) if (!isFunction(rhs)) parts.push(this.tags(rhs));
    const decoded = this.decode.byName.get(name);
    if (decoded) parts.push([tag('decoded', { payloads: decoded.map(toPayload) })]);
    const ext = this.external(name);
    if (ext) parts.push(ext.value);
    return union(...parts);
  }

  private defTags(d: Def): Tags {
    switch (d.kind) {
      case 'init':
      case 'assign':
        return isFunction(d.expr) ? NO_TAGS : this.tags(d.expr);
      case 'element':
        return this.tags(d.of);
      case 'prop':
        return this.propertyOf(d.from, this.tags(d.from), d.key);
      case 'param':
        return this.paramTags(d.fn, d.index);
      case 'import': {
        const fact = moduleValue(d.module, d.imported === '*' ? 'default' : d.imported);
        const value = fact ? [tag(fact, { via: `${d.module}` })] : NO_TAGS;
        if (d.imported === '*' || d.imported === 'default') return union([moduleTag(d.module)], value);
        return union([tag('module-export', { label: `${d.module}#${d.imported}` })], value);
      }
      default:
        return NO_TAGS;
    }
  }

  /** A local function's parameter holds what its call sites in this unit pass. */
  private paramTags(fn: Node, index: number): Tags {
    const callee = this.localFunctionBinding(fn);
    if (!callee) return NO_TAGS;
    const parts: Tags[] = [];
    for (const ref of callee.refs.slice(0, 8)) {
      const call = this.parent(ref);
      if (call && call.type === 'CallExpression' && call.callee === ref) parts.push(this.tags(call.arguments[index]));
    }
    return union(...parts);
  }

  private localFunctionBinding(fn: Node): Binding | undefined {
    if (fn.type === 'FunctionDeclaration' && fn.id) return this.bindingIds.get(fn.id);
    const p = this.parent(fn);
    if (p?.type === 'VariableDeclarator' && p.init === fn && p.id.type === 'Identifier') return this.bindingIds.get(p.id);
    return undefined;
  }

  private propertyOf(objNode: Node | undefined, objTags: Tags, prop: string): Tags {
    const objPath = objNode ? memberPath(objNode) : undefined;
    if (objPath === 'process.env' || has(objTags, 'env-dump')) return envTags(prop);
    const src = objNode ? this.text(objNode) : '';
    const intl = has(objTags, 'intl') || (src.length < 400 && src.includes('resolvedOptions'));
    if (prop === 'timeZone' && intl) return [tag('timezone', { via: 'Intl time zone' })];
    if (prop === 'locale' && intl) return [tag('locale', { via: 'Intl locale' })];
    if ((prop === 'language' || prop === 'languages' || prop === 'userLanguage') && objPath === 'navigator') return [tag('locale', { via: 'navigator.language' })];
    if ((prop === 'hostname' || prop === 'host' || prop === 'origin') && has(objTags, 'url')) {
      return union(without(objTags, 'url'), [tag('url-host', { via: viaOf(objTags) })]);
    }
    if (prop === 'mac' && has(objTags, 'netif')) return [tag('mac')];
    if (prop === 'username' && has(objTags, 'userinfo')) return [tag('username', { via: 'os.userInfo()' })];
    if (prop === 'homedir' && has(objTags, 'userinfo')) return [tag('home')];
    const global = objPath !== undefined ? globalProperty(objPath, prop) : undefined;
    if (global) return [tag(global, { via: `${objPath}.${prop}` })];
    const modules = ofKind(objTags, 'module');
    if (modules.length > 0) {
      // `require("x").default` (interop) is still the module; a fact it exports is that fact.
      if (prop === 'default') return modules;
      const facts = modules.map((m) => moduleValue(m.label ?? '', prop)).filter((k) => k !== undefined);
      if (facts.length > 0) return facts.map((k) => tag(k, { via: `${modules[0]!.label}.${prop}` }));
      return modules.map((m) => tag('module-export', { label: `${m.label}#${prop}` }));
    }
    return without(objTags, 'intl', 'list', 'lookalike');
  }

  private memberTags(n: Node): Tags {
    const path = memberPath(n);
    if (path === 'process.env') return [tag('env-dump')];
    const prop = propertyName(n);
    const objTags = this.tags(n.object);
    if (prop === undefined) {
      // `process.env[name]`, `list[i]`
      if (memberPath(n.object) === 'process.env') return [tag('env', { label: '*' })];
      return union(ofKind(objTags, 'decoded', 'list', 'lookalike', 'env'), without(objTags, 'intl'));
    }
    return this.propertyOf(n.object, objTags, prop);
  }

  private newTags(n: Node): Tags {
    const name = calleeName(n);
    const arg = n.arguments[0];
    if (name === 'URL') return union(this.tags(arg), [tag('url')]);
    if (name === 'Set' || name === 'Map' || name === 'String' || name === 'Array') return this.tags(arg);
    if (name === 'DateTimeFormat') {
      // Formatted with the zone's name, its output says where the machine is ("China Standard Time").
      const opts = n.arguments[1];
      const named = opts?.type === 'ObjectExpression' && opts.properties.some((p: Node) => p.type === 'Property' && propertyName(p) === 'timeZoneName');
      return named ? [tag('intl'), tag('timezone', { via: 'Intl time zone name' })] : [tag('intl')];
    }
    if (name === 'Date' && n.arguments.length === 0) return [tag('now', { via: 'new Date()' })];
    return this.unknownCall(n);
  }

  /** Returns of a function node (an arrow's expression body counts). */
  returnTags(fn: Node): Tags {
    const m = this.returnMemo.get(fn);
    if (m) return m;
    if (this.busy.has(fn)) return NO_TAGS;
    this.busy.add(fn);
    let out: Tags;
    try {
      if (fn.type === 'ArrowFunctionExpression' && fn.body.type !== 'BlockStatement') out = this.tags(fn.body);
      else out = union(...(this.returns.get(fn) ?? []).map((r) => this.tags(r)));
    } finally {
      this.busy.delete(fn);
    }
    this.returnMemo.set(fn, out);
    return out;
  }

  /** The name a call's callee is known by (an import's own name when imported under another). */
  private effectiveCallee(call: Node): { name: string | undefined; module?: string; binding?: Binding } {
    const callee = unwrap(call.callee);
    if (callee.type === 'Identifier') {
      const b = this.bindingOf(callee);
      const imp = b?.defs.find((d): d is Extract<Def, { kind: 'import' }> => d.kind === 'import');
      if (imp) return { name: imp.imported, module: imp.module, binding: b };
      return { name: callee.name, binding: b };
    }
    return { name: calleeName(call) };
  }

  private callTags(n: Node): Tags {
    const callee = unwrap(n.callee);
    const args: Node[] = n.arguments;
    if (isFunction(callee)) return this.returnTags(callee);
    const { name, module, binding } = this.effectiveCallee(n);
    const obj = calleeObject(n);
    const objTags = obj ? this.tags(obj) : NO_TAGS;
    const path = memberPath(callee);
    const inModule = (m: string) => module === m || has(objTags, 'module', m) || (obj !== undefined && memberPath(obj) === m);

    if (name === undefined) return this.unknownCall(n);
    const fact = this.moduleFact(n, name, module, objTags);
    if (fact) return [fact];
    // Sources.
    switch (name) {
      case 'hostname':
        if (inModule('os') || (obj === undefined && module === undefined && binding === undefined && this.external(name) === undefined)) return [tag('hostname', { via: 'os.hostname()' })];
        break;
      case 'userInfo':
        return [tag('userinfo')];
      case 'networkInterfaces':
        return [tag('netif', { via: 'os.networkInterfaces()' })];
      case 'cpus':
      case 'totalmem':
        if (inModule('os') || obj === undefined || !binding) return [tag('hardware', { via: `os.${name}()` })];
        break;
      case 'homedir':
        return [tag('home')];
      case 'getTimezoneOffset':
        return [tag('utc-offset', { via: 'Date#getTimezoneOffset()' })];
      case 'toString':
      case 'toTimeString':
        // `new Date().toString()` ends with the zone's name: "(China Standard Time)".
        if (obj && has(objTags, 'now')) return [tag('timezone', { via: `Date#${name}() (zone name)` })];
        break;
      case 'now':
        if (path === 'Date.now') return [tag('date', { label: 'time', via: 'Date.now()' })];
        break;
      case 'resolvedOptions':
        return [tag('intl')];
      case 'require':
        if (obj === undefined) {
          const m = stringValue(args[0])?.replace(/^node:/, '');
          if (m !== undefined) {
            const value = moduleValue(m, 'default');
            return value ? [moduleTag(m), tag(value, { via: `require("${m}")` })] : [moduleTag(m)];
          }
        }
        break;
      case 'createHash':
      case 'createHmac':
        return [tag('hash')];
      case 'update':
        if (has(objTags, 'hash')) return union(objTags, this.tags(args[0]));
        break;
      case 'digest':
        if (has(objTags, 'hash')) return objTags;
        break;
      case 'parse':
        if (path === 'url.parse' || path === 'URL.parse' || inModule('url')) return union(this.tags(args[0]), [tag('url')]);
        break;
      default:
        break;
    }
    if (obj && DATE_PARTS.has(name) && has(objTags, 'now')) return [tag('date', { label: DATE_PARTS.get(name)!, via: `new Date().${name}()` })];
    if (EXEC_CALLS.has(name)) return this.execTags(n);
    if (FILE_PROBE_CALLS.has(name)) {
      const probed = this.fileProbeTags(n);
      if (probed.length > 0 || READ_CALLS.has(name)) return probed;
    }
    if (FETCH_CALLS.has(name) && (obj === undefined || memberPath(obj) === 'axios')) return [tag('network-response', { via: `${name}()` })];
    if (name === 'get' || name === 'post' || name === 'request') {
      if (obj && /^(?:axios|got|ky|superagent|needle|https?)$/.test(memberPath(obj) ?? '')) return [tag('network-response', { via: `${name}()` })];
    }
    // Decoding keeps what the argument holds (its decoded value).
    const decodesHere = DECODE_CALLS.has(name) || this.decode.decoders.has(name) || (binding === undefined && obj === undefined && this.external(name)?.decoder === true);
    if (decodesHere) {
      const first = args[0];
      const viaCodes = name === 'fromCharCode' && first ? this.decodedTagsAt(first) : NO_TAGS;
      return union(viaCodes, ...args.map((a) => this.tags(a)));
    }
    if (name === 'from' && path === 'Buffer.from') return union(...args.slice(0, 1).map((a) => this.tags(a)));
    if (name === 'then' || name === 'catch' || name === 'finally') {
      const cb = args[0];
      return union(objTags, cb && isFunction(cb) ? this.returnTags(cb) : NO_TAGS);
    }
    if (path !== undefined && PASSTHROUGH_FUNCTIONS.has(path)) return union(...args.slice(0, 16).map((a) => this.tags(a)));
    if (obj) {
      if (TEST_METHODS.has(name)) {
        const cb = args[0];
        return cb && isFunction(cb) ? ofKind(this.returnTags(cb), 'gate') : NO_TAGS;
      }
      if (name === 'map' || name === 'flatMap') {
        const cb = args[0];
        return cb && isFunction(cb) ? this.returnTags(cb) : NO_TAGS;
      }
      if (PASSTHROUGH_METHODS.has(name)) return without(objTags, 'module');
      if (JOIN_METHODS.has(name) || (path !== undefined && PASSTHROUGH_FUNCTIONS.has(path))) {
        const parts = args.slice(0, 16).map((a) => this.tags(a));
        const folder = name === 'join' || name === 'resolve' ? this.userFolderTags(n, parts) : NO_TAGS;
        return union(without(objTags, 'module', 'hash'), folder, ...parts);
      }
      if (has(objTags, 'module')) return this.unknownCall(n);
      return this.unknownCall(n);
    }
    if (PASSTHROUGH_FUNCTIONS.has(name)) return union(...args.slice(0, 16).map((a) => this.tags(a)));
    // A function of this unit.
    if (binding) {
      const parts: Tags[] = [];
      for (const d of binding.defs) {
        if (d.kind === 'fn') parts.push(this.returnTags(d.fn));
        else if ((d.kind === 'init' || d.kind === 'assign') && isFunction(d.expr)) parts.push(this.returnTags(d.expr));
        // A module's export called returns what the table says (moduleFact), not the export itself.
        else if (d.kind === 'init' || d.kind === 'assign' || d.kind === 'element' || d.kind === 'prop') parts.push(without(this.defTags(d), 'module-export'));
      }
      const out = union(...parts);
      return out.length > 0 ? out : this.unknownCall(n);
    }
    // Another unit's function (or a value that is called: a memoized getter).
    const ext = this.external(name);
    const local = (this.freeAssign.get(name) ?? []).map((rhs) => (isFunction(rhs) ? this.returnTags(rhs) : this.tags(rhs)));
    const out = ext ? union(ext.returns, ext.isFunction ? NO_TAGS : ext.value, ...local) : union(...local);
    return out.length > 0 ? out : this.unknownCall(n);
  }

  /**
   * What a call of a module's function reveals (meanings.ts): `os.release()`, `machineIdSync()`
   * imported from node-machine-id, `isDocker()` bound to `require("is-docker")`.
   */
  private moduleFact(n: Node, name: string, module: string | undefined, objTags: Tags): Tag | undefined {
    if (module !== undefined) {
      const k = moduleCall(module, name);
      return k ? tag(k, { via: `${module}.${name}()` }) : undefined;
    }
    const callee = unwrap(n.callee);
    const calleeTags = callee.type === 'MemberExpression' ? objTags : this.calleeValue(callee);
    const modules = callee.type === 'MemberExpression' ? ofKind(objTags, 'module') : ofKind(calleeTags, 'module');
    for (const m of modules) {
      const k = moduleCall(m.label ?? '', callee.type === 'MemberExpression' ? name : 'default');
      if (k) return tag(k, { via: callee.type === 'MemberExpression' ? `${m.label}.${name}()` : `${m.label}()` });
    }
    // An export taken out of the module first: `const { machineIdSync } = require("node-machine-id")`.
    for (const e of ofKind(calleeTags, 'module-export')) {
      const [mod = '', exp = ''] = (e.label ?? '').split('#');
      const k = moduleCall(mod, exp);
      if (k) return tag(k, { via: `${mod}.${exp}()` });
    }
    return undefined;
  }

  /**
   * What a called name holds, as cheaply as the call's own evaluation reads it: a local binding's
   * definitions, another unit's value (memoized), or the tags of any other callee expression.
   */
  private calleeValue(callee: Node): Tags {
    if (callee.type !== 'Identifier') return this.tags(callee);
    const b = this.bindingOf(callee);
    if (b) return union(...b.defs.filter((d) => d.kind === 'init' || d.kind === 'assign' || d.kind === 'prop').map((d) => this.defTags(d)));
    return this.external(callee.name)?.value ?? NO_TAGS;
  }

  /** A file read or checked whose path says what it reveals (meanings.ts), or a credential file read. */
  private fileProbeTags(n: Node): Tags {
    const pathArg = n.arguments[0];
    if (!pathArg) return NO_TAGS;
    const s = this.looseString(pathArg);
    const k = s !== undefined ? fileFact(s) : undefined;
    if (k) return [tag(k, { via: s })];
    return READ_CALLS.has(calleeName(n) ?? '') ? this.readTags(n) : NO_TAGS;
  }

  /**
   * A call of something unknown: a wrapper such as a memoizer passes on what its function argument
   * returns, a module wrapper its module, and a function given a decoded value returns what it
   * makes of it (a decoder the idiom scanner did not recognise).
   */
  private unknownCall(n: Node): Tags {
    const args: Node[] = n.arguments ?? [];
    const parts: Tags[] = [];
    for (const a of args.slice(0, 4)) {
      if (isFunction(a)) parts.push(this.returnTags(a));
    }
    if (args.length === 1 && args[0] && !isFunction(args[0])) {
      const t = this.tags(args[0]);
      parts.push(ofKind(t, 'module'));
      if (parts.every((p) => p.length === 0)) parts.push(ofKind(t, 'decoded'));
    }
    return union(...parts);
  }

  private decodedTagsAt(n: Node): Tags {
    const d = this.decodedByStart.get(n.start);
    return d ? [tag('decoded', { payloads: [toPayload(d)] })] : NO_TAGS;
  }


  private execTags(n: Node): Tags {
    const command = this.commandText(n);
    if (!command) return NO_TAGS;
    for (const [re, kind] of IDENTITY_COMMANDS) if (re.test(command)) return [tag(kind, { via: command.slice(0, 80) })];
    const cred = commandCredential(command);
    if (cred) return [tag('credential', { label: cred, via: command.slice(0, 80) })];
    return NO_TAGS;
  }

  /** The command a child_process call runs, as far as it is written out (the command and its literal arguments). */
  commandText(n: Node): string | undefined {
    const args: Node[] = n.arguments;
    const first = args[0];
    if (!first) return undefined;
    const parts: string[] = [];
    const head = this.looseString(first);
    if (head === undefined) return undefined;
    parts.push(head);
    const list = args[1];
    if (list?.type === 'ArrayExpression') for (const el of list.elements.slice(0, 16)) parts.push(el ? (this.looseString(el) ?? '…') : '');
    return parts.join(' ');
  }

  /** A string as written, with interpolations as `…` (templates, concatenations). */
  looseString(n: Node, depth = 0): string | undefined {
    const v = stringValue(n);
    if (v !== undefined) return v;
    if (depth > 8) return undefined;
    if (n.type === 'TemplateLiteral') {
      let out = '';
      n.quasis.forEach((q: Node, i: number) => {
        out += q.value?.cooked ?? '';
        if (i < n.expressions.length) out += this.looseString(n.expressions[i], depth + 1) ?? '…';
      });
      return out;
    }
    if (n.type === 'BinaryExpression' && n.operator === '+') {
      const l = this.looseString(n.left, depth + 1);
      const r = this.looseString(n.right, depth + 1);
      if (l === undefined && r === undefined) return undefined;
      return (l ?? '…') + (r ?? '…');
    }
    if (n.type === 'Identifier') {
      const b = this.bindingOf(n);
      const init = b?.defs.length === 1 && b.defs[0]!.kind === 'init' ? b.defs[0]!.expr : undefined;
      if (init) return this.looseString(init, depth + 1);
    }
    return undefined;
  }

  private readTags(n: Node): Tags {
    const pathArg = n.arguments[0];
    if (!pathArg) return NO_TAGS;
    const t = this.tags(pathArg);
    const cred = ofKind(t, 'cred-path');
    if (cred.length > 0) return cred.map((c) => tag('credential', { label: c.label ?? 'credentials', via: this.text(pathArg).slice(0, 120) }));
    return NO_TAGS;
  }

  // ── comparisons ───────────────────────────────────────────────────────────────────────────

  private gateTags(n: Node): Tags {
    const c = this.comparisonAt(n);
    if (!c) return NO_TAGS;
    const gates: Tag[] = [];
    for (const t of c.subjectTags) {
      if (!PROBE_KINDS.has(t.kind)) continue;
      const label = t.kind === 'env' ? `env:${t.label ?? '?'}` : t.kind;
      const g: Tag = { kind: 'gate', label, literals: c.literals.slice(0, MAX_LITERALS) };
      if (c.payloads.length > 0) g.payloads = c.payloads;
      const via = t.via ?? (t.kind === 'env' ? `process.env.${t.label}` : undefined);
      if (via) g.via = via;
      gates.push(g);
    }
    return gates;
  }

  /** Every comparison in the unit. */
  comparisons(): Comparison[] {
    if (this.allComparisons) return this.allComparisons;
    const out: Comparison[] = [];
    const candidates = [...this.nodes('BinaryExpression'), ...this.nodes('CallExpression'), ...this.nodes('SwitchStatement'), ...this.nodes('MemberExpression')];
    for (const n of candidates) {
      if (n.type === 'MemberExpression' && !(n.computed && n.object.type === 'ObjectExpression')) continue;
      if (n.type === 'BinaryExpression' && !EQUALITY.has(n.operator) && !ORDER.has(n.operator)) continue;
      const c = this.comparisonAt(n);
      if (c) out.push(c);
      if (out.length >= 4096) break;
    }
    this.allComparisons = out.sort((a, b) => a.node.start - b.node.start);
    return this.allComparisons;
  }

  comparisonAt(n: Node): Comparison | null {
    if (this.comparisonMemo.has(n)) return this.comparisonMemo.get(n)!;
    this.comparisonMemo.set(n, null); // cycle guard
    const c = this.computeComparison(n);
    this.comparisonMemo.set(n, c);
    return c;
  }

  private computeComparison(n: Node): Comparison | null {
    const make = (subject: Node, lits: Literals | undefined, how: Comparison['how']): Comparison | null => {
      // Only literals some rule reads are worth following the subject for.
      if (lits && !interesting(lits)) return null;
      const subjectTags = this.tags(subject);
      if (!lits && !subjectTags.some((t) => PROBE_KINDS.has(t.kind))) return null;
      return { node: n, subject, subjectTags, literals: lits?.values ?? [], payloads: lits?.payloads ?? [], how };
    };
    if (n.type === 'BinaryExpression') {
      // The current date against a number: `now.getMonth() === 11`, `Date.now() > 1646092800000`.
      const dated = this.dateComparison(n);
      if (dated !== undefined) return dated;
      if (!EQUALITY.has(n.operator)) return null;
      // `typeof x === "string"` compares a type, not a value.
      if (isTypeof(n.left) || isTypeof(n.right)) return null;
      const lw = this.writtenLiterals(n.left);
      const rw = this.writtenLiterals(n.right);
      if (lw && rw) return null;
      if (rw) return make(n.left, rw, rw.list ? 'in-list' : 'equal');
      if (lw) return make(n.right, lw, lw.list ? 'in-list' : 'equal');
      // `host === item` inside `hosts.some(item => …)`: the item stands for the list.
      const le = this.elementLiterals(n.left);
      if (le) return make(n.right, le, 'in-list');
      const re = this.elementLiterals(n.right);
      return re ? make(n.left, re, 'in-list') : null;
    }
    if (n.type === 'SwitchStatement') {
      const values: string[] = [];
      for (const c of n.cases) {
        const v = c.test ? (stringValue(c.test) ?? numberValue(c.test)) : undefined;
        if (v !== undefined) values.push(v);
      }
      return values.length > 0 ? make(n.discriminant, { values, payloads: [], list: true }, 'case') : null;
    }
    if (n.type === 'MemberExpression') {
      const keys: string[] = [];
      for (const p of n.object.properties) if (p.type === 'Property') {
        const k = propertyName(p);
        if (k !== undefined) keys.push(k);
      }
      return keys.length >= 2 && stringValue(n.property) === undefined ? make(n.property, { values: keys, payloads: [], list: true }, 'lookup') : null;
    }
    if (n.type !== 'CallExpression') return null;
    const name = calleeName(n);
    const obj = calleeObject(n);
    const arg = n.arguments[0];
    if (!obj || !arg || name === undefined) return null;
    switch (name) {
      case 'includes':
      case 'indexOf':
      case 'lastIndexOf':
      case 'has': {
        const listed = this.cheapLiterals(obj);
        if (listed?.list) return make(arg, listed, 'in-list');
        const inner = this.cheapLiterals(arg);
        if (inner) return make(obj, inner, 'contains');
        return null;
      }
      case 'startsWith':
      case 'endsWith': {
        const lits = this.cheapLiterals(arg);
        return lits ? make(obj, lits, name === 'startsWith' ? 'prefix' : 'suffix') : null;
      }
      case 'match':
      case 'search':
      case 'matchAll':
        return arg.type === 'Literal' && arg.regex ? make(obj, { values: [`/${arg.regex.pattern}/${arg.regex.flags}`], payloads: [], list: false }, 'pattern') : null;
      case 'test': {
        const re = unwrap(obj);
        return re.type === 'Literal' && re.regex ? make(arg, { values: [`/${re.regex.pattern}/${re.regex.flags}`], payloads: [], list: false }, 'pattern') : null;
      }
      default:
        return null;
    }
  }

  /**
   * A number compared with code that reads the current date (found by its text first: numbers are
   * compared everywhere): a date trigger's condition. Undefined when it is not one.
   */
  private dateComparison(n: Node): Comparison | null | undefined {
    if (!EQUALITY.has(n.operator) && !ORDER.has(n.operator)) return undefined;
    const num = (x: Node) => (unwrap(x).type === 'Literal' && typeof unwrap(x).value === 'number' ? String(unwrap(x).value) : undefined);
    const ln = num(n.left);
    const rn = num(n.right);
    if ((ln === undefined) === (rn === undefined)) return undefined;
    const subject = ln === undefined ? n.left : n.right;
    if (subject.end - subject.start > 200 || !DATE_TEXT.test(this.text(subject))) return undefined;
    const subjectTags = this.tags(subject);
    if (!has(subjectTags, 'date')) return null;
    return { node: n, subject, subjectTags, literals: [(ln ?? rn)!], payloads: [], how: EQUALITY.has(n.operator) ? 'equal' : 'order' };
  }

  /**
   * The literals of a comparison's side, looked for only where they can be: literals written
   * out, constants, list elements (callback parameters, `list[i]`), and lists held by names or
   * returned by calls without arguments (`hosts`, `hosts()`). Other expressions are not evaluated:
   * comparisons are everywhere, and evaluating both sides of each would follow every call.
   */
  private cheapLiterals(n: Node | undefined): Literals | undefined {
    if (!n) return undefined;
    const u = unwrap(n);
    const written = this.writtenLiterals(u);
    if (written) return written;
    if (u.type === 'Identifier') return this.literalsOf(u);
    if (u.type === 'MemberExpression' && u.computed) return this.literalsOf(u);
    if (u.type === 'CallExpression' && u.arguments.length === 0 && unwrap(u.callee).type === 'Identifier') return this.literalsOf(u);
    if (u.type === 'BinaryExpression' && u.operator === '+') return this.literalsOf(u);
    return undefined;
  }

  /** Literals written out: a string, a regex, a zone-like offset, an array or set of strings. */
  private writtenLiterals(n: Node): Literals | undefined {
    const u = unwrap(n);
    if (u.type === 'Literal') {
      if (typeof u.value === 'number') return isZoneOffsetNumber(u.value) ? this.literalsOf(u) : undefined;
      return this.literalsOf(u);
    }
    if (u.type === 'UnaryExpression') return u.operator === '-' && u.argument.type === 'Literal' && typeof u.argument.value === 'number' && isZoneOffsetNumber(-u.argument.value) ? this.literalsOf(u) : undefined;
    if (u.type === 'TemplateLiteral') return u.expressions.length === 0 ? this.literalsOf(u) : undefined;
    if (u.type === 'ArrayExpression') return u.elements.length > 0 && u.elements.every((e: Node | null) => e && stringValue(e) !== undefined) ? this.literalsOf(u) : undefined;
    if (u.type === 'NewExpression' && calleeName(u) === 'Set' && u.arguments[0]?.type === 'ArrayExpression') return this.writtenLiterals(u.arguments[0]);
    return undefined;
  }

  /** A list element: a callback parameter or loop variable bound to a list's items, with the list's literals. */
  private elementLiterals(n: Node): Literals | undefined {
    const u = unwrap(n);
    if (u.type === 'Identifier') {
      const b = this.bindingOf(u);
      if (!b || !b.defs.some((d) => d.kind === 'element')) return undefined;
      return this.literalsOf(u);
    }
    if (u.type === 'BinaryExpression' && u.operator === '+') return this.elementLiterals(u.left) ?? this.elementLiterals(u.right);
    return undefined;
  }

  /** The literals an expression stands for: a string, a list of strings, a decoded list. */
  literalsOf(n: Node | undefined, depth = 0): Literals | undefined {
    if (!n || depth > 6) return undefined;
    const s = stringValue(n) ?? numberValue(n);
    if (s !== undefined) return { values: [s], payloads: [], list: false };
    if (n.type === 'Literal' && n.regex) return { values: [`/${n.regex.pattern}/${n.regex.flags}`], payloads: [], list: false };
    if (n.type === 'BinaryExpression' && n.operator === '+') {
      const l = this.literalsOf(n.left, depth + 1);
      const r = this.literalsOf(n.right, depth + 1);
      if (l?.list) return l;
      if (r?.list) return r;
      if (l && r) return { values: [l.values.join('') + r.values.join('')], payloads: [], list: false };
      return undefined;
    }
    if (n.type === 'Identifier') {
      const b = this.bindingOf(n);
      if (b && b.defs.length === 1 && b.defs[0]!.kind === 'init') {
        const inner = this.literalsOf(b.defs[0]!.expr, depth + 1);
        if (inner) return inner;
      }
    }
    if (n.type === 'NewExpression' && calleeName(n) === 'Set') return this.literalsOf(n.arguments[0], depth + 1);
    const t = ofKind(this.tags(n), 'list', 'decoded');
    if (t.length === 0) return undefined;
    const values: string[] = [];
    const payloads: DecodedPayload[] = [];
    for (const x of t) {
      if (x.literals) values.push(...x.literals);
      for (const p of x.payloads ?? []) {
        payloads.push(p);
        values.push(...(p.list ?? [p.text]));
      }
    }
    return { values: dedupe(values).slice(0, MAX_LITERALS), payloads: dedupePayloads(payloads), list: true };
  }

  // ── look-alike outcomes ───────────────────────────────────────────────────────────────────

  /** Sets of look-alike string literals that a function returns or picks as alternative outcomes. */
  lookalikeChoices(): LookalikeChoice[] {
    if (this.choices) return this.choices;
    this.choices = [];
    const byScope = new Map<Node, Node[]>();
    for (const lit of this.nodes('Literal')) {
      if (typeof lit.value !== 'string' || lit.value.length === 0 || lit.value.length > 64) continue;
      if (!this.isOutcome(lit)) continue;
      const scope = this.functionOf(lit);
      const list = byScope.get(scope) ?? [];
      if (list.length < 256) list.push(lit);
      byScope.set(scope, list);
    }
    for (const [scope, lits] of byScope) {
      if (lits.length < 2) continue;
      for (const set of lookAlikeSets(lits.map((l) => l.value as string))) {
        const members = new Set(set.members.map((m) => m.text));
        const nodes = lits.filter((l) => members.has(l.value));
        for (const node of nodes) this.lookalikeNodes.add(node);
        this.choices.push({ scope, set, nodes });
      }
    }
    return this.choices;
  }

  /** A literal that is one possible outcome: returned, or a branch of a choice. */
  private isOutcome(lit: Node): boolean {
    let cur = lit;
    for (let i = 0; i < 6; i++) {
      const p = this.parent(cur);
      if (!p) return false;
      switch (p.type) {
        case 'ReturnStatement':
          return true;
        case 'ConditionalExpression':
          if (p.test === cur) return false;
          return true;
        case 'LogicalExpression':
          cur = p;
          continue;
        case 'ArrowFunctionExpression':
          return p.body === cur;
        case 'AssignmentExpression':
          return p.right === cur && this.insideIf(p);
        case 'SwitchCase':
          return false;
        default:
          return false;
      }
    }
    return false;
  }

  private insideIf(n: Node): boolean {
    let cur = n;
    for (let i = 0; i < 4; i++) {
      const p = this.parent(cur);
      if (!p) return false;
      if (p.type === 'IfStatement') return p.test !== cur;
      if (p.type !== 'ExpressionStatement' && p.type !== 'BlockStatement' && p.type !== 'SequenceExpression') return false;
      cur = p;
    }
    return false;
  }

  // ── exports ───────────────────────────────────────────────────────────────────────────────

  /** What a top-level name declared or assigned by this unit holds, for the units that use it. */
  exportOf(name: string, label: string): External | undefined {
    const b = this.topLevelBindings().get(name);
    if (b) {
      const fns: Node[] = [];
      const values: Tags[] = [];
      for (const d of b.defs) {
        if (d.kind === 'fn') fns.push(d.fn);
        else if ((d.kind === 'init' || d.kind === 'assign') && isFunction(d.expr)) fns.push(d.expr);
        else values.push(this.defTags(d));
      }
      for (const rhs of this.freeAssign.get(name) ?? []) {
        if (isFunction(rhs)) fns.push(rhs);
        else values.push(this.tags(rhs));
      }
      const returns = union(...fns.map((f) => this.returnTags(f)));
      const writes = [...new Set(fns.flatMap((f) => this.writesParams(f)))];
      const ext: External = { value: union(...values), returns, isFunction: fns.length > 0, decoder: this.decode.decoders.has(name), label };
      if (writes.length > 0) ext.writes = writes;
      return ext;
    }
    const assigned = this.freeAssign.get(name);
    if (!assigned) return undefined;
    const fns = assigned.filter((a) => isFunction(a));
    return {
      value: union(...assigned.filter((a) => !isFunction(a)).map((a) => this.tags(a))),
      returns: union(...fns.map((f) => this.returnTags(f))),
      isFunction: fns.length > 0,
      label,
    };
  }

  /** Whether a top-level name of this unit is declared with a value (not `var x;`). */
  hasValue(name: string): boolean {
    const b = this.topLevelBindings().get(name);
    return b !== undefined && b.defs.length > 0;
  }
}

export interface Literals {
  values: string[];
  payloads: DecodedPayload[];
  /** A list (array, set, decoded list) rather than one value. */
  list: boolean;
}

/**
 * Literals a rule can make something of: a list, a decoded value, zone names, locales and
 * language codes, host names, zone offsets, patterns. A single ordinary word (`"object"`,
 * `"--help"`) is not.
 */
function interesting(l: Literals): boolean {
  if (l.list || l.payloads.length > 0) return true;
  return l.values.some(
    (v) =>
      v.includes('.') ||
      v.includes('/') ||
      IANA_ZONE.test(v) ||
      ZONE_NAME.test(v) ||
      REGIONAL_LOCALE.test(v) ||
      (v.length === 2 && isLanguageCode(v.toLowerCase())) ||
      /^-?\d+$/.test(v) ||
      (v.length >= 5 && /^[a-z][a-z0-9-]*$/.test(v) && KEYWORDISH.test(v)),
  );
}

/** Lower-case words that look like vendor or product names rather than code vocabulary (letters and digits mixed, or rare letters). */
const KEYWORDISH = /\d|[kqxzj]|seek|shot|ai$/;

function isTypeof(n: Node): boolean {
  return n.type === 'UnaryExpression' && n.operator === 'typeof';
}

/** A UTC offset in minutes that a comparison with the time zone would use (a whole hour or a zone's quarter, at least one hour). */
function isZoneOffsetNumber(v: number): boolean {
  return Number.isInteger(v) && Math.abs(v) >= 60 && Math.abs(v) <= 840 && v % 15 === 0;
}

function numberValue(n: Node): string | undefined {
  if (n.type === 'Literal' && typeof n.value === 'number') return String(n.value);
  if (n.type === 'UnaryExpression' && n.operator === '-' && n.argument.type === 'Literal' && typeof n.argument.value === 'number') return String(-n.argument.value);
  return undefined;
}

export function toPayload(d: Decoded): DecodedPayload {
  const p: DecodedPayload = { steps: [...d.steps], text: d.text };
  if (d.list) p.list = [...d.list];
  return p;
}

function viaOf(tags: Tags): string | undefined {
  for (const t of tags) {
    if (t.kind === 'env') return `process.env.${t.label}`;
    if (t.via) return t.via;
  }
  return undefined;
}

function moduleTag(module: string): Tag {
  return { kind: 'module', label: module };
}

/** Tags of `process.env.NAME`. */
export function envTags(name: string): Tags {
  const out: Tag[] = [tag('env', { label: name, via: `process.env.${name}` })];
  if (name === 'TZ') out.push(tag('timezone', { via: 'process.env.TZ' }));
  if (LOCALE_ENV.test(name)) out.push(tag('locale', { via: `process.env.${name}` }));
  if (USER_ENV.test(name)) out.push(tag(/HOST|COMPUTER/.test(name) ? 'hostname' : 'username', { via: `process.env.${name}` }));
  if (name === 'HOME' || name === 'USERPROFILE') out.push(tag('home'));
  if (CI_ENV.test(name)) out.push(tag('ci', { via: `process.env.${name}` }));
  return out;
}

function commandCredential(command: string): string | undefined {
  for (const word of command.split(/\s+/)) {
    const k = credentialKind(word.replace(/^["']|["']$/g, ''));
    if (k) return k;
  }
  if (/\bsecurity\s+find-(?:generic|internet)-password\b/.test(command)) return 'macOS keychain';
  return undefined;
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
