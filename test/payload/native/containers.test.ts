import { describe, expect, it } from 'vitest';
import {
  NativePayloadError,
  findPeResource,
  looksLikeExecutable,
  readElfSections,
  readMacho,
  readMachoSections,
  readPe,
  readPeSections,
} from '../../../src/payload/native/index.js';
import { patchU32 } from './build-bytes.js';
import { buildElf } from './build-elf.js';
import { CPU_ARM64, CPU_X86_64, buildFat, buildMacho } from './build-macho.js';
import { buildPe, buildResources } from './build-pe.js';

const data = (s: string) => Buffer.from(s, 'latin1');

const fails = (fn: () => unknown, re: RegExp) => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(NativePayloadError);
    expect((err as Error).message).toMatch(re);
    return;
  }
  throw new Error('expected a NativePayloadError');
};

describe('looksLikeExecutable', () => {
  it('sniffs ELF, MZ, Mach-O thin (both byte orders) and fat, and nothing else', () => {
    expect(looksLikeExecutable(data('\x7fELF\x02\x01'))).toBe(true);
    expect(looksLikeExecutable(data('MZ\x90\x00'))).toBe(true);
    expect(looksLikeExecutable(data('\xcf\xfa\xed\xfe\x0c\x00\x00\x01'))).toBe(true);
    expect(looksLikeExecutable(data('\xfe\xed\xfa\xce\x00\x00\x00\x07'))).toBe(true);
    expect(looksLikeExecutable(data('\xca\xfe\xba\xbe\x00\x00\x00\x02'))).toBe(true);
    // A Java class file shares 0xcafebabe; its version (>= 45) is no plausible arch count.
    expect(looksLikeExecutable(data('\xca\xfe\xba\xbe\x00\x00\x00\x34'))).toBe(false);
    expect(looksLikeExecutable(data('#!/usr/bin/env node\n'))).toBe(false);
    expect(looksLikeExecutable(new Uint8Array(0))).toBe(false);
  });
});

describe('readElfSections', () => {
  it('lists named sections with their offsets and sizes', () => {
    const elf = buildElf({ sections: [{ name: '.text', data: data('abcd') }, { name: '.bun', data: data('12345678') }] });
    const sections = readElfSections(elf.bytes);
    expect(sections.map((s) => [s.name, s.offset, s.size])).toEqual([
      ['.text', elf.offsets['.text'], 4],
      ['.bun', elf.offsets['.bun'], 8],
      ['.shstrtab', expect.any(Number), 22],
    ]);
  });

  it('refuses tables and sections out of bounds, absurd counts, a bad name table index', () => {
    const elf = buildElf({ sections: [{ name: '.text', data: data('abcd') }] });
    fails(() => readElfSections(elf.bytes.subarray(0, 40)), /ELF header truncated/);
    fails(() => readElfSections(elf.bytes.subarray(0, elf.shoff + 70)), /section header table out of bounds/);
    const sh1 = elf.shoff + 64;
    const b = Buffer.from(elf.bytes);
    b.writeBigUInt64LE(0xffffffffn, sh1 + 32); // .text size
    fails(() => readElfSections(b), /ELF section \.text out of bounds/);
    fails(() => readElfSections(patchU32(elf.bytes, 62 - 2, 0x0040ffff).subarray()), /section name table index|out of bounds|absurd/);
  });

  it('many section names pointing into one long unterminated .shstrtab stay linear', () => {
    // 65,535 headers all naming offset 0 of a 4 MB name table without a NUL: a scan to the next NUL
    // per name would read 275 GB.
    const strtab = new Uint8Array(4 << 20).fill(0x41);
    const elf = buildElf({ sections: [{ name: 'x', data: strtab }] });
    const n = 0xffff;
    const sh = Buffer.alloc(n * 64);
    for (let i = 1; i < n; i++) {
      sh.writeUInt32LE(1, i * 64 + 4); // SHT_PROGBITS, name offset 0
      sh.writeBigUInt64LE(BigInt(elf.offsets.x as number), i * 64 + 24);
      sh.writeBigUInt64LE(BigInt(strtab.length), i * 64 + 32);
    }
    const bytes = Buffer.concat([elf.bytes.subarray(0, elf.shoff), sh]);
    bytes.writeUInt16LE(n, 60);
    bytes.writeUInt16LE(1, 62);
    const start = performance.now();
    const sections = readElfSections(bytes);
    expect(performance.now() - start).toBeLessThan(1500);
    expect(sections).toHaveLength(n - 1);
    expect(sections[0]?.name).toBe('');
  });
});

describe('readMachoSections / readMacho', () => {
  const thin = buildMacho([{ name: '__TEXT', sections: [{ name: '__text', data: data('code') }] }, { name: '__BUN', sections: [{ name: '__bun', data: data('graph!') }] }], CPU_X86_64);

  it('lists SEGMENT,section names with absolute offsets', () => {
    const s = readMachoSections(thin);
    expect(s.map((x) => [x.name, x.size])).toEqual([
      ['__TEXT,__text', 4],
      ['__BUN,__bun', 6],
    ]);
    expect(Buffer.from(thin.subarray(s[1]?.offset, (s[1]?.offset ?? 0) + 6)).toString()).toBe('graph!');
  });

  it('a fat file: offsets are absolute, the x86_64 slice is preferred', () => {
    const arm = buildMacho([{ name: '__BUN', sections: [{ name: '__bun', data: data('arm64') }] }], CPU_ARM64);
    const fat = buildFat([{ cputype: CPU_ARM64, bytes: arm }, { cputype: CPU_X86_64, bytes: thin }]);
    const info = readMacho(fat);
    expect(info.fat).toBe(true);
    expect(info.cputype).toBe(CPU_X86_64);
    const bun = info.sections.find((s) => s.name === '__BUN,__bun');
    expect(Buffer.from(fat.subarray(bun?.offset, (bun?.offset ?? 0) + 6)).toString()).toBe('graph!');
  });

  it('refuses absurd command counts, commands past their area, sections out of bounds, bad slices', () => {
    fails(() => readMacho(patchU32(thin, 16, 1_000_000)), /absurd Mach-O load command count/);
    fails(() => readMacho(patchU32(thin, 20, 0x7fffffff)), /load commands out of bounds/);
    fails(() => readMacho(patchU32(thin, 36, 0)), /load command 0 has size 0/);
    // First section's offset (header 32 + segment 72 + 48 into the section).
    fails(() => readMacho(patchU32(thin, 32 + 72 + 48, 0x7ffffff0)), /section __TEXT,__text out of bounds/);
    const fat = buildFat([{ cputype: CPU_X86_64, bytes: thin }]);
    fails(() => readMacho(patchU32(fat, 8 + 12, 0x7fffffff).subarray()), /no readable slice|out of bounds/);
  });
});

describe('readPeSections / findPeResource', () => {
  it('lists sections (virtual size trims the raw padding) and finds RT_RCDATA by name', () => {
    const pe = buildPe({ sections: [{ name: '.text', data: data('code') }, { name: '.bun', data: data('payload') }], rcdata: { NODE_SEA_BLOB: data('blob!') } });
    const sections = readPeSections(pe.bytes);
    expect(sections.map((s) => [s.name, s.size])).toEqual([
      ['.text', 4],
      ['.bun', 7],
      ['.rsrc', expect.any(Number)],
    ]);
    const info = readPe(pe.bytes);
    const r = findPeResource(pe.bytes, info, 10, 'node_sea_blob');
    expect(Buffer.from(pe.bytes.subarray(r?.offset, (r?.offset ?? 0) + (r?.size ?? 0))).toString()).toBe('blob!');
    expect(findPeResource(pe.bytes, info, 10, 'OTHER')).toBeNull();
  });

  it('refuses a bad e_lfanew, a missing signature, sections out of bounds, a resource loop', () => {
    const pe = buildPe({ sections: [{ name: '.text', data: data('code') }], rcdata: { A: data('x') } });
    fails(() => readPe(patchU32(pe.bytes, 0x3c, 0x7fffffff)), /PE header offset .* out of bounds/);
    fails(() => readPe(patchU32(pe.bytes, 0x40, 0)), /PE signature missing/);
    const sect0 = 0x40 + 4 + 20 + 240;
    fails(() => readPe(patchU32(pe.bytes, sect0 + 20, 0x7ffffff0)), /PE section \.text out of bounds/);
    // Point the RT_RCDATA type entry back at the root directory: a loop.
    const info = readPe(pe.bytes);
    const rsrc = info.sections.find((s) => s.name === '.rsrc');
    const looped = patchU32(pe.bytes, (rsrc?.offset ?? 0) + 16 + 4, 0x80000000);
    fails(() => findPeResource(looped, readPe(looped), 10, 'A'), /resource directory loop/);
    expect(buildResources({ A: data('x') }, 0x1000).length).toBeGreaterThan(0);
  });

  it('thousands of resource entries naming one 65,535-unit string are not each decoded', () => {
    // Root: 4,095 entries named by one long string and RT_RCDATA; the RT_RCDATA directory: 4,096
    // entries named by the same string. Decoding each name would build 1 GB of strings.
    const count = 4096;
    const w = Buffer.alloc(16 + count * 8 + 16 + count * 8 + 2 + 0xffff * 2);
    const typeDir = 16 + count * 8;
    const nameAt = typeDir + 16 + count * 8;
    w.writeUInt16LE(count - 1, 12);
    w.writeUInt16LE(1, 14);
    for (let i = 0; i < count - 1; i++) {
      w.writeUInt32LE((0x80000000 | nameAt) >>> 0, 16 + i * 8);
      w.writeUInt32LE((0x80000000 | typeDir) >>> 0, 16 + i * 8 + 4);
    }
    w.writeUInt32LE(10, 16 + (count - 1) * 8);
    w.writeUInt32LE((0x80000000 | typeDir) >>> 0, 16 + (count - 1) * 8 + 4);
    w.writeUInt16LE(count, typeDir + 12);
    for (let i = 0; i < count; i++) {
      w.writeUInt32LE((0x80000000 | nameAt) >>> 0, typeDir + 16 + i * 8);
      w.writeUInt32LE((0x80000000 | typeDir) >>> 0, typeDir + 16 + i * 8 + 4);
    }
    w.writeUInt16LE(0xffff, nameAt);
    const pe = Buffer.from(buildPe({ sections: [{ name: '.text', data: data('code') }, { name: '.rsrc', data: w }] }).bytes);
    // Resource data directory (index 2) -> the .rsrc section at RVA 0x2000.
    pe.writeUInt32LE(0x2000, 0x40 + 4 + 20 + 112 + 16);
    pe.writeUInt32LE(w.length, 0x40 + 4 + 20 + 112 + 20);
    const start = performance.now();
    expect(findPeResource(pe, readPe(pe), 10, 'NODE_SEA_BLOB')).toBeNull();
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
