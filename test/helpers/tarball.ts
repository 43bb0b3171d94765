// Real npm-style .tgz tarballs built in memory for the loopback registry and for tests that need
// hostile archives. Headers are encoded one by one with tar's `Header` (and `Pax` for paths that do
// not fit a ustar header), so entry paths are written exactly as given: `package/../../evil.js`,
// `/etc/absolute.js`, a symlink pointing out of the package. Nothing is normalized or refused here;
// that is the job of the code under test.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Header, Parser, Pax, type ReadEntry } from 'tar';

export type TarEntryType = 'file' | 'symlink' | 'directory';

export interface TarEntry {
  /** Entry path; `options.prefix` is put in front of it unless `verbatim` is set. */
  path: string;
  /** File contents (ignored for symlinks and directories). */
  data?: string | Buffer;
  /** Default 'file'. */
  type?: TarEntryType;
  /** Target of a symlink, written as given. */
  linkpath?: string;
  /** Default 0o644 for files, 0o755 for directories, 0o777 for symlinks. */
  mode?: number;
  /** Write `path` exactly as given, without the prefix. */
  verbatim?: boolean;
}

export interface PackOptions {
  /** Put in front of every entry path, verbatim. Default 'package/'; pass '' to write paths as they are. */
  prefix?: string;
  /** Modification time of every entry. Default: npm's fixed pack time, 1985-10-26T08:15:00.000Z. */
  mtime?: Date;
}

/** The fixed mtime npm writes into every packed entry. */
export const NPM_PACK_MTIME = new Date('1985-10-26T08:15:00.000Z');

const BLOCK = 512;

const TYPE_NAME = {
  file: 'File',
  symlink: 'SymbolicLink',
  directory: 'Directory',
} as const;

const DEFAULT_MODE: Record<TarEntryType, number> = {
  file: 0o644,
  symlink: 0o777,
  directory: 0o755,
};

function padToBlock(buf: Buffer): Buffer {
  const rest = buf.length % BLOCK;
  return rest === 0 ? buf : Buffer.concat([buf, Buffer.alloc(BLOCK - rest)]);
}

function encodeEntry(entry: TarEntry, prefix: string, mtime: Date): Buffer[] {
  const type = entry.type ?? 'file';
  const entryPath = entry.verbatim ? entry.path : prefix + entry.path;
  const body =
    type === 'file' ? (typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : (entry.data ?? Buffer.alloc(0))) : Buffer.alloc(0);
  const linkpath = type === 'symlink' ? (entry.linkpath ?? '') : '';
  if (type === 'symlink' && entry.linkpath === undefined) {
    throw new TypeError(`packTarball: symlink entry ${entryPath} needs a linkpath`);
  }

  const header = new Header({
    path: entryPath,
    mode: entry.mode ?? DEFAULT_MODE[type],
    uid: 0,
    gid: 0,
    size: body.length,
    mtime,
    type: TYPE_NAME[type],
    linkpath,
    uname: '',
    gname: '',
  });
  const block = Buffer.alloc(BLOCK);
  const needPax = header.encode(block, 0);

  const out: Buffer[] = [];
  if (needPax) {
    // The ustar fields hold a truncated or re-split path; the pax record carries the exact one.
    out.push(new Pax({ path: entryPath, linkpath: linkpath || undefined }).encode());
  }
  out.push(block);
  if (body.length > 0) out.push(padToBlock(body));
  return out;
}

/** A gzip'd ustar/pax tarball of exactly these entries, in this order. */
export function packTarball(entries: TarEntry[], options: PackOptions = {}): Buffer {
  const prefix = options.prefix ?? 'package/';
  const mtime = options.mtime ?? NPM_PACK_MTIME;
  const blocks: Buffer[] = [];
  for (const entry of entries) blocks.push(...encodeEntry(entry, prefix, mtime));
  blocks.push(Buffer.alloc(BLOCK * 2)); // end-of-archive marker
  return gzipSync(Buffer.concat(blocks), { level: 9 });
}

/** Relative POSIX paths of every file under `dir`, sorted by code unit. */
export function listFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (rel: string): void => {
    for (const dirent of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${dirent.name}` : dirent.name;
      if (dirent.isDirectory()) walk(child);
      else if (dirent.isFile()) files.push(child);
    }
  };
  walk('');
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Every file under `dir` (sorted, fixed mtime, mode 0644) under `package/`, like `npm pack`. */
export function packFolder(dir: string): Buffer {
  return packTarball(listFiles(dir).map((rel) => ({ path: rel, data: readFileSync(path.join(dir, rel)) })));
}

export interface ReadTarEntry {
  path: string;
  /** tar's entry type name: 'File', 'SymbolicLink', 'Directory', ... */
  type: string;
  linkpath?: string;
  mode?: number;
  data: Buffer;
}

/** Every entry of a (gzip'd) tarball as tar's `Parser` reads it; paths are not sanitized. */
export function readTarball(tgz: Buffer): Promise<ReadTarEntry[]> {
  return new Promise((resolve, reject) => {
    const entries: ReadTarEntry[] = [];
    const parser = new Parser({ strict: true });
    parser.on('entry', (entry: ReadEntry) => {
      const chunks: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => chunks.push(chunk));
      entry.on('end', () => {
        entries.push({
          path: entry.path,
          type: entry.type,
          ...(entry.linkpath ? { linkpath: entry.linkpath } : {}),
          ...(entry.mode !== undefined ? { mode: entry.mode } : {}),
          data: Buffer.concat(chunks),
        });
      });
    });
    parser.on('error', reject);
    parser.on('warn', (code: string, message: string | Error) => reject(new Error(`${code}: ${String(message)}`)));
    parser.on('end', () => resolve(entries));
    parser.end(tgz);
  });
}
