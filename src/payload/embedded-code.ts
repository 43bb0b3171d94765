// The code inside a version's native executables, as files of the version: each embedded module
// becomes `<where>:<module name>` (for example `linux-x64:/$bunfs/root/src/entrypoints/cli.js`),
// analysed like any other file, with the executable and offset it came from.
import { createHash } from 'node:crypto';
import type { NativeBinary, PayloadFile } from '../types.js';
import { kindOf } from './classify-file.js';
import type { PayloadLimits } from './limits.js';
import { extractEmbedded, NativePayloadError } from './native/index.js';
import type { ArchiveFile } from './read-tarball.js';

export interface EmbeddedCode {
  files: PayloadFile[];
  text: Map<string, string>;
  binaries: NativeBinary[];
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * Looks inside every executable that was kept (see readTarball). `prefix` names where the modules
 * live: the platform id for a platform package, the executable's path for the package's own.
 */
export function embeddedCode(raw: readonly ArchiveFile[], limits: PayloadLimits, prefix: (binary: ArchiveFile) => string): EmbeddedCode {
  const out: EmbeddedCode = { files: [], text: new Map(), binaries: [] };
  const seen = new Set<string>();
  for (const file of raw) {
    if (!file.executable) continue;
    const binary: NativeBinary = { path: file.path, size: file.size, sha256: file.sha256 };
    out.binaries.push(binary);
    if (!file.data) {
      binary.notes = [`not read: larger than ${limits.maxExecutableBytes} bytes`];
      continue;
    }
    let extraction;
    try {
      extraction = extractEmbedded(file.data, { maxModuleBytes: limits.maxFileBytes, maxTotalTextBytes: limits.maxTotalBytes });
    } catch (err) {
      if (!(err instanceof NativePayloadError)) throw err;
      binary.error = err.message; // always "payload not extractable: <reason>"
      continue;
    }
    if (!extraction) {
      binary.notes = ['no embedded JavaScript found'];
      continue;
    }
    binary.container = extraction.container;
    binary.format = extraction.format;
    binary.layout = extraction.layout;
    binary.modules = extraction.modules.length;
    if (extraction.notes.length) binary.notes = extraction.notes;
    const at = prefix(file);
    for (const m of extraction.modules) {
      const path = `${at}:${m.name}`;
      if (seen.has(path)) continue;
      seen.add(path);
      const isCode = m.text !== null && (m.kind === 'js' || kindOf(m.name) === 'js');
      const entry: PayloadFile = {
        path,
        size: m.size,
        sha256: m.text !== null ? sha256(m.text) : '',
        kind: isCode ? 'js' : 'other',
        embedded: { binary: at === file.path ? file.path : `${at}:${file.path}`, offset: m.offset, module: m.name },
      };
      if (m.text === null) entry.skipped = m.kind === 'bytecode' ? 'bytecode only, no source' : `embedded ${m.kind}, not analysed`;
      else if (isCode) out.text.set(path, m.text);
      out.files.push(entry);
    }
  }
  return out;
}
