// Bun standalone module graphs, written to each documented layout: 52/36/32/28-byte module
// records, a 32- or 24-byte Offsets footer, then placed in a container (appended tail, ELF .bun
// section holding the data or a pointer to it, Mach-O __BUN,__bun, PE .bun).
import { Writer, concat, u32le, u64le } from './build-bytes.js';
import { buildElf, type ElfLayout } from './build-elf.js';
import { buildMacho } from './build-macho.js';
import { buildPe } from './build-pe.js';

export const TRAILER = '\n---- Bun! ----\n';

export interface BunModuleSpec {
  name: string;
  contents: string | Uint8Array;
  /** 0 binary, 1 latin1, 2 UTF-16 (newer Bun). Default 1 for JS. */
  encoding?: number;
  /** Bun loader: 1 = js, 5 = file, 10 = napi, 13 = text. */
  loader?: number;
  moduleFormat?: number;
  bytecode?: Uint8Array;
  sourcemap?: Uint8Array;
}

export interface BunGraphSpec {
  modules: BunModuleSpec[];
  entry?: number;
  recordSize?: 52 | 36 | 32 | 28;
  footerSize?: 32 | 24;
  argv?: string;
  /** For 28-byte records: write { name, loader, contents, sourcemap } in declaration order. */
  declarationOrder28?: boolean;
}

/** Graph bytes: strings, the module table, argv, Offsets, trailer. */
export function buildBunGraph(spec: BunGraphSpec): Uint8Array {
  const recordSize = spec.recordSize ?? 52;
  const footerSize = spec.footerSize ?? 32;
  const w = new Writer();
  const put = (data: Uint8Array | string | undefined, nul = true): [number, number] => {
    if (data === undefined || data.length === 0) return [0, 0];
    const off = w.length;
    const u8 = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    w.bytes(u8);
    if (nul) w.u8(0);
    return [off, u8.length];
  };
  const recs = spec.modules.map((m) => {
    const name = put(m.name);
    const contents = put(m.contents);
    const sourcemap = put(m.sourcemap, false);
    w.align(8);
    const bytecode = put(m.bytecode, false);
    return { m, name, contents, sourcemap, bytecode };
  });
  w.align(4);
  const tableOff = w.length;
  for (const r of recs) {
    const sp = (p: [number, number]) => w.u32(p[0]).u32(p[1]);
    const enc = r.m.encoding ?? 1;
    const loader = r.m.loader ?? 1;
    const fmt = r.m.moduleFormat ?? 1;
    if (recordSize === 28 && spec.declarationOrder28) {
      sp(r.name);
      w.u8(loader).zeros(3);
      sp(r.contents);
      sp(r.sourcemap);
      continue;
    }
    sp(r.name);
    sp(r.contents);
    sp(r.sourcemap);
    if (recordSize === 28) {
      w.u8(loader).zeros(3);
      continue;
    }
    sp(r.bytecode);
    if (recordSize === 32) continue;
    if (recordSize === 52) {
      sp([0, 0]); // module_info
      sp([0, 0]); // bytecode_origin_path
    }
    w.u8(enc).u8(loader).u8(fmt).u8(0);
  }
  const tableLen = w.length - tableOff;
  const argv = put(spec.argv ?? '');
  const byteCount = w.length;
  w.u64(byteCount).u32(tableOff).u32(tableLen).u32(spec.entry ?? 0);
  if (footerSize === 32) w.u32(argv[0]).u32(argv[1]).u32(0);
  else w.u32(0);
  w.bytes(TRAILER);
  return w.done();
}

/** The stand-in for the runtime executable's own code. */
export const RUNTIME = new Uint8Array(256).fill(0x90);

/** Appended tail: [executable][graph][u64 total file size]. */
export function tailLayout(executable: Uint8Array, graph: Uint8Array): Uint8Array {
  return concat(executable, graph, u64le(executable.length + graph.length + 8));
}

/** ELF whose .bun section holds [u64 length][graph]. */
export function elfSectionData(graph: Uint8Array): ElfLayout {
  return buildElf({ sections: [{ name: '.text', data: RUNTIME }, { name: '.bun', data: concat(u64le(graph.length), graph) }] });
}

/**
 * ELF whose .bun section holds the virtual address of [u64 length][graph] appended after the
 * section header table, mapped by a PT_LOAD (Bun 1.3.12-1.3.13).
 */
export function elfSectionPointer(graph: Uint8Array, vaddr = 0x6a17000): ElfLayout {
  const tail = concat(u64le(graph.length), graph);
  const sections = [{ name: '.text', data: RUNTIME }, { name: '.bun', data: u64le(vaddr) }];
  const probe = buildElf({ sections, segments: [{ type: 1, offset: 0, vaddr: 0, filesz: 0 }], tail });
  return buildElf({ sections, segments: [{ type: 1, offset: probe.tailOffset, vaddr, filesz: tail.length }], tail });
}

export function machoSection(graph: Uint8Array, prefix: 'u64' | 'u32' = 'u64'): Uint8Array {
  const len = prefix === 'u64' ? u64le(graph.length) : u32le(graph.length);
  return buildMacho([
    { name: '__TEXT', sections: [{ name: '__text', data: RUNTIME }] },
    { name: '__BUN', sections: [{ name: '__bun', data: concat(len, graph) }] },
  ]);
}

export function peSection(graph: Uint8Array, prefix: 'u64' | 'u32' = 'u64'): Uint8Array {
  const len = prefix === 'u64' ? u64le(graph.length) : u32le(graph.length);
  return buildPe({ sections: [{ name: '.text', data: RUNTIME }, { name: '.bun', data: concat(len, graph) }] }).bytes;
}

export const CLI_CJS = '// @bun @bytecode @bun-cjs\n(function(exports, require, module, __filename, __dirname) {const a = require("x");\nmodule.exports = a + 1;\n})\n';
export const CHUNK_ESM = '// @bun\nexport const answer = 42;\n';
