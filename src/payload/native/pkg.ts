// vercel/pkg: [node binary][payload stripes][prelude]. The prelude, last in the file, is
// `(function(process, require, console, EXECPATH_FD, PAYLOAD_POSITION, PAYLOAD_SIZE) { ... \n})`
// whose closing call passes the virtual file system as JSON, one argument per line:
// `\n},\n<VFS>\n,\n<DEFAULT_ENTRYPOINT>\n,\n<SYMLINKS>\n,\n<DICT>\n,\n<DOCOMPRESS>\n);\n})`.
// VFS maps a snapshot path to stores: 0 = bytecode blob, 1 = source content, 2 = links, 3 = stat,
// each [offset, size] relative to the payload, which ends where the prelude starts.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Bytes, TextBudget, checkCount, decodeText, extOf, isJsName } from './bytes.js';
import type { Container } from './container.js';
import { NativePayloadError, type NativeLimits } from './errors.js';
import type { EmbeddedModule, Extraction } from './types.js';

export const PKG_PRELUDE_HEAD = '(function(process, require, console, EXECPATH_FD, PAYLOAD_POSITION, PAYLOAD_SIZE) {';
const PKG_TAIL = '\n);\n})';
const STORE_BLOB = '0';
const STORE_CONTENT = '1';
const MAX_ARGS = 8;

type Stores = Record<string, unknown>;

export function extractPkg(bytes: Uint8Array, c: Container, limits: NativeLimits): Extraction | null {
  const b = new Bytes(bytes);
  if (b.length < PKG_TAIL.length || !b.equals(b.length - PKG_TAIL.length, PKG_TAIL)) return null;
  const head = b.lastIndexOf(PKG_PRELUDE_HEAD);
  if (head < 0) return null;
  // From here on the file is a pkg executable: failures are reasons, not "not pkg".
  const tailText = decodeText(bytes, head, b.length - head, 'utf8');
  const args = splitArgs(tailText);
  if (!args) throw new NativePayloadError('pkg prelude arguments (virtual file system JSON) not found');
  const parse = (s: string, what: string): unknown => {
    try {
      return JSON.parse(s);
    } catch {
      throw new NativePayloadError(`pkg prelude ${what} is not JSON`);
    }
  };
  const vfs = parse(args[0] as string, 'virtual file system');
  const entrypoint = args.length > 1 ? parse(args[1] as string, 'entrypoint') : null;
  const dict = args.length > 3 ? parse(args[3] as string, 'dictionary') : {};
  const compress = args.length > 4 ? parse(args[4] as string, 'compression') : 0;
  if (!vfs || typeof vfs !== 'object' || Array.isArray(vfs)) throw new NativePayloadError('pkg virtual file system is not an object');
  const entries = Object.entries(vfs as Record<string, unknown>);
  checkCount(entries.length, limits, 'pkg virtual file');

  // Undo key compression: each path segment is a base36 id from DICT (name -> id).
  const names = new Map<string, string>();
  if (compress && dict && typeof dict === 'object') {
    for (const [name, id] of Object.entries(dict as Record<string, unknown>)) if (typeof id === 'string') names.set(id, name);
  }
  const realPath = (key: string) => (names.size ? key.split('/').map((p) => names.get(p) ?? p).join('/') : key);

  let payloadSize = 0;
  const spans: { path: string; store: string; off: number; len: number }[] = [];
  for (const [key, stores] of entries) {
    if (!stores || typeof stores !== 'object') throw new NativePayloadError(`pkg entry ${key} is not an object`);
    for (const [store, span] of Object.entries(stores as Stores)) {
      if (!Array.isArray(span) || span.length !== 2 || !span.every((n) => Number.isSafeInteger(n) && (n as number) >= 0)) {
        throw new NativePayloadError(`pkg entry ${key} store ${store} is not [offset, size]`);
      }
      const [off, len] = span as [number, number];
      payloadSize = Math.max(payloadSize, off + len);
      spans.push({ path: realPath(key), store, off, len });
    }
  }
  const payloadStart = head - payloadSize;
  if (payloadStart < 0) throw new NativePayloadError(`pkg payload of ${payloadSize} bytes does not fit before the prelude at ${head}`);

  const budget = new TextBudget(limits);
  const modules: EmbeddedModule[] = [];
  const byPath = new Map<string, { blob?: (typeof spans)[number]; content?: (typeof spans)[number] }>();
  for (const s of spans) {
    if (s.store !== STORE_BLOB && s.store !== STORE_CONTENT) continue;
    const e = byPath.get(s.path) ?? {};
    if (s.store === STORE_BLOB) e.blob = s;
    else e.content = s;
    byPath.set(s.path, e);
  }
  let bytecodeOnly = 0;
  for (const [path, e] of byPath) {
    if (e.content) {
      const off = payloadStart + e.content.off;
      b.need(off, e.content.len, `pkg content of ${path}`);
      const ext = extOf(path);
      const kind = isJsName(path) ? 'js' : ext === 'json' ? 'json' : 'asset';
      const m: EmbeddedModule = { name: path, text: null, offset: off, size: e.content.len, kind };
      if (kind !== 'asset') {
        const raw = bytes.subarray(off, off + e.content.len);
        const data = inflate(raw, compress, budget, path);
        if (data && budget.take(data.length)) {
          m.text = decodeText(data, 0, data.length, 'utf8');
          m.encoding = 'utf8';
        }
      }
      modules.push(m);
    } else if (e.blob) {
      bytecodeOnly++;
      const off = payloadStart + e.blob.off;
      b.need(off, e.blob.len, `pkg bytecode of ${path}`);
      modules.push({ name: path, text: null, offset: off, size: e.blob.len, kind: 'bytecode' });
    }
  }
  const notes: string[] = [];
  if (typeof entrypoint === 'string') notes.push(`entry point: ${realPath(entrypoint)}`);
  if (bytecodeOnly) notes.push(`${bytecodeOnly} file(s): bytecode only, no source`);
  if (compress) notes.push(`virtual file system compressed (${compress === 1 ? 'gzip' : compress === 2 ? 'brotli' : String(compress)})`);
  notes.push(...budget.notes());
  return { container: c.kind, format: 'pkg', layout: `pkg: payload at ${payloadStart}, prelude at ${head} (${args.length} prelude arguments)`, modules, notes };
}

/** The JSON arguments after the prelude's function, read backwards from the end. */
function splitArgs(text: string): string[] | null {
  let cur = text.length - PKG_TAIL.length;
  const out: string[] = [];
  for (let i = 0; i < MAX_ARGS; i++) {
    const comma = text.lastIndexOf('\n,\n', cur - 1);
    const brace = text.lastIndexOf('\n},\n', cur - 1);
    if (brace < 0) return null;
    if (brace > comma || comma < 0) {
      out.unshift(text.slice(brace + 4, cur));
      return out;
    }
    out.unshift(text.slice(comma + 3, cur));
    cur = comma;
  }
  return null;
}

/** The decompressed content, or null when it would pass the text budget (listed without text). */
function inflate(raw: Uint8Array, compress: unknown, budget: TextBudget, path: string): Uint8Array | null {
  if (!compress) return raw;
  if (compress !== 1 && compress !== 2) throw new NativePayloadError(`pkg compression ${String(compress)} unknown`);
  // Inflate no further than the budget allows: entries may share one small, highly compressed span.
  const room = budget.room();
  if (room === 0) {
    budget.overflow();
    return null;
  }
  try {
    if (compress === 1) return gunzipSync(raw, { maxOutputLength: room });
    return brotliDecompressSync(raw, { maxOutputLength: room });
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      budget.overflow();
      return null;
    }
    throw new NativePayloadError(`pkg content of ${path} does not decompress: ${(err as Error).message}`);
  }
}
