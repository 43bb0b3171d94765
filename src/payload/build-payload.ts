// From the raw files of a version to its Payload: what is analysed, what is listed and why.
import type { Payload, PayloadFile } from '../types.js';
import { kindOf, looksBinary } from './classify-file.js';
import { embeddedCode } from './embedded-code.js';
import type { PayloadLimits } from './limits.js';
import type { ArchiveFile } from './read-tarball.js';

export function buildPayload(raw: ArchiveFile[], limits: PayloadLimits): Payload {
  const files: PayloadFile[] = [];
  const text = new Map<string, string>();
  for (const f of raw) {
    const kind = kindOf(f.path);
    const entry: PayloadFile = { path: f.path, size: f.size, sha256: f.sha256, kind };
    if (f.special) entry.skipped = `not a regular file (${f.special})`;
    else if (kind === 'other') {
      // listed with its hash; not analysed
    } else if (!f.data) entry.skipped = `too large (${f.size} bytes > ${limits.maxFileBytes})`;
    else if (looksBinary(f.data)) entry.skipped = 'binary content';
    else text.set(f.path, f.data.toString('utf8'));
    files.push(entry);
  }
  // Executables the package ships itself: their modules are named after the executable.
  const native = embeddedCode(raw, limits, (binary) => binary.path);
  files.push(...native.files);
  for (const [path, code] of native.text) text.set(path, code);
  sortFiles(files);
  const payload: Payload = { files, text };
  if (native.binaries.length) payload.native = { platform: null, binaries: native.binaries };
  return payload;
}

/** Biggest bundles first: they are where a release's code lives. */
export function sortFiles(files: PayloadFile[]): void {
  files.sort((a, b) => rank(a) - rank(b) || b.size - a.size || a.path.localeCompare(b.path));
}

function rank(f: PayloadFile): number {
  if (f.kind === 'manifest') return 0;
  if (f.kind === 'js' && !f.skipped) return 1;
  return 2;
}
