// One version's code as the rules see it: units by file and index, who declares (or assigns) a
// top-level name, a unit's analysis with the values of the units it uses (up to two hops,
// bounded), and the decoded literals around it (a decoder defined in one unit and applied to a
// literal held by another). Every unit's exports are computed at most once per depth.
import { decodeLiterals, findDecoders, type Decoded } from '../decode/index.js';
import type { Unit } from '../../units/types.js';
import { unitText } from '../../units/unit-text.js';
import { parseSource } from './ast.js';
import { Analysis } from './analysis.js';
import { EMPTY_DECODE, type DecodeInfo, type External } from './values.js';
import type { CodeFile, CodeSide } from './types.js';

/** Units larger than this are not analysed (noted instead). */
export const MAX_UNIT_CHARS = 1024 * 1024;
/** Units used by another are read only up to this size. */
export const MAX_RELATED_CHARS = 256 * 1024;
/** Related units analysed for one unit, at most. */
export const MAX_RELATED_UNITS = 32;
/** Hops followed from a unit to the units it uses. */
export const HOPS = 2;
/** Decoding context: other units' code read with a unit (decoders, string variables). */
const MAX_CONTEXT_UNIT_CHARS = 64 * 1024;
const MAX_CONTEXT_CHARS = 256 * 1024;
const MAX_CONTEXT_UNITS = 16;
/** Functions that may assign another unit's name are read up to this size. */
const MAX_ASSIGNING_UNIT_CHARS = 8 * 1024;
/** A unit that may hold a decoder: read with the units that use it. */
const MENTIONS_DECODING = /base64|atob|fromCharCode|charCodeAt|\^/;
/** A unit that may hold an encoded literal: a long run of base64 or hex, escapes, a list of char codes, a decoding call. */
const ENCODED_HINT = /(["'`])[A-Za-z0-9+/]{20,}={0,2}\1|(?:\\x[0-9a-fA-F]{2}){3}|(?:\\u00[0-9a-fA-F]{2}){3}|\d{2,3}\s*,\s*\d{2,3}\s*,\s*\d{2,3}\s*,\s*\d{2,3}\s*,|fromCharCode|atob\s*\(|["']base64["']|["']hex["']/;
/** A unit that may define a decoder (the idiom names itself). */
const DECODER_HINT = /base64|atob|fromCharCode|charCodeAt/;

export interface UnitHandle {
  file: CodeFile;
  unit: Unit;
  source: string;
  label: string;
  key: string;
}

/** Comments and blank text between the previous unit and this one are read up to this length. */
const MAX_LEADING_CHARS = 4096;

/** The text between the previous unit's end and this unit's start (its leading comments). */
export function leadingText(h: UnitHandle): string {
  const units = h.file.units.units;
  const prevEnd = h.unit.index > 0 ? (units[h.unit.index - 1]?.end ?? 0) : 0;
  return h.file.source.slice(Math.max(prevEnd, h.unit.start - MAX_LEADING_CHARS), h.unit.start);
}

export interface Budget {
  /** Related units that may still be analysed. */
  left: number;
  /** Characters of related units that may still be analysed. */
  chars: number;
}

/** Characters of related units analysed for one unit, at most. */
export const MAX_RELATED_TOTAL_CHARS = 512 * 1024;

export function newBudget(): Budget {
  return { left: MAX_RELATED_UNITS, chars: MAX_RELATED_TOTAL_CHARS };
}

export function unitLabel(file: string, unit: Unit): string {
  const name = unit.declares[0];
  return `${file} § ${unit.kind}${name ? ` ${name}` : ''} #${unit.index}`;
}

export class SideIndex {
  private readonly files = new Map<string, CodeFile>();
  private readonly declared = new Map<string, Map<string, number[]>>();
  private readonly assigned = new Map<string, Map<string, number[]>>();
  private globalDeclared: Map<string, { file: string; index: number } | null> | undefined;
  private readonly exportsMemo = new Map<string, Map<string, External>>();
  private readonly handles = new Map<string, UnitHandle>();

  constructor(readonly side: CodeSide) {
    for (const f of side.files) this.files.set(f.path, f);
  }

  get version(): string {
    return this.side.version;
  }

  handle(file: string, index: number): UnitHandle | undefined {
    const key = `${file}\0${index}`;
    const cached = this.handles.get(key);
    if (cached) return cached;
    const f = this.files.get(file);
    const unit = f?.units.units[index];
    if (!f || !unit) return undefined;
    const h: UnitHandle = { file: f, unit, source: unitText(f.source, unit), label: unitLabel(file, unit), key };
    if (this.handles.size < 50_000) this.handles.set(key, h);
    return h;
  }

  /** Each name a file's units declare, with the units that declare it (at most a few: scopes of split wrappers may reuse a name). */
  private declaredIn(file: string): Map<string, number[]> {
    let m = this.declared.get(file);
    if (m) return m;
    m = new Map();
    const f = this.files.get(file);
    for (const u of f?.units.units ?? []) {
      for (const name of u.declares) {
        const list = m.get(name);
        if (!list) m.set(name, [u.index]);
        else if (list.length < 16) list.push(u.index);
      }
    }
    this.declared.set(file, m);
    return m;
  }

  /**
   * Of the units that declare a name, the one `from` sees: in its own wrapper's body, else in the
   * enclosing ones', else at the top level (the first, as before wrappers were split).
   */
  private visible(file: string, candidates: number[], from: UnitHandle | undefined): number | undefined {
    if (candidates.length === 1 || !from) return candidates[0];
    const units = this.files.get(file)?.units.units ?? [];
    let scope = from.file.path === file ? from.unit.parent : undefined;
    for (let guard = 0; guard < 16; guard++) {
      const hit = candidates.find((i) => units[i]?.parent === scope);
      if (hit !== undefined) return hit;
      if (scope === undefined) return undefined;
      scope = units[scope]?.parent;
    }
    return undefined;
  }

  /** Whether a name is one of a file's top-level names. */
  isTopLevel(file: string, name: string): boolean {
    return this.declaredIn(file).has(name);
  }

  /**
   * The unit that declares a name, as `from` sees it: in the same file (its own wrapper's scope
   * first), else the only file that declares it at its top level.
   */
  declaring(file: string, name: string, from?: UnitHandle): UnitHandle | undefined {
    const candidates = this.declaredIn(file).get(name);
    if (candidates) {
      const index = this.visible(file, candidates, from);
      return index !== undefined ? this.handle(file, index) : undefined;
    }
    if (!this.globalDeclared) {
      this.globalDeclared = new Map();
      for (const f of this.files.values()) {
        const units = f.units.units;
        for (const [n, list] of this.declaredIn(f.path)) {
          const top = list.find((i) => units[i]?.parent === undefined);
          if (top === undefined) continue;
          const prev = this.globalDeclared.get(n);
          this.globalDeclared.set(n, prev === undefined ? { file: f.path, index: top } : null);
        }
      }
    }
    const g = this.globalDeclared.get(name);
    return g ? this.handle(g.file, g.index) : undefined;
  }

  /**
   * Units that assign a top-level name declared without a value (`var x;` here, `x = …` in a lazy
   * module initializer elsewhere). Found by one text scan of the file, made on first need.
   */
  assigning(file: string, name: string): UnitHandle[] {
    let m = this.assigned.get(file);
    if (!m) {
      m = new Map();
      const f = this.files.get(file);
      if (f) {
        const names = this.declaredIn(file);
        const re = /(?<![\w$.])([A-Za-z_$][\w$]*)\s*=(?![=>])/g;
        let found = 0;
        // Where bundles assign top-level names declared without a value: lazy module initializers,
        // top-level statements, small functions (initializers and setters).
        for (const u of f.units.units) {
          const small = u.end - u.start <= MAX_ASSIGNING_UNIT_CHARS;
          if (!(u.kind === 'statement' || (u.kind === 'factory' && u.factory === 'esm') || (u.kind === 'function' && small))) continue;
          if (u.end - u.start > MAX_RELATED_CHARS) continue;
          const text = unitText(f.source, u);
          for (const match of text.matchAll(re)) {
            const n = match[1]!;
            if (!names.has(n) || u.declares.includes(n)) continue;
            const list = m.get(n) ?? [];
            if (list.length < 4 && !list.includes(u.index)) list.push(u.index);
            m.set(n, list);
            if (++found > 1_000_000) break;
          }
        }
      }
      this.assigned.set(file, m);
    }
    return (m.get(name) ?? []).map((i) => this.handle(file, i)).filter((h): h is UnitHandle => h !== undefined);
  }

  /** A unit analysed with the values of the units it uses, `depth` hops away at most. */
  analyze(h: UnitHandle, depth: number, budget: Budget): Analysis | undefined {
    if (h.source.length > MAX_UNIT_CHARS) return undefined;
    const parsed = parseSource(h.source);
    if (!parsed.ok) return undefined;
    const resolve = depth > 0 ? (name: string) => this.resolve(h, name, depth - 1, budget) : () => undefined;
    const sourceOf = (name: string) => {
      const d = this.declaring(h.file.path, name, h);
      return d && d.key !== h.key && d.source.length <= MAX_RELATED_CHARS ? d.source : undefined;
    };
    const analysis = new Analysis(h.source, parsed.ast, resolve, sourceOf);
    analysis.setDecode(this.decodeInfo(h, analysis, depth > 0));
    return analysis;
  }

  private resolve(from: UnitHandle, name: string, depth: number, budget: Budget): External | undefined {
    if (from.unit.declares.includes(name)) return undefined;
    const target = this.declaring(from.file.path, name, from);
    if (!target || target.key === from.key) return undefined;
    // A bundler's module factory is a module, not a value: what it exports is not followed.
    if (target.unit.kind === 'factory' && target.unit.factory === 'commonjs') return undefined;
    const exports = this.exportsOf(target, depth, budget);
    const own = exports?.get(name);
    if (own && (own.isFunction || own.value.length > 0)) return own;
    // Declared without a value here: look for the units that assign it.
    const parts: External[] = own ? [own] : [];
    for (const a of this.assigning(target.file.path, name)) {
      if (a.key === target.key || a.key === from.key) continue;
      const ext = this.exportsOf(a, depth, budget)?.get(name);
      if (ext) parts.push(ext);
    }
    if (parts.length === 0) return undefined;
    if (parts.length === 1) return parts[0];
    return {
      value: parts.flatMap((p) => p.value),
      returns: parts.flatMap((p) => p.returns),
      isFunction: parts.some((p) => p.isFunction),
      decoder: parts.some((p) => p.decoder),
      label: parts.map((p) => p.label).join(', '),
    };
  }

  private exportsOf(h: UnitHandle, depth: number, budget: Budget): Map<string, External> | undefined {
    const key = `${h.key}\0${depth}`;
    const memo = this.exportsMemo.get(key);
    if (memo) return memo;
    if (h.source.length > MAX_RELATED_CHARS || budget.left <= 0 || budget.chars < h.source.length) return undefined;
    budget.left--;
    budget.chars -= h.source.length;
    const out = new Map<string, External>();
    const analysis = this.analyze(h, depth, budget);
    if (analysis) {
      const names = new Set(h.unit.declares);
      for (const n of analysis.freeAssign.keys()) if (this.isTopLevel(h.file.path, n)) names.add(n);
      for (const n of names) {
        const ext = analysis.exportOf(n, h.label);
        if (ext) out.set(n, ext);
      }
    }
    this.exportsMemo.set(key, out);
    return out;
  }

  /**
   * The literals a decoder function of unit `h` is applied to in the same file, decoded: each call
   * site's unit is decoded with the decoder and the units holding the literals passed to it.
   */
  decoderUses(h: UnitHandle, name: string): Decoded[] {
    const source = h.file.source;
    const units = h.file.units.units;
    const esc = name.replace(/\$/g, '\\$');
    const call = new RegExp(String.raw`(?<![\w$.])${esc}\s*\(\s*([A-Za-z_$][\w$]*)?`, 'g');
    const sites = new Map<number, Set<string>>();
    let count = 0;
    for (const m of source.matchAll(call)) {
      if (m.index >= h.unit.start && m.index < h.unit.end) continue;
      const idx = unitAt(units, m.index);
      if (idx < 0) continue;
      const args = sites.get(idx) ?? new Set<string>();
      if (m[1]) args.add(m[1]);
      sites.set(idx, args);
      if (++count >= 64 || sites.size >= 8) break;
    }
    const out = new Map<string, Decoded>();
    for (const [idx, args] of sites) {
      const site = this.handle(h.file.path, idx);
      if (!site || site.source.length > MAX_RELATED_CHARS) continue;
      let code = site.source + '\n;\n' + h.source;
      const holders: Array<{ start: number; end: number }> = [{ start: 0, end: site.source.length }];
      for (const arg of [...args].slice(0, 8)) {
        const holder = this.declaring(h.file.path, arg, site);
        if (!holder || holder.key === site.key || holder.source.length > MAX_CONTEXT_UNIT_CHARS) continue;
        code += '\n;\n';
        holders.push({ start: code.length, end: code.length + holder.source.length });
        code += holder.source;
      }
      let results: Decoded[];
      try {
        results = decodeLiterals(code, { maxLiterals: 2000 });
      } catch {
        continue;
      }
      for (const d of results) {
        if (!holders.some((r) => d.source.start >= r.start && d.source.end <= r.end)) continue;
        // Only what the code decodes (a transform with more than one step, or a named one), not every readable literal.
        if (d.steps.length < 2 && !d.steps.some((s) => /^(?:xor:|split:|fromCharCode)/.test(s))) continue;
        if (!out.has(d.text)) out.set(d.text, d);
      }
      if (out.size >= 16) break;
    }
    return [...out.values()];
  }

  /**
   * The decoded literals of a unit: its own, and (with context) those of the units it uses that
   * hold encoded strings or decoders, read together so a decoder in one unit decodes a literal
   * held by another.
   */
  private decodeInfo(h: UnitHandle, analysis: Analysis, withContext: boolean): DecodeInfo {
    const segments: Array<{ start: number; end: number; handle: UnitHandle }> = [];
    let code = h.source;
    if (withContext) {
      let total = 0;
      const seen = new Set<string>([h.key]);
      for (const name of analysis.freeNames) {
        if (segments.length >= MAX_CONTEXT_UNITS || total >= MAX_CONTEXT_CHARS) break;
        const r = this.declaring(h.file.path, name, h);
        if (!r || seen.has(r.key) || r.source.length > MAX_CONTEXT_UNIT_CHARS) continue;
        seen.add(r.key);
        if (!MENTIONS_DECODING.test(r.source) && !ENCODED_HINT.test(r.source)) continue;
        code += '\n;\n';
        segments.push({ start: code.length, end: code.length + r.source.length, handle: r });
        code += r.source;
        total += r.source.length;
      }
    }
    // Decoding needs an encoded literal somewhere; decoders name their idiom. Code without either is not scanned.
    const encoded = ENCODED_HINT.test(h.source) || segments.some((seg) => ENCODED_HINT.test(seg.handle.source));
    const decoderLike = (h.source.length <= MAX_CONTEXT_UNIT_CHARS && DECODER_HINT.test(h.source)) || segments.some((seg) => DECODER_HINT.test(seg.handle.source));
    if (!encoded && !decoderLike) return EMPTY_DECODE;
    let results: Decoded[];
    let decoders: Map<string, string>;
    try {
      results = encoded ? decodeLiterals(code, { maxLiterals: 5000 }) : [];
      decoders = decoderLike ? new Map(findDecoders(code).map((d) => [d.name, code.slice(d.source.start, d.source.end)])) : new Map();
    } catch {
      return EMPTY_DECODE;
    }
    const own: Decoded[] = [];
    const byName = new Map<string, Decoded[]>();
    for (const d of results) {
      if (d.source.end <= h.source.length) {
        own.push(d);
        continue;
      }
      const seg = segments.find((s) => d.source.start >= s.start && d.source.end <= s.end);
      if (!seg) continue;
      const name = holderName(code.slice(seg.start, d.source.start), seg.handle.unit);
      if (!name || !analysis.freeNames.has(name)) continue;
      const list = byName.get(name) ?? [];
      list.push({ ...d, source: { start: d.source.start - seg.start, end: d.source.end - seg.start } });
      byName.set(name, list);
    }
    return { own, byName, decoders };
  }
}

/** The variable a literal is assigned to: `NAME = "…"` just before it, or the unit's only name. */
function holderName(before: string, unit: Unit): string | undefined {
  const m = /([A-Za-z_$][\w$]*)\s*=\s*$/.exec(before.slice(-200));
  if (m) return m[1];
  return unit.declares.length === 1 ? unit.declares[0] : undefined;
}

/** Index of the unit whose range holds `offset` (units are in source order), or -1. */
export function unitAt(units: readonly Unit[], offset: number): number {
  let lo = 0;
  let hi = units.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const u = units[mid]!;
    if (offset < u.start) hi = mid - 1;
    else if (offset >= u.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
