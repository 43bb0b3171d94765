import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { beautifiedKey } from '../../src/beautify/beautifier.js';
import { createArtefactStore } from '../../src/cache/store.js';
import { countTextChanges } from '../../src/diff/line-diff.js';
import { diff } from '../../src/index.js';
import { countLines } from '../../src/workers/tasks.js';
import { fixtureDir } from '../helpers/registry.js';

const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'strata-naive-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describe('the plain line count', () => {
  it('is counted in the worker from the cached texts', async () => {
    const store = createArtefactStore(cacheDir);
    const a = 'const a = "Grüße";\n  let b = 1;\nf(a);\n';
    const b = 'const a = "Grüße 😀";\nlet b = 1;\r\nf(a);\ng();\n';
    await store.put(beautifiedKey('a'), Buffer.from(a));
    await store.put(beautifiedKey('b'), Buffer.from(b));
    expect(await countLines({ cacheDir, old: beautifiedKey('a'), new: beautifiedKey('b') })).toEqual(countTextChanges(a, b));
    expect(await countLines({ cacheDir, new: beautifiedKey('b') })).toEqual(countTextChanges(undefined, b));
    expect(await countLines({ cacheDir, old: beautifiedKey('a'), new: beautifiedKey('missing') })).toBeNull();
  });

  it('is the same counted in the worker pool as in the diff itself (raw)', async () => {
    const a = fixtureDir('demo-pkg', '1.0.1');
    const b = fixtureDir('demo-pkg', '1.1.0');
    const opts = { cacheDir, threads: 1, platform: 'none' };
    const units = await diff(a, b, opts);
    const raw = await diff(a, b, { ...opts, raw: true });
    const naive = units.report.pairs[0]!.stats.naive!;
    expect(naive.linesAdded).toBeGreaterThan(0);
    expect(naive).toEqual(raw.report.pairs[0]!.stats.naive);
    expect(raw.report.pairs[0]!.stats.linesAdded).toBe(naive.linesAdded);
  });
});
