// A little-endian byte writer for the test builders.
export class Writer {
  private chunks: Uint8Array[] = [];
  length = 0;

  bytes(data: Uint8Array | string): this {
    const u8 = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    this.chunks.push(u8);
    this.length += u8.length;
    return this;
  }
  u8(v: number): this {
    return this.bytes(Uint8Array.of(v & 0xff));
  }
  u16(v: number, le = true): this {
    const b = Buffer.alloc(2);
    if (le) b.writeUInt16LE(v);
    else b.writeUInt16BE(v);
    return this.bytes(b);
  }
  u32(v: number, le = true): this {
    const b = Buffer.alloc(4);
    if (le) b.writeUInt32LE(v >>> 0);
    else b.writeUInt32BE(v >>> 0);
    return this.bytes(b);
  }
  u64(v: number | bigint, le = true): this {
    const b = Buffer.alloc(8);
    if (le) b.writeBigUInt64LE(BigInt(v));
    else b.writeBigUInt64BE(BigInt(v));
    return this.bytes(b);
  }
  f64(v: number): this {
    const b = Buffer.alloc(8);
    b.writeDoubleLE(v);
    return this.bytes(b);
  }
  zeros(n: number): this {
    return this.bytes(new Uint8Array(n));
  }
  /** Pads with zeros to a multiple of `n` bytes. */
  align(n: number): this {
    const r = this.length % n;
    return r ? this.zeros(n - r) : this;
  }
  /** Fixed-width NUL-padded name. */
  name(s: string, width: number): this {
    const b = Buffer.alloc(width);
    b.write(s, 'latin1');
    return this.bytes(b);
  }
  done(): Uint8Array {
    return Buffer.concat(this.chunks);
  }
}

export const concat = (...parts: (Uint8Array | string)[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p)));

export const u64le = (v: number): Uint8Array => new Writer().u64(v).done();
export const u32le = (v: number): Uint8Array => new Writer().u32(v).done();

/** Writes a little-endian u64 into a copy of `bytes` at `off`. */
export function patchU64(bytes: Uint8Array, off: number, v: number | bigint): Uint8Array {
  const out = Buffer.from(bytes);
  out.writeBigUInt64LE(BigInt(v), off);
  return out;
}
export function patchU32(bytes: Uint8Array, off: number, v: number): Uint8Array {
  const out = Buffer.from(bytes);
  out.writeUInt32LE(v >>> 0, off);
  return out;
}
