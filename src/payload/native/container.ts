// Which container an executable is, and its section list. A container whose tables cannot be read
// is still returned (with `error`), so payloads that do not depend on the tables (an appended
// trailer) can be found; the error is raised when nothing else is.
import { readElf, isElf, type ElfInfo, type NativeSection } from './elf.js';
import { NativePayloadError } from './errors.js';
import { isMacho, readMacho, type MachoInfo } from './macho.js';
import { isPe, readPe, type PeInfo } from './pe.js';

export type ContainerKind = 'elf' | 'macho' | 'macho-fat' | 'pe' | 'unknown';

export interface Container {
  kind: ContainerKind;
  sections: NativeSection[];
  elf?: ReturnType<typeof readElf>;
  macho?: MachoInfo;
  pe?: PeInfo;
  error?: NativePayloadError;
}

/** Magic sniff of the first bytes: ELF, MZ (PE), Mach-O thin (either endianness, 32/64) or fat. */
export function looksLikeExecutable(head: Uint8Array): boolean {
  return containerKindOf(head) !== 'unknown';
}

export function containerKindOf(head: Uint8Array): ContainerKind {
  if (isElf(head)) return 'elf';
  if (isPe(head)) return 'pe';
  return isMacho(head) ?? 'unknown';
}

export function readContainer(bytes: Uint8Array): Container {
  const kind = containerKindOf(bytes.subarray(0, 8));
  const out: Container = { kind, sections: [] };
  try {
    if (kind === 'elf') {
      out.elf = readElf(bytes);
      out.sections = out.elf.sections;
    } else if (kind === 'macho' || kind === 'macho-fat') {
      out.macho = readMacho(bytes);
      out.sections = out.macho.sections;
    } else if (kind === 'pe') {
      out.pe = readPe(bytes);
      out.sections = out.pe.sections;
    }
  } catch (err) {
    if (!(err instanceof NativePayloadError)) throw err;
    out.error = err;
  }
  return out;
}

export type { ElfInfo, NativeSection };
