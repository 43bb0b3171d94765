// Diffs two prepared versions. JavaScript goes through the identifier-insensitive unit diff
// (or, with `raw`, a plain diff of the beautified files); package.json and other analysed text
// is diffed by line; listed-only files count when their bytes change. The plain diff of the
// beautified files is always counted too, for comparison.
import type { FileDiff, LibraryChurn, PairDiff, PayloadFile, UnitStats } from '../types.js';
import type { FileUnits } from '../units/types.js';
import { countChanges, countTextChanges, diffLines, splitLines } from './line-diff.js';
import { diffUnits, unitPairing, type JsFile, type UnitPairing } from './unit-diff.js';
import { formatUnified } from './unified.js';

/** Above this many changed lines in one file (or unit) the unified text is not kept. */
export const MAX_UNIFIED_LINES = 20_000;

export interface DiffSide {
  version: string;
  /** Every file of the version, analysed or not. */
  files: PayloadFile[];
  /** Analysed files: path → text as diffed by line (beautified JavaScript, normalized package.json). */
  texts: Map<string, string>;
  /** JavaScript as published, with its units. */
  js: Map<string, { source: string; units: FileUnits }>;
}

export interface LineCounts {
  added: number;
  removed: number;
}

export interface PairDiffOptions {
  raw?: boolean;
  beautify(source: string): Promise<string>;
  /**
   * Counts the plain diff of a JavaScript file's beautified text elsewhere (another thread), as
   * `countTextChanges` would here; null when it cannot, and it is then counted here. Used when the
   * diff shown is the unit diff, so that only the counts are needed.
   */
  countLines?(path: string): Promise<LineCounts | null>;
}

/** Files that are listed but not analysed still count when their bytes change. */
function diffListedFile(path: string, a: PayloadFile | undefined, b: PayloadFile | undefined): FileDiff | null {
  if (a && b && a.sha256 === b.sha256) return null;
  const status = !a ? 'added' : !b ? 'removed' : 'modified';
  const reason = (b ?? a)!.skipped ?? 'not analysed';
  return { path, status, linesAdded: 0, linesRemoved: 0, omitted: reason };
}

export function diffFile(path: string, oldText: string | undefined, newText: string | undefined, withText = true): FileDiff | null {
  if (oldText === newText) return null;
  const oldLines = oldText === undefined ? [] : splitLines(oldText);
  const newLines = newText === undefined ? [] : splitLines(newText);
  const status = oldText === undefined ? 'added' : newText === undefined ? 'removed' : 'modified';
  const ops = diffLines(oldLines, newLines, { ignoreWhitespace: true });
  const { added, removed } = countChanges(ops);
  if (added === 0 && removed === 0 && status === 'modified') return null;
  const file: FileDiff = { path, status, linesAdded: added, linesRemoved: removed };
  if (!withText) return file;
  if (added + removed > MAX_UNIFIED_LINES) {
    file.omitted = `too large to render (${added + removed} lines changed)`;
  } else {
    file.unified = formatUnified({ path, oldLines, newLines, ops, status });
  }
  return file;
}

function jsFiles(side: DiffSide): JsFile[] {
  return [...side.js].sort(([a], [b]) => a.localeCompare(b)).map(([path, f]) => ({ path, text: f.source, units: f.units }));
}

/** A pair's diff, with how its units relate (for the classifier; not part of the report). */
export interface PairDiffResult extends PairDiff {
  pairing?: UnitPairing;
}

export async function diffPair(from: DiffSide, to: DiffSide, options: PairDiffOptions): Promise<PairDiffResult> {
  const listedA = new Map(from.files.map((f) => [f.path, f]));
  const listedB = new Map(to.files.map((f) => [f.path, f]));
  const paths = [...new Set([...listedA.keys(), ...listedB.keys()])].sort();
  const files: FileDiff[] = [];
  const naive = { linesAdded: 0, linesRemoved: 0 };
  // The plain diff of two large beautified bundles costs about a second: counted elsewhere while
  // the unit diff runs here.
  const counting: Promise<LineCounts>[] = [];
  for (const path of paths) {
    // Compare text when each side that lists the file also has its text; otherwise by hash.
    const analysed =
      (from.texts.has(path) || to.texts.has(path)) &&
      (!listedA.has(path) || from.texts.has(path)) &&
      (!listedB.has(path) || to.texts.has(path));
    if (!analysed) {
      const file = diffListedFile(path, listedA.get(path), listedB.get(path));
      if (file) files.push(file);
      continue;
    }
    const isJs = from.js.has(path) || to.js.has(path);
    if (isJs && !options.raw && options.countLines) {
      const oldText = from.texts.get(path);
      const newText = to.texts.get(path);
      counting.push(options.countLines(path).then((counts) => counts ?? countTextChanges(oldText, newText)));
      continue;
    }
    const file = diffFile(path, from.texts.get(path), to.texts.get(path), options.raw === true || !isJs);
    if (!file) continue;
    naive.linesAdded += file.linesAdded;
    naive.linesRemoved += file.linesRemoved;
    if (options.raw || !isJs) files.push(file);
  }
  const counted = Promise.all(counting);
  // Awaited after the unit diff: a failure meanwhile must not be reported as unhandled.
  counted.catch(() => {});
  let units: UnitStats | undefined;
  let pairing: UnitPairing | undefined;
  let libraries: LibraryChurn | undefined;
  if (!options.raw) {
    const result = await diffUnits(jsFiles(from), jsFiles(to), { beautify: options.beautify, maxUnitLines: MAX_UNIFIED_LINES });
    units = result.units;
    pairing = result.pairing;
    libraries = result.libraries;
    files.push(...result.files);
    files.sort((a, b) => a.path.localeCompare(b.path));
  } else {
    // The plain diff is shown, but the classifier still needs to know which units changed.
    pairing = unitPairing(jsFiles(from), jsFiles(to));
  }
  for (const c of await counted) {
    naive.linesAdded += c.added;
    naive.linesRemoved += c.removed;
  }
  const diff: PairDiffResult = {
    from: from.version,
    to: to.version,
    stats: {
      filesChanged: files.length,
      linesAdded: files.reduce((n, f) => n + f.linesAdded, 0),
      linesRemoved: files.reduce((n, f) => n + f.linesRemoved, 0),
      naive,
      ...(units ? { units } : {}),
      ...(libraries ? { libraries } : {}),
    },
    files,
  };
  if (pairing) diff.pairing = pairing;
  return diff;
}
