// The one way reports reach the disk. A report is written into a fresh staging folder beside its
// target and swapped in whole at the end, so a folder never mixes files of two runs and a failure
// leaves the previous report as it was.
//
// Which folders strata may replace: a missing or empty one, or one that holds nothing but what
// strata writes: index.html, report.json, report.sarif, report.md, pairs/ with its pages, and for a
// dependencies report deps.json beside package folders that hold such reports (plus OS litter
// like .DS_Store and temporary files of an interrupted strata). Anything else is refused, never
// deleted. Symbolic links inside a folder are never followed (and make it foreign); the folder's
// own name may be a link to a folder, which is then the one replaced.
import { randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { lstat, mkdir, readdir, realpath, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StrataError } from '../errors.js';

/** Files of a report folder being written; paths are relative and `/`-separated. */
export interface ReportFiles {
  /** Writes a new file (once per path), creating the folders on the way. */
  write(rel: string, content: string): Promise<void>;
  /** The same folder seen from a subfolder, for reports nested in a report. */
  within(rel: string): ReportFiles;
}

const REPORT_FILE_NAMES = new Set(['index.html', 'report.json', 'report.sarif', 'report.md']);
const OS_LITTER = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini']);
// Names an interrupted strata may leave: earlier writers' temporary files, and this module's
// folders when it stages inside the target.
const LEFTOVER_FILE = /^\.?[^/\\]*\.(html|json|sarif|md)\.\d+\.[0-9a-f]+\.tmp$/;
const LEFTOVER_DIR = /^\.strata-(stage|old)-[0-9a-f]+$/;
/** Deepest package folder of a dependencies report: @scope/name/<from>..<to>. */
const PACKAGE_DEPTH = 2;

function ignorable(e: Dirent): boolean {
  if (e.isFile()) return OS_LITTER.has(e.name) || LEFTOVER_FILE.test(e.name);
  return e.isDirectory() && LEFTOVER_DIR.test(e.name);
}

/** The first entry of a report folder that strata does not write there, if any. */
async function strayInReport(dir: string, deps: boolean): Promise<string | undefined> {
  const entries = await readdir(dir, { withFileTypes: true });
  const isDeps = deps && entries.some((e) => e.isFile() && e.name === 'deps.json');
  for (const e of entries) {
    if (ignorable(e)) continue;
    if (e.isFile() && (REPORT_FILE_NAMES.has(e.name) || (isDeps && e.name === 'deps.json'))) continue;
    const sub = path.join(dir, e.name);
    let stray: string | undefined;
    if (e.isDirectory() && isDeps) stray = await strayInPackage(sub, PACKAGE_DEPTH);
    else if (e.isDirectory() && e.name === 'pairs') stray = await strayInPairs(sub);
    else return e.name;
    if (stray !== undefined) return `${e.name}/${stray}`;
  }
  return undefined;
}

async function strayInPairs(dir: string): Promise<string | undefined> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (ignorable(e) || (e.isFile() && e.name.endsWith('.html'))) continue;
    return e.name;
  }
  return undefined;
}

/** A package folder of a dependencies report: a report, or folders leading to reports. */
async function strayInPackage(dir: string, depth: number): Promise<string | undefined> {
  const entries = await readdir(dir, { withFileTypes: true });
  if (entries.some((e) => e.isFile() && REPORT_FILE_NAMES.has(e.name))) return strayInReport(dir, false);
  for (const e of entries) {
    if (ignorable(e)) continue;
    if (!e.isDirectory() || depth === 0) return e.name;
    const stray = await strayInPackage(path.join(dir, e.name), depth - 1);
    if (stray !== undefined) return `${e.name}/${stray}`;
  }
  return undefined;
}

const codeOf = (err: unknown) => (err as NodeJS.ErrnoException).code;

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

interface Target {
  /** Where the report goes, with the folders above it resolved when they exist. */
  dir: string;
  exists: boolean;
}

/**
 * Where `outDir` really is, and whether strata may replace it; throws a one-line error otherwise.
 * `label` names the folder in messages (the CLI passes `--out <dir>`).
 */
async function locate(outDir: string, label: string): Promise<Target> {
  const abs = path.resolve(outDir);
  let info;
  try {
    info = await lstat(abs);
  } catch (err) {
    if (codeOf(err) === 'ENOENT') return { dir: abs, exists: false };
    if (codeOf(err) === 'ENOTDIR') throw new StrataError('ESTRATA_BAD_INPUT', `${label} is inside a file, not a folder`);
    throw err;
  }
  if (info.isSymbolicLink()) {
    info = await stat(abs).catch(() => undefined);
    if (!info) throw new StrataError('ESTRATA_BAD_INPUT', `${label} is a symbolic link to nothing`);
  }
  if (!info.isDirectory()) throw new StrataError('ESTRATA_BAD_INPUT', `${label} is a file, not a folder: give a folder to write the report into`);
  const dir = await realpath(abs);
  if (path.dirname(dir) === dir) throw new StrataError('ESTRATA_BAD_INPUT', `${label} is the root folder: give a folder of its own`);
  const cwd = await realpath(process.cwd()).catch(() => undefined);
  if (cwd !== undefined && (cwd === dir || isInside(dir, cwd))) {
    throw new StrataError('ESTRATA_BAD_INPUT', `${label} holds the current folder: give a folder of its own for the report`);
  }
  const stray = await strayInReport(dir, true);
  if (stray !== undefined) {
    throw new StrataError(
      'ESTRATA_BAD_INPUT',
      `${label} is not a strata report folder (it holds ${JSON.stringify(stray)}): refusing to replace it; give a new or empty folder`,
    );
  }
  return { dir, exists: true };
}

/**
 * Checks, before any work, that a report can be written to `outDir`: it is missing, or a folder
 * strata may replace (see the top of this file). Creates nothing.
 */
export async function checkReportDir(outDir: string, label = outDir): Promise<void> {
  await locate(outDir, label);
}

function outsideError(rel: string): StrataError {
  return new StrataError('ESTRATA_BAD_INPUT', `refusing to write ${rel}: it is outside the report folder`);
}

function checkedRel(rel: string): string[] {
  const parts = rel.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..' || /[\\\0]/.test(p)) || path.isAbsolute(rel)) throw outsideError(rel);
  return parts;
}

/** Writes a new file below `root` without following any symbolic link on the way. */
async function writeInside(root: string, rel: string, content: string): Promise<void> {
  const parts = checkedRel(rel);
  let dir = root;
  for (const part of parts.slice(0, -1)) {
    dir = path.join(dir, part);
    try {
      await mkdir(dir);
    } catch (err) {
      if (codeOf(err) !== 'EEXIST') throw err;
      const info = await lstat(dir);
      if (!info.isDirectory()) throw outsideError(rel);
    }
  }
  const file = path.join(dir, parts.at(-1)!);
  if (!isInside(root, file)) throw outsideError(rel);
  // 'wx' creates the file or fails: it never writes through a link or over another format's file.
  await writeFile(file, content, { encoding: 'utf8', flag: 'wx', mode: 0o644 });
}

function filesIn(root: string, prefix: string[] = []): ReportFiles {
  return {
    write: (rel, content) => writeInside(root, [...prefix, ...checkedRel(rel)].join('/'), content),
    within: (rel) => filesIn(root, [...prefix, ...checkedRel(rel)]),
  };
}

const unique = () => randomBytes(6).toString('hex');

// A folder that cannot be renamed although it looked like it could (a bind mount on the same
// device): the report is then written again, staged inside it.
const UNMOVABLE = ['EBUSY', 'EXDEV', 'EPERM', 'EACCES'];
class Unmovable extends Error {
  constructor(readonly original: unknown) {
    super('the report folder cannot be renamed');
  }
}

interface Stage {
  dir: string;
  /** Puts the staged report in place of the target. */
  commit(): Promise<void>;
}

/** The usual way: a hidden sibling folder, renamed over the target in one step. */
async function stageBeside(target: string, label: string): Promise<Stage> {
  const parent = path.dirname(target);
  const base = path.basename(target).slice(0, 100);
  const dir = path.join(parent, `.${base}.strata-stage-${unique()}`);
  await mkdir(dir);
  return {
    dir,
    async commit() {
      // Looked at again: the folder may have appeared or changed while the report was written.
      const now = await locate(target, label);
      const aside = now.exists ? path.join(parent, `.${base}.strata-old-${unique()}`) : undefined;
      if (aside) {
        await rename(target, aside).catch((err) => {
          throw UNMOVABLE.includes(codeOf(err) ?? '') ? new Unmovable(err) : err;
        });
      }
      try {
        await rename(dir, target);
      } catch (err) {
        if (aside) await rename(aside, target).catch(() => {});
        throw err;
      }
      // The new report is in place; an old copy that cannot be removed is not worth failing for.
      if (aside) await rm(aside, { recursive: true, force: true }).catch(() => {});
    },
  };
}

/**
 * For a target that cannot be renamed (a mount point, or a parent strata may not write): stage
 * inside it and swap its entries instead.
 */
async function stageInside(target: string, label: string): Promise<Stage> {
  const dir = path.join(target, `.strata-stage-${unique()}`);
  await mkdir(dir);
  return {
    dir,
    async commit() {
      await locate(target, label);
      const old = path.join(target, `.strata-old-${unique()}`);
      await mkdir(old);
      const movedOut: string[] = [];
      const movedIn: string[] = [];
      try {
        for (const name of await readdir(target)) {
          if (name === path.basename(dir) || name === path.basename(old)) continue;
          await rename(path.join(target, name), path.join(old, name));
          movedOut.push(name);
        }
        for (const name of await readdir(dir)) {
          await rename(path.join(dir, name), path.join(target, name));
          movedIn.push(name);
        }
      } catch (err) {
        for (const name of movedIn) await rename(path.join(target, name), path.join(dir, name)).catch(() => {});
        for (const name of movedOut) await rename(path.join(old, name), path.join(target, name)).catch(() => {});
        await rmdir(old).catch(() => {});
        throw err;
      }
      await rm(old, { recursive: true, force: true }).catch(() => {});
      await rmdir(dir).catch(() => {});
    },
  };
}

async function openStage(target: Target, label: string): Promise<Stage> {
  if (!target.exists) return stageBeside(target.dir, label);
  const [own, parent] = await Promise.all([stat(target.dir), stat(path.dirname(target.dir))]);
  if (own.dev !== parent.dev) return stageInside(target.dir, label);
  try {
    return await stageBeside(target.dir, label);
  } catch (err) {
    if (['EACCES', 'EPERM', 'EROFS'].includes(codeOf(err) ?? '')) return stageInside(target.dir, label);
    throw err;
  }
}

/**
 * Writes one report folder: `fill` writes every file through `files`, into a staging folder that
 * then replaces `outDir` whole. On any failure the staging folder is removed and `outDir` is left
 * as it was. Refuses a folder strata may not replace (see the top of this file).
 */
export async function writeReportFolder<T>(outDir: string, fill: (files: ReportFiles) => Promise<T>, label: string = outDir): Promise<T> {
  let target = await locate(outDir, label);
  if (!target.exists) {
    // The folders above may be links (reports/ on another disk): the staging goes beside the real place.
    await mkdir(path.dirname(target.dir), { recursive: true });
    target = { dir: path.join(await realpath(path.dirname(target.dir)), path.basename(target.dir)), exists: false };
  }
  try {
    return await writeStaged(await openStage(target, label), fill);
  } catch (err) {
    if (!(err instanceof Unmovable)) throw err;
    return writeStaged(await stageInside(target.dir, label), fill);
  }
}

async function writeStaged<T>(stage: Stage, fill: (files: ReportFiles) => Promise<T>): Promise<T> {
  try {
    const result = await fill(filesIn(stage.dir));
    await stage.commit();
    return result;
  } catch (err) {
    await rm(stage.dir, { recursive: true, force: true }).catch(() => {});
    throw err;
  }
}

/** Checks that `dir`, a folder that will hold report folders (watch's), is not a file. */
export async function checkReportsRoot(dir: string, label = dir): Promise<void> {
  const info = await stat(path.resolve(dir)).catch((err) => {
    if (codeOf(err) === 'ENOENT') return undefined;
    if (codeOf(err) === 'ENOTDIR') throw new StrataError('ESTRATA_BAD_INPUT', `${label} is inside a file, not a folder`);
    throw err;
  });
  if (info && !info.isDirectory()) throw new StrataError('ESTRATA_BAD_INPUT', `${label} is a file, not a folder: give a folder to write the reports into`);
}
