// Minimal ELF64 little-endian executables: header, program headers, section data, .shstrtab, the
// section header table, then optional appended bytes.
import { Writer } from './build-bytes.js';

export interface ElfSectionSpec {
  name: string;
  data: Uint8Array;
  /** SHT_PROGBITS by default; 7 = SHT_NOTE. */
  type?: number;
  addr?: number;
}

export interface ElfSegmentSpec {
  type: number;
  offset: number;
  vaddr: number;
  filesz: number;
  memsz?: number;
  flags?: number;
}

export interface ElfSpec {
  sections?: ElfSectionSpec[];
  segments?: ElfSegmentSpec[];
  /** Bytes after the section header table (an appended payload). */
  tail?: Uint8Array;
  machine?: number;
}

export interface ElfLayout {
  bytes: Uint8Array;
  /** File offset of each section's data, by name. */
  offsets: Record<string, number>;
  shoff: number;
  tailOffset: number;
}

export function buildElf(spec: ElfSpec = {}): ElfLayout {
  const sections = spec.sections ?? [];
  const segments = spec.segments ?? [];
  const names = new Writer().u8(0);
  const nameOff: number[] = [];
  for (const s of sections) {
    nameOff.push(names.length);
    names.bytes(s.name).u8(0);
  }
  const shstrName = names.length;
  names.bytes('.shstrtab').u8(0);
  const shstrtab = names.done();

  const phoff = 64;
  let pos = phoff + segments.length * 56;
  const offsets: Record<string, number> = {};
  const dataOffsets: number[] = [];
  for (const s of sections) {
    pos = Math.ceil(pos / 16) * 16;
    dataOffsets.push(pos);
    offsets[s.name] = pos;
    pos += s.data.length;
  }
  const shstrOff = pos;
  pos += shstrtab.length;
  const shoff = Math.ceil(pos / 8) * 8;
  const shnum = sections.length + 2;
  const tailOffset = shoff + shnum * 64;

  const w = new Writer();
  w.bytes('\x7fELF').u8(2).u8(1).u8(1).u8(0).zeros(8);
  w.u16(2).u16(spec.machine ?? 62).u32(1).u64(0x401000).u64(segments.length ? phoff : 0).u64(shoff);
  w.u32(0).u16(64).u16(56).u16(segments.length).u16(64).u16(shnum).u16(shnum - 1);
  for (const p of segments) {
    w.u32(p.type).u32(p.flags ?? 4).u64(p.offset).u64(p.vaddr).u64(p.vaddr).u64(p.filesz).u64(p.memsz ?? p.filesz).u64(0x1000);
  }
  sections.forEach((s, i) => {
    w.zeros((dataOffsets[i] as number) - w.length).bytes(s.data);
  });
  w.bytes(shstrtab);
  w.zeros(shoff - w.length);
  w.zeros(64); // SHN_UNDEF
  sections.forEach((s, i) => {
    w.u32(nameOff[i] as number).u32(s.type ?? 1).u64(2).u64(s.addr ?? 0).u64(dataOffsets[i] as number).u64(s.data.length).u32(0).u32(0).u64(16).u64(0);
  });
  w.u32(shstrName).u32(3).u64(0).u64(0).u64(shstrOff).u64(shstrtab.length).u32(0).u32(0).u64(1).u64(0);
  if (spec.tail) w.bytes(spec.tail);
  return { bytes: w.done(), offsets, shoff, tailOffset };
}

/** An ELF note record (namesz, descsz, type, name, desc), 4-byte aligned. */
export function elfNote(name: string, desc: Uint8Array, type = 0): Uint8Array {
  const w = new Writer();
  w.u32(name.length + 1).u32(desc.length).u32(type).bytes(name).u8(0).align(4).bytes(desc).align(4);
  return w.done();
}
