// How the walk over versions handles a failure that comes after the download: a version whose
// code cannot be prepared, and a pair that cannot be diffed. Sides are built in memory; the
// failures are injected where they would happen (the worker pool, the diff).
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildPayload } from '../../src/payload/build-payload.js';
import { createRunContext, type RunContext } from '../../src/pipeline/context.js';
import { runPairs } from '../../src/pipeline/run-pairs.js';
import type { Side } from '../../src/pipeline/sides.js';

vi.mock('../../src/diff/pair-diff.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/diff/pair-diff.js')>();
  return {
    ...original,
    diffPair: (from: { version: string }, to: { version: string }, options: unknown) =>
      to.version === '1.0.3-nodiff' ? Promise.reject(new TypeError('the diff fell over')) : original.diffPair(from as never, to as never, options as never),
  };
});

const dirs: string[] = [];
const contexts: RunContext[] = [];
afterEach(async () => {
  for (const ctx of contexts.splice(0)) await ctx.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A context whose worker pool throws on the units of any file that contains EXPLODE. */
async function context(): Promise<RunContext> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'strata-pairs-'));
  dirs.push(dir);
  const ctx = await createRunContext({ cacheDir: dir, npm: { registry: 'http://127.0.0.1:9/' }, threads: 1 });
  contexts.push(ctx);
  const run = ctx.pool.run.bind(ctx.pool);
  ctx.pool.run = <T,>(task: Parameters<typeof run>[0], input: unknown, signal?: AbortSignal) =>
    task === 'unitsJson' && String((input as { text: string }).text).includes('EXPLODE') ? Promise.reject(new TypeError('units exploded')) : run<T>(task, input, signal);
  return ctx;
}

function side(version: string, code: string, extra: Record<string, unknown> = {}): Side {
  const file = (p: string, text: string) => {
    const data = Buffer.from(text);
    return { path: p, size: data.length, sha256: createHash('sha256').update(data).digest('hex'), data };
  };
  return {
    label: version,
    info: { version, publishedAt: null, integrity: null, shasum: null, tarball: null },
    cacheKey: null,
    load: async (ctx) => buildPayload([file('package.json', JSON.stringify({ name: 'p', version, ...extra })), file('index.js', code)], ctx.limits),
  };
}

describe('runPairs when a version or a pair fails after its download', () => {
  it('skips a version whose code cannot be prepared, and pairs across it', async () => {
    const ctx = await context();
    const result = await runPairs([side('1.0.0', 'a = 1;'), side('1.0.1', 'EXPLODE = 1;'), side('1.0.2', 'a = 2;')], ctx, { keepGoing: true });
    expect(result.failures.map((f) => f?.message)).toEqual([undefined, 'unexpected error while analysing it: units exploded', undefined]);
    expect(result.diffs.map((d) => `${d.from}..${d.to}`)).toEqual(['1.0.0..1.0.2']);
    expect(result.pairs).toEqual([{ skipped: ['1.0.1'] }]);
    expect(result.files[1]).toEqual([]);
  });

  it('moves the baseline on when the first version fails', async () => {
    const ctx = await context();
    const result = await runPairs([side('1.0.0', 'EXPLODE = 0;'), side('1.0.1', 'a = 1;', { scripts: { postinstall: 'x' } }), side('1.0.2', 'a = 2;')], ctx, { keepGoing: true });
    expect(result.failures.map((f) => f?.code)).toEqual(['TypeError', undefined, undefined]);
    expect(result.diffs.map((d) => `${d.from}..${d.to}`)).toEqual(['1.0.1..1.0.2']);
    expect(result.pairs).toEqual([{}]);
    // The install script was there from the first version analysed on.
    expect(result.baseline.map((f) => f.ruleId)).toContain('install-script');
  });

  it('reports a pair that cannot be diffed as not analysed, and goes on', async () => {
    const ctx = await context();
    const sides = [side('1.0.0', 'a = 0;'), side('1.0.1', 'a = 1;'), side('1.0.3-nodiff', 'a = 3;'), side('1.0.4', 'a = 4;')];
    const result = await runPairs(sides, ctx, { keepGoing: true });
    expect(result.failures.every((f) => f === undefined)).toBe(true);
    expect(result.diffs.map((d) => `${d.from}..${d.to}`)).toEqual(['1.0.0..1.0.1', '1.0.1..1.0.3-nodiff', '1.0.3-nodiff..1.0.4']);
    expect(result.pairs[1]).toEqual({ error: 'unexpected error while analysing it: the diff fell over' });
    expect(result.diffs[1]).toMatchObject({ stats: { filesChanged: 0, linesAdded: 0, linesRemoved: 0 }, files: [] });
    expect(result.diffs[2]!.files.find((f) => f.path === 'index.js')).toMatchObject({ linesAdded: 1, linesRemoved: 1 });
  });

  it('stops at the first failure without keepGoing', async () => {
    const ctx = await context();
    await expect(runPairs([side('1.0.0', 'a = 1;'), side('1.0.1', 'EXPLODE = 1;')], ctx)).rejects.toThrow('units exploded');
  });
});
