// UTS #39 confusable skeletons, limited to characters whose prototype is printable ASCII (the
// look-alikes of code, quotes and Latin text; see confusables-data.ts for the source).
import { CONFUSABLE_RUNS, CONFUSABLE_SINGLES } from './confusables-data.js';
import { codePointLabel } from './names.js';

let prototypes: Map<number, string> | undefined;

function prototypeTable(): Map<number, string> {
  if (prototypes) return prototypes;
  prototypes = new Map();
  for (const [first, count, proto] of CONFUSABLE_RUNS) {
    for (let k = 0; k < count; k++) prototypes.set(first + k, String.fromCharCode(proto + k));
  }
  // Single rows override run members (MATHEMATICAL BOLD CAPITAL I → l, not I).
  for (const [cp, proto] of CONFUSABLE_SINGLES) prototypes.set(cp, proto);
  return prototypes;
}

/** The prototype of one character, or the character itself when it has none. */
export function prototypeOf(cp: number): string {
  return prototypeTable().get(cp) ?? String.fromCodePoint(cp);
}

/**
 * Unicode confusable skeleton (UTS #39): NFD, each character replaced by its prototype, NFD.
 * Two strings with the same skeleton look alike. Like UTS #39 it maps within ASCII too
 * (`1` and `I` → `l`, `m` → `rn`, `"` → `''`).
 */
export function skeleton(text: string): string {
  const table = prototypeTable();
  let out = '';
  for (const ch of text.normalize('NFD')) out += table.get(ch.codePointAt(0)!) ?? ch;
  return out.normalize('NFD');
}

export interface LookAlikeSet {
  skeleton: string;
  members: Array<{ text: string; codePoints: string[] }>;
}

export interface LookAlikeOptions {
  /**
   * Also report sets whose members are all ASCII (`"l"`, `"1"`, `"I"`). Off by default: ASCII
   * look-alikes are everywhere in ordinary code and hide nothing.
   */
  includeAsciiOnly?: boolean;
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;

/**
 * In confusables.txt (13.0.0) U+2019, U+02BC and U+02B9 all have the prototype U+0027, so the
 * apostrophes of the flagship case share a skeleton with no equivalence added here.
 *
 * Groups literals that look the same (same skeleton) but differ in code points: "'", "’"
 * (U+2019), "ʼ" (U+02BC) and "ʹ" (U+02B9) all have the skeleton "'". Only sets with at least two
 * distinct members, members in order of first appearance, sets in order of their first member.
 */
export function lookAlikeSets(literals: readonly string[], options: LookAlikeOptions = {}): LookAlikeSet[] {
  const groups = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const literal of literals) {
    if (seen.has(literal)) continue;
    seen.add(literal);
    const key = skeleton(literal);
    const group = groups.get(key);
    if (group) group.push(literal);
    else groups.set(key, [literal]);
  }
  const sets: LookAlikeSet[] = [];
  for (const [key, members] of groups) {
    if (members.length < 2) continue;
    if (!options.includeAsciiOnly && members.every((m) => ASCII_ONLY.test(m))) continue;
    sets.push({
      skeleton: key,
      members: members.map((text) => ({ text, codePoints: Array.from(text, (ch) => codePointLabel(ch.codePointAt(0)!)) })),
    });
  }
  return sets;
}
