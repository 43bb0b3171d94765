// The units stage: a JavaScript file split into units with identifier-insensitive canonical
// forms and fingerprints (hash, anchors, MinHash), for matching units across versions.
export { extractUnits, MAX_PARSE_CHARS, ANCHOR_MIN_LENGTH } from './extract-units.js';
export { canonicalize, MAX_ANALYSED_UNIT_CHARS } from './canonical.js';
export type { CanonicalToken, CanonicalizeOptions, Canonical } from './canonical.js';
export type { Shorthand } from './unit-syntax.js';
export { estimateJaccard, minhash, MINHASH_SIZE, SHINGLE_LENGTH } from './minhash.js';
export type { FileUnits, HelperFamily, Unit, UnitKind } from './types.js';
