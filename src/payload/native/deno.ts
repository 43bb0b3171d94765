// deno compile. Three generations (docs/native-formats.md):
//  - Deno 1.6 to 1.32: appended [bundle or eszip][metadata JSON] and a 24-byte trailer
//    "d3n0l4nd" + u64 BE position of the code + u64 BE position of the metadata;
//  - Deno 1.33 to 1.45: the same with a 40-byte trailer (npm VFS and npm files positions added);
//  - Deno 1.46 on: a data section (libsui: section/resource "d3n0l4nd") opening and closing with
//    "d3n0l4nd": metadata, npm snapshot, remote modules, a virtual file system (JSON + file bytes).
import { Bytes, TextBudget, checkCount, decodeText, extOf, isJsName, isUtf8 } from './bytes.js';
import type { Container } from './container.js';
import { NativePayloadError, type NativeLimits } from './errors.js';
import { RT_RCDATA, findPeResource } from './pe.js';
import type { EmbeddedModule, Extraction } from './types.js';

export const DENO_MAGIC = 'd3n0l4nd';

interface Span {
  off: number;
  len: number;
}

export function extractDeno(bytes: Uint8Array, c: Container, limits: NativeLimits): Extraction | null {
  const b = new Bytes(bytes);
  const legacy = legacyTrailer(b);
  if (legacy) return extractLegacy(b, c, legacy, limits);
  const section = findDataSection(bytes, c);
  if (!section) return null;
  return extractModuleStore(b, c, section, limits);
}

// ---------------------------------------------------------------------------------------------
// Deno 1.6 - 1.45: appended data and a trailer at the very end of the file.

interface Legacy {
  size: 24 | 40;
  code: number;
  metadata: number;
  end: number;
}

function legacyTrailer(b: Bytes): Legacy | null {
  for (const size of [40, 24] as const) {
    const at = b.length - size;
    if (at < 0 || !b.equals(at, DENO_MAGIC)) continue;
    const code = b.u64(at + 8, false);
    const metadata = b.u64(at + 16, false);
    let end = at;
    if (size === 40) {
      const vfs = b.u64(at + 24, false);
      const files = b.u64(at + 32, false);
      if (!(metadata <= vfs && vfs <= files && files <= at)) throw new NativePayloadError('deno trailer positions out of order or out of bounds');
      end = vfs;
    }
    if (!(code < metadata && metadata <= end)) throw new NativePayloadError('deno trailer positions out of order or out of bounds');
    return { size, code, metadata, end };
  }
  return null;
}

function extractLegacy(b: Bytes, c: Container, t: Legacy, limits: NativeLimits): Extraction {
  const budget = new TextBudget(limits);
  const notes: string[] = [];
  const meta = parseJson(decodeText(b.buf, t.metadata, t.end - t.metadata, 'utf8'));
  const entry = meta && typeof meta === 'object' ? (meta as Record<string, unknown>).entrypoint : undefined;
  if (typeof entry === 'string') notes.push(`entry point: ${entry}`);
  const codeLen = t.metadata - t.code;
  let modules: EmbeddedModule[];
  let layout: string;
  if (b.equals(t.code, 'ESZIP')) {
    const z = parseEszip(b, t.code, t.metadata, limits);
    modules = eszipModules(b, z, budget);
    layout = `deno: ${t.size}-byte trailer, ${z.version}`;
  } else if (b.buf[t.code] === 0x7b) {
    const json = parseJson(decodeText(b.buf, t.code, codeLen, 'utf8'));
    modules = eszipV1Modules(json, t.code, codeLen, budget);
    layout = `deno: ${t.size}-byte trailer, eszip v1 (JSON)`;
  } else {
    const m: EmbeddedModule = { name: 'deno:bundle.js', text: null, offset: t.code, size: codeLen, kind: 'js', encoding: 'utf8' };
    if (budget.take(codeLen)) m.text = decodeText(b.buf, t.code, codeLen, 'utf8');
    modules = [m];
    layout = `deno: ${t.size}-byte trailer, JavaScript bundle`;
  }
  notes.push(...budget.notes());
  return { container: c.kind, format: 'deno', layout, modules, notes };
}

function parseJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}

function eszipV1Modules(json: unknown, off: number, len: number, budget: TextBudget): EmbeddedModule[] {
  const mods = json && typeof json === 'object' ? (json as Record<string, unknown>).modules : null;
  if (!mods || typeof mods !== 'object') throw new NativePayloadError('deno eszip v1 has no modules');
  const out: EmbeddedModule[] = [];
  for (const [specifier, v] of Object.entries(mods as Record<string, unknown>)) {
    const src = v && typeof v === 'object' ? (v as Record<string, unknown>).Source : null;
    if (!src || typeof src !== 'object') continue;
    const s = src as Record<string, unknown>;
    const text = typeof s.transpiled === 'string' ? s.transpiled : typeof s.source === 'string' ? s.source : null;
    const m: EmbeddedModule = { name: specifier, text: null, offset: off, size: len, kind: 'js', encoding: 'utf8' };
    if (text !== null && budget.take(text.length)) m.text = text;
    out.push(m);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// eszip v2: "ESZIP_V2" (or "ESZIP2.x"), [u32 BE header length][header][checksum],
// (2.1+: [u32 BE npm length][npm][checksum]), [u32 BE sources length][source, checksum]...

interface EszipModule {
  specifier: string;
  source: Span;
  kind: number;
}

interface Eszip {
  version: string;
  modules: EszipModule[];
  redirects: number;
}

export function parseEszip(b: Bytes, start: number, end: number, limits: NativeLimits): Eszip {
  b.need(start, end - start, 'eszip');
  if (end - start < 12) throw new NativePayloadError('eszip truncated');
  const magic = decodeText(b.buf, start, 8, 'latin1');
  if (magic !== 'ESZIP_V2' && !/^ESZIP2\.\d$/.test(magic)) throw new NativePayloadError(`eszip version ${JSON.stringify(magic)} unknown`);
  const attempts: { checksum: number; optionsHash: boolean; npm: boolean }[] = [];
  const minor = magic === 'ESZIP_V2' ? 0 : Number(magic.slice(7));
  if (minor >= 2) {
    for (const optionsHash of [false, true]) for (const npm of [true, false]) attempts.push({ checksum: -1, optionsHash, npm });
  } else {
    for (const npm of minor >= 1 ? [true, false] : [false]) attempts.push({ checksum: 32, optionsHash: false, npm });
  }
  let reason = 'no layout fits';
  for (const a of attempts) {
    try {
      return parseEszipWith(b, start, end, magic, minor, a, limits);
    } catch (err) {
      if (!(err instanceof NativePayloadError)) throw err;
      reason = err.reason;
    }
  }
  throw new NativePayloadError(`eszip ${magic}: ${reason}`);
}

function parseEszipWith(
  b: Bytes,
  start: number,
  end: number,
  magic: string,
  minor: number,
  a: { checksum: number; optionsHash: boolean; npm: boolean },
  limits: NativeLimits,
): Eszip {
  let pos = start + 8;
  let checksum = a.checksum;
  const u32be = (what: string) => {
    if (pos + 4 > end) throw new NativePayloadError(`${what} truncated`);
    const v = b.u32(pos, false);
    pos += 4;
    return v;
  };
  if (minor >= 2) {
    const len = u32be('eszip options');
    if (pos + len > end || len % 2) throw new NativePayloadError('eszip options out of bounds');
    checksum = 32;
    for (let i = 0; i < len; i += 2) {
      const key = b.u8(pos + i);
      const value = b.u8(pos + i + 1);
      if (key === 0) checksum = value === 0 ? 0 : value === 1 ? 32 : value === 2 ? 8 : -1;
      if (key === 1) checksum = value;
    }
    if (checksum < 0) throw new NativePayloadError('eszip checksum kind unknown');
    pos += len + (a.optionsHash ? checksum : 0);
  }
  const headerLen = u32be('eszip header length');
  const header = pos;
  const headerEnd = header + headerLen;
  if (headerEnd + checksum > end) throw new NativePayloadError('eszip header out of bounds');
  pos = headerEnd + checksum;
  const modules: EszipModule[] = [];
  let redirects = 0;
  let p = header;
  const need = (n: number, what: string) => {
    if (p + n > headerEnd) throw new NativePayloadError(`eszip header ${what} runs past the header`);
  };
  for (let guard = 0; p < headerEnd; guard++) {
    checkCount(guard, limits, 'eszip module');
    need(4, 'specifier length');
    const slen = b.u32(p, false);
    p += 4;
    need(slen + 1, 'specifier');
    const specifier = decodeText(b.buf, p, slen, 'utf8');
    p += slen;
    const kind = b.u8(p++);
    if (kind === 0) {
      need(17, 'module entry');
      const so = b.u32(p, false);
      const sl = b.u32(p + 4, false);
      const mkind = b.u8(p + 16);
      p += 17;
      modules.push({ specifier, source: { off: so, len: sl }, kind: mkind });
    } else if (kind === 1) {
      need(4, 'redirect');
      const tl = b.u32(p, false);
      need(4 + tl, 'redirect target');
      p += 4 + tl;
      redirects++;
    } else if (kind === 2 && minor >= 1) {
      need(4, 'npm specifier');
      p += 4;
      redirects++;
    } else {
      throw new NativePayloadError(`eszip entry kind ${kind} unknown`);
    }
  }
  if (a.npm) {
    const npmLen = u32be('eszip npm snapshot length');
    if (pos + npmLen + (npmLen > 0 ? checksum : 0) > end) throw new NativePayloadError('eszip npm snapshot out of bounds');
    pos += npmLen + (npmLen > 0 ? checksum : 0);
  }
  const sourcesLen = u32be('eszip sources length');
  const sources = pos;
  if (sources + sourcesLen > end) throw new NativePayloadError('eszip sources out of bounds');
  for (const m of modules) {
    if (m.source.len === 0 && m.source.off === 0) continue;
    if (m.source.off + m.source.len + checksum > sourcesLen) throw new NativePayloadError(`eszip source of ${m.specifier} out of bounds`);
    m.source = { off: sources + m.source.off, len: m.source.len };
  }
  return { version: magic === 'ESZIP_V2' ? 'eszip v2' : `eszip ${magic.slice(5)}`, modules, redirects };
}

function eszipModules(b: Bytes, z: Eszip, budget: TextBudget): EmbeddedModule[] {
  return z.modules.map((m) => {
    const textual = m.kind <= 2;
    const out: EmbeddedModule = { name: m.specifier, text: null, offset: m.source.off, size: m.source.len, kind: m.kind === 0 ? 'js' : m.kind <= 2 ? 'json' : 'asset' };
    if (textual && budget.take(m.source.len)) {
      out.text = decodeText(b.buf, m.source.off, m.source.len, 'utf8');
      out.encoding = 'utf8';
    }
    return out;
  });
}

// ---------------------------------------------------------------------------------------------
// Deno 1.46+: the data section.

function findDataSection(bytes: Uint8Array, c: Container): Span | null {
  for (const s of c.sections) {
    const n = s.name.toLowerCase();
    if (n === DENO_MAGIC || n.endsWith(`,__${DENO_MAGIC}`) || n === `.${DENO_MAGIC}`) return { off: s.offset, len: s.size };
  }
  if (c.pe) {
    const r = findPeResource(bytes, c.pe, RT_RCDATA, DENO_MAGIC.toUpperCase());
    if (r) return { off: r.offset, len: r.size };
  }
  return null;
}

interface StoreParse {
  variant: string;
  entry: string;
  remote: { specifier: string; source: Span; transpiled: Span | null; media: number }[];
  vfsJson: string;
  files: Span;
}

function extractModuleStore(b: Bytes, c: Container, s: Span, limits: NativeLimits): Extraction {
  b.need(s.off, s.len, 'deno data section');
  if (!b.equals(s.off, DENO_MAGIC)) throw new NativePayloadError('deno data section does not start with d3n0l4nd');
  let parsed: StoreParse | null = null;
  let reason = '';
  for (const variant of ['specifier-ids', 'inline-specifiers'] as const) {
    try {
      parsed = parseStore(b, s.off, s.off + s.len, variant, limits);
      break;
    } catch (err) {
      if (!(err instanceof NativePayloadError)) throw err;
      reason ||= err.reason;
    }
  }
  if (!parsed) throw new NativePayloadError(`deno data section matches no known layout: ${reason}`);
  const budget = new TextBudget(limits);
  const modules: EmbeddedModule[] = [];
  for (const r of parsed.remote) {
    const span = r.transpiled ?? r.source;
    const m: EmbeddedModule = { name: r.specifier, text: null, offset: span.off, size: span.len, kind: isJsName(r.specifier) || r.media <= 12 ? 'js' : 'asset' };
    if (m.kind === 'js' && budget.take(span.len)) {
      m.text = decodeText(b.buf, span.off, span.len, 'utf8');
      m.encoding = 'utf8';
    }
    modules.push(m);
  }
  modules.push(...vfsModules(b, parsed, budget, limits));
  const notes: string[] = [];
  if (parsed.entry) notes.push(`entry point: ${parsed.entry}`);
  notes.push(...budget.notes());
  return { container: c.kind, format: 'deno', layout: `deno: data section (${parsed.variant})`, modules, notes };
}

function parseStore(b: Bytes, start: number, end: number, variant: 'specifier-ids' | 'inline-specifiers', limits: NativeLimits): StoreParse {
  let pos = start + 8;
  const need = (n: number, what: string) => {
    if (!Number.isSafeInteger(n) || n < 0 || pos + n > end) throw new NativePayloadError(`${what} out of bounds`);
  };
  const u32 = (what: string) => {
    need(4, what);
    const v = b.u32(pos);
    pos += 4;
    return v;
  };
  const u64 = (what: string) => {
    need(8, what);
    const v = b.u64(pos);
    pos += 8;
    return v;
  };
  const block64 = (what: string): Span => {
    const len = u64(what);
    need(len, what);
    const span = { off: pos, len };
    pos += len;
    return span;
  };
  const block32 = (what: string): Span => {
    const len = u32(what);
    need(len, what);
    const span = { off: pos, len };
    pos += len;
    return span;
  };
  const text = (sp: Span) => decodeText(b.buf, sp.off, sp.len, 'utf8');
  const metadata = block64('metadata');
  const meta = parseJson(text(metadata));
  if (!meta || typeof meta !== 'object') throw new NativePayloadError('metadata is not JSON');
  const m = meta as Record<string, unknown>;
  const entry = typeof m.entrypoint_key === 'string' ? m.entrypoint_key : typeof m.entrypoint === 'string' ? m.entrypoint : '';
  block64('npm snapshot');
  const remote: StoreParse['remote'] = [];
  if (variant === 'specifier-ids') {
    const count = u32('specifier count');
    checkCount(count, limits, 'deno specifier');
    const ids = new Map<number, string>();
    for (let i = 0; i < count; i++) {
      const t = block32('specifier');
      ids.set(u32('specifier id'), text(t));
    }
    const redirects = u32('redirect count');
    checkCount(redirects, limits, 'deno redirect');
    need(redirects * 8, 'redirects');
    pos += redirects * 8;
    const rcount = u32('remote module count');
    checkCount(rcount, limits, 'deno remote module');
    for (let i = 0; i < rcount; i++) {
      const id = u32('remote module id');
      need(1, 'media type');
      const media = b.u8(pos++);
      const source = block32('remote module source');
      need(1, 'remote module flags');
      const flags = b.u8(pos++);
      const transpiled = flags & 1 ? block32('transpiled source') : null;
      if (flags & 2) block32('source map');
      if (flags & 4) block32('export analysis');
      const specifier = ids.get(id);
      if (specifier === undefined) throw new NativePayloadError(`remote module names unknown specifier id ${id}`);
      remote.push({ specifier, source, transpiled, media });
    }
  } else {
    const count = u32('specifier count');
    const redirects = u32('redirect count');
    checkCount(count, limits, 'deno specifier');
    checkCount(redirects, limits, 'deno redirect');
    const specs: { specifier: string; offset: number }[] = [];
    for (let i = 0; i < count; i++) {
      const t = block32('specifier');
      specs.push({ specifier: text(t), offset: u64('specifier offset') });
    }
    for (let i = 0; i < redirects; i++) {
      block32('redirect source');
      block32('redirect target');
    }
    const data = block64('remote module data');
    for (const sp of specs) {
      let p = data.off + sp.offset;
      const dEnd = data.off + data.len;
      if (sp.offset + 6 > data.len) throw new NativePayloadError(`remote module ${sp.specifier} out of bounds`);
      const media = b.u8(p++);
      const len = b.u32(p);
      p += 4;
      if (p + len + 1 > dEnd) throw new NativePayloadError(`remote module ${sp.specifier} source out of bounds`);
      const source = { off: p, len };
      p += len;
      const has = b.u8(p++);
      let transpiled: Span | null = null;
      if (has === 1) {
        if (p + 4 > dEnd) throw new NativePayloadError(`remote module ${sp.specifier} transpiled out of bounds`);
        const tl = b.u32(p);
        if (p + 4 + tl > dEnd) throw new NativePayloadError(`remote module ${sp.specifier} transpiled out of bounds`);
        transpiled = { off: p + 4, len: tl };
      } else if (has !== 0) throw new NativePayloadError(`remote module ${sp.specifier} transpiled flag ${has}`);
      remote.push({ specifier: sp.specifier, source, transpiled, media });
    }
  }
  const vfs = block64('virtual file system');
  const files = block64('virtual file system data');
  // Source maps (inline-specifiers variant), then the closing magic.
  if (variant === 'inline-specifiers' && !b.equals(pos, DENO_MAGIC)) {
    const n = u32('source map count');
    checkCount(n, limits, 'deno source map');
    for (let i = 0; i < n; i++) {
      block32('source map specifier');
      block32('source map');
    }
  }
  need(8, 'closing magic');
  if (!b.equals(pos, DENO_MAGIC)) throw new NativePayloadError('closing d3n0l4nd missing');
  return { variant, entry, remote, vfsJson: text(vfs), files };
}

function vfsModules(b: Bytes, p: StoreParse, budget: TextBudget, limits: NativeLimits): EmbeddedModule[] {
  const root = parseJson(p.vfsJson);
  if (root === null) throw new NativePayloadError('virtual file system is not JSON');
  const out: EmbeddedModule[] = [];
  const stack: { entries: unknown; prefix: string }[] = [{ entries: root, prefix: '' }];
  let visited = 0;
  while (stack.length) {
    const { entries, prefix } = stack.pop() as { entries: unknown; prefix: string };
    const list = Array.isArray(entries) ? entries : entries && typeof entries === 'object' ? [entries] : [];
    for (const raw of list) {
      checkCount(++visited, limits, 'deno virtual file');
      if (!raw || typeof raw !== 'object') continue;
      const e = raw as Record<string, unknown>;
      const tagged = (e.Dir ?? e.File ?? e.Symlink ?? e) as Record<string, unknown>;
      const name = String(tagged.name ?? tagged.n ?? '');
      const path = name ? (prefix ? `${prefix}/${name}` : name) : prefix;
      const children = tagged.entries ?? tagged.e;
      if (e.Symlink !== undefined) continue;
      if (children !== undefined && e.File === undefined) {
        stack.push({ entries: children, prefix: path });
        continue;
      }
      const span = fileSpan(tagged);
      if (!span) continue;
      if (span.off + span.len > p.files.len) throw new NativePayloadError(`virtual file ${path} (${span.off}+${span.len}) out of bounds`);
      const off = p.files.off + span.off;
      const ext = extOf(path);
      const kind = isJsName(path) ? 'js' : ext === 'json' ? 'json' : 'asset';
      const m: EmbeddedModule = { name: path, text: null, offset: off, size: span.len, kind };
      if (kind !== 'asset') {
        const tr = fileSpan(tagged, 'm');
        const use = tr && tr.off + tr.len <= p.files.len ? { off: p.files.off + tr.off, len: tr.len } : { off, len: span.len };
        const view = b.buf.subarray(use.off, use.off + use.len);
        // Budget first: deduplicated files share bytes, so many entries may name one large span.
        if (budget.take(use.len) && isUtf8(view)) {
          m.text = decodeText(b.buf, use.off, use.len, 'utf8');
          m.encoding = 'utf8';
        }
      }
      out.push(m);
    }
  }
  return out;
}

function fileSpan(f: Record<string, unknown>, key: 'o' | 'm' = 'o'): Span | null {
  const pair = f[key];
  if (Array.isArray(pair) && pair.length === 2 && pair.every((n) => Number.isSafeInteger(n) && (n as number) >= 0)) {
    return { off: pair[0] as number, len: pair[1] as number };
  }
  if (key === 'o' && Number.isSafeInteger(f.offset) && Number.isSafeInteger(f.len)) return { off: f.offset as number, len: f.len as number };
  return null;
}
