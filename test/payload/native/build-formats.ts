// Payload builders for Node SEA blobs, pkg, nexe and deno compile, written from the formats'
// documentation in docs/native-formats.md.
import { deflateRawSync, gzipSync } from 'node:zlib';
import { Writer, concat } from './build-bytes.js';

// ---- Node SEA -------------------------------------------------------------------------------

export const SEA_MAGIC = 0x143da20;
export const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2:1';

export interface SeaSpec {
  /** 'raw': Node 18.16-20.0 (script to the end); 'code': [u64][code]; 'path': [u64][path][u64][code]...; 'ext': as 'path' with a u8 after the flags. */
  shape: 'raw' | 'code' | 'path' | 'ext';
  code: string | Uint8Array;
  codePath?: string;
  flags?: number;
  codeCache?: Uint8Array;
  assets?: Record<string, string>;
  execArgv?: string[];
}

export function buildSeaBlob(spec: SeaSpec): Uint8Array {
  let flags = spec.flags ?? 0;
  if (spec.codeCache) flags |= 4;
  if (spec.assets) flags |= 8;
  if (spec.execArgv) flags |= 16;
  const w = new Writer().u32(SEA_MAGIC).u32(flags);
  const str = (s: string | Uint8Array) => {
    const u8 = typeof s === 'string' ? Buffer.from(s, 'utf8') : s;
    w.u64(u8.length).bytes(u8);
  };
  if (spec.shape === 'raw') return w.bytes(typeof spec.code === 'string' ? Buffer.from(spec.code, 'utf8') : spec.code).done();
  if (spec.shape === 'code') {
    str(spec.code);
    return w.done();
  }
  if (spec.shape === 'ext') w.u8(1);
  str(spec.codePath ?? '/build/app/main.js');
  str(spec.code);
  if (spec.codeCache) str(spec.codeCache);
  if (spec.assets) {
    const entries = Object.entries(spec.assets);
    w.u64(entries.length);
    for (const [k, v] of entries) {
      str(k);
      str(v);
    }
  }
  if (spec.execArgv) {
    w.u64(spec.execArgv.length);
    for (const a of spec.execArgv) str(a);
  }
  return w.done();
}

// ---- pkg ------------------------------------------------------------------------------------

export const PKG_HEAD = '(function(process, require, console, EXECPATH_FD, PAYLOAD_POSITION, PAYLOAD_SIZE) {';

export interface PkgFile {
  path: string;
  /** Source (store 1). */
  content?: string;
  /** Bytecode blob (store 0). */
  blob?: Uint8Array;
}

/** [executable][payload stripes][prelude], as vercel/pkg's producer writes it. */
export function buildPkg(executable: Uint8Array, files: PkgFile[], opts: { compress?: 0 | 1 } = {}): Uint8Array {
  const stripes: Uint8Array[] = [];
  let track = 0;
  const vfs: Record<string, Record<string, [number, number]>> = {};
  const dict: Record<string, string> = {};
  let counter = 0;
  const key = (p: string) => {
    if (!opts.compress) return p;
    return p
      .split('/')
      .map((part) => (dict[part] ??= (counter++).toString(36)))
      .join('/');
  };
  for (const f of files) {
    const k = key(f.path);
    vfs[k] ??= {};
    const add = (store: string, data: Uint8Array) => {
      (vfs[k] as Record<string, [number, number]>)[store] = [track, data.length];
      stripes.push(data);
      track += data.length;
    };
    if (f.blob) add('0', f.blob);
    if (f.content !== undefined) {
      const raw = Buffer.from(f.content, 'utf8');
      add('1', opts.compress ? gzipSync(raw) : raw);
    }
    add('3', Buffer.from(JSON.stringify({ mode: 33188, size: 1 })));
  }
  const entry = files[0]?.path ?? '/snapshot/app/index.js';
  const prelude =
    `return (function (REQUIRE_COMMON, VIRTUAL_FILESYSTEM, DEFAULT_ENTRYPOINT, SYMLINKS, DICT, DOCOMPRESS) {\n  /* bootstrap */\n})(function (exports) {\n/* common */\n},\n` +
    `${JSON.stringify(vfs)}\n,\n${JSON.stringify(key(entry))}\n,\n{}\n,\n${JSON.stringify(dict)}\n,\n${opts.compress ?? 0}\n);`;
  return concat(executable, ...stripes, `${PKG_HEAD} ${prelude}\n})`);
}

// ---- nexe -----------------------------------------------------------------------------------

export const NEXE_SENTINEL = '<nexe~~sentinel>';

function nexeTrailer(codeSize: number, resourceSize: number): Uint8Array {
  return new Writer().bytes(NEXE_SENTINEL).f64(codeSize).f64(resourceSize).done();
}

/** nexe 4: resources indexed by `process.__nexe` in the startup code. */
export function buildNexe4(executable: Uint8Array, startup: string, resources: Record<string, string>): Uint8Array {
  const index: Record<string, [number, number]> = {};
  const parts: Uint8Array[] = [];
  let off = 0;
  for (const [path, data] of Object.entries(resources)) {
    const u8 = Buffer.from(data, 'utf8');
    index[path] = [off, u8.length];
    parts.push(u8);
    off += u8.length;
  }
  const code = Buffer.from(`!(function () {process.__nexe = ${JSON.stringify({ resources: index })};\n})();${startup}`, 'utf8');
  return concat(executable, code, ...parts, nexeTrailer(code.length, off));
}

/** nexe 5: resources in a zip archive (deflated). */
export function buildNexe5(executable: Uint8Array, startup: string, files: Record<string, string>): Uint8Array {
  const zip = buildZip(files);
  const code = Buffer.from(startup, 'utf8');
  return concat(executable, code, zip, nexeTrailer(code.length, zip.length));
}

export function buildZip(files: Record<string, string>): Uint8Array {
  const local = new Writer();
  const central = new Writer();
  let count = 0;
  for (const [name, text] of Object.entries(files)) {
    const raw = Buffer.from(text, 'utf8');
    const deflated = deflateRawSync(raw);
    const off = local.length;
    local.bytes('PK\x03\x04').u16(20).u16(0).u16(8).u16(0).u16(0).u32(0).u32(deflated.length).u32(raw.length).u16(name.length).u16(0).bytes(name).bytes(deflated);
    central.bytes('PK\x01\x02').u16(20).u16(20).u16(0).u16(8).u16(0).u16(0).u32(0).u32(deflated.length).u32(raw.length);
    central.u16(name.length).u16(0).u16(0).u16(0).u16(0).u32(0).u32(off).bytes(name);
    count++;
  }
  const cd = central.done();
  const cdOff = local.length;
  local.bytes(cd);
  local.bytes('PK\x05\x06').u16(0).u16(0).u16(count).u16(count).u32(cd.length).u32(cdOff).u16(0);
  return local.done();
}

// ---- deno -----------------------------------------------------------------------------------

export const DENO_MAGIC = 'd3n0l4nd';

/** An eszip v2 archive: magic, header, checksum, sources (each followed by its checksum), maps. */
export function buildEszipV2(modules: Record<string, string>, redirects: Record<string, string> = {}): Uint8Array {
  const header = new Writer();
  const sources = new Writer();
  for (const [spec, text] of Object.entries(modules)) {
    const src = Buffer.from(text, 'utf8');
    const off = sources.length;
    sources.bytes(src).zeros(32);
    header.u32(spec.length, false).bytes(spec).u8(0).u32(off, false).u32(src.length, false).u32(0, false).u32(0, false).u8(0);
  }
  for (const [from, to] of Object.entries(redirects)) header.u32(from.length, false).bytes(from).u8(1).u32(to.length, false).bytes(to);
  const h = header.done();
  const s = sources.done();
  return new Writer().bytes('ESZIP_V2').u32(h.length, false).bytes(h).zeros(32).u32(s.length, false).bytes(s).u32(0, false).done();
}

/** Deno 1.x: [executable][code][metadata JSON][trailer], trailer of 24 or 40 bytes (u64 BE positions). */
export function buildDenoLegacy(executable: Uint8Array, code: Uint8Array, metadata: object, trailer: 24 | 40): Uint8Array {
  const meta = Buffer.from(JSON.stringify(metadata), 'utf8');
  const codePos = executable.length;
  const metaPos = codePos + code.length;
  const end = metaPos + meta.length;
  const t = new Writer().bytes(DENO_MAGIC).u64(codePos, false).u64(metaPos, false);
  if (trailer === 40) t.u64(end, false).u64(end, false);
  return concat(executable, code, meta, t.done());
}

/** Deno 1.46+ data section (inline specifiers, as serialize_binary_data_section writes it). */
export function buildDenoDataSection(opts: {
  entry: string;
  remote: Record<string, { source: string; transpiled?: string }>;
  files: Record<string, string>;
}): Uint8Array {
  const w = new Writer().bytes(DENO_MAGIC);
  const block64 = (s: string | Uint8Array) => {
    const u8 = typeof s === 'string' ? Buffer.from(s, 'utf8') : s;
    w.u64(u8.length).bytes(u8);
  };
  block64(JSON.stringify({ argv: [], entrypoint_key: opts.entry }));
  block64('');
  // Remote modules.
  const data = new Writer();
  const specs: [string, number][] = [];
  for (const [spec, m] of Object.entries(opts.remote)) {
    specs.push([spec, data.length]);
    const src = Buffer.from(m.source, 'utf8');
    data.u8(0).u32(src.length).bytes(src);
    if (m.transpiled !== undefined) {
      const t = Buffer.from(m.transpiled, 'utf8');
      data.u8(1).u32(t.length).bytes(t);
    } else data.u8(0);
  }
  w.u32(specs.length).u32(0);
  for (const [spec, off] of specs) w.u32(spec.length).bytes(spec).u64(off);
  const d = data.done();
  w.u64(d.length).bytes(d);
  // Virtual file system.
  const fileBytes = new Writer();
  const entries = Object.entries(opts.files).map(([name, text]) => {
    const u8 = Buffer.from(text, 'utf8');
    const off = fileBytes.length;
    fileBytes.bytes(u8);
    return { File: { name, offset: off, len: u8.length } };
  });
  block64(JSON.stringify([{ Dir: { name: 'app', entries } }]));
  block64(fileBytes.done());
  w.u32(0); // source maps
  w.bytes(DENO_MAGIC);
  return w.done();
}
