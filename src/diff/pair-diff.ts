// Diffs two prepared versions file by file: matched by path, added, removed. The unified text is
// kept for rendering only up to a size a reader (and a browser) can take.
import type { FileDiff, PairDiff, PayloadFile } from '../types.js';
import { countChanges, diffLines, splitLines } from './line-diff.js';
import { formatUnified } from './unified.js';

/** Above this many changed lines in one file the unified text is not kept. */
export const MAX_UNIFIED_LINES = 20_000;

export interface DiffSide {
  version: string;
  /** Every file of the version, analysed or not. */
  files: PayloadFile[];
  /** Analysed files: path → text as diffed. */
  texts: Map<string, string>;
}

/** Files that are listed but not analysed still count when their bytes change. */
function diffListedFile(path: string, a: PayloadFile | undefined, b: PayloadFile | undefined): FileDiff | null {
  if (a && b && a.sha256 === b.sha256) return null;
  const status = !a ? 'added' : !b ? 'removed' : 'modified';
  const reason = (b ?? a)!.skipped ?? 'not analysed';
  return { path, status, linesAdded: 0, linesRemoved: 0, omitted: reason };
}

export function diffFile(path: string, oldText: string | undefined, newText: string | undefined): FileDiff | null {
  if (oldText === newText) return null;
  const oldLines = oldText === undefined ? [] : splitLines(oldText);
  const newLines = newText === undefined ? [] : splitLines(newText);
  const status = oldText === undefined ? 'added' : newText === undefined ? 'removed' : 'modified';
  const ops = diffLines(oldLines, newLines, { ignoreWhitespace: true });
  const { added, removed } = countChanges(ops);
  if (added === 0 && removed === 0 && status === 'modified') return null;
  const file: FileDiff = { path, status, linesAdded: added, linesRemoved: removed };
  if (added + removed > MAX_UNIFIED_LINES) {
    file.omitted = `too large to render (${added + removed} lines changed)`;
  } else {
    file.unified = formatUnified({ path, oldLines, newLines, ops, status });
  }
  return file;
}

export function diffPair(from: DiffSide, to: DiffSide): PairDiff {
  const listedA = new Map(from.files.map((f) => [f.path, f]));
  const listedB = new Map(to.files.map((f) => [f.path, f]));
  const paths = [...new Set([...listedA.keys(), ...listedB.keys()])].sort();
  const files: FileDiff[] = [];
  for (const path of paths) {
    // Compare text when each side that lists the file also has its text; otherwise by hash.
    const analysed =
      (from.texts.has(path) || to.texts.has(path)) &&
      (!listedA.has(path) || from.texts.has(path)) &&
      (!listedB.has(path) || to.texts.has(path));
    const file = analysed
      ? diffFile(path, from.texts.get(path), to.texts.get(path))
      : diffListedFile(path, listedA.get(path), listedB.get(path));
    if (file) files.push(file);
  }
  return {
    from: from.version,
    to: to.version,
    stats: {
      filesChanged: files.length,
      linesAdded: files.reduce((n, f) => n + f.linesAdded, 0),
      linesRemoved: files.reduce((n, f) => n + f.linesRemoved, 0),
    },
    files,
  };
}
