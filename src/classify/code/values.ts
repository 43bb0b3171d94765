// What each expression of one unit holds, as tags (tags.ts): where a value was read (the time
// zone, an env var, the host name: meanings.ts says which API reveals what), what it was made
// into (a URL's host, a hash, a decoded list), and the gates comparisons make of it. Values flow
// through bindings (scope.ts), returns, calls and other units' names (`resolve`, a bounded number
// of hops away). Everything is evaluated on demand, memoized and bounded.
import type { Decoded } from '../decode/index.js';
import type { DecodedPayload } from '../../types.js';
import { calleeName, isFunction, memberPath, propertyName, stringValue, type Node } from './ast.js';
import { callTags, unknownCall } from './calls.js';
import { Comparisons, EQUALITY } from './comparisons.js';
import { credentialKind, personalFolderOf } from './known.js';
import { Lookalikes } from './lookalikes.js';
import { ENV_FACTS, factTag, globalProperty, heldProperty, moduleValue, WRITE_CALLS, WRITE_SECOND_CALLS, WRITE_TEXT } from './meanings.js';
import type { Def, Scope } from './scope.js';
import { has, MAX_LITERALS, moduleTag, NO_TAGS, ofKind, readIn, tag, union, without, type Tag, type Tags } from './tags.js';
import { looseString } from './written.js';

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

/** At most this many tag evaluations per unit: a hostile unit cannot make the analysis slow. */
const EVAL_BUDGET = 400_000;
const MAX_DEPTH = 60;

/** The values of one unit's expressions; rules read them through Analysis. */
export class Values {
  readonly comparisons: Comparisons;
  readonly lookalikes: Lookalikes;
  private readonly memo = new Map<Node, Tags>();
  private readonly returnMemo = new Map<Node, Tags>();
  private readonly busy = new Set<Node>();
  private readonly decodedByStart = new Map<number, Decoded>();
  private readonly externalMemo = new Map<string, External | undefined>();
  private readonly writesMemo = new Map<Node, number[]>();
  private budget = EVAL_BUDGET;
  private depth = 0;
  private decodeInfo: DecodeInfo = EMPTY_DECODE;

  constructor(
    readonly source: string,
    readonly scope: Scope,
    private readonly resolveExternal: Resolve,
    /** The source of the unit that declares another unit's name (a text check before a costly resolve). */
    private readonly sourceOfName: (name: string) => string | undefined,
  ) {
    this.comparisons = new Comparisons(scope, this);
    this.lookalikes = new Lookalikes(scope);
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

  /** The evaluation budget ran out: some values were not followed. */
  get exhausted(): boolean {
    return this.budget <= 0;
  }

  text(n: { start: number; end: number }): string {
    return this.source.slice(n.start, n.end);
  }

  /** What another unit's top-level name holds (resolved once), marked as read there. */
  external(name: string): External | undefined {
    if (this.externalMemo.has(name)) return this.externalMemo.get(name);
    const found = this.resolveExternal(name);
    const ext = found && { ...found, value: readIn(found.value, found.label), returns: readIn(found.returns, found.label) };
    this.externalMemo.set(name, ext);
    return ext;
  }

  /** What an expression holds (memoized; a cycle, the budget or the depth bound gives none). */
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
        return union(callTags(this, n), this.comparisons.gates(n));
      case 'NewExpression':
        return this.newTags(n);
      case 'BinaryExpression':
        if (EQUALITY.has(n.operator)) return this.comparisons.gates(n);
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
  userFolderTags(n: Node, parts: readonly Tags[]): Tags {
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
      text = ['~', ...args.slice(1, 8).map((a) => looseString(this.scope, a) ?? '…')].join('/');
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
    for (const call of this.scope.nodes('CallExpression')) {
      if (call.start < fn.start || call.end > fn.end) continue;
      const name = calleeName(call);
      if (!name) continue;
      const at = WRITE_CALLS.has(name) ? 0 : WRITE_SECOND_CALLS.has(name) ? 1 : -1;
      const arg = at >= 0 ? call.arguments[at] : undefined;
      if (!arg || arg.type !== 'Identifier') continue;
      for (const d of this.scope.bindingOf(arg)?.defs ?? []) if (d.kind === 'param' && d.fn === fn) out.add(d.index);
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

  /** The decoded literal whose literal starts where this node does (it may end later). */
  decodedStartingAt(n: Node): Decoded | undefined {
    return this.decodedByStart.get(n.start);
  }

  /** The decoded literal that starts at this node, if any. */
  decodedAt(n: Node): Decoded | undefined {
    const d = this.decodedByStart.get(n.start);
    return d && d.source.end <= n.end ? d : undefined;
  }

  private literalTags(n: Node): Tags {
    if (typeof n.value !== 'string') return NO_TAGS;
    const parts: Tag[] = [];
    const cred = credentialKind(n.value);
    if (cred) parts.push(tag('cred-path', { label: cred }));
    if (this.lookalikes.has(n)) parts.push(tag('lookalike', { literals: [n.value] }));
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
    const b = this.scope.bindingOf(id);
    if (b) return union(...b.defs.map((d) => this.defTags(d)));
    return this.freeTags(id.name);
  }

  /** What a name this unit does not declare holds: assignments here, decoded values, the other unit's value. */
  freeTags(name: string): Tags {
    const parts: Tags[] = [];
    for (const rhs of this.scope.freeAssign.get(name) ?? []) if (!isFunction(rhs)) parts.push(this.tags(rhs));
    const decoded = this.decode.byName.get(name);
    if (decoded) parts.push([tag('decoded', { payloads: decoded.map(toPayload) })]);
    const ext = this.external(name);
    if (ext) parts.push(ext.value);
    return union(...parts);
  }

  /** What one definition of a binding gives it. */
  defTags(d: Def): Tags {
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
    const callee = this.scope.localFunctionBinding(fn);
    if (!callee) return NO_TAGS;
    const parts: Tags[] = [];
    for (const ref of callee.refs.slice(0, 8)) {
      const call = this.scope.parent(ref);
      if (call && call.type === 'CallExpression' && call.callee === ref) parts.push(this.tags(call.arguments[index]));
    }
    return union(...parts);
  }

  private propertyOf(objNode: Node | undefined, objTags: Tags, prop: string): Tags {
    const objPath = objNode ? memberPath(objNode) : undefined;
    if (objPath === 'process.env' || has(objTags, 'env-dump')) return envTags(prop);
    if ((prop === 'hostname' || prop === 'host' || prop === 'origin') && has(objTags, 'url')) {
      return union(without(objTags, 'url'), [tag('url-host', { via: viaOf(objTags) })]);
    }
    // `resolvedOptions()` written out counts as Intl even where its value was not followed.
    const src = objNode ? this.text(objNode) : '';
    const intl = has(objTags, 'intl') || (src.length < 400 && src.includes('resolvedOptions'));
    const held = heldProperty(prop, (kind) => (kind === 'intl' ? intl : has(objTags, kind)));
    if (held) return [factTag(held)];
    const global = objPath !== undefined ? globalProperty(objPath, prop) : undefined;
    if (global) return [tag(global.kind, { via: global.via ?? `${objPath}.${prop}` })];
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
    return unknownCall(this, n);
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
      else out = union(...this.scope.returnsOf(fn).map((r) => this.tags(r)));
    } finally {
      this.busy.delete(fn);
    }
    this.returnMemo.set(fn, out);
    return out;
  }

  // ── what this unit offers the units that use it ───────────────────────────────────────────

  /** What a top-level name declared or assigned by this unit holds, for the units that use it. */
  exportOf(name: string, label: string): External | undefined {
    const b = this.scope.topLevelBindings().get(name);
    if (b) {
      const fns: Node[] = [];
      const values: Tags[] = [];
      for (const d of b.defs) {
        if (d.kind === 'fn') fns.push(d.fn);
        else if ((d.kind === 'init' || d.kind === 'assign') && isFunction(d.expr)) fns.push(d.expr);
        else values.push(this.defTags(d));
      }
      for (const rhs of this.scope.freeAssign.get(name) ?? []) {
        if (isFunction(rhs)) fns.push(rhs);
        else values.push(this.tags(rhs));
      }
      const returns = union(...fns.map((f) => this.returnTags(f)));
      const writes = [...new Set(fns.flatMap((f) => this.writesParams(f)))];
      const ext: External = { value: union(...values), returns, isFunction: fns.length > 0, decoder: this.decode.decoders.has(name), label };
      if (writes.length > 0) ext.writes = writes;
      return ext;
    }
    const assigned = this.scope.freeAssign.get(name);
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
    const b = this.scope.topLevelBindings().get(name);
    return b !== undefined && b.defs.length > 0;
  }
}

/** A decoded literal as a finding shows it. */
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

/** Tags of `process.env.NAME`: the env var itself, and the facts ENV_FACTS says it holds. */
export function envTags(name: string): Tags {
  const out: Tag[] = [tag('env', { label: name, via: `process.env.${name}` })];
  for (const f of ENV_FACTS) if (f.name.test(name)) out.push(f.unnamed ? tag(f.kind) : tag(f.kind, { via: `process.env.${name}` }));
  return out;
}
