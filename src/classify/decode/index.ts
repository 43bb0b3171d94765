// Decoders of encoded literals in package code: they recognise an idiom (base64, hex, XOR,
// char-code lists, escapes, split) and re-implement it. Package code is never run.
export { decodeLiterals, type Decoded, type DecodeOptions } from './literals.js';
export { findDecoders, type DecoderFunction } from './decoders.js';
export { detectTransform, type Transform, type XorKey } from './idioms.js';
export { decodeBase64, decodeHex, xorSingle, xorRepeating, bytesToText } from './bytes.js';
export { recoverSingleByteXor } from './xor.js';
export { readability, READABLE } from './readability.js';
