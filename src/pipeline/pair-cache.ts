// A pair's diff and findings, cached: re-running an audit (another report format, a range that
// grew by one release) recomputes only the pairs it has not seen. A pair of 13 MB bundles costs
// seconds to diff and classify even with both versions' units cached.
//
// The key is everything the result depends on: both versions as prepared (label, every file's
// path, kind and sha256 or skip reason, the executables read), the diff mode, and the build of
// the tool itself (build-fingerprint.ts), so a change to any rule or stage misses.
import { createHash } from 'node:crypto';
import { buildFingerprint } from '../cache/build-fingerprint.js';
import type { PairClassification } from '../classify/index.js';
import type { PairDiffResult } from '../diff/pair-diff.js';
import type { NativeProvenance, PayloadFile } from '../types.js';
import { TOOL_VERSION } from '../version.js';

export interface PairSideIdentity {
  label: string;
  files: PayloadFile[];
  native?: NativeProvenance;
}

export interface CachedPair {
  diff: PairDiffResult;
  classification: PairClassification;
}

export function pairCacheKey(from: PairSideIdentity, to: PairSideIdentity, options: { raw: boolean }): string {
  const identity = (s: PairSideIdentity) => ({ label: s.label, files: s.files, native: s.native ?? null });
  const digest = createHash('sha256')
    .update(JSON.stringify({ raw: options.raw, from: identity(from), to: identity(to) }))
    .digest('hex');
  return `pair/${TOOL_VERSION}/${buildFingerprint()}/${digest}`;
}

export function encodePair(pair: CachedPair): Buffer {
  // The pairing served the classifier and is not part of the result.
  const { pairing: _, ...diff } = pair.diff;
  return Buffer.from(JSON.stringify({ diff, classification: pair.classification }), 'utf8');
}

/** The cached pair, or null when the bytes are not one (it is then recomputed). */
export function decodePair(data: Buffer): CachedPair | null {
  try {
    const parsed = JSON.parse(data.toString('utf8')) as Partial<CachedPair>;
    const { diff, classification } = parsed;
    if (!diff || typeof diff.from !== 'string' || !Array.isArray(diff.files) || !diff.stats) return null;
    if (!classification || !Array.isArray(classification.introduced) || !Array.isArray(classification.removed)) return null;
    return { diff, classification };
  } catch {
    return null;
  }
}
