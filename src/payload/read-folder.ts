// Reads a package folder (a side of `strata diff`) with the same bounds as a tarball. Links are
// listed, never followed; node_modules and .git are not part of a package.
import { createHash } from 'node:crypto';
import { lstat, open, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { StrataError } from '../errors.js';
import type { PayloadLimits } from './limits.js';
import { looksLikeExecutable } from './native/index.js';
import type { ArchiveFile } from './read-tarball.js';

const IGNORED = new Set(['node_modules', '.git']);

export async function readFolder(root: string, limits: PayloadLimits): Promise<ArchiveFile[]> {
  const files: ArchiveFile[] = [];
  let total = 0;
  const walk = async (dir: string): Promise<void> => {
    const names = (await readdir(dir)).sort();
    for (const name of names) {
      if (IGNORED.has(name)) continue;
      const abs = path.join(dir, name);
      const rel = path.relative(root, abs).split(path.sep).join('/');
      const st = await lstat(abs);
      if (files.length >= limits.maxEntries) {
        throw new StrataError('ESTRATA_TOO_LARGE', `${root}: more than ${limits.maxEntries} files; refusing to read it`);
      }
      if (st.isDirectory()) {
        await walk(abs);
      } else if (st.isFile()) {
        total += st.size;
        if (total > limits.maxTotalBytes) {
          throw new StrataError('ESTRATA_TOO_LARGE', `${root}: more than ${limits.maxTotalBytes} bytes; refusing to read it`);
        }
        const executable = looksLikeExecutable(await readHead(abs));
        const keep = st.size <= limits.maxFileBytes || (executable && st.size <= limits.maxExecutableBytes);
        if (!keep) {
          files.push({ path: rel, size: st.size, sha256: await hashFile(abs), data: null });
        } else {
          const data = await readFile(abs);
          const file: ArchiveFile = { path: rel, size: data.length, sha256: createHash('sha256').update(data).digest('hex'), data };
          if (executable) file.executable = true;
          files.push(file);
        }
      } else {
        files.push({ path: rel, size: 0, sha256: '', data: null, special: st.isSymbolicLink() ? 'SymbolicLink' : 'special file' });
      }
    }
  };
  await walk(root);
  return files;
}

async function readHead(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64), 0, 64, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function hashFile(file: string): Promise<string> {
  const { createReadStream } = await import('node:fs');
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
