// Single-byte XOR key recovery: try every key, keep the one whose output reads best.
import { bytesToText, xorSingle } from './bytes.js';
import { READABLE, readability } from './readability.js';

/** Bytes scored per key: enough to tell text from noise. */
const SAMPLE_BYTES = 2048;
/** Keys whose output is at least this printable are scored fully. */
const MIN_PRINTABLE = 0.95;

function isPrintableByte(b: number): boolean {
  return (b >= 0x20 && b < 0x7f) || b === 0x09 || b === 0x0a || b === 0x0d;
}

/**
 * Tries every key (1..255: 0 is no encoding). A byte histogram rules out most keys in 256×256 steps whatever the
 * length; the few left are scored by readability. Among equally readable outputs (a key and
 * the key ^ 0x20 flip letter case) the one with more lower-case letters wins. Null when no key
 * gives readable text.
 */
export function recoverSingleByteXor(bytes: Uint8Array): { key: number; text: string; readability: number } | null {
  if (bytes.length === 0) return null;
  const sample = bytes.length > SAMPLE_BYTES ? bytes.subarray(0, SAMPLE_BYTES) : bytes;
  const histogram = new Uint32Array(256);
  for (const b of sample) histogram[b]!++;
  let best: { key: number; score: number; lower: number } | null = null;
  // Key 0 changes nothing: text that is already readable was not XOR-encoded.
  for (let key = 1; key < 256; key++) {
    let printable = 0;
    for (let b = 0; b < 256; b++) if (histogram[b] && isPrintableByte(b ^ key)) printable += histogram[b]!;
    if (printable / sample.length < MIN_PRINTABLE) continue;
    const text = bytesToText(xorSingle(sample, key));
    const score = readability(text);
    let lower = 0;
    for (let b = 0x61; b <= 0x7a; b++) lower += histogram[b ^ key]!;
    if (!best || score > best.score || (score === best.score && lower > best.lower)) best = { key, score, lower };
  }
  if (!best || best.score < READABLE) return null;
  const text = bytesToText(xorSingle(bytes, best.key));
  return { key: best.key, text, readability: readability(text) };
}
