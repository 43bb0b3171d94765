// The identifier-insensitive diff of the JavaScript of two versions: units of all files are
// matched independently of order and file (a chunk's hashed name is not its identity); renamed-
// only and moved units are counted and hidden; changed units are shown as readable code with the
// new side's names mapped back to the old side's, so only real edits remain.
import pLimit from 'p-limit';
import type { FileDiff, LibraryChurn, LibraryFileDiff, StringChange, UnitStats } from '../types.js';
import { canonicalize, type ModuleAliases } from '../units/canonical.js';
import type { FileUnits, Unit } from '../units/types.js';
import { unitText } from '../units/unit-text.js';
import { countChanges, diffLines, splitLines, type DiffOp } from './line-diff.js';
import { matchUnits, type UnitMatching } from './match-units.js';
import { applyRenames, renameMap } from './rename-map.js';
import { changedStrings } from './string-changes.js';
import { formatUnified } from './unified.js';

export interface JsFile {
  path: string;
  /** The file as published (units' offsets point into it). */
  text: string;
  units: FileUnits;
}

export interface UnitDiffContext {
  beautify(source: string): Promise<string>;
  /** Above this many changed lines in one unit the unified text is not kept. */
  maxUnitLines: number;
}

interface Located {
  file: JsFile;
  unit: Unit;
  /** The section stands for the whole file, not one unit. */
  whole?: boolean;
}

function flatten(files: JsFile[]): Located[] {
  return files.flatMap((file) => file.units.units.map((unit) => ({ file, unit })));
}

function topLevelNames(file: JsFile): Set<string> {
  return new Set(file.units.units.flatMap((u) => u.declares));
}

function moduleAliases(file: JsFile): ModuleAliases | undefined {
  const aliases = file.units.moduleAliases;
  return aliases && new Map(Object.entries(aliases));
}

/** A section label that says which unit this is, in the file it now lives in. */
function label(at: Located): string {
  if (at.whole) return at.file.path;
  const name = at.unit.declares[0];
  return `${at.file.path} § ${at.unit.kind}${name ? ` ${name}` : ''} #${at.unit.index}`;
}

interface Section {
  path: string;
  /** The bundled package the unit belongs to, if any. */
  library?: string;
  order: number;
  added: number;
  removed: number;
  unified?: string;
  omitted?: string;
  strings?: StringChange[];
}

const SECTION_CONCURRENCY = 16;

async function renderSection(
  ctx: UnitDiffContext,
  status: 'added' | 'removed' | 'modified',
  oldSrc: string,
  newSrc: string,
  at: Located,
  order: number,
): Promise<Section> {
  const [a, b] = await Promise.all([oldSrc ? ctx.beautify(oldSrc) : '', newSrc ? ctx.beautify(newSrc) : '']);
  const oldLines = a ? splitLines(a).map(unescapeText) : [];
  const newLines = b ? splitLines(b).map(unescapeText) : [];
  const ops: DiffOp[] = diffLines(oldLines, newLines, { ignoreWhitespace: true });
  const { added, removed } = countChanges(ops);
  const s: Section = { path: at.file.path, order, added, removed };
  if (at.unit.library) s.library = at.unit.library;
  if (added + removed === 0) return s;
  if (added + removed > ctx.maxUnitLines) s.omitted = `${label(at)}: too large to render (${added + removed} lines changed)`;
  else s.unified = formatUnified({ path: label(at), oldLines, newLines, ops, status });
  return s;
}

/**
 * A line with `\uXXXX` escapes of non-ASCII characters written as the characters: one build
 * writes `"…"`, another `"\u2026"`, and the canonical form already reads them as the same. The
 * report shows invisible characters visibly whichever way they were written.
 */
function unescapeText(line: string): string {
  if (!line.includes('\\u')) return line;
  return line.replace(/(?<!\\)\\u([0-9a-fA-F]{4})/g, (m, hex: string) => {
    const code = Number.parseInt(hex, 16);
    return code >= 0x80 && (code < 0xd800 || code > 0xdfff) ? String.fromCharCode(code) : m;
  });
}

/** A unit of one side: its file and its index in that file's units. */
export interface UnitRef {
  file: string;
  index: number;
}

/** How the units of two versions relate, for the classifier: only what changed. */
export interface UnitPairing {
  /** Matched units whose code changed (not exact): [old, new]. */
  changed: Array<[UnitRef, UnitRef]>;
  added: UnitRef[];
  removed: UnitRef[];
}

const refOf = (at: Located): UnitRef => ({ file: at.file.path, index: at.unit.index });

export async function diffUnits(
  oldFiles: JsFile[],
  newFiles: JsFile[],
  ctx: UnitDiffContext,
): Promise<{ files: FileDiff[]; units: UnitStats; pairing: UnitPairing; libraries?: LibraryChurn }> {
  const { olds, news, matching } = matchFiles(oldFiles, newFiles);
  // Each section beautifies (through the cache): a code-split pair has ~100k of them, and all at
  // once would open more cache files than the process may (EMFILE).
  const limit = pLimit(SECTION_CONCURRENCY);
  const section = (...args: Parameters<typeof renderSection>) => limit(() => renderSection(...args));
  const oldNames = new Map(oldFiles.map((f) => [f, { topLevelNames: topLevelNames(f), moduleAliases: moduleAliases(f) }]));
  const newNames = new Map(newFiles.map((f) => [f, { topLevelNames: topLevelNames(f), moduleAliases: moduleAliases(f) }]));
  const jobs: Promise<Section>[] = [];
  for (const pair of matching.pairs) {
    if (pair.how === 'exact') continue;
    const o = olds[pair.old]!;
    const n = news[pair.new]!;
    const oldSrc = src(o);
    const newSrc = src(n);
    const oldView = canonicalize(oldSrc, oldNames.get(o.file)!);
    const newView = canonicalize(newSrc, newNames.get(n.file)!);
    const renamed = applyRenames(newSrc, newView, renameMap(oldView, newView));
    const strings = changedStrings(oldView.tokens, newView.tokens, label(n));
    jobs.push(section(ctx, 'modified', oldSrc, renamed, n, pair.new).then((s) => (strings.length ? { ...s, strings } : s)));
  }
  // A file none of whose units has a partner is shown whole, as one added (or removed) file.
  const wholeNew = wholeFiles(newFiles, news, matching.added);
  const wholeOld = wholeFiles(oldFiles, olds, matching.removed);
  for (const i of matching.added) {
    const at = news[i]!;
    if (!wholeNew.has(at.file)) jobs.push(section(ctx, 'added', '', src(at), at, i));
    else if (wholeNew.get(at.file) === i) jobs.push(section(ctx, 'added', '', at.file.text, { ...at, whole: true }, i));
  }
  for (const i of matching.removed) {
    const at = olds[i]!;
    const order = news.length + i;
    if (!wholeOld.has(at.file)) jobs.push(section(ctx, 'removed', src(at), '', at, order));
    else if (wholeOld.get(at.file) === i) jobs.push(section(ctx, 'removed', at.file.text, '', { ...at, whole: true }, order));
  }
  const sections = (await Promise.all(jobs)).sort((x, y) => x.order - y.order);

  const byPath = new Map<string, FileDiff>();
  const oldPaths = new Set(oldFiles.map((f) => f.path));
  const newPaths = new Set(newFiles.map((f) => f.path));
  for (const s of sections) {
    if (s.added + s.removed === 0 && !s.strings) continue;
    let f = byPath.get(s.path);
    if (!f) {
      const status = !oldPaths.has(s.path) ? 'added' : !newPaths.has(s.path) ? 'removed' : 'modified';
      f = { path: s.path, status, linesAdded: 0, linesRemoved: 0 };
      byPath.set(s.path, f);
    }
    f.linesAdded += s.added;
    f.linesRemoved += s.removed;
    if (s.strings) (f.strings ??= []).push(...s.strings);
    if (s.library) {
      // A package's churn is kept apart, so the product's own change reads first.
      const libs = (f.libraries ??= []);
      let lib = libs.find((l) => l.name === s.library);
      if (!lib) libs.push((lib = { name: s.library, linesAdded: 0, linesRemoved: 0 }));
      addSection(lib, s);
      continue;
    }
    if (s.unified) f.unified = (f.unified ?? '') + s.unified;
    if (s.omitted) f.omitted = f.omitted ? `${f.omitted}; ${s.omitted}` : s.omitted;
  }
  const files = [...byPath.values()];
  for (const f of files) f.libraries?.sort((a, b) => b.linesAdded + b.linesRemoved - (a.linesAdded + a.linesRemoved) || a.name.localeCompare(b.name));
  const out: { files: FileDiff[]; units: UnitStats; pairing: UnitPairing; libraries?: LibraryChurn } = { files, units: matching.counts, pairing: pairingOf(olds, news, matching) };
  const libraries = libraryChurn(olds, news, files);
  if (libraries) out.libraries = libraries;
  return out;
}

function addSection(lib: LibraryFileDiff, s: Section): void {
  lib.linesAdded += s.added;
  lib.linesRemoved += s.removed;
  if (s.unified) lib.unified = (lib.unified ?? '') + s.unified;
  if (s.omitted) lib.omitted = lib.omitted ? `${lib.omitted}; ${s.omitted}` : s.omitted;
}

/** The pair at library level, when either side bundles identified packages. */
function libraryChurn(olds: Located[], news: Located[], files: FileDiff[]): LibraryChurn | undefined {
  const before = new Set(olds.map((l) => l.unit.library).filter((n): n is string => n !== undefined));
  const after = new Set(news.map((l) => l.unit.library).filter((n): n is string => n !== undefined));
  if (before.size === 0 && after.size === 0) return undefined;
  const touched = new Set(files.flatMap((f) => (f.libraries ?? []).map((l) => l.name)));
  const packages = { linesAdded: 0, linesRemoved: 0 };
  for (const f of files) {
    for (const l of f.libraries ?? []) {
      packages.linesAdded += l.linesAdded;
      packages.linesRemoved += l.linesRemoved;
    }
  }
  const jsAdded = files.reduce((n, f) => n + f.linesAdded, 0);
  const jsRemoved = files.reduce((n, f) => n + f.linesRemoved, 0);
  return {
    added: [...after].filter((n) => !before.has(n)).sort(),
    removed: [...before].filter((n) => !after.has(n)).sort(),
    changed: [...touched].filter((n) => before.has(n) && after.has(n)).sort(),
    product: { linesAdded: jsAdded - packages.linesAdded, linesRemoved: jsRemoved - packages.linesRemoved },
    packages,
  };
}

function matchFiles(oldFiles: JsFile[], newFiles: JsFile[]): { olds: Located[]; news: Located[]; matching: UnitMatching } {
  const olds = flatten(oldFiles);
  const news = flatten(newFiles);
  const matching = matchUnits(
    olds.map((l) => l.unit),
    news.map((l) => l.unit),
    { sameText: (i, j) => src(olds[i]!) === src(news[j]!) },
  );
  return { olds, news, matching };
}

function pairingOf(olds: Located[], news: Located[], matching: UnitMatching): UnitPairing {
  return {
    changed: matching.pairs.filter((p) => p.how !== 'exact').map((p) => [refOf(olds[p.old]!), refOf(news[p.new]!)]),
    added: matching.added.map((i) => refOf(news[i]!)),
    removed: matching.removed.map((i) => refOf(olds[i]!)),
  };
}

/** The pairing alone, without rendering the changes (for `--raw`, whose diff is the plain one). */
export function unitPairing(oldFiles: JsFile[], newFiles: JsFile[]): UnitPairing {
  const { olds, news, matching } = matchFiles(oldFiles, newFiles);
  return pairingOf(olds, news, matching);
}

/** Files whose every unit is in `unmatched`, each with the index of its first unit. */
function wholeFiles(files: JsFile[], located: Located[], unmatched: number[]): Map<JsFile, number> {
  const left = new Map<JsFile, number>();
  const first = new Map<JsFile, number>();
  for (const i of unmatched) {
    const f = located[i]!.file;
    left.set(f, (left.get(f) ?? 0) + 1);
    if (!first.has(f)) first.set(f, i);
  }
  const out = new Map<JsFile, number>();
  for (const f of files) if (f.units.units.length > 0 && left.get(f) === f.units.units.length) out.set(f, first.get(f)!);
  return out;
}

function src(at: Located): string {
  return unitText(at.file.text, at.unit);
}
