// Bounded reads over one executable held in memory. Nothing here copies the buffer: views are
// subarrays and text is decoded straight from the underlying ArrayBuffer.
import { NativePayloadError, type NativeLimits } from './errors.js';

const TWO_32 = 4294967296;

export class Bytes {
  readonly buf: Uint8Array;
  readonly length: number;
  private readonly dv: DataView;

  constructor(buf: Uint8Array) {
    this.buf = buf;
    this.length = buf.length;
    this.dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /** True when [off, off+len) lies inside the buffer (all integers, no overflow). */
  has(off: number, len: number): boolean {
    return Number.isSafeInteger(off) && Number.isSafeInteger(len) && off >= 0 && len >= 0 && off + len <= this.length;
  }

  /** Throws `payload not extractable: <what> out of bounds` unless [off, off+len) is inside. */
  need(off: number, len: number, what: string): void {
    if (!this.has(off, len)) {
      throw new NativePayloadError(`${what} out of bounds (offset ${fmt(off)}, length ${fmt(len)}, file ${this.length} bytes)`);
    }
  }

  u8(off: number): number {
    this.need(off, 1, 'read');
    return this.buf[off] as number;
  }
  u16(off: number, le = true): number {
    this.need(off, 2, 'read');
    return this.dv.getUint16(off, le);
  }
  u32(off: number, le = true): number {
    this.need(off, 4, 'read');
    return this.dv.getUint32(off, le);
  }
  /** A u64 as a JS number; values past 2^53 come back as they are and fail every bounds check. */
  u64(off: number, le = true): number {
    this.need(off, 8, 'read');
    const a = this.dv.getUint32(off, le);
    const b = this.dv.getUint32(off + 4, le);
    return le ? a + b * TWO_32 : b + a * TWO_32;
  }
  f64(off: number): number {
    this.need(off, 8, 'read');
    return this.dv.getFloat64(off, true);
  }

  sub(off: number, len: number, what = 'slice'): Uint8Array {
    this.need(off, len, what);
    return this.buf.subarray(off, off + len);
  }

  /** NUL-terminated ASCII/latin1 string starting at off, at most max bytes; null if unterminated. */
  cstr(off: number, max: number): string | null {
    if (!this.has(off, 0) || off >= this.length) return null;
    // Search only the window: an unbounded scan per name is quadratic over a long unterminated table.
    const nul = this.buf.subarray(off, Math.min(this.length, off + max + 1)).indexOf(0);
    if (nul < 0) return null;
    return latin1(this.buf, off, nul);
  }

  /** Fixed-width NUL-padded name (section names). */
  fixedName(off: number, width: number): string {
    this.need(off, width, 'name');
    let end = off;
    while (end < off + width && this.buf[end] !== 0) end++;
    return latin1(this.buf, off, end - off);
  }

  equals(off: number, ascii: string): boolean {
    if (!this.has(off, ascii.length)) return false;
    for (let i = 0; i < ascii.length; i++) if (this.buf[off + i] !== ascii.charCodeAt(i)) return false;
    return true;
  }

  /** Last index of an ASCII needle at or before `from` (native search, no JS byte loop). */
  lastIndexOf(ascii: string, from = this.length): number {
    return asBuffer(this.buf).lastIndexOf(ascii, from, 'latin1');
  }
  /** Last index of an ASCII needle lying wholly inside [start, end), or -1. */
  lastIndexIn(ascii: string, start: number, end: number): number {
    const s = Math.max(0, start);
    const e = Math.min(this.length, end);
    if (e - s < ascii.length) return -1;
    const at = asBuffer(this.buf.subarray(s, e)).lastIndexOf(ascii, e - s - ascii.length, 'latin1');
    return at < 0 ? -1 : s + at;
  }
  indexOf(ascii: string, from = 0): number {
    return asBuffer(this.buf).indexOf(ascii, from, 'latin1');
  }
}

function fmt(n: number): string {
  return Number.isFinite(n) ? String(n) : 'invalid';
}

/** A Buffer view over the same memory (no copy). */
export function asBuffer(u8: Uint8Array): Buffer {
  return Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
}

/** True ISO-8859-1 (bytes 0x80-0x9f map to U+0080-U+009F, unlike TextDecoder's windows-1252). */
export function latin1(u8: Uint8Array, off: number, len: number): string {
  return Buffer.from(u8.buffer, u8.byteOffset + off, len).toString('latin1');
}

const utf8Decoder = new TextDecoder('utf-8');
const utf8Fatal = new TextDecoder('utf-8', { fatal: true });
const utf16Decoder = new TextDecoder('utf-16le');

export type TextEncoding = 'latin1' | 'utf8' | 'utf16le';

export function decodeText(u8: Uint8Array, off: number, len: number, encoding: TextEncoding): string {
  const view = u8.subarray(off, off + len);
  if (encoding === 'latin1') return latin1(u8, off, len);
  if (encoding === 'utf16le') return utf16Decoder.decode(len % 2 ? view.subarray(0, len - 1) : view);
  return utf8Decoder.decode(view);
}

/** Whether bytes are valid UTF-8 (checked natively, no copy). */
export function isUtf8(view: Uint8Array): boolean {
  try {
    utf8Fatal.decode(view);
    return true;
  } catch {
    return false;
  }
}

/**
 * Heuristic for Bun's encoding byte 2, which newer Bun writes for UTF-16LE text and older source
 * reserved for UTF-8: text whose odd bytes are mostly zero over the first code units is UTF-16LE.
 */
export function looksUtf16le(view: Uint8Array): boolean {
  if (view.length < 2 || view.length % 2 !== 0) return false;
  const n = Math.min(view.length >> 1, 256);
  let zeros = 0;
  for (let i = 0; i < n; i++) if (view[i * 2 + 1] === 0) zeros++;
  return zeros >= n * 0.6;
}

/** Keeps count of the text decoded from one executable, against NativeLimits. */
export class TextBudget {
  used = 0;
  skippedLarge = 0;
  skippedTotal = 0;
  constructor(readonly limits: NativeLimits) {}
  /** Whether a module of `bytes` may be decoded; counts it when it may. */
  take(bytes: number): boolean {
    if (bytes > this.limits.maxModuleBytes) {
      this.skippedLarge++;
      return false;
    }
    if (this.used + bytes > this.limits.maxTotalTextBytes) {
      this.skippedTotal++;
      return false;
    }
    this.used += bytes;
    return true;
  }
  /** Most bytes one module may still decode to; decompressors stop there. */
  room(): number {
    return Math.max(0, Math.min(this.limits.maxModuleBytes, this.limits.maxTotalTextBytes - this.used));
  }
  /**
   * A module that would decompress past room(): listed without text. The inflating already done counts
   * against the total, so many entries sharing one bomb cannot each inflate a full module's worth.
   */
  overflow(): void {
    const room = this.room();
    this.take(room + 1);
    this.used += room;
  }
  notes(): string[] {
    const out: string[] = [];
    if (this.skippedLarge) out.push(`${this.skippedLarge} module(s) larger than ${this.limits.maxModuleBytes} bytes listed without text`);
    if (this.skippedTotal) out.push(`${this.skippedTotal} module(s) listed without text: total text limit of ${this.limits.maxTotalTextBytes} bytes reached`);
    return out;
  }
}

export function checkCount(count: number, limits: NativeLimits, what: string): void {
  if (!Number.isSafeInteger(count) || count < 0 || count > limits.maxModules) {
    throw new NativePayloadError(`absurd ${what} count ${fmt(count)} (limit ${limits.maxModules})`);
  }
}

/** Extension of a module path, lower-cased, without the dot ('' when none). */
export function extOf(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

const JS_EXT = new Set(['js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx']);
export function isJsName(name: string): boolean {
  return JS_EXT.has(extOf(name));
}
