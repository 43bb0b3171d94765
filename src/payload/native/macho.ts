// Mach-O, thin or fat: the load commands' segments and sections. For a fat file the x86_64 slice
// is read, else the first slice that parses. Offsets returned are absolute in the whole file.
import { Bytes } from './bytes.js';
import type { NativeSection } from './elf.js';
import { NativePayloadError } from './errors.js';

export const MH_MAGIC = 0xfeedface;
export const MH_MAGIC_64 = 0xfeedfacf;
export const FAT_MAGIC = 0xcafebabe;
export const FAT_MAGIC_64 = 0xcafebabf;
const CPU_TYPE_X86_64 = 0x01000007;
const LC_SEGMENT = 0x1;
const LC_SEGMENT_64 = 0x19;
const MAX_FAT_ARCHS = 30;
const MAX_LOAD_COMMANDS = 10_000;
const MAX_SECTIONS_PER_SEGMENT = 10_000;

export interface MachoSection extends NativeSection {
  segment: string;
  section: string;
}

export interface MachoInfo {
  fat: boolean;
  cputype: number;
  /** Where the chosen slice starts in the file (0 for thin files). */
  sliceOffset: number;
  sliceSize: number;
  sections: MachoSection[];
  notes: string[];
}

function thinMagic(b: Bytes, off: number): { is64: boolean; le: boolean } | null {
  if (!b.has(off, 4)) return null;
  const m = b.u32(off, true);
  if (m === MH_MAGIC_64) return { is64: true, le: true };
  if (m === MH_MAGIC) return { is64: false, le: true };
  const mb = b.u32(off, false);
  if (mb === MH_MAGIC_64) return { is64: true, le: false };
  if (mb === MH_MAGIC) return { is64: false, le: false };
  return null;
}

/** Fat header plausibility (a Java class file shares 0xcafebabe; its "count" is >= 45). */
export function fatArchCount(head: Uint8Array): number {
  if (head.length < 8) return 0;
  const b = new Bytes(head);
  const m = b.u32(0, false);
  if (m !== FAT_MAGIC && m !== FAT_MAGIC_64) return 0;
  const n = b.u32(4, false);
  return n >= 1 && n <= MAX_FAT_ARCHS ? n : 0;
}

export function isMacho(head: Uint8Array): 'macho' | 'macho-fat' | null {
  const b = new Bytes(head);
  if (thinMagic(b, 0)) return 'macho';
  if (fatArchCount(head) > 0) return 'macho-fat';
  return null;
}

export function readMacho(bytes: Uint8Array): MachoInfo {
  const b = new Bytes(bytes);
  const kind = isMacho(bytes.subarray(0, 8));
  if (!kind) throw new NativePayloadError('not a Mach-O file');
  if (kind === 'macho') return { fat: false, ...readThin(b, 0, b.length) };

  const magic = b.u32(0, false);
  const is64 = magic === FAT_MAGIC_64;
  const n = b.u32(4, false);
  const entry = is64 ? 32 : 20;
  b.need(8, n * entry, 'fat Mach-O arch table');
  const archs: { cputype: number; offset: number; size: number }[] = [];
  for (let i = 0; i < n; i++) {
    const h = 8 + i * entry;
    const cputype = b.u32(h, false);
    const offset = is64 ? b.u64(h + 8, false) : b.u32(h + 8, false);
    const size = is64 ? b.u64(h + 16, false) : b.u32(h + 12, false);
    archs.push({ cputype, offset, size });
  }
  const ordered = [...archs.filter((a) => a.cputype === CPU_TYPE_X86_64), ...archs.filter((a) => a.cputype !== CPU_TYPE_X86_64)];
  let firstError: unknown = null;
  for (const a of ordered) {
    if (!b.has(a.offset, a.size) || a.offset < 8 + n * entry) {
      firstError ??= new NativePayloadError(`fat Mach-O slice out of bounds (offset ${a.offset}, size ${a.size}, file ${b.length} bytes)`);
      continue;
    }
    try {
      const thin = readThin(b, a.offset, a.size);
      return { fat: true, ...thin };
    } catch (err) {
      firstError ??= err;
    }
  }
  throw firstError instanceof NativePayloadError ? firstError : new NativePayloadError('fat Mach-O has no readable slice');
}

function readThin(b: Bytes, base: number, size: number): Omit<MachoInfo, 'fat'> {
  const m = thinMagic(b, base);
  if (!m) throw new NativePayloadError(`no Mach-O header at ${base}`);
  const { is64, le } = m;
  const headerSize = is64 ? 32 : 28;
  if (size < headerSize) throw new NativePayloadError('Mach-O header truncated');
  b.need(base, headerSize, 'Mach-O header');
  const cputype = b.u32(base + 4, le);
  const ncmds = b.u32(base + 16, le);
  const sizeofcmds = b.u32(base + 20, le);
  if (ncmds > MAX_LOAD_COMMANDS) throw new NativePayloadError(`absurd Mach-O load command count ${ncmds}`);
  if (headerSize + sizeofcmds > size) throw new NativePayloadError(`Mach-O load commands out of bounds (${sizeofcmds} bytes)`);
  b.need(base + headerSize, sizeofcmds, 'Mach-O load commands');
  const sections: MachoSection[] = [];
  const notes: string[] = [];
  let pos = base + headerSize;
  const end = pos + sizeofcmds;
  for (let i = 0; i < ncmds; i++) {
    if (pos + 8 > end) throw new NativePayloadError(`Mach-O load command ${i} runs past the command area`);
    const cmd = b.u32(pos, le);
    const cmdsize = b.u32(pos + 4, le);
    if (cmdsize < 8 || pos + cmdsize > end) throw new NativePayloadError(`Mach-O load command ${i} has size ${cmdsize}`);
    if (cmd === LC_SEGMENT_64 || cmd === LC_SEGMENT) {
      const wide = cmd === LC_SEGMENT_64;
      const segHeader = wide ? 72 : 56;
      const sectSize = wide ? 80 : 68;
      if (cmdsize < segHeader) throw new NativePayloadError(`Mach-O segment command ${i} truncated`);
      const segname = b.fixedName(pos + 8, 16);
      const nsects = b.u32(pos + (wide ? 64 : 48), le);
      if (nsects > MAX_SECTIONS_PER_SEGMENT || segHeader + nsects * sectSize > cmdsize) {
        throw new NativePayloadError(`Mach-O segment ${segname} declares ${nsects} sections that do not fit its command`);
      }
      for (let s = 0; s < nsects; s++) {
        const h = pos + segHeader + s * sectSize;
        const sectname = b.fixedName(h, 16);
        const seg = b.fixedName(h + 16, 16) || segname;
        const addr = wide ? b.u64(h + 32, le) : b.u32(h + 32, le);
        const ssize = wide ? b.u64(h + 40, le) : b.u32(h + 36, le);
        const offset = b.u32(h + (wide ? 48 : 40), le);
        const flags = b.u32(h + (wide ? 64 : 56), le);
        const type = flags & 0xff;
        // Zero-fill sections (S_ZEROFILL, S_GB_ZEROFILL, S_THREAD_LOCAL_ZEROFILL) have no file bytes.
        if (type === 0x1 || type === 0xc || type === 0x12 || offset === 0) continue;
        if (offset + ssize > size) {
          throw new NativePayloadError(`Mach-O section ${seg},${sectname} out of bounds (offset ${offset}, size ${ssize}, slice ${size} bytes)`);
        }
        sections.push({ name: `${seg},${sectname}`, segment: seg, section: sectname, offset: base + offset, size: ssize, addr });
      }
    }
    pos += cmdsize;
  }
  return { cputype, sliceOffset: base, sliceSize: size, sections, notes };
}

/** Section name/offset/size list of a Mach-O (thin, or the chosen slice of a fat file), validated. */
export function readMachoSections(bytes: Uint8Array): MachoSection[] {
  return readMacho(bytes).sections;
}
