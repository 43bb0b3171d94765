// The cached form of a file's units (part of UNITS_FORMAT): JSON in ASCII only, with every unit's
// MinHash signature packed into one base64 string, and without the canonical text. A 13 MB
// bundle's units are ~13.5 MB of it, read on the main thread for every diff: the canonical texts
// made 18 MB more (the diff needs only their hashes), 64 signature values per unit written as
// decimal numbers made a third of the rest, and a single non-ASCII character anywhere made the
// decoded text a two-byte string (twice the memory, slower to parse).
import { endianness } from 'node:os';
import { MINHASH_SIZE } from '../units/minhash.js';
import type { FileUnits, Unit } from '../units/types.js';

interface CachedFileUnits extends Omit<FileUnits, 'units'> {
  units: Omit<Unit, 'minhash' | 'canonical'>[];
  /** The units' signatures in unit order, MINHASH_SIZE values each, as uint32 little-endian, in base64. */
  minhash: string;
}

/** Signatures are stored little-endian; typed arrays use the machine's byte order. */
const BIG_ENDIAN = endianness() === 'BE';

export function encodeUnits(file: FileUnits): Buffer {
  const values = new Uint32Array(file.units.length * MINHASH_SIZE);
  const units = file.units.map(({ minhash, canonical: _, ...unit }, i) => {
    if (minhash.length !== MINHASH_SIZE) throw new Error(`unit ${i} of ${file.path}: a signature of ${minhash.length} values, not ${MINHASH_SIZE}`);
    values.set(minhash, i * MINHASH_SIZE);
    return unit;
  });
  const packed = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  if (BIG_ENDIAN) packed.swap32();
  const cached: CachedFileUnits = { ...file, units, minhash: packed.toString('base64') };
  return asciiJson(JSON.stringify(cached));
}

export function decodeUnits(data: Buffer): FileUnits {
  const { minhash, units, ...file } = JSON.parse(data.toString('utf8')) as CachedFileUnits;
  const packed = Buffer.from(minhash, 'base64');
  if (packed.length !== units.length * MINHASH_SIZE * 4) throw new Error('units cache entry: the signatures do not match the units');
  // Copied into an array of its own: a small decoded buffer sits in a shared pool, not 4-byte aligned.
  const values = new Uint32Array(packed.length / 4);
  const bytes = Buffer.from(values.buffer);
  bytes.set(packed);
  if (BIG_ENDIAN) bytes.swap32();
  // The parsed objects are fresh: completed in place rather than copied.
  const complete = units as Unit[];
  complete.forEach((unit, i) => {
    const signature: number[] = [];
    for (let k = i * MINHASH_SIZE, end = k + MINHASH_SIZE; k < end; k++) signature.push(values[k]!);
    unit.minhash = signature;
  });
  return { ...file, units: complete };
}

/**
 * JSON text as bytes, with every non-ASCII character written as a `\uXXXX` escape: the same JSON
 * value, decoded later into a one-byte string.
 */
export function asciiJson(json: string): Buffer {
  // The runs to escape are found in the string, and the ASCII around them written as Latin-1:
  // no more work than encoding the whole text as UTF-8.
  const nonAscii = /[^\x00-\x7f]+/g;
  const runs: number[] = [];
  const escapes: string[] = [];
  let extra = 0;
  for (let m = nonAscii.exec(json); m; m = nonAscii.exec(json)) {
    const run = m[0];
    let escaped = '';
    for (let k = 0; k < run.length; k++) escaped += `\\u${run.charCodeAt(k).toString(16).padStart(4, '0')}`;
    runs.push(m.index, m.index + run.length);
    escapes.push(escaped);
    extra += escaped.length - run.length;
  }
  const out = Buffer.allocUnsafe(json.length + extra);
  let at = 0;
  let from = 0;
  escapes.forEach((escaped, r) => {
    at += out.write(json.slice(from, runs[2 * r]), at, 'latin1');
    at += out.write(escaped, at, 'latin1');
    from = runs[2 * r + 1]!;
  });
  out.write(json.slice(from), at, 'latin1');
  return out;
}
