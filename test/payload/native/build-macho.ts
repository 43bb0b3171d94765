// Minimal Mach-O 64 (thin) and fat files: a header, LC_SEGMENT_64 commands with their sections,
// and the section data after the load commands (offsets relative to the slice).
import { Writer } from './build-bytes.js';

export const CPU_X86_64 = 0x01000007;
export const CPU_ARM64 = 0x0100000c;

export interface MachoSegmentSpec {
  name: string;
  sections: { name: string; data: Uint8Array }[];
}

export function buildMacho(segments: MachoSegmentSpec[], cputype = CPU_ARM64): Uint8Array {
  const cmdsSize = segments.reduce((n, s) => n + 72 + 80 * s.sections.length, 0);
  let pos = 32 + cmdsSize;
  const placed: { off: number; data: Uint8Array }[] = [];
  const cmds = new Writer();
  let vm = 0x100000000;
  for (const seg of segments) {
    pos = Math.ceil(pos / 16) * 16;
    const segStart = pos;
    const sects: { name: string; off: number; size: number }[] = [];
    for (const s of seg.sections) {
      pos = Math.ceil(pos / 16) * 16;
      sects.push({ name: s.name, off: pos, size: s.data.length });
      placed.push({ off: pos, data: s.data });
      pos += s.data.length;
    }
    const size = pos - segStart;
    cmds.u32(0x19).u32(72 + 80 * seg.sections.length).name(seg.name, 16).u64(vm).u64(size).u64(segStart).u64(size).u32(1).u32(1).u32(seg.sections.length).u32(0);
    for (const s of sects) {
      cmds.name(s.name, 16).name(seg.name, 16).u64(vm + (s.off - segStart)).u64(s.size).u32(s.off).u32(4).u32(0).u32(0).u32(0).u32(0).u32(0).u32(0);
    }
    vm += Math.ceil(size / 0x4000 + 1) * 0x4000;
  }
  const w = new Writer();
  w.u32(0xfeedfacf).u32(cputype).u32(0).u32(2).u32(segments.length).u32(cmdsSize).u32(0).u32(0);
  w.bytes(cmds.done());
  for (const p of placed) w.zeros(p.off - w.length).bytes(p.data);
  return w.done();
}

/** A fat (universal) file of the given slices, each aligned to 16 bytes. */
export function buildFat(slices: { cputype: number; bytes: Uint8Array }[]): Uint8Array {
  let pos = 8 + 20 * slices.length;
  const offs: number[] = [];
  for (const s of slices) {
    pos = Math.ceil(pos / 16) * 16;
    offs.push(pos);
    pos += s.bytes.length;
  }
  const w = new Writer();
  w.u32(0xcafebabe, false).u32(slices.length, false);
  slices.forEach((s, i) => w.u32(s.cputype, false).u32(0, false).u32(offs[i] as number, false).u32(s.bytes.length, false).u32(4, false));
  slices.forEach((s, i) => w.zeros((offs[i] as number) - w.length).bytes(s.bytes));
  return w.done();
}
