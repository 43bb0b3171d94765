// A file's units: its top-level statements (after unwrapping a whole-file wrapper), each with
// its canonical form and fingerprints. The work is bounded: one streaming parse of the file that
// drafts each statement's canonical form while its AST exists (a statement it could not draft is
// parsed again, alone, with that parse's fallbacks); inputs too large or too deep degrade to
// coarser forms, never to an exception.
import * as crypto from 'node:crypto';
import { draftCanonical, draftFromSyntax, finishUnit, Interner, MAX_ANALYSED_UNIT_CHARS, type CanonicalDraft } from './canonical.js';
import { minhash, signature } from './minhash.js';
import { resolveModuleAliases } from './module-aliases.js';
import { parseFile, type StatementAnalyser } from './parse.js';
import type { FileUnits, Unit } from './types.js';
import { attributeLibraries } from './libraries.js';
import { unitText, withKeyword } from './unit-text.js';

/**
 * Files longer than this (UTF-16 code units) are not parsed: one 'unparsed' unit, compared as
 * text. Nearly twice the 13 MB flagship bundle. The split streams (~50 MB of heap for the
 * flagship), but acorn builds each top-level statement whole: a file that is one giant statement
 * (a webpack 4 bundle, or a wrapper) peaks at ~55 bytes of heap per character, ~1.3 GB here.
 */
export const MAX_PARSE_CHARS = 24 * 1024 * 1024;

/** String literals at least this long are kept as matching anchors. */
export const ANCHOR_MIN_LENGTH = 24;

// One-shot hashing (Node ≥ 20.12) skips a Hash object per unit.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
const sha256 = (s: string): string => (oneShot ? oneShot('sha256', s, 'hex') : crypto.createHash('sha256').update(s).digest('hex'));
const unitHash = (canonical: string): string => sha256(canonical).slice(0, 32);

export function extractUnits(path: string, text: string): FileUnits {
  const fileSha = sha256(text);
  if (text.length > MAX_PARSE_CHARS) {
    return unparsed(path, text, fileSha, `file too large to parse (${text.length} > ${MAX_PARSE_CHARS} chars)`);
  }
  const interner = new Interner();
  const parsed = parseFile(text, drafter(text, interner));
  if (!parsed.ok) return unparsed(path, text, fileSha, parsed.error);

  const declarations = new Map<string, number>();
  for (const name of parsed.wrapperParams) declarations.set(name, (declarations.get(name) ?? 0) + 1);
  for (const s of parsed.statements) for (const name of s.declares) declarations.set(name, (declarations.get(name) ?? 0) + 1);
  const topLevelNames = new Set(declarations.keys());
  const aliases = resolveModuleAliases(parsed.moduleBindings, declarations);

  const units = parsed.statements.map((s, index): Unit => {
    // Drafted while the file was parsed; a wrapper (head and closing) or a statement too large to
    // hold tokens for is drafted from its text now.
    const fromParse = s.analysis !== undefined;
    const draft = s.analysis ?? draftCanonical(unitText(text, s), { topLevel: true, sourceType: parsed.sourceType, positions: false, interner });
    s.analysis = undefined; // let the draft go once finished
    const f = finishUnit(draft, topLevelNames, aliases);
    if (fromParse) f.canonical = withKeyword(f.canonical, s);
    const unit: Unit = {
      index,
      kind: s.kind,
      start: s.start,
      end: s.end,
      declares: s.declares,
      canonical: f.canonical,
      hash: unitHash(f.canonical),
      names: f.names,
      anchors: anchors(draft.strings),
      minhash: signature(f.hashes, f.hashCount),
      tokens: f.tokens,
    };
    if (s.factory) unit.factory = s.factory;
    if (s.closing) unit.closing = s.closing;
    if (s.parent !== undefined) unit.parent = s.parent;
    if (s.keyword) unit.keyword = s.keyword;
    if (draft.error !== undefined) unit.fallback = draft.error;
    return unit;
  });
  attributeLibraries(text, units);
  const out: FileUnits = { path, sha256: fileSha, units };
  if (parsed.wrapper) out.wrapper = parsed.wrapper;
  if (aliases.size > 0) out.moduleAliases = Object.fromEntries(aliases);
  return out;
}

/**
 * Drafts each statement while the file is parsed. A statement that scope analysis cannot handle
 * is left without a draft, and is parsed again alone (with that parse's own fallbacks).
 */
function drafter(text: string, interner: Interner): StatementAnalyser<CanonicalDraft> {
  return {
    maxChars: MAX_ANALYSED_UNIT_CHARS,
    analyse(syntax, sourceType) {
      try {
        return draftFromSyntax(text, syntax, sourceType, true, false, interner);
      } catch {
        return undefined;
      }
    },
  };
}

function anchors(strings: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const s of strings) if (s.length >= ANCHOR_MIN_LENGTH) seen.add(s);
  return [...seen];
}

/** The whole text as one unit, compared with whitespace collapsed. */
function unparsed(path: string, text: string, fileSha: string, reason: string): FileUnits {
  const canonical = text.replace(/\s+/g, ' ').trim();
  const words = canonical ? canonical.split(' ') : [];
  const unit: Unit = {
    index: 0,
    kind: 'unparsed',
    start: 0,
    end: text.length,
    declares: [],
    canonical,
    hash: unitHash(canonical),
    names: [],
    anchors: [],
    minhash: minhash(words, new Array<number>(words.length).fill(-1)),
    tokens: words.length,
  };
  return { path, sha256: fileSha, units: [unit], parseError: reason };
}
