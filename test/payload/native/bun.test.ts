import { describe, expect, it } from 'vitest';
import { NativePayloadError, extractEmbedded, stripBunWrappers, type Extraction } from '../../../src/payload/native/index.js';
import { concat, patchU32, patchU64, u64le } from './build-bytes.js';
import {
  CHUNK_ESM,
  CLI_CJS,
  RUNTIME,
  TRAILER,
  buildBunGraph,
  elfSectionData,
  elfSectionPointer,
  machoSection,
  peSection,
  tailLayout,
  type BunGraphSpec,
} from './build-bun.js';
import { buildElf } from './build-elf.js';
import { CPU_ARM64, CPU_X86_64, buildFat, buildMacho } from './build-macho.js';

const plainElf = () => buildElf({ sections: [{ name: '.text', data: RUNTIME }] }).bytes;

const spec = (extra: Partial<BunGraphSpec> = {}): BunGraphSpec => ({
  modules: [
    { name: '/$bunfs/root/src/entrypoints/cli.js', contents: CLI_CJS, moduleFormat: 2, bytecode: new Uint8Array(40).fill(7) },
    { name: '/$bunfs/root/chunk-ab12cd34.js', contents: CHUNK_ESM },
    { name: '/$bunfs/root/audio-capture.node', contents: new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 1, 2, 3]), encoding: 0, loader: 10 },
  ],
  entry: 0,
  ...extra,
});

function expectStandard(ex: Extraction | null, recordSize: number): void {
  expect(ex).not.toBeNull();
  const e = ex as Extraction;
  expect(e.format).toBe('bun');
  const cli = e.modules.find((m) => m.name === '/$bunfs/root/src/entrypoints/cli.js');
  expect(cli).toMatchObject({ kind: 'js', text: 'const a = require("x");\nmodule.exports = a + 1;\n' });
  const chunk = e.modules.find((m) => m.name === '/$bunfs/root/chunk-ab12cd34.js');
  expect(chunk?.text).toBe('export const answer = 42;\n');
  expect(e.modules.find((m) => m.name.endsWith('.node'))).toMatchObject({ kind: 'native-addon', text: null });
  expect(e.notes).toContain('entry point: /$bunfs/root/src/entrypoints/cli.js');
  expect(e.layout).toContain(`${recordSize}-byte records`);
}

describe('Bun: every record size and footer size', () => {
  for (const recordSize of [52, 36, 32, 28] as const) {
    for (const footerSize of [32, 24] as const) {
      it(`${recordSize}-byte records, ${footerSize}-byte footer, appended tail of an ELF`, () => {
        const graph = buildBunGraph(spec({ recordSize, footerSize, argv: footerSize === 32 ? '--smol' : undefined }));
        const bytes = tailLayout(plainElf(), graph);
        const ex = extractEmbedded(bytes);
        expectStandard(ex, recordSize);
        expect(ex?.container).toBe('elf');
        expect(ex?.layout).toBe(`bun: ${recordSize}-byte records, ${footerSize}-byte footer, appended tail`);
        if (footerSize === 32) expect(ex?.notes).toContain('compile exec argv: --smol');
        // The offset is evidence: the module's bytes really are there.
        const cli = ex?.modules[0];
        expect(Buffer.from(bytes.subarray(cli?.offset, (cli?.offset ?? 0) + 26)).toString('latin1')).toBe('// @bun @bytecode @bun-cjs');
      });
    }
  }

  it('28-byte records in declaration order (name, loader, contents, sourcemap)', () => {
    const ex = extractEmbedded(tailLayout(plainElf(), buildBunGraph(spec({ recordSize: 28, footerSize: 24, declarationOrder28: true }))));
    expectStandard(ex, 28);
    expect(ex?.notes.join('\n')).toContain('declaration order');
  });

  it('reports bytecode beside the source', () => {
    const ex = extractEmbedded(tailLayout(plainElf(), buildBunGraph(spec())));
    expect(ex?.notes).toContain('1 module(s) carry JavaScriptCore bytecode beside their source (a start-up cache)');
  });

  it('lists a bytecode-only module with no text', () => {
    const s = spec();
    s.modules.push({ name: '/$bunfs/root/compiled.js', contents: '', bytecode: new Uint8Array(64).fill(1) });
    const ex = extractEmbedded(tailLayout(plainElf(), buildBunGraph(s)));
    expect(ex?.modules.find((m) => m.name === '/$bunfs/root/compiled.js')).toMatchObject({ kind: 'bytecode', text: null, size: 64 });
    expect(ex?.notes).toContain('1 module(s): bytecode only, no source');
  });

  it('lists a sourcemap entry for modules that carry one', () => {
    const s = spec();
    (s.modules[1] as { sourcemap?: Uint8Array }).sourcemap = new Uint8Array(24).fill(3);
    const ex = extractEmbedded(tailLayout(plainElf(), buildBunGraph(s)));
    expect(ex?.modules.find((m) => m.name === '/$bunfs/root/chunk-ab12cd34.js.map')).toMatchObject({ kind: 'sourcemap', text: null, size: 24 });
  });
});

describe('Bun: placements in each container', () => {
  const graph = buildBunGraph(spec());

  it('ELF .bun section holding the data (u64 length prefix)', () => {
    const ex = extractEmbedded(elfSectionData(graph).bytes);
    expectStandard(ex, 52);
    expect(ex?.layout).toBe('bun: 52-byte records, 32-byte footer, .bun section holding the data, u64 length prefix');
  });

  it('ELF .bun section holding a pointer to appended data', () => {
    const elf = elfSectionPointer(graph);
    const ex = extractEmbedded(elf.bytes);
    expectStandard(ex, 52);
    expect(ex?.layout).toBe('bun: 52-byte records, 32-byte footer, .bun section holding a pointer to appended data');
    expect(ex?.modules[0]?.offset).toBeGreaterThan(elf.tailOffset);
  });

  it('Mach-O __BUN,__bun with a u64 and with a u32 length prefix', () => {
    for (const prefix of ['u64', 'u32'] as const) {
      const ex = extractEmbedded(machoSection(graph, prefix));
      expectStandard(ex, 52);
      expect(ex?.container).toBe('macho');
      expect(ex?.layout).toBe(`bun: 52-byte records, 32-byte footer, __BUN,__bun section holding the data, ${prefix} length prefix`);
    }
  });

  it('fat Mach-O: the x86_64 slice is read', () => {
    const arm = machoSection(buildBunGraph({ modules: [{ name: '/$bunfs/root/arm.js', contents: 'arm()' }] }));
    const x64 = buildMacho(
      [{ name: '__BUN', sections: [{ name: '__bun', data: concat(u64le(0), new Uint8Array(0)) }] }, { name: '__TEXT', sections: [] }],
      CPU_X86_64,
    );
    const x64Compiled = (() => {
      const g = buildBunGraph({ modules: [{ name: '/$bunfs/root/x64.js', contents: 'x64()' }] });
      return buildMacho([{ name: '__BUN', sections: [{ name: '__bun', data: concat(u64le(g.length), g) }] }], CPU_X86_64);
    })();
    const ex = extractEmbedded(buildFat([{ cputype: CPU_ARM64, bytes: arm }, { cputype: CPU_X86_64, bytes: x64Compiled }]));
    expect(ex?.container).toBe('macho-fat');
    expect(ex?.modules.map((m) => [m.name, m.text])).toEqual([['/$bunfs/root/x64.js', 'x64()']]);
    // A plain (uncompiled) x86_64 slice: its __bun section is empty, so nothing is embedded.
    expect(extractEmbedded(buildFat([{ cputype: CPU_X86_64, bytes: x64 }]))).toBeNull();
  });

  it('fat Mach-O: the first valid slice when there is no x86_64', () => {
    const arm = machoSection(buildBunGraph({ modules: [{ name: '/$bunfs/root/arm.js', contents: 'arm()' }] }));
    const ex = extractEmbedded(buildFat([{ cputype: 0x12, bytes: new Uint8Array(64) }, { cputype: CPU_ARM64, bytes: arm }]));
    expect(ex?.modules[0]).toMatchObject({ name: '/$bunfs/root/arm.js', text: 'arm()' });
  });

  it('PE .bun section (u64 and u32 prefixes) with Windows module names', () => {
    const win = buildBunGraph({ modules: [{ name: 'B:/~BUN/root/cli.js', contents: CHUNK_ESM }] });
    for (const prefix of ['u64', 'u32'] as const) {
      const ex = extractEmbedded(peSection(win, prefix));
      expect(ex).toMatchObject({ container: 'pe', format: 'bun' });
      expect(ex?.layout).toBe(`bun: 52-byte records, 32-byte footer, .bun section holding the data, ${prefix} length prefix`);
      expect(ex?.modules[0]).toMatchObject({ name: 'B:/~BUN/root/cli.js', text: 'export const answer = 42;\n', encoding: 'latin1' });
    }
  });

  it('appended tail on Mach-O and PE (older Bun)', () => {
    const mach = buildMacho([{ name: '__TEXT', sections: [{ name: '__text', data: RUNTIME }] }]);
    expect(extractEmbedded(tailLayout(mach, graph))?.layout).toContain('appended tail');
  });
});

describe('Bun: text encodings', () => {
  it('decodes latin1 as ISO-8859-1 (0x80-0xff), UTF-16LE text, and keeps binary assets textless', () => {
    const latin = Buffer.from('const s = "caf\xe9 \x85";\n', 'latin1');
    const md = Buffer.from('# Prompt \u2019quoted\u2019\n', 'utf16le');
    const ex = extractEmbedded(
      tailLayout(
        plainElf(),
        buildBunGraph({
          modules: [
            { name: '/$bunfs/root/cli', contents: latin, encoding: 1 },
            { name: '/$bunfs/root/design.md', contents: md, encoding: 2, loader: 13 },
            { name: '/$bunfs/root/lib.d.ts.zst', contents: new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0, 0x80]), encoding: 0, loader: 5 },
            // A .js file embedded as a zstd-compressed asset (loader "file", binary encoding).
            { name: '/$bunfs/root/chart.umd.min.js', contents: new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0xa0, 0x8a]), encoding: 0, loader: 5 },
          ],
        }),
      ),
    );
    expect(ex?.modules[0]).toMatchObject({ kind: 'js', encoding: 'latin1', text: 'const s = "caf\u00e9 \u0085";\n' });
    expect(ex?.modules[1]).toMatchObject({ kind: 'text', encoding: 'utf16le', text: '# Prompt \u2019quoted\u2019\n' });
    expect(ex?.modules[2]).toMatchObject({ kind: 'asset', text: null });
    expect(ex?.modules[3]).toMatchObject({ name: '/$bunfs/root/chart.umd.min.js', kind: 'asset', text: null });
    expect(ex?.notes).toContain('1 module(s) stored as UTF-16LE text');
  });

  it('decodes UTF-16LE JavaScript modules', () => {
    const js = Buffer.from('export const q = "\u2018x\u2019";\n', 'utf16le');
    const ex = extractEmbedded(tailLayout(plainElf(), buildBunGraph({ modules: [{ name: '/$bunfs/root/a.js', contents: js, encoding: 2 }] })));
    expect(ex?.modules[0]).toMatchObject({ encoding: 'utf16le', text: 'export const q = "\u2018x\u2019";\n' });
  });
});

describe('stripBunWrappers', () => {
  it('drops the pragma and the CJS wrapper, keeps ESM bodies and unwrapped code', () => {
    expect(stripBunWrappers(CLI_CJS)).toBe('const a = require("x");\nmodule.exports = a + 1;\n');
    expect(stripBunWrappers('// @bun\nexport {};\n')).toBe('export {};\n');
    expect(stripBunWrappers('// @bun @bun-cjs\n(function(exports, require, module, __filename, __dirname) {x()})')).toBe('x()');
    expect(stripBunWrappers('plain();')).toBe('plain();');
    // A wrapper head without the closing "})" is left alone rather than cut wrongly.
    expect(stripBunWrappers('(function(exports, require, module, __filename, __dirname) {x()')).toBe('(function(exports, require, module, __filename, __dirname) {x()');
  });
});

describe('Bun: nothing embedded', () => {
  it('returns null for a plain ELF, an uncompiled runtime (.bun holding zero), a script, empty input', () => {
    expect(extractEmbedded(plainElf())).toBeNull();
    expect(extractEmbedded(buildElf({ sections: [{ name: '.bun', data: u64le(0) }] }).bytes)).toBeNull();
    expect(extractEmbedded(Buffer.from('#!/bin/sh\necho hi\n'))).toBeNull();
    expect(extractEmbedded(new Uint8Array(0))).toBeNull();
  });
});

describe('Bun: corrupted and hostile variants throw NativePayloadError with a reason', () => {
  const graph = buildBunGraph(spec());
  const reason = (fn: () => unknown): string => {
    try {
      fn();
    } catch (err) {
      expect(err).toBeInstanceOf(NativePayloadError);
      expect((err as Error).message).toMatch(/^payload not extractable: /);
      return (err as Error).message;
    }
    throw new Error('expected a NativePayloadError');
  };
  // Offsets footer position inside `graph`.
  const footer = graph.length - TRAILER.length - 32;
  const table = Buffer.from(graph).readUInt32LE(footer + 8);

  it('a .bun section cut short by truncation', () => {
    const elf = elfSectionData(graph);
    const cut = elf.bytes.subarray(0, (elf.offsets['.bun'] as number) + 100);
    expect(reason(() => extractEmbedded(cut))).toMatch(/out of bounds|truncated/);
  });

  it('a module contents pointer out of bounds', () => {
    const bad = patchU32(graph, table + 8, 0x7fffff00); // module 0 contents.offset
    expect(reason(() => extractEmbedded(elfSectionData(bad).bytes))).toMatch(/contents pointer .* out of bounds/);
  });

  it('an empty module whose contents pointer lies past the graph', () => {
    // Module 1 (latin1 JS): { offset far outside, length 0 }. Its offset is reported as evidence
    // and its (empty) text decoded, so the pointer is checked even though the length is 0.
    const bad = patchU32(patchU32(graph, table + 52 + 8, 0x7ffffff0), table + 52 + 12, 0);
    expect(reason(() => extractEmbedded(elfSectionData(bad).bytes))).toMatch(/module 1 contents pointer \(2147483632\+0\) out of bounds/);
    const tail = patchU32(patchU32(graph, table + 2 * 52 + 8, 0xfffffff0), table + 2 * 52 + 12, 0);
    expect(reason(() => extractEmbedded(tailLayout(plainElf(), tail)))).toMatch(/module 2 contents pointer .* out of bounds/);
  });

  it('records whose contents overlap one another (thousands of modules naming one blob)', () => {
    // Module 1's contents pointer copied from module 0: the same bytes would be checked and decoded twice.
    const g = Buffer.from(graph);
    g.copy(g, table + 52 + 8, table + 8, table + 16);
    expect(reason(() => extractEmbedded(elfSectionData(g).bytes))).toMatch(/contents overlap/);
  });

  it('a module table claiming an absurd number of modules', () => {
    const bad = patchU32(graph, footer + 12, 52 * 5_000_000);
    expect(reason(() => extractEmbedded(elfSectionData(bad).bytes))).toMatch(/module table .* out of bounds|absurd/);
    expect(reason(() => extractEmbedded(elfSectionData(graph).bytes, { maxModules: 2 }))).toMatch(/absurd Bun module count 3/);
  });

  it('a byte count that disagrees with the section', () => {
    const bad = patchU64(graph, footer, 12);
    expect(reason(() => extractEmbedded(elfSectionData(bad).bytes))).toMatch(/byte count 12 puts the graph/);
  });

  it('an entry point id past the module list', () => {
    const bad = patchU32(graph, footer + 16, 9);
    expect(reason(() => extractEmbedded(elfSectionData(bad).bytes))).toMatch(/entry point id 9 out of range/);
  });

  it('a module table length that fits no record size', () => {
    const bad = patchU32(graph, footer + 12, 3 * 52 - 1);
    expect(reason(() => extractEmbedded(elfSectionData(bad).bytes))).toMatch(/fits no record size/);
  });

  it('a .bun pointer that refers to its own section (self-reference)', () => {
    const elf = elfSectionPointer(graph, 0x500000);
    const bunOff = elf.offsets['.bun'] as number;
    // Map the pointer's own address onto the section itself.
    const self = buildElf({
      sections: [{ name: '.text', data: RUNTIME }, { name: '.bun', data: u64le(0x500000) }],
      segments: [{ type: 1, offset: bunOff, vaddr: 0x500000, filesz: 8 }],
    }).bytes;
    expect(reason(() => extractEmbedded(self))).toMatch(/refers to itself/);
  });

  it('a .bun pointer to an unmapped address, or to data without a trailer', () => {
    const unmapped = buildElf({ sections: [{ name: '.bun', data: u64le(0xdead0000) }] }).bytes;
    expect(reason(() => extractEmbedded(unmapped))).toMatch(/mapped by no PT_LOAD/);
    const elf = elfSectionPointer(graph);
    const broken = Buffer.from(elf.bytes);
    broken.write('XXXX', broken.length - 8, 'latin1');
    expect(reason(() => extractEmbedded(broken))).toMatch(/does not end with the Bun trailer/);
  });

  it('a section header table out of bounds: the trailer is found by search, else the reason is given', () => {
    const elf = elfSectionData(graph);
    const cut = elf.bytes.subarray(0, elf.shoff + 10);
    const found = extractEmbedded(cut);
    expect(found?.layout).toBe('bun: 52-byte records, 32-byte footer, trailer found by search');
    expect(found?.modules[1]?.text).toBe('export const answer = 42;\n');
    const plain = buildElf({ sections: [{ name: '.text', data: RUNTIME }] });
    expect(reason(() => extractEmbedded(plain.bytes.subarray(0, plain.shoff + 10)))).toMatch(/ELF section header table out of bounds/);
  });

  it('a module name that is not text', () => {
    const g = buildBunGraph({ modules: [{ name: '/$bunfs/root/a\u0001.js', contents: 'x' }] });
    expect(reason(() => extractEmbedded(elfSectionData(g).bytes))).toMatch(/name is not text/);
  });

  it('random corruption never hangs or throws anything but NativePayloadError', () => {
    const base = elfSectionData(graph).bytes;
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < 400; i++) {
      const copy = Buffer.from(base);
      for (let k = 0; k < 4; k++) copy[Math.floor(rnd() * copy.length)] = Math.floor(rnd() * 256);
      const cut = rnd() < 0.3 ? copy.subarray(0, Math.floor(rnd() * copy.length)) : copy;
      try {
        extractEmbedded(cut);
      } catch (err) {
        expect(err).toBeInstanceOf(NativePayloadError);
      }
    }
  });
});

describe('Bun: limits', () => {
  it('lists modules over maxModuleBytes without text, with a note', () => {
    const ex = extractEmbedded(tailLayout(plainElf(), buildBunGraph(spec())), { maxModuleBytes: 40 });
    expect(ex?.modules[0]?.text).toBeNull();
    expect(ex?.modules[1]?.text).toBe('export const answer = 42;\n');
    expect(ex?.notes.join('\n')).toContain('larger than 40 bytes');
  });

  it('stops decoding past maxTotalTextBytes', () => {
    const ex = extractEmbedded(tailLayout(plainElf(), buildBunGraph(spec())), { maxTotalTextBytes: 10 });
    expect(ex?.modules.every((m) => m.text === null)).toBe(true);
    expect(ex?.notes.join('\n')).toContain('total text limit');
  });
});

