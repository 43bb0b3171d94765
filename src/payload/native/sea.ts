// Node single executable applications: postject stores the blob as an ELF note named
// NODE_SEA_BLOB, a Mach-O section NODE_SEA,__NODE_SEA_BLOB, or a PE RT_RCDATA resource
// NODE_SEA_BLOB. The blob starts with the magic 0x143da20 and a u32 of flags; what follows changed
// with Node versions (docs/native-formats.md), so each known shape is tried and the one that
// consumes the blob exactly is taken.
import { Bytes, TextBudget, checkCount, decodeText, extOf, isJsName, isUtf8 } from './bytes.js';
import type { Container } from './container.js';
import { readElfNotes } from './elf.js';
import { NativePayloadError, type NativeLimits } from './errors.js';
import { RT_RCDATA, findPeResource } from './pe.js';
import type { EmbeddedModule, Extraction } from './types.js';

export const SEA_MAGIC = 0x143da20;
export const SEA_RESOURCE = 'NODE_SEA_BLOB';
const FLAG_USE_SNAPSHOT = 1 << 1;
const FLAG_USE_CODE_CACHE = 1 << 2;
const FLAG_INCLUDE_ASSETS = 1 << 3;
const FLAG_INCLUDE_EXEC_ARGV = 1 << 4;

interface Span {
  off: number;
  len: number;
}

interface SeaParse {
  shape: string;
  codePath: string;
  code: Span;
  cache: Span | null;
  assets: { key: string; data: Span }[];
  execArgv: string[];
}

export function findSeaBlob(bytes: Uint8Array, c: Container): { offset: number; size: number; where: string } | null {
  if (c.elf) {
    for (const n of readElfNotes(bytes, c.elf)) if (n.name === SEA_RESOURCE) return { offset: n.offset, size: n.size, where: 'ELF note NODE_SEA_BLOB' };
    for (const s of c.sections) if (s.name === SEA_RESOURCE || s.name === `.note.${SEA_RESOURCE}`) return { offset: s.offset, size: s.size, where: `ELF section ${s.name}` };
  }
  if (c.macho) {
    for (const s of c.macho.sections) if (s.section === `__${SEA_RESOURCE}`) return { offset: s.offset, size: s.size, where: `Mach-O section ${s.name}` };
  }
  if (c.pe) {
    const r = findPeResource(bytes, c.pe, RT_RCDATA, SEA_RESOURCE);
    if (r) return { ...r, where: 'PE resource RT_RCDATA NODE_SEA_BLOB' };
  }
  return null;
}

export function extractSea(bytes: Uint8Array, c: Container, limits: NativeLimits): Extraction | null {
  const blob = findSeaBlob(bytes, c);
  if (!blob) return null;
  const b = new Bytes(bytes);
  b.need(blob.offset, blob.size, 'NODE_SEA_BLOB');
  if (blob.size < 8) throw new NativePayloadError(`NODE_SEA_BLOB of ${blob.size} bytes is too small`);
  const magic = b.u32(blob.offset);
  if (magic !== SEA_MAGIC) throw new NativePayloadError(`NODE_SEA_BLOB magic 0x${magic.toString(16)} is not 0x143da20`);
  const flags = b.u32(blob.offset + 4);
  const parsed = parseBlob(b, blob.offset, blob.size, flags, limits);
  if (!parsed) throw new NativePayloadError('NODE_SEA_BLOB matches no known layout (its length fields do not add up)');

  const budget = new TextBudget(limits);
  const notes: string[] = [];
  const modules: EmbeddedModule[] = [];
  const mainName = parsed.codePath || `${SEA_RESOURCE}/main.js`;
  const main: EmbeddedModule = { name: mainName, text: null, offset: parsed.code.off, size: parsed.code.len, kind: 'js' };
  if (flags & FLAG_USE_SNAPSHOT) {
    main.kind = 'snapshot';
    notes.push('V8 startup snapshot only, no source');
  } else {
    main.encoding = 'utf8';
    if (budget.take(parsed.code.len)) main.text = decodeText(bytes, parsed.code.off, parsed.code.len, 'utf8');
  }
  modules.push(main);
  if (parsed.cache) {
    modules.push({ name: `${mainName}.code-cache`, text: null, offset: parsed.cache.off, size: parsed.cache.len, kind: 'bytecode' });
    notes.push('V8 code cache beside the source (a start-up cache)');
  }
  for (const a of parsed.assets) {
    const name = `${SEA_RESOURCE}/assets/${a.key}`;
    const ext = extOf(a.key);
    const kind = isJsName(a.key) ? 'js' : ext === 'json' ? 'json' : 'asset';
    const m: EmbeddedModule = { name, text: null, offset: a.data.off, size: a.data.len, kind };
    const view = bytes.subarray(a.data.off, a.data.off + a.data.len);
    if ((kind === 'js' || kind === 'json') && isUtf8(view) && budget.take(a.data.len)) {
      m.text = decodeText(bytes, a.data.off, a.data.len, 'utf8');
      m.encoding = 'utf8';
    }
    modules.push(m);
  }
  if (parsed.execArgv.length) notes.push(`exec argv: ${parsed.execArgv.join(' ')}`);
  notes.push(...budget.notes());
  return { container: c.kind, format: 'node-sea', layout: `node-sea: ${parsed.shape}, ${blob.where}`, modules, notes };
}

function parseBlob(b: Bytes, start: number, size: number, flags: number, limits: NativeLimits): SeaParse | null {
  const end = start + size;
  const str = (pos: number): { span: Span; next: number } | null => {
    if (pos + 8 > end) return null;
    const len = b.u64(pos);
    if (!Number.isSafeInteger(len) || pos + 8 + len > end) return null;
    return { span: { off: pos + 8, len }, next: pos + 8 + len };
  };
  const serialized = (headerLen: number, withPath: boolean, shape: string): SeaParse | null => {
    let pos = start + headerLen;
    let codePath = '';
    if (withPath) {
      const p = str(pos);
      if (!p || p.span.len > 4096) return null;
      const view = b.buf.subarray(p.span.off, p.span.off + p.span.len);
      if (!isUtf8(view) || view.some((ch) => ch < 0x20)) return null;
      codePath = decodeText(b.buf, p.span.off, p.span.len, 'utf8');
      pos = p.next;
    }
    const code = str(pos);
    if (!code) return null;
    pos = code.next;
    let cache: Span | null = null;
    if (withPath && flags & FLAG_USE_CODE_CACHE) {
      const cc = str(pos);
      if (!cc) return null;
      cache = cc.span;
      pos = cc.next;
    }
    const assets: { key: string; data: Span }[] = [];
    if (withPath && flags & FLAG_INCLUDE_ASSETS) {
      if (pos + 8 > end) return null;
      const count = b.u64(pos);
      pos += 8;
      checkCount(count, limits, 'SEA asset');
      for (let i = 0; i < count; i++) {
        const k = str(pos);
        if (!k) return null;
        const v = str(k.next);
        if (!v) return null;
        assets.push({ key: decodeText(b.buf, k.span.off, Math.min(k.span.len, 4096), 'utf8'), data: v.span });
        pos = v.next;
      }
    }
    const execArgv: string[] = [];
    if (withPath && flags & FLAG_INCLUDE_EXEC_ARGV) {
      if (pos + 8 > end) return null;
      const count = b.u64(pos);
      pos += 8;
      checkCount(count, limits, 'SEA exec argv');
      for (let i = 0; i < count; i++) {
        const a = str(pos);
        if (!a) return null;
        execArgv.push(decodeText(b.buf, a.span.off, Math.min(a.span.len, 4096), 'utf8'));
        pos = a.next;
      }
    }
    if (pos !== end) return null;
    return { shape, codePath, code: code.span, cache, assets, execArgv };
  };
  return (
    serialized(8, true, 'serialized blob with code path') ??
    serialized(9, true, 'serialized blob with code path and exec-argv extension byte') ??
    serialized(8, false, 'serialized blob, code only') ??
    rawCode(b, start, size)
  );
}

/** The first SEA blobs (Node 18.16, 19.7, 20.0): magic, flags, then the script to the end. */
function rawCode(b: Bytes, start: number, size: number): SeaParse | null {
  const code = { off: start + 8, len: size - 8 };
  const probe = b.buf.subarray(code.off, code.off + Math.min(code.len, 65_536));
  if (!isUtf8(trimPartial(probe))) return null;
  return { shape: 'script after the 8-byte header', codePath: '', code, cache: null, assets: [], execArgv: [] };
}

/** Drops a UTF-8 sequence cut at the end of a probe window. */
function trimPartial(view: Uint8Array): Uint8Array {
  let end = view.length;
  let back = 0;
  while (end > 0 && back < 3 && ((view[end - 1] as number) & 0xc0) === 0x80) {
    end--;
    back++;
  }
  if (end > 0 && (view[end - 1] as number) >= 0xc0) end--;
  return view.subarray(0, end);
}
