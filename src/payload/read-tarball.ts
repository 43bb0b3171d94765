// Reads a .tgz in memory without ever extracting to disk paths taken from the archive.
import { createHash } from 'node:crypto';
import { Parser, type ReadEntry } from 'tar';
import { StrataError } from '../errors.js';
import type { PayloadLimits } from './limits.js';
import { looksLikeExecutable } from './native/index.js';
import { packagePath } from './package-path.js';

export interface ArchiveFile {
  path: string;
  size: number;
  sha256: string;
  /** Contents, kept only for files up to maxFileBytes (native executables: maxExecutableBytes). */
  data: Buffer | null;
  /** The file starts like a native executable (ELF, PE, Mach-O). */
  executable?: boolean;
  /** Non-regular entries (links, devices) are listed but never followed. */
  special?: string;
}

/** Reads a .tgz held in memory or arriving as a stream (gunzipped as it flows). */
export async function readTarball(tgz: Buffer | NodeJS.ReadableStream, label: string, limits: PayloadLimits): Promise<ArchiveFile[]> {
  const files = new Map<string, ArchiveFile>();
  let total = 0;
  let entries = 0;
  return new Promise((resolve, reject) => {
    let failed = false;
    const parser = new Parser({ strict: true });
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      parser.abort(err);
      // A refused stream is drained, not read: the rest of it is discarded as it arrives.
      if (!Buffer.isBuffer(tgz)) {
        tgz.unpipe(parser);
        tgz.resume();
      }
      reject(err);
    };
    parser.on('entry', (entry: ReadEntry) => {
      if (failed) return entry.resume();
      entries += 1;
      if (entries > limits.maxEntries) return fail(new StrataError('ESTRATA_TOO_LARGE', `${label}: more than ${limits.maxEntries} entries; refusing to read it`));
      const rel = packagePath(entry.path, true);
      if (rel === null) {
        return fail(new StrataError('ESTRATA_UNSAFE_TARBALL', `${label}: tarball entry "${entry.path}" points outside the package; refusing to analyse it`));
      }
      if (entry.type === 'Directory' || rel === '') return entry.resume();
      if (entry.type !== 'File' && entry.type !== 'OldFile' && entry.type !== 'ContiguousFile') {
        files.set(rel, { path: rel, size: 0, sha256: '', data: null, special: `${entry.type}${entry.linkpath ? ` → ${entry.linkpath}` : ''}` });
        return entry.resume();
      }
      const hash = createHash('sha256');
      let keep = entry.size <= limits.maxFileBytes;
      let executable: boolean | undefined;
      const chunks: Buffer[] = [];
      let size = 0;
      entry.on('data', (chunk: Buffer) => {
        if (executable === undefined) {
          // A native executable may hold the package's code: keep it (bounded) to look inside.
          executable = looksLikeExecutable(chunk);
          if (executable && entry.size <= limits.maxExecutableBytes) keep = true;
        }
        size += chunk.length;
        total += chunk.length;
        if (total > limits.maxTotalBytes) {
          return fail(new StrataError('ESTRATA_TOO_LARGE', `${label}: unpacks to more than ${limits.maxTotalBytes} bytes; refusing to read it`));
        }
        hash.update(chunk);
        if (keep) chunks.push(chunk);
      });
      entry.on('end', () => {
        const file: ArchiveFile = { path: rel, size, sha256: hash.digest('hex'), data: keep ? Buffer.concat(chunks, size) : null };
        if (executable) file.executable = true;
        files.set(rel, file);
      });
    });
    parser.on('error', (err: Error) => {
      // tar refuses gzip streams that inflate more than 1000×: a decompression bomb.
      if (/decompression ratio/.test(err.message)) {
        return fail(new StrataError('ESTRATA_TOO_LARGE', `${label}: the tarball inflates suspiciously (${err.message}); refusing to read it`));
      }
      fail(new StrataError('ESTRATA_BAD_INPUT', `${label}: not a readable tarball (${err.message})`));
    });
    parser.on('end', () => {
      if (!failed) resolve([...files.values()]);
    });
    if (Buffer.isBuffer(tgz)) {
      parser.end(tgz);
    } else {
      tgz.on('error', (err: Error) => fail(err));
      tgz.pipe(parser);
    }
  });
}
