// Helpers the code rules share: the strings a unit holds (literals and decoded values), gates as
// message values, categories of gates, and the span of a group of nodes.
import type { Decoded } from '../../decode/index.js';
import type { Category, DecodedPayload, FindingSpan, MessageRef, Severity } from '../../../types.js';
import { SEVERITIES } from '../../../types.js';
import type { Analysis } from '../analysis.js';
import { toPayload } from '../values.js';
import type { Node } from '../ast.js';
import { countryDomainsOf, IANA_ZONE, languagesOf, LOOPBACK, matchHost } from '../known.js';
import type { CodeMatch, CodeRuleContext } from '../rule.js';
import type { Tag, Tags } from '../tags.js';
import { URL_ENV } from '../meanings.js';
import { capped, message, type ValuesOf } from '../../messages.js';

/** Literals read per unit at most. */
const MAX_STRINGS = 20_000;

export interface StringSite {
  text: string;
  /** Offsets in the unit's source. */
  start: number;
  end: number;
  /** Set when the text is a decoded literal's value. */
  decoded?: Decoded;
  /** The literal as written (for anchors). */
  raw?: string;
}

/** The unit's string literals and template texts, then its decoded literals (own and held by the units it uses). */
export function stringsOf(ctx: CodeRuleContext): StringSite[] {
  const a = ctx.analysis;
  const out: StringSite[] = [];
  for (const n of a.nodes('Literal')) {
    if (typeof n.value !== 'string') continue;
    out.push({ text: n.value, start: n.start, end: n.end, raw: n.raw });
    if (out.length >= MAX_STRINGS) return out;
  }
  for (const n of a.nodes('TemplateElement')) {
    const text = n.value?.cooked;
    if (typeof text === 'string' && text.length > 0) out.push({ text, start: n.start, end: n.end });
    if (out.length >= MAX_STRINGS) return out;
  }
  for (const d of ctx.decoded) out.push({ text: d.text, start: d.source.start, end: d.source.end, decoded: d });
  for (const [name, list] of a.decode.byName) {
    const use = a.nodes('Identifier').find((id) => id.name === name);
    if (!use) continue;
    for (const d of list) out.push({ text: d.text, start: use.start, end: use.end, decoded: d });
  }
  return out;
}

export interface NamedHostRule {
  /** Prefix of each finding's key (the key is `<prefix>\0<host>`). */
  key: string;
  message(host: string, hidden: boolean): MessageRef;
  reason(host: string): MessageRef;
  /** Severity when the host only appears in a decoded literal. */
  hiddenSeverity: Severity;
  /** When the host is hidden: this reason is added (none: the payload speaks for itself). */
  hiddenReason?: MessageRef;
  /** A host written out anywhere in the other version is not new there (see CodeMatch.packageWide). */
  packageWide?: boolean;
}

/** One finding per known host (`matchHost` against `hosts`) named in the unit's strings or decoded literals. */
export function namedHostMatches(ctx: CodeRuleContext, hosts: readonly string[], rule: NamedHostRule): CodeMatch[] {
  const out = new Map<string, CodeMatch>();
  for (const s of stringsOf(ctx)) {
    const host = matchHost(s.text, hosts);
    if (!host || out.has(host)) continue;
    const m: CodeMatch = {
      key: `${rule.key}\0${host}`,
      node: { start: s.start, end: s.end },
      message: rule.message(host, s.decoded !== undefined),
      spans: [{ start: s.start, end: s.end, role: 'literal' }],
      reasons: [rule.reason(host)],
    };
    if (s.decoded) {
      m.severity = rule.hiddenSeverity;
      m.payloads = [toPayload(s.decoded)];
      m.chain = ['obfuscation'];
      if (rule.hiddenReason) m.reasons.push(rule.hiddenReason);
    }
    if (s.raw) m.anchor = s.raw;
    if (rule.packageWide && !s.decoded) m.packageWide = host;
    out.set(host, m);
  }
  return [...out.values()];
}

export function raiseSeverity(s: Severity, steps = 1): Severity {
  return SEVERITIES[Math.min(SEVERITIES.length - 1, SEVERITIES.indexOf(s) + steps)]!;
}

export function lowerSeverity(s: Severity, steps = 1): Severity {
  return SEVERITIES[Math.max(0, SEVERITIES.indexOf(s) - steps)]!;
}

/** The category a gate (a probe compared with a list) belongs to. */
export function gateCategory(t: Tag): Category | undefined {
  if (t.kind !== 'gate') return undefined;
  switch (t.label) {
    case 'timezone':
    case 'utc-offset':
    case 'locale':
    case 'network-response':
      return 'geo-gating';
    case 'page-host':
      return (t.literals ?? []).some((l) => countryDomainsOf(l).length > 0) ? 'geo-gating' : 'environment-probe';
    case 'url-host':
    case 'hostname':
    case 'username':
      return 'environment-probe';
    case 'mac':
    case 'machine-id':
    case 'public-ip':
      return 'host-fingerprint';
    default:
      return t.label?.startsWith('env:') ? 'environment-probe' : undefined;
  }
}

/** Whether a gate compares its probe with something that says where the user is or whose host it is. */
export function meaningfulGate(t: Tag): boolean {
  if (t.kind !== 'gate') return false;
  const lits = t.literals ?? [];
  switch (t.label) {
    case 'timezone':
      return lits.some((l) => IANA_ZONE.test(l));
    case 'utc-offset':
      return lits.some(isZoneOffset);
    case 'page-host':
      return lits.some((l) => countryDomainsOf(l).length > 0);
    case 'url-host':
    case 'hostname':
    case 'username':
      return (t.payloads?.length ?? 0) > 0 || lits.some(isHostLike);
    default:
      if (t.label?.startsWith('env:') && URL_ENV.test(t.label.slice(4))) return (t.payloads?.length ?? 0) > 0 || lits.some(isHostLike);
      return false;
  }
}

/**
 * The languages a locale is compared with, when they single out a few places (one to four, not
 * English): `"ru"`, `/^(ru|be)\b/`. A longer list, or one with English, is a translation table.
 */
export function targetedLanguages(literals: readonly string[]): string[] {
  const langs = [...new Set(literals.flatMap(languagesOf))];
  return langs.length >= 1 && langs.length <= 4 && !langs.includes('en') ? langs : [];
}

/** Someone's host or domain (not loopback): `example.com`, `.cn`, `api.example.com`. */
export function isHostLike(s: string): boolean {
  return s.length <= 253 && /^\.?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.?$/i.test(s) && /[a-z]/i.test(s) && (s.includes('.') || /^[a-z]{2,3}$/.test(s)) && !LOOPBACK.test(s.replace(/^\./, ''));
}

/** A UTC offset in minutes that a zone has (a multiple of 15, not zero). */
export function isZoneOffset(s: string): boolean {
  const n = Number(s);
  return Number.isInteger(n) && n !== 0 && Math.abs(n) <= 840 && n % 15 === 0;
}

/** A gate as message values: the probe, what it is compared with, where. */
export function gateValues(t: Tag): ValuesOf<'gate/only-when'> {
  const lits = t.literals ?? [];
  return {
    gate: t.label,
    via: t.via,
    literals: capped(lits),
    literalCount: lits.length,
    hidden: (t.payloads?.length ?? 0) > 0,
    unit: t.from ? unitName(t.from) : undefined,
  };
}

/** `only then the code <does>`: the reason a gate gives for what it decides (effects sorted). */
export function onlyThen(effects: readonly string[]): MessageRef {
  return message('gate/effects', { effects: [...effects] });
}

/** `only when <gate>`: the reason a gate adds to what it guards. */
export function onlyWhen(t: Tag): MessageRef {
  return message('gate/only-when', gateValues(t));
}

/** The short name of a unit from its label (`cli.js § function Hu6 #12` → `function Hu6`). */
export function unitName(label: string): string {
  return label.split(', ')[0]!.replace(/^.* § /, '').replace(/ #\d+$/, '');
}

/** Where values were read, as message values: what read them, and in which unit (`''`: this one). Pairs are distinct. */
export function readValues(tags: readonly Tag[]): { via: string[]; units: string[] } {
  const seen = new Set<string>();
  const via: string[] = [];
  const units: string[] = [];
  for (const t of tags) {
    const what = t.via ?? t.kind;
    const unit = t.from ? unitName(t.from) : '';
    const k = `${what}\0${unit}`;
    if (seen.has(k)) continue;
    seen.add(k);
    via.push(what);
    units.push(unit);
  }
  return { via, units };
}

/** A decoded value as message values: its entries (a few) or the start of its text. */
export function decodedValues(d: Decoded): { entries?: string[]; entryCount?: number; text?: string } {
  return d.list ? { entries: capped(d.list), entryCount: d.list.length } : { text: d.text.slice(0, 121) };
}

/** Spans of nodes, with one role. */
export function spansOf(nodes: readonly { start: number; end: number }[], role: string): FindingSpan[] {
  return nodes.map((n) => ({ start: n.start, end: n.end, role }));
}

export function payloadsOfTags(tags: Tags): DecodedPayload[] {
  const seen = new Map<string, DecodedPayload>();
  for (const t of tags) for (const p of t.payloads ?? []) if (!seen.has(p.text)) seen.set(p.text, p);
  return [...seen.values()];
}

export { toPayload };

/** The span of a group of nodes when it is short, else the first node. */
export function spanOf(nodes: readonly { start: number; end: number }[], maxChars = 400): { start: number; end: number } {
  const first = nodes[0]!;
  let start = first.start;
  let end = first.end;
  for (const n of nodes) {
    const s = Math.min(start, n.start);
    const e = Math.max(end, n.end);
    if (e - s > maxChars) continue;
    start = s;
    end = e;
  }
  return { start, end };
}

/** The nearest enclosing statement of a node (for evidence), if short. */
export function statementOf(a: Analysis, n: Node, maxChars = 400): Node {
  let cur = n;
  for (let i = 0; i < 12; i++) {
    const p = a.parent(cur);
    if (!p || p.type === 'Program' || p.type === 'BlockStatement') return cur;
    if (p.end - p.start > maxChars) return cur;
    cur = p;
    if (/Statement$|Declaration$/.test(p.type)) return p;
  }
  return cur;
}

export function rawLiteral(a: Analysis, n: Node): string | undefined {
  for (const lit of a.nodes('Literal')) {
    if (lit.start >= n.start && lit.end <= n.end && typeof lit.value === 'string' && lit.value.length >= 2) return lit.raw as string;
  }
  return undefined;
}

/** A language gate that singles out a few places: meaningful for what it decides to do, not for a format it picks (translation). */
export function targetedLocaleGate(t: Tag): boolean {
  return t.kind === 'gate' && t.label === 'locale' && targetedLanguages(t.literals ?? []).length > 0;
}

/**
 * Gates (probes compared with lists) that guard a node: the tests of the ifs and choices it sits
 * in. `locale`: language gates count too (for acts such as locking a page; a format chosen by
 * language is translation).
 */
export function guardingGates(a: Analysis, n: Node, options: { locale?: boolean } = {}): Tag[] {
  const counts = (t: Tag) => t.kind === 'gate' && (meaningfulGate(t) || (options.locale === true && targetedLocaleGate(t)));
  const out: Tag[] = [];
  let cur = n;
  for (let i = 0; i < 24; i++) {
    const p = a.parent(cur);
    if (!p) break;
    if ((p.type === 'IfStatement' || p.type === 'ConditionalExpression') && p.test !== cur) {
      for (const t of a.tags(p.test)) if (counts(t)) out.push(t);
    } else if (p.type === 'LogicalExpression' && p.operator === '&&' && p.right === cur) {
      for (const t of a.tags(p.left)) if (counts(t)) out.push(t);
    }
    cur = p;
  }
  return out;
}

/** A path as written: a string, a template, or `path.join(…)` of such. */
export function pathText(a: Analysis, n: Node | undefined, depth = 0): string | undefined {
  if (!n || depth > 4) return undefined;
  const s = a.looseString(n);
  if (s !== undefined) return s;
  if (n.type === 'CallExpression') {
    const callee = n.callee;
    const name = callee?.type === 'MemberExpression' ? callee.property?.name : callee?.name;
    if (name === 'join' || name === 'resolve') {
      const parts = n.arguments.map((x: Node) => pathText(a, x, depth + 1) ?? (isHome(a, x) ? '~' : '…'));
      return parts.join('/');
    }
    if (name === 'homedir') return '~';
    if (name === 'cwd') return '.';
  }
  if (isHome(a, n)) return '~';
  return undefined;
}

/** Paths a value may hold, at most `max`: `pathText`, and through names, list items and joins of several choices. */
export function pathOptions(a: Analysis, n: Node | undefined, depth = 0, max = 8): string[] {
  if (!n || depth > 4) return [];
  const direct = pathText(a, n);
  if (direct !== undefined && !direct.includes('…')) return [direct];
  const u = n.type === 'ChainExpression' ? n.expression : n;
  const out = new Set<string>();
  if (u.type === 'Identifier') {
    for (const d of a.bindingOf(u)?.defs.slice(0, 4) ?? []) {
      if (d.kind === 'init' || d.kind === 'assign') for (const p of pathOptions(a, d.expr, depth + 1, max)) out.add(p);
      else if (d.kind === 'element') {
        const list = d.of.type === 'Identifier' ? a.bindingOf(d.of)?.defs.find((x) => x.kind === 'init') : undefined;
        const arr = d.of.type === 'ArrayExpression' ? d.of : list && list.kind === 'init' && list.expr.type === 'ArrayExpression' ? list.expr : undefined;
        for (const el of arr?.elements.slice(0, max) ?? []) for (const p of pathOptions(a, el ?? undefined, depth + 1, max)) out.add(p);
      }
    }
  } else if (u.type === 'CallExpression') {
    const callee = u.callee;
    const name = callee?.type === 'MemberExpression' ? callee.property?.name : callee?.name;
    if (name === 'join' || name === 'resolve') {
      let combos = [''];
      for (const arg of u.arguments.slice(0, 8)) {
        const opts = pathOptions(a, arg, depth + 1, max);
        const parts = opts.length > 0 ? opts : [isHome(a, arg) ? '~' : '…'];
        combos = combos.flatMap((c) => parts.map((p) => (c ? `${c}/${p}` : p))).slice(0, max);
      }
      for (const c of combos) out.add(c);
    }
  }
  if (out.size === 0 && direct !== undefined) out.add(direct);
  return [...out].slice(0, max);
}

/** Whether a value is the home folder itself (`os.homedir()`, `process.env.HOME`, a constant holding one), not a path inside it. */
export function isHome(a: Analysis, n: Node, depth = 0): boolean {
  if (depth > 3) return false;
  const u = n.type === 'ChainExpression' ? n.expression : n;
  if (u.type === 'CallExpression') {
    const callee = u.callee?.type === 'MemberExpression' ? u.callee.property?.name : u.callee?.name;
    return callee === 'homedir' && u.arguments.length === 0;
  }
  if (u.type === 'MemberExpression') {
    const p = u.property?.name ?? u.property?.value;
    return (p === 'HOME' || p === 'USERPROFILE') && /process\.env$/.test(a.text(u.object));
  }
  if (u.type === 'LogicalExpression') return isHome(a, u.left, depth + 1) && (isHome(a, u.right, depth + 1) || u.right.type === 'Literal');
  if (u.type === 'Identifier') {
    const b = a.bindingOf(u);
    const defs = b?.defs ?? [];
    return defs.length === 1 && (defs[0]!.kind === 'init' || defs[0]!.kind === 'assign') && isHome(a, (defs[0] as { expr: Node }).expr, depth + 1);
  }
  return false;
}
