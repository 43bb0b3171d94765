import { deflateRawSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { NativePayloadError, extractEmbedded } from '../../../src/payload/native/index.js';
import { Writer, concat, patchU32 } from './build-bytes.js';
import { RUNTIME } from './build-bun.js';
import { buildElf, elfNote } from './build-elf.js';
import {
  DENO_MAGIC,
  NEXE_SENTINEL,
  PKG_HEAD,
  SEA_FUSE,
  buildDenoDataSection,
  buildDenoLegacy,
  buildEszipV2,
  buildNexe4,
  buildNexe5,
  buildPkg,
  buildSeaBlob,
  type SeaSpec,
} from './build-formats.js';
import { buildMacho } from './build-macho.js';
import { buildPe } from './build-pe.js';

const plainElf = () => buildElf({ sections: [{ name: '.text', data: concat(RUNTIME, SEA_FUSE) }] }).bytes;
const seaElf = (blob: Uint8Array) => buildElf({ sections: [{ name: '.text', data: RUNTIME }, { name: '.note.sea', data: elfNote('NODE_SEA_BLOB', blob), type: 7 }] }).bytes;
const MAIN = 'const http = require("node:http");\nconsole.log("hi");\n';

const fails = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(NativePayloadError);
    return (err as Error).message;
  }
  throw new Error('expected a NativePayloadError');
};

describe('Node SEA', () => {
  const shapes: [SeaSpec['shape'], string][] = [
    ['raw', 'node-sea: script after the 8-byte header, ELF note NODE_SEA_BLOB'],
    ['code', 'node-sea: serialized blob, code only, ELF note NODE_SEA_BLOB'],
    ['path', 'node-sea: serialized blob with code path, ELF note NODE_SEA_BLOB'],
    ['ext', 'node-sea: serialized blob with code path and exec-argv extension byte, ELF note NODE_SEA_BLOB'],
  ];
  for (const [shape, layout] of shapes) {
    it(`reads the ${shape} blob shape from an ELF note`, () => {
      const ex = extractEmbedded(seaElf(buildSeaBlob({ shape, code: MAIN })));
      expect(ex).toMatchObject({ container: 'elf', format: 'node-sea', layout });
      expect(ex?.modules[0]).toMatchObject({ kind: 'js', text: MAIN, encoding: 'utf8' });
      if (shape === 'path' || shape === 'ext') expect(ex?.modules[0]?.name).toBe('/build/app/main.js');
    });
  }

  it('reads code cache, assets and exec argv', () => {
    const blob = buildSeaBlob({ shape: 'path', code: MAIN, codeCache: new Uint8Array(32), assets: { 'helper.js': 'exports.x = 1;', 'logo.png': '\x89PNG' }, execArgv: ['--max-old-space-size=64'] });
    const ex = extractEmbedded(seaElf(blob));
    expect(ex?.modules.map((m) => [m.name, m.kind, m.text])).toEqual([
      ['/build/app/main.js', 'js', MAIN],
      ['/build/app/main.js.code-cache', 'bytecode', null],
      ['NODE_SEA_BLOB/assets/helper.js', 'js', 'exports.x = 1;'],
      ['NODE_SEA_BLOB/assets/logo.png', 'asset', null],
    ]);
    expect(ex?.notes).toEqual(['V8 code cache beside the source (a start-up cache)', 'exec argv: --max-old-space-size=64']);
  });

  it('says "snapshot only, no source" for a startup-snapshot blob', () => {
    const ex = extractEmbedded(seaElf(buildSeaBlob({ shape: 'path', code: new Uint8Array([1, 2, 3, 0xff]), flags: 2 })));
    expect(ex?.modules[0]).toMatchObject({ kind: 'snapshot', text: null });
    expect(ex?.notes).toContain('V8 startup snapshot only, no source');
  });

  it('reads the Mach-O NODE_SEA,__NODE_SEA_BLOB section and the PE RT_RCDATA resource', () => {
    const blob = buildSeaBlob({ shape: 'path', code: MAIN });
    const mach = buildMacho([{ name: '__TEXT', sections: [{ name: '__text', data: RUNTIME }] }, { name: 'NODE_SEA', sections: [{ name: '__NODE_SEA_BLOB', data: blob }] }]);
    expect(extractEmbedded(mach)).toMatchObject({ container: 'macho', format: 'node-sea', layout: 'node-sea: serialized blob with code path, Mach-O section NODE_SEA,__NODE_SEA_BLOB' });
    const pe = buildPe({ sections: [{ name: '.text', data: RUNTIME }], rcdata: { ICON: new Uint8Array(4), NODE_SEA_BLOB: blob } }).bytes;
    const ex = extractEmbedded(pe);
    expect(ex).toMatchObject({ container: 'pe', format: 'node-sea', layout: 'node-sea: serialized blob with code path, PE resource RT_RCDATA NODE_SEA_BLOB' });
    expect(ex?.modules[0]?.text).toBe(MAIN);
  });

  it('a plain node binary (fuse present, no blob) is not a payload', () => {
    expect(extractEmbedded(plainElf())).toBeNull();
    expect(extractEmbedded(buildPe({ sections: [{ name: '.text', data: RUNTIME }], rcdata: { ICON: new Uint8Array(4) } }).bytes)).toBeNull();
  });

  it('bad magic, truncated blob, lengths that do not add up', () => {
    expect(fails(() => extractEmbedded(seaElf(patchU32(buildSeaBlob({ shape: 'path', code: MAIN }), 0, 0xdeadbeef))))).toMatch(/magic 0xdeadbeef/);
    expect(fails(() => extractEmbedded(seaElf(new Uint8Array([0x20, 0xda, 0x43, 1]))))).toMatch(/too small/);
    const blob = Buffer.from(buildSeaBlob({ shape: 'path', code: MAIN }));
    blob.writeBigUInt64LE(0xffffffffffn, 8);
    blob[24] = 0xff; // not valid UTF-8 any more, so the raw shape does not fit either
    expect(fails(() => extractEmbedded(seaElf(blob)))).toMatch(/matches no known layout/);
    const absurd = buildSeaBlob({ shape: 'path', code: MAIN, assets: { a: 'b' } });
    const off = absurd.length - (8 + 1 + 8 + 1) - 8;
    expect(fails(() => extractEmbedded(seaElf(Buffer.from(absurd).fill(0xff, off, off + 8))))).toMatch(/absurd SEA asset count|no known layout/);
  });

  it('an ELF note that runs past its region', () => {
    const note = Buffer.from(elfNote('NODE_SEA_BLOB', buildSeaBlob({ shape: 'code', code: MAIN })));
    note.writeUInt32LE(0x7fffffff, 4);
    expect(fails(() => extractEmbedded(buildElf({ sections: [{ name: '.note.sea', data: note, type: 7 }] }).bytes))).toMatch(/note at \d+ runs past/);
  });
});

describe('pkg', () => {
  it('reads sources from the payload and lists bytecode-only files', () => {
    const bytes = buildPkg(plainElf(), [
      { path: '/snapshot/app/index.js', content: 'require("./lib");\n' },
      { path: '/snapshot/app/lib.js', blob: new Uint8Array([0xc0, 0xde, 0, 1]) },
      { path: '/snapshot/app/package.json', content: '{"name":"app"}' },
    ]);
    const ex = extractEmbedded(bytes);
    expect(ex).toMatchObject({ container: 'elf', format: 'pkg' });
    expect(ex?.modules.map((m) => [m.name, m.kind, m.text])).toEqual([
      ['/snapshot/app/index.js', 'js', 'require("./lib");\n'],
      ['/snapshot/app/lib.js', 'bytecode', null],
      ['/snapshot/app/package.json', 'json', '{"name":"app"}'],
    ]);
    expect(ex?.notes).toEqual(['entry point: /snapshot/app/index.js', '1 file(s): bytecode only, no source']);
    const idx = ex?.modules[0];
    expect(Buffer.from(bytes.subarray(idx?.offset, (idx?.offset ?? 0) + (idx?.size ?? 0))).toString()).toBe('require("./lib");\n');
  });

  it('undoes key compression and gzip (pkg --compress)', () => {
    const ex = extractEmbedded(buildPkg(plainElf(), [{ path: '/snapshot/app/index.js', content: 'console.log(1);\n' }], { compress: 1 }));
    expect(ex?.modules[0]).toMatchObject({ name: '/snapshot/app/index.js', text: 'console.log(1);\n' });
    expect(ex?.notes).toContain('virtual file system compressed (gzip)');
  });

  it('broken prelude JSON and a payload that does not fit', () => {
    const good = Buffer.from(buildPkg(plainElf(), [{ path: '/snapshot/a.js', content: 'x' }])).toString('latin1');
    const badJson = Buffer.from(good.replace('{"/snapshot/a.js"', '{"/snapshot/a.js"!'), 'latin1');
    expect(fails(() => extractEmbedded(badJson))).toMatch(/virtual file system is not JSON/);
    const huge = Buffer.from(good.replace('"1":[0,1]', '"1":[0,999999999]'), 'latin1');
    expect(fails(() => extractEmbedded(huge))).toMatch(/does not fit before the prelude/);
  });
});

describe('pkg: limits', () => {
  it('entries sharing one gzip bomb inflate no further than the text budget', () => {
    // 200 files name the same 40 MB-of-spaces gzip stream (~40 KB): inflating each in full is 8 GB.
    const bomb = gzipSync(Buffer.alloc(40_000_000, 0x20), { level: 9 });
    const vfs: Record<string, Record<string, [number, number]>> = {};
    for (let i = 0; i < 200; i++) vfs[`/snapshot/f${i}.js`] = { '1': [0, bomb.length] };
    const prelude = `return (function () {\n})(function (exports) {\n},\n${JSON.stringify(vfs)}\n,\n"/snapshot/f0.js"\n,\n{}\n,\n{}\n,\n1\n);`;
    const bytes = concat(plainElf(), bomb, `${PKG_HEAD} ${prelude}\n})`);
    const start = performance.now();
    const ex = extractEmbedded(bytes, { maxTotalTextBytes: 1_000_000 });
    expect(performance.now() - start).toBeLessThan(2000);
    expect(ex?.modules).toHaveLength(200);
    expect(ex?.modules.every((m) => m.text === null)).toBe(true);
    expect(ex?.notes).toContain('200 module(s) listed without text: total text limit of 1000000 bytes reached');
  });

  it('a file that decompresses past maxModuleBytes is listed without text', () => {
    const ex = extractEmbedded(buildPkg(plainElf(), [{ path: '/snapshot/app/index.js', content: 'x'.repeat(5000) }], { compress: 1 }), { maxModuleBytes: 1000 });
    expect(ex?.modules[0]).toMatchObject({ name: '/snapshot/app/index.js', text: null });
    expect(ex?.notes).toContain('1 module(s) larger than 1000 bytes listed without text');
  });
});

describe('nexe', () => {
  it('nexe 4: startup code and indexed resources', () => {
    const ex = extractEmbedded(buildNexe4(plainElf(), 'require("/snapshot/app/main.js")', { '/snapshot/app/main.js': 'console.log("nexe");', '/snapshot/app/a.txt': 'hello' }));
    expect(ex).toMatchObject({ format: 'nexe', layout: 'nexe: startup code, indexed resources (nexe 4)' });
    expect(ex?.modules[0]?.name).toBe('[nexe]/startup.js');
    expect(ex?.modules[0]?.text).toContain('require("/snapshot/app/main.js")');
    expect(ex?.modules.slice(1).map((m) => [m.name, m.kind, m.text])).toEqual([
      ['/snapshot/app/main.js', 'js', 'console.log("nexe");'],
      ['/snapshot/app/a.txt', 'asset', null],
    ]);
  });

  it('nexe 5: zip resources, inflated', () => {
    const ex = extractEmbedded(buildNexe5(plainElf(), 'boot()', { '/snapshot/app/index.js': 'module.exports = 5;\n' }));
    expect(ex?.layout).toBe('nexe: startup code, zip resources (nexe 5)');
    expect(ex?.modules[1]).toMatchObject({ name: '/snapshot/app/index.js', kind: 'js', text: 'module.exports = 5;\n' });
  });

  it('nexe 5: central entries sharing one deflate bomb inflate no further than the text budget', () => {
    const deflated = deflateRawSync(Buffer.alloc(40_000_000, 0x20), { level: 9 });
    const local = new Writer();
    local.bytes('PK\x03\x04').u16(20).u16(0).u16(8).u16(0).u16(0).u32(0).u32(deflated.length).u32(1).u16(4).u16(0).bytes('a.js').bytes(deflated);
    const central = new Writer();
    const n = 200;
    for (let i = 0; i < n; i++) {
      // Each entry declares 1 byte uncompressed, so the declared size does not stop it.
      central.bytes('PK\x01\x02').u16(20).u16(20).u16(0).u16(8).u16(0).u16(0).u32(0).u32(deflated.length).u32(1).u16(4).u16(0).u16(0).u16(0).u16(0).u32(0).u32(0).bytes('a.js');
    }
    const cd = central.done();
    const cdOff = local.length;
    const zip = local.bytes(cd).bytes('PK\x05\x06').u16(0).u16(0).u16(n).u16(n).u32(cd.length).u32(cdOff).u16(0).done();
    const code = Buffer.from('boot()');
    const bytes = concat(plainElf(), code, zip, new Writer().bytes(NEXE_SENTINEL).f64(code.length).f64(zip.length).done());
    const start = performance.now();
    const ex = extractEmbedded(bytes, { maxTotalTextBytes: 1_000_000 });
    expect(performance.now() - start).toBeLessThan(2000);
    expect(ex?.modules).toHaveLength(n + 1);
    expect(ex?.modules.slice(1).every((m) => m.name === 'a.js' && m.text === null)).toBe(true);
    expect(ex?.notes).toContain(`${n} module(s) listed without text: total text limit of 1000000 bytes reached`);
  });

  it('sizes that are not byte counts, or that do not fit', () => {
    const good = Buffer.from(buildNexe4(plainElf(), 'x()', {}));
    const nan = Buffer.from(good);
    nan.writeDoubleLE(0.5, nan.length - 16);
    expect(fails(() => extractEmbedded(nan))).toMatch(/not byte counts/);
    const big = Buffer.from(good);
    big.writeDoubleLE(1e12, big.length - 8);
    expect(fails(() => extractEmbedded(big))).toMatch(/do not fit before the sentinel/);
  });
});

describe('deno compile', () => {
  const eszip = buildEszipV2({ 'file:///app/main.ts': 'console.log("deno");\n', 'https://deno.land/std/fmt.ts': 'export const f = 1;\n' }, { 'https://deno.land/x': 'https://deno.land/std/fmt.ts' });

  it('Deno 1.33-1.45: 40-byte trailer, eszip v2', () => {
    const ex = extractEmbedded(buildDenoLegacy(plainElf(), eszip, { entrypoint: 'file:///app/main.ts' }, 40));
    expect(ex).toMatchObject({ format: 'deno', layout: 'deno: 40-byte trailer, eszip v2' });
    expect(ex?.modules.map((m) => [m.name, m.text])).toEqual([
      ['file:///app/main.ts', 'console.log("deno");\n'],
      ['https://deno.land/std/fmt.ts', 'export const f = 1;\n'],
    ]);
    expect(ex?.notes).toContain('entry point: file:///app/main.ts');
  });

  it('Deno 1.6-1.32: 24-byte trailer, eszip v2 or a plain bundle', () => {
    expect(extractEmbedded(buildDenoLegacy(plainElf(), eszip, { entrypoint: 'file:///m.ts' }, 24))?.layout).toBe('deno: 24-byte trailer, eszip v2');
    const bundle = extractEmbedded(buildDenoLegacy(plainElf(), Buffer.from('console.log("bundle");'), {}, 24));
    expect(bundle?.modules).toEqual([{ name: 'deno:bundle.js', text: 'console.log("bundle");', offset: expect.any(Number), size: 22, kind: 'js', encoding: 'utf8' }]);
  });

  it('Deno 1.46+: data section with remote modules and a virtual file system', () => {
    const section = buildDenoDataSection({
      entry: 'file:///app/main.ts',
      remote: { 'https://deno.land/std/mod.ts': { source: 'export type X = 1;', transpiled: 'export {};' } },
      files: { 'main.js': 'import "./dep.js";', 'logo.svg': '<svg/>' },
    });
    const ex = extractEmbedded(buildElf({ sections: [{ name: '.text', data: RUNTIME }, { name: DENO_MAGIC, data: section }] }).bytes);
    expect(ex).toMatchObject({ format: 'deno', layout: 'deno: data section (inline-specifiers)' });
    expect(ex?.modules.map((m) => [m.name, m.kind, m.text])).toEqual([
      ['https://deno.land/std/mod.ts', 'js', 'export {};'],
      ['app/main.js', 'js', 'import "./dep.js";'],
      ['app/logo.svg', 'asset', null],
    ]);
    const pe = buildPe({ sections: [{ name: '.text', data: RUNTIME }], rcdata: { D3N0L4ND: section } }).bytes;
    expect(extractEmbedded(pe)?.modules).toHaveLength(3);
  });

  it('Deno 1.46+: many virtual files sharing one large span are checked within the text budget', () => {
    // Deno deduplicates file bytes, so files may share a span; 2,000 entries naming one 4 MB file
    // must not each be validated as UTF-8 (8 GB) before the budget says no.
    const big = 'a'.repeat(4_000_000);
    const section = Buffer.from(buildDenoDataSection({ entry: 'x', remote: {}, files: { 'a.js': big } }));
    const entries = Array.from({ length: 2000 }, (_, i) => ({ File: { name: `f${i}.js`, offset: 0, len: big.length } }));
    const json = Buffer.from(JSON.stringify([{ Dir: { name: 'app', entries } }]));
    const at = section.indexOf('[{"Dir"');
    const oldLen = Number(section.readBigUInt64LE(at - 8));
    const rebuilt = concat(section.subarray(0, at - 8), new Writer().u64(json.length).done(), json, section.subarray(at + oldLen));
    const bytes = buildElf({ sections: [{ name: '.text', data: RUNTIME }, { name: DENO_MAGIC, data: rebuilt }] }).bytes;
    const start = performance.now();
    const ex = extractEmbedded(bytes, { maxTotalTextBytes: 8_000_000 });
    expect(performance.now() - start).toBeLessThan(2000);
    expect(ex?.modules).toHaveLength(2000);
    expect(ex?.modules.filter((m) => m.text !== null)).toHaveLength(2);
    expect(ex?.notes).toContain('1998 module(s) listed without text: total text limit of 8000000 bytes reached');
  });

  it('trailer positions out of order, a truncated eszip, a section without its closing magic', () => {
    const bad = Buffer.from(buildDenoLegacy(plainElf(), eszip, {}, 24));
    bad.writeBigUInt64BE(BigInt(bad.length * 2), bad.length - 16);
    expect(fails(() => extractEmbedded(bad))).toMatch(/positions out of order/);
    const cut = buildDenoLegacy(plainElf(), eszip.subarray(0, 30), {}, 24);
    expect(fails(() => extractEmbedded(cut))).toMatch(/eszip/);
    const section = buildDenoDataSection({ entry: 'x', remote: {}, files: {} });
    const open = section.subarray(0, section.length - 8);
    expect(fails(() => extractEmbedded(buildElf({ sections: [{ name: DENO_MAGIC, data: open }] }).bytes))).toMatch(/data section matches no known layout/);
  });
});
