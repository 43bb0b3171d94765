// Maps the new build's local names back to the old build's through the canonical alignment:
// the two units' canonical token streams (placeholders collapsed, so renumbering after an edit
// does not matter) are diffed, and every aligned pair of renamed identifiers votes for
// "new name → old name". The new source is then rewritten with the winning names, so that a
// line diff of the two beautified units shows only real edits.
import type { CanonicalToken } from '../units/canonical.js';
import { diffIds } from './line-diff.js';

export interface CanonicalView {
  tokens: readonly CanonicalToken[];
  names: readonly string[];
}

const PLACEHOLDER = /^[$@]\d+$/;

/** A token's text with placeholders collapsed, so numbering shifts after an edit do not matter. */
function shape(t: CanonicalToken): string {
  return t.slot !== undefined || PLACEHOLDER.test(t.text) ? '\u0000id' : t.text;
}

/** Statement-like segments: token runs ending at `;`, `{` or `}`. */
function segments(tokens: readonly CanonicalToken[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = 0;
  tokens.forEach((t, i) => {
    if (t.text === ';' || t.text === '{' || t.text === '}') {
      out.push([from, i + 1]);
      from = i + 1;
    }
  });
  if (from < tokens.length) out.push([from, tokens.length]);
  return out;
}

class Interner {
  private ids = new Map<string, number>();
  id(key: string): number {
    let v = this.ids.get(key);
    if (v === undefined) this.ids.set(key, (v = this.ids.size));
    return v;
  }
  get count(): number {
    return this.ids.size;
  }
}

/**
 * Aligned token index pairs. Two levels, so that an inserted statement is aligned as a whole:
 * first statement-like segments are diffed, then the tokens inside each replaced region.
 */
function alignTokens(a: readonly CanonicalToken[], b: readonly CanonicalToken[]): Array<[number, number]> {
  const segA = segments(a);
  const segB = segments(b);
  const segKeys = new Interner();
  const key = (tokens: readonly CanonicalToken[], [from, to]: [number, number]) => segKeys.id(tokens.slice(from, to).map(shape).join(' '));
  const ia = Int32Array.from(segA, (s) => key(a, s));
  const ib = Int32Array.from(segB, (s) => key(b, s));
  const pairs: Array<[number, number]> = [];
  const tokenLevel = (fromA: number, toA: number, fromB: number, toB: number) => {
    if (fromA >= toA || fromB >= toB) return;
    const keys = new Interner();
    const ta = Int32Array.from(a.slice(fromA, toA), (t) => keys.id(shape(t)));
    const tb = Int32Array.from(b.slice(fromB, toB), (t) => keys.id(shape(t)));
    for (const op of diffIds(ta, tb, keys.count, { ignoreWhitespace: false })) {
      if (op.kind === 'equal') for (let k = 0; k < op.count; k++) pairs.push([fromA + op.oldStart + k, fromB + op.newStart + k]);
    }
  };
  const ops = diffIds(ia, ib, segKeys.count, { ignoreWhitespace: false });
  let pendingA: [number, number] | null = null;
  let pendingB: [number, number] | null = null;
  const flush = () => {
    if (pendingA && pendingB) tokenLevel(pendingA[0], pendingA[1], pendingB[0], pendingB[1]);
    pendingA = pendingB = null;
  };
  for (const op of ops) {
    if (op.kind === 'equal') {
      flush();
      for (let k = 0; k < op.count; k++) {
        const [fa, ta] = segA[op.oldStart + k]!;
        const [fb] = segB[op.newStart + k]!;
        for (let t = 0; t < ta - fa; t++) pairs.push([fa + t, fb + t]);
      }
    } else if (op.kind === 'delete') {
      pendingA = [segA[op.oldStart]![0], segA[op.oldStart + op.count - 1]![1]];
    } else {
      pendingB = [segB[op.newStart]![0], segB[op.newStart + op.count - 1]![1]];
      if (!pendingA) pendingB = null; // a pure insertion has nothing to align with
      flush();
    }
  }
  flush();
  return pairs;
}

/** new slot → old name, one-to-one, decided by majority of aligned occurrences. */
export function renameMap(oldView: CanonicalView, newView: CanonicalView): Map<number, string> {
  const votes = new Map<string, number>();
  const seenOld = new Set<number>();
  const seenNew = new Set<number>();
  for (const [i, j] of alignTokens(oldView.tokens, newView.tokens)) {
    const o = oldView.tokens[i]!;
    const n = newView.tokens[j]!;
    if (o.slot === undefined || n.slot === undefined) continue;
    // A module alias maps to the same alias only (`import {join as a}` is not `require("path")`).
    if (o.alias !== n.alias) continue;
    // Slots are numbered by first occurrence, which is usually the binding itself: when both
    // sides meet a name for the first time at the same place, that counts more than a use.
    const first = !seenOld.has(o.slot) && !seenNew.has(n.slot);
    seenOld.add(o.slot);
    seenNew.add(n.slot);
    const k = `${n.slot}\u0000${o.slot}`;
    votes.set(k, (votes.get(k) ?? 0) + (first ? 2 : 1));
  }
  // Strongest votes first; each new slot and each old slot is used once.
  const ranked = [...votes].sort((x, y) => y[1] - x[1]);
  const usedOld = new Set<number>();
  const map = new Map<number, string>();
  for (const [k] of ranked) {
    const [ns, os] = k.split('\u0000').map(Number) as [number, number];
    if (map.has(ns) || usedOld.has(os)) continue;
    const name = oldView.names[os];
    if (name === undefined) continue;
    map.set(ns, name);
    usedOld.add(os);
  }
  return map;
}

/**
 * A shorthand names two things at once: `{a}` is the key "a" and the binding a. Renaming the
 * binding must keep the key: `{a: x}`; likewise `import {a as x}` and `export {x as a}`.
 */
function spelled(written: string, name: string, shorthand: CanonicalToken['shorthand']): string {
  if (shorthand === 'property') return `${written}: ${name}`;
  if (shorthand === 'import') return `${written} as ${name}`;
  if (shorthand === 'export') return `${name} as ${written}`;
  return name;
}

/** Rewrites `source` replacing each renamed identifier token by the name the map gives it. */
export function applyRenames(source: string, view: CanonicalView, map: Map<number, string>): string {
  if (map.size === 0) return source;
  const parts: string[] = [];
  let at = 0;
  for (const t of view.tokens) {
    if (t.slot === undefined) continue;
    const name = map.get(t.slot);
    const written = source.slice(t.start, t.end);
    if (name === undefined || written === name) continue;
    parts.push(source.slice(at, t.start), spelled(written, name, t.shorthand));
    at = t.end;
  }
  parts.push(source.slice(at));
  return parts.join('');
}
