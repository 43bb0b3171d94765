// Reads native executables (ELF, Mach-O thin and fat, PE) and extracts the JavaScript embedded in
// them: Bun standalone executables, Node single executable applications, pkg, nexe and deno compile.
// Pure functions of the bytes; nothing is written, executed or fetched.
import { extractBun } from './bun.js';
import { readContainer } from './container.js';
import { extractDeno } from './deno.js';
import { resolveLimits, type NativeLimits } from './errors.js';
import { extractNexe } from './nexe.js';
import { extractPkg } from './pkg.js';
import { extractSea } from './sea.js';
import type { Extraction } from './types.js';

export { looksLikeExecutable, readContainer, type Container, type ContainerKind } from './container.js';
export { readElf, readElfSections, readElfNotes, type NativeSection, type ElfInfo, type ElfSegment, type ElfNote } from './elf.js';
export { readMacho, readMachoSections, type MachoInfo, type MachoSection } from './macho.js';
export { readPe, readPeSections, findPeResource, type PeInfo, type PeSection } from './pe.js';
export { NativePayloadError, DEFAULT_NATIVE_LIMITS, type NativeLimits } from './errors.js';
export { stripBunWrappers, BUN_TRAILER } from './bun.js';
export type { EmbeddedModule, Extraction } from './types.js';

/**
 * Extracts the modules embedded in a native executable.
 *
 * Returns null when the bytes are not a recognised executable payload at all (a shell script, a
 * plain ELF with nothing embedded). Throws NativePayloadError('payload not extractable: <reason>')
 * when a format is recognised but broken or hostile.
 */
export function extractEmbedded(bytes: Uint8Array, limits?: Partial<NativeLimits>): Extraction | null {
  const lim = resolveLimits(limits);
  const container = readContainer(bytes);
  if (container.kind === 'unknown') {
    // Payload trailers are appended to executables; a file that is not one carries none we trust,
    // except the trailer-only formats, which are cheap to check at the end.
    return extractNexe(bytes, container, lim) ?? extractDeno(bytes, container, lim) ?? null;
  }
  const found =
    extractBun(bytes, container, lim) ??
    extractSea(bytes, container, lim) ??
    extractDeno(bytes, container, lim) ??
    extractNexe(bytes, container, lim) ??
    extractPkg(bytes, container, lim);
  if (found) return found;
  if (container.error) throw container.error;
  return null;
}
