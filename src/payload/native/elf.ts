// ELF: the section header table (names through .shstrtab), the program headers (to map a virtual
// address back to a file offset) and notes. Only the tables are read; every range is checked.
import { Bytes } from './bytes.js';
import { NativePayloadError } from './errors.js';

export interface NativeSection {
  /** Section name; for Mach-O `SEGMENT,section`. */
  name: string;
  /** Absolute byte offset in the file. */
  offset: number;
  size: number;
  /** Virtual address where the loader maps it (0 when unknown). */
  addr?: number;
}

export interface ElfSegment {
  type: number;
  offset: number;
  vaddr: number;
  filesz: number;
  memsz: number;
  flags: number;
}

export interface ElfInfo {
  is64: boolean;
  littleEndian: boolean;
  machine: number;
  sections: NativeSection[];
  segments: ElfSegment[];
}

export const PT_LOAD = 1;
export const PT_NOTE = 4;
const SHT_NOBITS = 8;
const SHT_NOTE = 7;
const MAX_SECTIONS = 65_536;
const MAX_SEGMENTS = 65_535;

export function isElf(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46;
}

interface SectionRaw extends NativeSection {
  type: number;
}

/** Reads and validates an ELF's section and program header tables. */
export function readElf(bytes: Uint8Array): ElfInfo & { rawSections: SectionRaw[] } {
  const b = new Bytes(bytes);
  if (!isElf(bytes)) throw new NativePayloadError('not an ELF file');
  if (b.length < 52) throw new NativePayloadError('ELF header truncated');
  const cls = b.u8(4);
  const data = b.u8(5);
  if (cls !== 1 && cls !== 2) throw new NativePayloadError(`ELF class ${cls} unknown`);
  if (data !== 1 && data !== 2) throw new NativePayloadError(`ELF data encoding ${data} unknown`);
  const is64 = cls === 2;
  const le = data === 1;
  if (is64 && b.length < 64) throw new NativePayloadError('ELF header truncated');
  const word = (off: number) => (is64 ? b.u64(off, le) : b.u32(off, le));
  const machine = b.u16(18, le);
  const phoff = word(is64 ? 32 : 28);
  const shoff = word(is64 ? 40 : 32);
  const phentsize = b.u16(is64 ? 54 : 42, le);
  let phnum = b.u16(is64 ? 56 : 44, le);
  const shentsize = b.u16(is64 ? 58 : 46, le);
  let shnum = b.u16(is64 ? 60 : 48, le);
  let shstrndx = b.u16(is64 ? 62 : 50, le);
  const shMin = is64 ? 64 : 40;
  const phMin = is64 ? 56 : 32;

  const rawSections: SectionRaw[] = [];
  if (shoff !== 0) {
    if (shentsize < shMin) throw new NativePayloadError(`ELF section header size ${shentsize} too small`);
    b.need(shoff, shentsize, 'ELF section header table');
    // Extended numbering: the real counts live in section 0.
    if (shnum === 0) shnum = Number(word(shoff + (is64 ? 32 : 20)));
    if (shstrndx === 0xffff) shstrndx = b.u32(shoff + (is64 ? 40 : 24), le);
    if (phnum === 0xffff) phnum = b.u32(shoff + (is64 ? 44 : 28), le);
    if (shnum > MAX_SECTIONS) throw new NativePayloadError(`absurd ELF section count ${shnum}`);
    b.need(shoff, shnum * shentsize, 'ELF section header table');
    for (let i = 0; i < shnum; i++) {
      const h = shoff + i * shentsize;
      const name = b.u32(h, le);
      const type = b.u32(h + 4, le);
      const addr = word(h + (is64 ? 16 : 12));
      const offset = word(h + (is64 ? 24 : 16));
      const size = word(h + (is64 ? 32 : 20));
      rawSections.push({ name: String(name), type, addr, offset, size });
    }
    let names: Uint8Array | null = null;
    if (shstrndx !== 0 && shstrndx < rawSections.length) {
      const s = rawSections[shstrndx] as SectionRaw;
      names = b.sub(s.offset, s.size, 'ELF .shstrtab');
    } else if (shnum > 0 && shstrndx !== 0) {
      throw new NativePayloadError(`ELF section name table index ${shstrndx} out of range`);
    }
    const nb = names ? new Bytes(names) : null;
    for (let i = 0; i < rawSections.length; i++) {
      const s = rawSections[i] as SectionRaw;
      const nameOff = Number(s.name);
      s.name = nb && nameOff < nb.length ? (nb.cstr(nameOff, 256) ?? '') : '';
      if (i === 0 || s.type === SHT_NOBITS) continue;
      if (!b.has(s.offset, s.size)) {
        throw new NativePayloadError(`ELF section ${s.name || i} out of bounds (offset ${s.offset}, size ${s.size}, file ${b.length} bytes)`);
      }
    }
  }

  const segments: ElfSegment[] = [];
  if (phoff !== 0 && phnum > 0) {
    if (phentsize < phMin) throw new NativePayloadError(`ELF program header size ${phentsize} too small`);
    if (phnum > MAX_SEGMENTS) throw new NativePayloadError(`absurd ELF program header count ${phnum}`);
    b.need(phoff, phnum * phentsize, 'ELF program header table');
    for (let i = 0; i < phnum; i++) {
      const h = phoff + i * phentsize;
      const type = b.u32(h, le);
      if (is64) {
        segments.push({ type, flags: b.u32(h + 4, le), offset: b.u64(h + 8, le), vaddr: b.u64(h + 16, le), filesz: b.u64(h + 32, le), memsz: b.u64(h + 40, le) });
      } else {
        segments.push({ type, offset: b.u32(h + 4, le), vaddr: b.u32(h + 8, le), filesz: b.u32(h + 16, le), memsz: b.u32(h + 20, le), flags: b.u32(h + 24, le) });
      }
    }
  }
  return {
    is64,
    littleEndian: le,
    machine,
    rawSections,
    sections: rawSections.filter((s, i) => i > 0 && s.type !== SHT_NOBITS).map(({ name, offset, size, addr }) => ({ name, offset, size, addr })),
    segments,
  };
}

/** Section name/offset/size list of an ELF file, validated. */
export function readElfSections(bytes: Uint8Array): NativeSection[] {
  return readElf(bytes).sections;
}

/** File offset of a virtual address through the PT_LOAD segments, or -1 when none maps it. */
export function elfVaddrToOffset(info: ElfInfo, vaddr: number, len: number): number {
  for (const s of info.segments) {
    if (s.type !== PT_LOAD) continue;
    if (vaddr >= s.vaddr && vaddr + len <= s.vaddr + s.filesz) return s.offset + (vaddr - s.vaddr);
  }
  return -1;
}

export interface ElfNote {
  name: string;
  type: number;
  /** Absolute offset and size of the note's descriptor. */
  offset: number;
  size: number;
}

/** Notes from PT_NOTE segments and SHT_NOTE sections, deduplicated, bounded. */
export function readElfNotes(bytes: Uint8Array, info: ElfInfo & { rawSections: SectionRaw[] }): ElfNote[] {
  const b = new Bytes(bytes);
  const regions: [number, number][] = [];
  for (const s of info.segments) if (s.type === PT_NOTE) regions.push([s.offset, s.filesz]);
  for (const s of info.rawSections) if (s.type === SHT_NOTE) regions.push([s.offset, s.size]);
  const seen = new Set<number>();
  const out: ElfNote[] = [];
  const le = info.littleEndian;
  for (const [start, size] of regions) {
    if (!b.has(start, size)) throw new NativePayloadError(`ELF note region out of bounds (offset ${start}, size ${size})`);
    let pos = start;
    const end = start + size;
    for (let guard = 0; guard < 100_000 && pos + 12 <= end; guard++) {
      const namesz = b.u32(pos, le);
      const descsz = b.u32(pos + 4, le);
      const type = b.u32(pos + 8, le);
      const nameOff = pos + 12;
      const descOff = nameOff + align4(namesz);
      if (descOff + descsz > end || !b.has(descOff, descsz)) throw new NativePayloadError(`ELF note at ${pos} runs past its region`);
      const name = namesz > 0 ? (b.cstr(nameOff, namesz) ?? b.fixedName(nameOff, namesz)) : '';
      if (!seen.has(pos)) {
        seen.add(pos);
        out.push({ name, type, offset: descOff, size: descsz });
      }
      const next = descOff + align4(descsz);
      if (next <= pos) break;
      pos = next;
    }
  }
  return out;
}

function align4(n: number): number {
  return Math.ceil(n / 4) * 4;
}
