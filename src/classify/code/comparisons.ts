// What a value is compared against: equality with literals, membership in lists, prefixes and
// suffixes, patterns, switch cases, lookups in object literals, and the current date against a
// number. A comparison whose subject holds a probed value (the time zone, a locale, a host) is a
// gate: its outcome is tagged with the probe and the literals, and rules read it as a locale,
// time-zone or host gate.
import type { DecodedPayload } from '../../types.js';
import { calleeName, calleeObject, propertyName, stringValue, unwrap, type Node } from './ast.js';
import { IANA_ZONE, isLanguageCode, REGIONAL_LOCALE, ZONE_NAME } from './known.js';
import type { Scope } from './scope.js';
import { dedupe, dedupePayloads, has, MAX_LITERALS, NO_TAGS, ofKind, PROBE_KINDS, type Tag, type Tags } from './tags.js';

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

export interface Literals {
  values: string[];
  payloads: DecodedPayload[];
  /** A list (array, set, decoded list) rather than one value. */
  list: boolean;
}

export const EQUALITY: ReadonlySet<string> = new Set(['===', '==', '!==', '!=']);
const ORDER: ReadonlySet<string> = new Set(['<', '>', '<=', '>=']);
/** Code that reads the current date or a part of it (checked as text before a number comparison is followed). */
const DATE_TEXT = /\bget(?:UTC)?(?:Month|Date|Day|FullYear|Year|Hours|Time)\(|\bDate\.now\(|\bnew Date\(\)/;

/** What comparisons read of the values around them. */
export interface ValueReader {
  tags(n: Node | null | undefined): Tags;
  text(n: { start: number; end: number }): string;
}

export class Comparisons {
  private readonly memo = new Map<Node, Comparison | null>();
  private everything: Comparison[] | undefined;

  constructor(
    private readonly scope: Scope,
    private readonly values: ValueReader,
  ) {}

  /** The gates a comparison makes: one per probed value it compares (`gate` tags with the literals). */
  gates(n: Node): Tags {
    const c = this.at(n);
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
  all(): Comparison[] {
    if (this.everything) return this.everything;
    const out: Comparison[] = [];
    const candidates = [...this.scope.nodes('BinaryExpression'), ...this.scope.nodes('CallExpression'), ...this.scope.nodes('SwitchStatement'), ...this.scope.nodes('MemberExpression')];
    for (const n of candidates) {
      if (n.type === 'MemberExpression' && !(n.computed && n.object.type === 'ObjectExpression')) continue;
      if (n.type === 'BinaryExpression' && !EQUALITY.has(n.operator) && !ORDER.has(n.operator)) continue;
      const c = this.at(n);
      if (c) out.push(c);
      if (out.length >= 4096) break;
    }
    this.everything = out.sort((a, b) => a.node.start - b.node.start);
    return this.everything;
  }

  /** The comparison a node makes, if it is one (memoized). */
  at(n: Node): Comparison | null {
    if (this.memo.has(n)) return this.memo.get(n)!;
    this.memo.set(n, null); // cycle guard
    const c = this.computeComparison(n);
    this.memo.set(n, c);
    return c;
  }

  private computeComparison(n: Node): Comparison | null {
    const make = (subject: Node, lits: Literals | undefined, how: Comparison['how']): Comparison | null => {
      // Only literals some rule reads are worth following the subject for.
      if (lits && !interesting(lits)) return null;
      const subjectTags = this.values.tags(subject);
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
    if (subject.end - subject.start > 200 || !DATE_TEXT.test(this.values.text(subject))) return undefined;
    const subjectTags = this.values.tags(subject);
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
      const b = this.scope.bindingOf(u);
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
      const b = this.scope.bindingOf(n);
      if (b && b.defs.length === 1 && b.defs[0]!.kind === 'init') {
        const inner = this.literalsOf(b.defs[0]!.expr, depth + 1);
        if (inner) return inner;
      }
    }
    if (n.type === 'NewExpression' && calleeName(n) === 'Set') return this.literalsOf(n.arguments[0], depth + 1);
    const t = ofKind(this.values.tags(n), 'list', 'decoded');
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
