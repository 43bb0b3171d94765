// Bun standalone executables (`bun build --compile`). The module graph ends with an Offsets footer
// and the trailer "\n---- Bun! ----\n"; where the graph sits depends on the container and the Bun
// version (see docs/native-formats.md). Every candidate placement is validated by structure: the
// footer's byte count must put the graph's start where the placement says, the module table must
// divide into one of the known record sizes, and every record's pointers must stay inside the graph.
import { Bytes, TextBudget, checkCount, decodeText, extOf, isJsName, isUtf8, looksUtf16le, type TextEncoding } from './bytes.js';
import type { Container } from './container.js';
import { elfVaddrToOffset } from './elf.js';
import { NativePayloadError, type NativeLimits } from './errors.js';
import type { EmbeddedModule, Extraction } from './types.js';

export const BUN_TRAILER = '\n---- Bun! ----\n';
const TRAILER_LEN = 16;
/** Newest first: 52 (module_info, bytecode_origin_path), 36 (bytecode, flags), 32, 28 (Bun 1.0/1.1). */
export const BUN_RECORD_SIZES = [52, 36, 32, 28] as const;
/** 32 bytes once compile_exec_argv (and flags) were added, 24 before. */
export const BUN_FOOTER_SIZES = [32, 24] as const;
const NAME_PREFIX = /^(\/\$bunfs\/|[A-Za-z]:[\\/]~BUN[\\/])/;
const CJS_HEAD = '(function(exports, require, module, __filename, __dirname) {';

interface Region {
  placement: string;
  /** Absolute start of the graph bytes when the placement fixes it (a length prefix). */
  start: number | null;
  /** Absolute end of the trailer. */
  end: number;
  /** Lowest offset the graph may start at. */
  min: number;
}

interface StringPointer {
  off: number;
  len: number;
}

interface RawRecord {
  name: StringPointer;
  contents: StringPointer;
  sourcemap: StringPointer;
  bytecode: StringPointer | null;
  encoding: number | null;
  loader: number | null;
  moduleFormat: number | null;
}

/** Finds and decodes a Bun module graph; null when the file carries none. */
export function extractBun(bytes: Uint8Array, container: Container, limits: NativeLimits): Extraction | null {
  const b = new Bytes(bytes);
  const regions = findRegions(b, container);
  if (!regions.length) return null;
  let firstError: NativePayloadError | null = null;
  for (const region of regions) {
    try {
      return decodeGraph(b, region, container, limits);
    } catch (err) {
      if (!(err instanceof NativePayloadError)) throw err;
      firstError ??= err;
    }
  }
  throw firstError as NativePayloadError;
}

function findRegions(b: Bytes, c: Container): Region[] {
  const out: Region[] = [];
  const sections = c.sections.filter((s) => {
    if (c.kind === 'elf' || c.kind === 'pe') return s.name === '.bun';
    return s.name === '__BUN,__bun' || s.name.endsWith(',__bun');
  });
  for (const s of sections) {
    const r = sectionRegion(b, c, s.offset, s.size);
    if (r) out.push(r);
  }
  // The appended tail (Linux before the .bun section, macOS before __BUN, Windows before .bun):
  // [graph][Offsets][trailer][u64 total file size].
  if (b.length >= 8 + TRAILER_LEN + 24 && b.equals(b.length - 8 - TRAILER_LEN, BUN_TRAILER)) {
    out.push({ placement: 'appended tail', start: null, end: b.length - 8, min: 0 });
  }
  // Tables unreadable, or an executable whose trailer is neither in a section nor at the tail:
  // one native backwards search for the trailer.
  if (!out.length && c.error) {
    const at = b.lastIndexOf(BUN_TRAILER);
    if (at >= 0) out.push({ placement: 'trailer found by search', start: null, end: at + TRAILER_LEN, min: 0 });
  }
  return out;
}

function sectionRegion(b: Bytes, c: Container, off: number, size: number): Region | null {
  const label = c.kind === 'elf' || c.kind === 'pe' ? '.bun section' : '__BUN,__bun section';
  if (size < 8) return null;
  const first = b.u64(off);
  if (first === 0) return null; // a plain bun runtime: the section is reserved but empty
  // [u64 length][graph] — the section holds the data (ELF since the section header names the
  // payload; Mach-O and PE in current Bun).
  if (8 + first <= size && first >= TRAILER_LEN && b.equals(off + 8 + first - TRAILER_LEN, BUN_TRAILER)) {
    return { placement: `${label} holding the data, u64 length prefix`, start: off + 8, end: off + 8 + first, min: off + 8 };
  }
  // [u32 length][graph] — Mach-O and PE in older Bun.
  const first32 = b.u32(off);
  if (4 + first32 <= size && first32 >= TRAILER_LEN && b.equals(off + 4 + first32 - TRAILER_LEN, BUN_TRAILER)) {
    return { placement: `${label} holding the data, u32 length prefix`, start: off + 4, end: off + 4 + first32, min: off + 4 };
  }
  if (c.kind === 'elf' && c.elf) {
    // The section holds the virtual address of [u64 length][graph] appended to the file.
    const target = elfVaddrToOffset(c.elf, first, 8);
    if (target < 0) throw new NativePayloadError(`.bun section pointer 0x${first.toString(16)} is mapped by no PT_LOAD segment`);
    if (target === off) throw new NativePayloadError('.bun section pointer refers to itself');
    const len = b.u64(target);
    if (!b.has(target + 8, len)) throw new NativePayloadError(`.bun pointer target length ${len} out of bounds at ${target}`);
    if (len < TRAILER_LEN || !b.equals(target + 8 + len - TRAILER_LEN, BUN_TRAILER)) {
      throw new NativePayloadError('.bun pointer target does not end with the Bun trailer');
    }
    return { placement: '.bun section holding a pointer to appended data', start: target + 8, end: target + 8 + len, min: target + 8 };
  }
  // No prefix validates: look for the trailer inside the section itself.
  const hit = b.lastIndexIn(BUN_TRAILER, off, off + size);
  if (hit >= 0) return { placement: `${label}, no length prefix`, start: null, end: hit + TRAILER_LEN, min: off };
  throw new NativePayloadError(`${label} holds no Bun module graph (no trailer at the length it declares)`);
}

function decodeGraph(b: Bytes, region: Region, c: Container, limits: NativeLimits): Extraction {
  const trailerStart = region.end - TRAILER_LEN;
  const reasons: string[] = [];
  for (const footer of BUN_FOOTER_SIZES) {
    const offStart = trailerStart - footer;
    if (offStart < region.min) {
      reasons.push(`${footer}-byte footer: graph too small`);
      continue;
    }
    const byteCount = b.u64(offStart);
    const base = offStart - byteCount;
    if (region.start !== null && base !== region.start) {
      reasons.push(`${footer}-byte footer: byte count ${byteCount} puts the graph at ${base}, the container says ${region.start}`);
      continue;
    }
    if (!Number.isSafeInteger(base) || base < region.min) {
      reasons.push(`${footer}-byte footer: byte count ${byteCount} out of bounds`);
      continue;
    }
    const mods: StringPointer = { off: b.u32(offStart + 8), len: b.u32(offStart + 12) };
    const entry = b.u32(offStart + 16);
    if (mods.off + mods.len > byteCount) {
      reasons.push(`${footer}-byte footer: module table (${mods.off}+${mods.len}) out of bounds of ${byteCount}-byte graph`);
      continue;
    }
    let argv = '';
    if (footer === 32) {
      const a: StringPointer = { off: b.u32(offStart + 20), len: b.u32(offStart + 24) };
      if (a.len > 0) {
        if (a.off + a.len > byteCount) {
          reasons.push(`${footer}-byte footer: exec argv out of bounds`);
          continue;
        }
        argv = decodeText(b.buf, base + a.off, Math.min(a.len, 4096), 'utf8');
      }
    }
    for (const size of BUN_RECORD_SIZES) {
      if (mods.len === 0 || mods.len % size !== 0) continue;
      const count = mods.len / size;
      checkCount(count, limits, 'Bun module');
      const parsed = readRecords(b, base, byteCount, mods.off, count, size);
      if (typeof parsed === 'string') {
        reasons.push(`${footer}-byte footer, ${size}-byte records: ${parsed}`);
        continue;
      }
      if (entry >= count) {
        reasons.push(`${footer}-byte footer, ${size}-byte records: entry point id ${entry} out of range (${count} modules)`);
        continue;
      }
      const layout = `bun: ${size}-byte records, ${footer}-byte footer, ${region.placement}`;
      return build(b, base, parsed.records, entry, layout, argv, c, limits, parsed.altOrder);
    }
    if (mods.len === 0) reasons.push(`${footer}-byte footer: empty module table`);
    else if (!BUN_RECORD_SIZES.some((s) => mods.len % s === 0)) {
      reasons.push(`${footer}-byte footer: module table of ${mods.len} bytes fits no record size (52/36/32/28)`);
    }
  }
  throw new NativePayloadError(`Bun module graph (${region.placement}) fails validation: ${reasons.join('; ')}`);
}

function readRecords(
  b: Bytes,
  base: number,
  byteCount: number,
  tableOff: number,
  count: number,
  size: number,
): { records: RawRecord[]; altOrder: boolean } | string {
  const orders = size === 28 ? [false, true] : [false];
  let reason = '';
  let best: { records: RawRecord[]; altOrder: boolean; terminated: number } | null = null;
  for (const alt of orders) {
    const got = readRecordsIn(b, base, byteCount, tableOff, count, size, alt);
    if (typeof got === 'string') {
      reason ||= got;
      continue;
    }
    // Bun writes names and contents NUL-terminated: when two readings of a 28-byte table both
    // fit, the one whose contents end on a NUL is the real one.
    const terminated = got.filter((r) => r.contents.len === 0 || b.buf[base + r.contents.off + r.contents.len] === 0).length;
    if (!best || terminated > best.terminated) best = { records: got, altOrder: alt, terminated };
  }
  return best ?? reason;
}

function readRecordsIn(b: Bytes, base: number, byteCount: number, tableOff: number, count: number, size: number, alt: boolean): RawRecord[] | string {
  const records: RawRecord[] = [];
  let prefixed = 0;
  let bad = '';
  for (let i = 0; i < count && !bad; i++) {
    const r = base + tableOff + i * size;
    const sp = (at: number): StringPointer => ({ off: b.u32(r + at), len: b.u32(r + at + 4) });
    let rec: RawRecord;
    if (size === 28 && alt) {
      // { name, loader (+3 padding), contents, sourcemap } in declaration order.
      rec = { name: sp(0), loader: b.u8(r + 8), contents: sp(12), sourcemap: sp(20), bytecode: null, encoding: null, moduleFormat: null };
    } else {
      const flagsAt = size === 52 ? 48 : size === 36 ? 32 : size === 28 ? 24 : -1;
      rec = {
        name: sp(0),
        contents: sp(8),
        sourcemap: sp(16),
        bytecode: size >= 32 ? sp(24) : null,
        encoding: size === 28 || flagsAt < 0 ? null : b.u8(r + flagsAt),
        loader: flagsAt < 0 ? null : b.u8(r + flagsAt + (size === 28 ? 0 : 1)),
        moduleFormat: size === 28 || flagsAt < 0 ? null : b.u8(r + flagsAt + 2),
      };
    }
    for (const [what, p] of [['name', rec.name], ['contents', rec.contents], ['sourcemap', rec.sourcemap], ['bytecode', rec.bytecode]] as const) {
      // Empty contents still give the module's offset (and are decoded), so their pointer is checked too.
      if (p && (p.len > 0 || what === 'contents') && p.off + p.len > byteCount) bad = `module ${i} ${what} pointer (${p.off}+${p.len}) out of bounds of ${byteCount}-byte graph`;
    }
    if (bad) break;
    if (rec.name.len === 0 || rec.name.len > 4096) {
      bad = `module ${i} has a name of ${rec.name.len} bytes`;
      break;
    }
    const nameView = b.buf.subarray(base + rec.name.off, base + rec.name.off + rec.name.len);
    if (nameView.some((ch) => ch < 0x20 || ch === 0x7f)) {
      bad = `module ${i} name is not text`;
      break;
    }
    if (rec.encoding !== null && rec.encoding > 3) {
      bad = `module ${i} encoding byte ${rec.encoding} unknown`;
      break;
    }
    if (NAME_PREFIX.test(decodeText(nameView, 0, Math.min(nameView.length, 16), 'latin1'))) prefixed++;
    records.push(rec);
  }
  if (!bad && prefixed === 0) bad = 'no module name starts with /$bunfs/ or B:/~BUN/';
  if (bad) return bad;
  // A content range must not overlap its own name (a misread of the table does).
  for (const r of records) {
    if (r.contents.len > 0 && r.contents.off < r.name.off + r.name.len && r.name.off < r.contents.off + r.contents.len) {
      return 'a module\'s contents overlap its name';
    }
  }
  // Bun writes each module's contents once: overlapping contents are a misread, or a hostile table
  // making thousands of records re-check and re-decode the same bytes.
  const spans = records.map((r) => r.contents).filter((p) => p.len > 0).sort((x, y) => x.off - y.off);
  for (let i = 1; i < spans.length; i++) {
    const prev = spans[i - 1] as StringPointer;
    if ((spans[i] as StringPointer).off < prev.off + prev.len) return 'two modules\' contents overlap';
  }
  return records;
}

const TEXT_EXT = new Set(['md', 'txt', 'html', 'htm', 'css', 'svg', 'xml', 'yaml', 'yml', 'toml', 'csv', 'sh']);

function kindOf(rec: RawRecord, name: string, view: Uint8Array): string {
  if (rec.contents.len === 0 && rec.bytecode && rec.bytecode.len > 0) return 'bytecode';
  const ext = extOf(name);
  if (rec.loader !== null && rec.loader <= 3) return 'js';
  if (ext === 'node') return 'native-addon';
  if (ext === 'wasm') return 'wasm';
  // Embedded as a file (loader "file"): a .js name may hold compressed or binary bytes.
  const binaryFile = rec.loader !== null && rec.encoding === 0 && (isZstd(view) || !isUtf8(view));
  if (binaryFile) return 'asset';
  if (isJsName(name)) return 'js';
  if (ext === 'json') return 'json';
  if (ext === 'map') return 'sourcemap';
  if (ext === 'node') return 'native-addon';
  if (ext === 'wasm') return 'wasm';
  if (TEXT_EXT.has(ext)) return 'text';
  return 'asset';
}

function isZstd(view: Uint8Array): boolean {
  return view.length >= 4 && view[0] === 0x28 && view[1] === 0xb5 && view[2] === 0x2f && view[3] === 0xfd;
}

function encodingOf(rec: RawRecord, view: Uint8Array, kind: string): TextEncoding | null {
  switch (rec.encoding) {
    case 1:
      return 'latin1';
    case 2:
    case 3:
      return looksUtf16le(view) ? 'utf16le' : 'utf8';
    case 0:
      if (kind === 'js') return 'utf8';
      return isUtf8(view) ? 'utf8' : null;
    default:
      if (kind === 'js') return 'utf8';
      if (looksUtf16le(view)) return 'utf16le';
      return isUtf8(view) ? 'utf8' : null;
  }
}

function build(
  b: Bytes,
  base: number,
  records: RawRecord[],
  entry: number,
  layout: string,
  argv: string,
  c: Container,
  limits: NativeLimits,
  altOrder: boolean,
): Extraction {
  const budget = new TextBudget(limits);
  const modules: EmbeddedModule[] = [];
  let entryName = '?';
  let withBytecode = 0;
  let bytecodeOnly = 0;
  let utf16 = 0;
  for (let i = 0; i < records.length; i++) {
    const rec = records[i] as RawRecord;
    const name = decodeText(b.buf, base + rec.name.off, rec.name.len, 'utf8');
    const offset = base + rec.contents.off;
    const size = rec.contents.len;
    const kind = kindOf(rec, name, b.buf.subarray(offset, offset + size));
    if (i === entry) entryName = name;
    if (rec.bytecode && rec.bytecode.len > 0) withBytecode++;
    const mod: EmbeddedModule = { name, text: null, offset, size, kind };
    if (kind === 'bytecode') {
      bytecodeOnly++;
      mod.offset = base + (rec.bytecode as StringPointer).off;
      mod.size = (rec.bytecode as StringPointer).len;
    } else if (kind === 'js' || kind === 'json' || kind === 'text') {
      const view = b.buf.subarray(offset, offset + size);
      const encoding = encodingOf(rec, view, kind);
      if (encoding) {
        mod.encoding = encoding;
        if (encoding === 'utf16le') utf16++;
        if (budget.take(size)) {
          const raw = decodeText(b.buf, offset, size, encoding);
          mod.text = kind === 'js' ? stripBunWrappers(raw) : raw;
        }
      }
    }
    modules.push(mod);
    if (rec.sourcemap.len > 0) {
      modules.push({ name: `${name}.map`, text: null, offset: base + rec.sourcemap.off, size: rec.sourcemap.len, kind: 'sourcemap' });
    }
  }
  const notes: string[] = [`entry point: ${entryName}`];
  if (withBytecode) notes.push(`${withBytecode} module(s) carry JavaScriptCore bytecode beside their source (a start-up cache)`);
  if (bytecodeOnly) notes.push(`${bytecodeOnly} module(s): bytecode only, no source`);
  if (utf16) notes.push(`${utf16} module(s) stored as UTF-16LE text`);
  if (argv) notes.push(`compile exec argv: ${argv}`);
  if (altOrder) notes.push('28-byte records in declaration order (name, loader, contents, sourcemap)');
  notes.push(...budget.notes());
  return { container: c.kind, format: 'bun', layout, modules, notes };
}

/**
 * Drops Bun's `// @bun ...` pragma line and, for CommonJS output, the wrapper
 * `(function(exports, require, module, __filename, __dirname) {` ... `})` so the text is the module body.
 */
export function stripBunWrappers(text: string): string {
  let t = text;
  if (t.startsWith('// @bun')) {
    const nl = t.indexOf('\n');
    t = nl < 0 ? '' : t.slice(nl + 1);
  }
  if (t.startsWith(CJS_HEAD)) {
    let end = t.length;
    while (end > 0 && isSpace(t.charCodeAt(end - 1))) end--;
    if (t.startsWith('})', end - 2) && end - 2 >= CJS_HEAD.length) t = t.slice(CJS_HEAD.length, end - 2);
  }
  return t;
}

function isSpace(ch: number): boolean {
  return ch === 0x20 || ch === 0x0a || ch === 0x0d || ch === 0x09 || ch === 0;
}
