import { describe, expect, it } from 'vitest';
import { decodePair, encodePair, pairCacheKey, type PairSideIdentity } from '../../src/pipeline/pair-cache.js';
import type { PairDiffResult } from '../../src/diff/pair-diff.js';

const side = (label: string, sha = 'a'.repeat(64)): PairSideIdentity => ({
  label,
  files: [{ path: 'index.js', size: 10, sha256: sha, kind: 'js' }],
});

const diff: PairDiffResult = {
  from: '1.0.0',
  to: '1.0.1',
  stats: { filesChanged: 1, linesAdded: 1, linesRemoved: 0, naive: { linesAdded: 1, linesRemoved: 0 } },
  files: [{ path: 'index.js', status: 'modified', linesAdded: 1, linesRemoved: 0, unified: 'diff --git a/index.js b/index.js\n' }],
  pairing: { changed: [], added: [{ file: 'index.js', index: 0 }], removed: [] },
};

describe('pair cache', () => {
  it('keys a pair by both versions as prepared and by the diff mode', () => {
    const key = pairCacheKey(side('1.0.0'), side('1.0.1'), { raw: false });
    expect(key).toMatch(/^pair\/[^/]+\/[0-9a-f]{32}\/[0-9a-f]{64}$/);
    expect(pairCacheKey(side('1.0.0'), side('1.0.1'), { raw: false })).toBe(key);
    expect(pairCacheKey(side('1.0.0'), side('1.0.1'), { raw: true })).not.toBe(key);
    expect(pairCacheKey(side('1.0.0'), side('1.0.2'), { raw: false })).not.toBe(key);
    expect(pairCacheKey(side('1.0.0'), side('1.0.1', 'b'.repeat(64)), { raw: false })).not.toBe(key);
    const followed: PairSideIdentity = { ...side('1.0.1'), native: { platform: 'linux-x64', binaries: [] } };
    expect(pairCacheKey(side('1.0.0'), followed, { raw: false })).not.toBe(key);
  });

  it('keeps the result, not the pairing that served the classifier', () => {
    const classification = { introduced: [], removed: ['fp1'] };
    const decoded = decodePair(encodePair({ diff, classification }));
    const { pairing: _, ...withoutPairing } = diff;
    expect(decoded).toEqual({ diff: withoutPairing, classification });
  });

  it('reads anything else as a miss', () => {
    for (const bytes of ['', 'not json', '{}', '{"diff":{"from":"1"},"classification":{"introduced":[],"removed":[]}}', JSON.stringify({ diff, classification: {} })]) {
      expect(decodePair(Buffer.from(bytes))).toBeNull();
    }
  });
});
