// A file's units: its top-level statements (after unwrapping a whole-file wrapper), each with
// its canonical form and fingerprints. The work is bounded: one streaming parse of the file,
// then one parse per statement; inputs too large or too deep degrade to coarser units, never to
// an exception.
import { createHash } from 'node:crypto';
import { canonicalDetail } from './canonical.js';
import { minhash } from './minhash.js';
import { parseFile } from './parse.js';
import type { FileUnits, Unit } from './types.js';

/**
 * Files longer than this (UTF-16 code units) are not parsed: one 'unparsed' unit, compared as
 * text. Five times the 13 MB flagship bundle; parsing is linear (~0.2 s per MB on one core) and
 * streamed, so the limit bounds time more than memory.
 */
export const MAX_PARSE_CHARS = 64 * 1024 * 1024;

/** String literals at least this long are kept as matching anchors. */
export const ANCHOR_MIN_LENGTH = 24;

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const unitHash = (canonical: string): string => sha256(canonical).slice(0, 32);

export function extractUnits(path: string, text: string): FileUnits {
  const fileSha = sha256(text);
  if (text.length > MAX_PARSE_CHARS) {
    return unparsed(path, text, fileSha, `file too large to parse (${text.length} > ${MAX_PARSE_CHARS} chars)`);
  }
  const parsed = parseFile(text);
  if (!parsed.ok) return unparsed(path, text, fileSha, parsed.error);

  const topLevelNames = new Set<string>(parsed.wrapperParams);
  for (const s of parsed.statements) for (const name of s.declares) topLevelNames.add(name);

  const units = parsed.statements.map((s, index): Unit => {
    const d = canonicalDetail(text.slice(s.start, s.end), { topLevelNames, topLevel: true, sourceType: parsed.sourceType });
    const canonical = d.texts.join(' ');
    const unit: Unit = {
      index,
      kind: s.kind,
      start: s.start,
      end: s.end,
      declares: s.declares,
      canonical,
      hash: unitHash(canonical),
      names: d.names,
      anchors: anchors(d.strings),
      minhash: minhash(d.texts, d.slots),
      tokens: d.texts.length,
    };
    if (s.factory) unit.factory = s.factory;
    if (d.error !== undefined) unit.fallback = d.error;
    return unit;
  });
  const out: FileUnits = { path, sha256: fileSha, units };
  if (parsed.wrapper) out.wrapper = parsed.wrapper;
  return out;
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
