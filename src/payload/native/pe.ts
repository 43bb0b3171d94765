// PE/COFF (PE32 and PE32+): the section table, RVA to file offset, and RT_RCDATA resources by
// name (how postject stores a Node SEA blob on Windows).
import { Bytes } from './bytes.js';
import type { NativeSection } from './elf.js';
import { NativePayloadError } from './errors.js';

const MAX_SECTIONS = 1_000;
const MAX_RESOURCE_ENTRIES = 4_096;
export const RT_RCDATA = 10;

export interface PeSection extends NativeSection {
  virtualAddress: number;
  virtualSize: number;
  rawSize: number;
}

export interface PeInfo {
  pe32plus: boolean;
  machine: number;
  sections: PeSection[];
  /** RVA and size of the resource directory (0 when absent). */
  resourceRva: number;
  resourceSize: number;
}

export function isPe(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x4d && head[1] === 0x5a;
}

export function readPe(bytes: Uint8Array): PeInfo {
  const b = new Bytes(bytes);
  if (!isPe(bytes)) throw new NativePayloadError('not a PE file');
  if (b.length < 0x40) throw new NativePayloadError('DOS header truncated');
  const lfanew = b.u32(0x3c);
  if (!b.has(lfanew, 24)) throw new NativePayloadError(`PE header offset ${lfanew} out of bounds`);
  if (!b.equals(lfanew, 'PE\0\0')) throw new NativePayloadError('PE signature missing');
  const coff = lfanew + 4;
  const machine = b.u16(coff);
  const nsections = b.u16(coff + 2);
  const optSize = b.u16(coff + 16);
  const opt = coff + 20;
  if (nsections > MAX_SECTIONS) throw new NativePayloadError(`absurd PE section count ${nsections}`);
  b.need(opt, optSize, 'PE optional header');
  let pe32plus = false;
  let resourceRva = 0;
  let resourceSize = 0;
  if (optSize >= 2) {
    const magic = b.u16(opt);
    if (magic !== 0x10b && magic !== 0x20b) throw new NativePayloadError(`PE optional header magic 0x${magic.toString(16)} unknown`);
    pe32plus = magic === 0x20b;
    const countOff = opt + (pe32plus ? 108 : 92);
    const dirs = opt + (pe32plus ? 112 : 96);
    if (countOff + 4 <= opt + optSize) {
      const count = b.u32(countOff);
      if (count > 2 && dirs + 3 * 8 <= opt + optSize) {
        resourceRva = b.u32(dirs + 16);
        resourceSize = b.u32(dirs + 20);
      }
    }
  }
  const table = opt + optSize;
  b.need(table, nsections * 40, 'PE section table');
  const sections: PeSection[] = [];
  for (let i = 0; i < nsections; i++) {
    const h = table + i * 40;
    const name = b.fixedName(h, 8);
    const virtualSize = b.u32(h + 8);
    const virtualAddress = b.u32(h + 12);
    const rawSize = b.u32(h + 16);
    const rawPtr = b.u32(h + 20);
    if (rawSize === 0 || rawPtr === 0) {
      sections.push({ name, offset: rawPtr, size: 0, addr: virtualAddress, virtualAddress, virtualSize, rawSize });
      continue;
    }
    if (!b.has(rawPtr, rawSize)) {
      throw new NativePayloadError(`PE section ${name || i} out of bounds (offset ${rawPtr}, size ${rawSize}, file ${b.length} bytes)`);
    }
    // Raw data is padded to the file alignment; the virtual size is the exact length when set.
    const size = virtualSize > 0 ? Math.min(virtualSize, rawSize) : rawSize;
    sections.push({ name, offset: rawPtr, size, addr: virtualAddress, virtualAddress, virtualSize, rawSize });
  }
  return { pe32plus, machine, sections, resourceRva, resourceSize };
}

/** Section name/offset/size list of a PE file, validated. */
export function readPeSections(bytes: Uint8Array): NativeSection[] {
  return readPe(bytes).sections.map(({ name, offset, size, addr }) => ({ name, offset, size, addr }));
}

export function peRvaToOffset(info: PeInfo, rva: number, len: number): number {
  for (const s of info.sections) {
    const span = Math.max(s.virtualSize, s.rawSize);
    if (rva >= s.virtualAddress && rva + len <= s.virtualAddress + span) {
      const delta = rva - s.virtualAddress;
      if (delta + len > s.rawSize) return -1;
      return s.offset + delta;
    }
  }
  return -1;
}

/**
 * Finds the resource of type `typeId` named `name` (case-insensitive), first language. Directory
 * offsets are checked against the resource section and visited at most once.
 */
export function findPeResource(bytes: Uint8Array, info: PeInfo, typeId: number, name: string): { offset: number; size: number } | null {
  if (!info.resourceRva || !info.resourceSize) return null;
  const b = new Bytes(bytes);
  const root = peRvaToOffset(info, info.resourceRva, 16);
  if (root < 0) throw new NativePayloadError('PE resource directory not mapped by any section');
  const rsrcLen = info.resourceSize;
  const visited = new Set<number>();
  const want = name.toUpperCase();
  const dirEntries = (rel: number): { id: number | string; rel: number; isDir: boolean }[] => {
    if (visited.has(rel)) throw new NativePayloadError('PE resource directory loop');
    visited.add(rel);
    if (rel + 16 > rsrcLen) throw new NativePayloadError('PE resource directory out of bounds');
    const at = root + rel;
    const count = b.u16(at + 12) + b.u16(at + 14);
    if (count > MAX_RESOURCE_ENTRIES) throw new NativePayloadError(`absurd PE resource entry count ${count}`);
    if (rel + 16 + count * 8 > rsrcLen) throw new NativePayloadError('PE resource directory entries out of bounds');
    const out: { id: number | string; rel: number; isDir: boolean }[] = [];
    for (let i = 0; i < count; i++) {
      const e = at + 16 + i * 8;
      const nameField = b.u32(e);
      const dataField = b.u32(e + 4);
      let id: number | string = nameField;
      if (nameField & 0x80000000) {
        const nrel = nameField & 0x7fffffff;
        if (nrel + 2 > rsrcLen) throw new NativePayloadError('PE resource name out of bounds');
        const len = b.u16(root + nrel);
        if (nrel + 2 + len * 2 > rsrcLen) throw new NativePayloadError('PE resource name out of bounds');
        // A name longer than the wanted one cannot match (upper-casing only lengthens); decoding every
        // one lets thousands of entries naming one 64K-unit string cost gigabytes. -1 matches nothing.
        id = len <= want.length ? Buffer.from(b.sub(root + nrel + 2, len * 2)).toString('utf16le') : -1;
      }
      out.push({ id, rel: dataField & 0x7fffffff, isDir: (dataField & 0x80000000) !== 0 });
    }
    return out;
  };
  for (const type of dirEntries(0)) {
    if (type.id !== typeId || !type.isDir) continue;
    for (const entry of dirEntries(type.rel)) {
      if (typeof entry.id !== 'string' || entry.id.toUpperCase() !== want) continue;
      let leafRel = entry.rel;
      if (entry.isDir) {
        const langs = dirEntries(entry.rel).filter((l) => !l.isDir);
        if (!langs.length) continue;
        leafRel = (langs[0] as { rel: number }).rel;
      }
      if (leafRel + 16 > rsrcLen) throw new NativePayloadError('PE resource data entry out of bounds');
      const dataRva = b.u32(root + leafRel);
      const size = b.u32(root + leafRel + 4);
      const offset = peRvaToOffset(info, dataRva, size);
      if (offset < 0 || !b.has(offset, size)) throw new NativePayloadError(`PE resource ${name} data out of bounds (RVA ${dataRva}, size ${size})`);
      return { offset, size };
    }
  }
  return null;
}
