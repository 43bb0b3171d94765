// Minimal PE32+ executables: DOS header, PE signature, COFF header, optional header with 16 data
// directories, section table, section data (raw data aligned to 0x200). An optional resource
// section holds RT_RCDATA resources by name, as postject writes a Node SEA blob.
import { Writer } from './build-bytes.js';

export interface PeSectionSpec {
  name: string;
  data: Uint8Array;
  /** Virtual size to record (defaults to the data length). */
  virtualSize?: number;
}

export interface PeSpec {
  sections?: PeSectionSpec[];
  /** RT_RCDATA resources by name, put in a `.rsrc` section. */
  rcdata?: Record<string, Uint8Array>;
  tail?: Uint8Array;
}

const FILE_ALIGN = 0x200;
const SECT_ALIGN = 0x1000;

export function buildPe(spec: PeSpec = {}): { bytes: Uint8Array; offsets: Record<string, number> } {
  const sections = [...(spec.sections ?? [])];
  const nsect = sections.length + (spec.rcdata ? 1 : 0);
  const headerEnd = 0x40 + 4 + 20 + 240 + 40 * nsect;
  let raw = Math.ceil(headerEnd / FILE_ALIGN) * FILE_ALIGN;
  let va = SECT_ALIGN;
  const table: { name: string; data: Uint8Array; va: number; raw: number; vsize: number }[] = [];
  for (const s of sections) {
    table.push({ name: s.name, data: s.data, va, raw, vsize: s.virtualSize ?? s.data.length });
    raw += Math.ceil(s.data.length / FILE_ALIGN) * FILE_ALIGN || FILE_ALIGN;
    va += Math.ceil(s.data.length / SECT_ALIGN) * SECT_ALIGN || SECT_ALIGN;
  }
  let rsrcVa = 0;
  let rsrcSize = 0;
  if (spec.rcdata) {
    const data = buildResources(spec.rcdata, va);
    table.push({ name: '.rsrc', data, va, raw, vsize: data.length });
    rsrcVa = va;
    rsrcSize = data.length;
  }
  const w = new Writer();
  w.bytes('MZ').zeros(0x3a).u32(0x40);
  w.bytes('PE\0\0');
  w.u16(0x8664).u16(table.length).u32(0).u32(0).u32(0).u16(240).u16(0x22);
  // Optional header PE32+ (112 bytes before the directories).
  w.u16(0x20b).u8(14).u8(0).u32(0).u32(0).u32(0).u32(0x1000).u32(0x1000).u64(0x140000000);
  w.u32(SECT_ALIGN).u32(FILE_ALIGN).u16(6).u16(0).u16(0).u16(0).u16(6).u16(0).u32(0);
  w.u32(va + SECT_ALIGN).u32(Math.ceil(headerEnd / FILE_ALIGN) * FILE_ALIGN).u32(0).u16(3).u16(0x8160);
  w.u64(0x100000).u64(0x1000).u64(0x100000).u64(0x1000).u32(0).u32(16);
  for (let i = 0; i < 16; i++) {
    if (i === 2) w.u32(rsrcVa).u32(rsrcSize);
    else w.u32(0).u32(0);
  }
  const offsets: Record<string, number> = {};
  for (const s of table) {
    offsets[s.name] = s.raw;
    w.name(s.name, 8).u32(s.vsize).u32(s.va).u32(Math.ceil(s.data.length / FILE_ALIGN) * FILE_ALIGN || FILE_ALIGN).u32(s.raw).u32(0).u32(0).u16(0).u16(0).u32(0x40000040);
  }
  for (const s of table) {
    w.zeros(s.raw - w.length).bytes(s.data).align(FILE_ALIGN);
    if (s.data.length === 0) w.zeros(FILE_ALIGN);
  }
  if (spec.tail) w.bytes(spec.tail);
  return { bytes: w.done(), offsets };
}

/** A resource tree: root -> RT_RCDATA (10) -> named entries -> language 0x409 -> data. */
export function buildResources(rcdata: Record<string, Uint8Array>, sectionVa: number): Uint8Array {
  const names = Object.keys(rcdata);
  const rootSize = 16 + 8;
  const typeDir = rootSize;
  const typeDirSize = 16 + 8 * names.length;
  const langDirs = typeDir + typeDirSize;
  const langDirSize = 16 + 8;
  const dataEntries = langDirs + langDirSize * names.length;
  const strings = dataEntries + 16 * names.length;
  const nameOffs: number[] = [];
  let pos = strings;
  for (const n of names) {
    nameOffs.push(pos);
    pos += 2 + n.length * 2;
  }
  pos = Math.ceil(pos / 8) * 8;
  const dataOffs: number[] = [];
  for (const n of names) {
    dataOffs.push(pos);
    pos += Math.ceil((rcdata[n] as Uint8Array).length / 8) * 8;
  }
  const w = new Writer();
  const dir = (named: number, ids: number) => w.u32(0).u32(0).u16(0).u16(0).u16(named).u16(ids);
  dir(0, 1);
  w.u32(10).u32(0x80000000 | typeDir);
  dir(names.length, 0);
  names.forEach((_, i) => w.u32(0x80000000 | (nameOffs[i] as number)).u32(0x80000000 | (langDirs + i * langDirSize)));
  names.forEach((_, i) => {
    dir(0, 1);
    w.u32(0x409).u32(dataEntries + i * 16);
  });
  names.forEach((n, i) => w.u32(sectionVa + (dataOffs[i] as number)).u32((rcdata[n] as Uint8Array).length).u32(0).u32(0));
  for (const n of names) w.u16(n.length).bytes(Buffer.from(n, 'utf16le'));
  w.align(8);
  names.forEach((n) => w.bytes(rcdata[n] as Uint8Array).align(8));
  return w.done();
}
