// A hash of the code of this build of the tool: its own modules and the exact dependency versions
// in its package.json. Results cached per pair of versions (a diff, its findings) depend on every
// rule and every stage, so they are keyed by this rather than by a format number someone must
// remember to bump: any change to the code is a fresh key.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Our own code is a few hundred files of at most a few hundred KiB: anything else is not ours. */
const MAX_FILES = 5_000;
const MAX_FILE_BYTES = 8 * 1024 * 1024;

let memo: string | undefined;

/** The folder of compiled (dist/) or source (src/) modules this module belongs to. */
function codeRoot(): string {
  return path.dirname(path.dirname(fileURLToPath(import.meta.url)));
}

function codeFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (out.length >= MAX_FILES) return;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && /\.(?:[cm]?js|ts|json)$/.test(entry.name)) out.push(full);
    }
  };
  walk(root);
  return out;
}

export function buildFingerprint(): string {
  if (memo) return memo;
  const root = codeRoot();
  const hash = createHash('sha256');
  for (const file of [...codeFiles(root), path.join(root, '..', 'package.json')]) {
    let data: Buffer;
    try {
      data = readFileSync(file);
    } catch {
      continue;
    }
    if (data.length > MAX_FILE_BYTES) continue;
    hash.update(`${path.relative(root, file)}\0${data.length}\0`).update(data);
  }
  memo = hash.digest('hex').slice(0, 32);
  return memo;
}
