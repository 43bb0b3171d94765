// Byte-level decoders: base64, hex, XOR. Strict on input, so that ordinary strings are not
// taken for encoded ones.

/** Shortest base64 literal worth decoding. */
export const MIN_BASE64_CHARS = 8;

const BASE64_STD = /^[A-Za-z0-9+/]+={0,2}$/;
const BASE64_URL = /^[A-Za-z0-9_-]+={0,2}$/;

/**
 * Strict base64 (standard or URL-safe alphabet, not mixed): at least 8 characters, padding
 * only at the end and only to a multiple of four, no impossible length (4n+1). Whitespace is
 * not allowed: encoded literals in code are one run.
 */
export function decodeBase64(s: string): Uint8Array | null {
  if (s.length < MIN_BASE64_CHARS) return null;
  const std = BASE64_STD.test(s);
  if (!std && !BASE64_URL.test(s)) return null;
  const padded = s.endsWith('=');
  if (padded && s.length % 4 !== 0) return null;
  const body = s.replace(/=+$/, '');
  if (body.length % 4 === 1) return null;
  const buf = Buffer.from(body, std ? 'base64' : 'base64url');
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Hex pairs, even length, at least 8 characters (4 bytes), one case or the other throughout. */
export function decodeHex(s: string): Uint8Array | null {
  if (s.length < 8 || s.length % 2 !== 0) return null;
  if (!/^(?:[0-9a-f]+|[0-9A-F]+)$/.test(s)) return null;
  const buf = Buffer.from(s, 'hex');
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

export function xorSingle(bytes: Uint8Array, key: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  const k = key & 0xff;
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i]! ^ k;
  return out;
}

export function xorRepeating(bytes: Uint8Array, key: Uint8Array): Uint8Array {
  if (key.length === 0) return bytes.slice();
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i]! ^ key[i % key.length]!;
  return out;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes as text: UTF-8 when they are valid UTF-8, else one character per byte (latin1). */
export function bytesToText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  }
}

/** A string's UTF-16 units as bytes (low byte), as `charCodeAt(i) & 0xff` would read them. */
export function charCodesToBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

/** Control characters (other than tab and newlines) written as \xNN, so the text can be shown. */
export function printableText(text: string): string {
  return text.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g, (c) => '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0'));
}
