// A long-lived process (queue workers, strata watch) makes the store, the worker pool and the
// registry client once and hands them to every run: the runs use those very objects, leave them
// open, and still see releases published between two runs.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createArtefactStore } from '../../src/cache/store.js';
import { loadNpmConfig } from '../../src/config/npm-config.js';
import { audit, diff } from '../../src/index.js';
import { embeddedRunner } from '../../src/queue/embedded.js';
import { createRegistryClient } from '../../src/registry/client.js';
import { createWorkerPool } from '../../src/workers/pool.js';
import { GATED, ORDINARY, releaseTarball } from '../helpers/release-code.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

const NAME = 'shared-pkg';
let registry: TestRegistry;
let ws: Workspace;

beforeAll(async () => {
  registry = await startRegistry({
    packages: [],
    extra: [
      { name: NAME, version: '1.0.0', tarball: releaseTarball(NAME, '1.0.0', ORDINARY) },
      { name: NAME, version: '1.1.0', tarball: releaseTarball(NAME, '1.1.0', GATED) },
    ],
  });
  ws = createWorkspace(registry);
});
afterAll(async () => {
  await registry.close();
  ws.cleanup();
});

describe('a store, pool and registry client given to the runs', () => {
  it('are the ones every run uses, and stay open after each', async () => {
    const store = createArtefactStore(ws.cacheDir);
    const pool = createWorkerPool({ threads: 1 });
    const registryClient = createRegistryClient({ npm: await loadNpmConfig({ cwd: ws.dir, env: ws.env }), cacheDir: ws.cacheDir });
    const close = vi.spyOn(pool, 'close');
    const run = vi.spyOn(pool, 'run');
    const storeSpies = (['get', 'has', 'put', 'memo'] as const).map((method) => vi.spyOn(store, method));
    const storeCalls = () => storeSpies.reduce((n, spy) => n + spy.mock.calls.length, 0);
    const forRun = vi.spyOn(registryClient, 'forRun');
    const options = { cwd: ws.dir, env: ws.env, store, pool, registryClient };
    try {
      const first = await audit(NAME, '1.0.0..1.1.0', options);
      expect(first.report.pairs.map((p) => p.findings.map((f) => f.ruleId))).toEqual([['timezone-gate']]);
      expect(close).not.toHaveBeenCalled();
      expect(forRun).toHaveBeenCalledTimes(1);
      const tasks = run.mock.calls.length;
      const reads = storeCalls();
      expect(tasks).toBeGreaterThan(0);
      expect(reads).toBeGreaterThan(0);

      // Published after the first run read the packument: the second run's view must see it.
      registry.publish({ name: NAME, version: '1.2.0', tarball: releaseTarball(NAME, '1.2.0', `${GATED}module.exports.v = 2;\n`) });
      const second = await diff(`${NAME}@1.1.0`, `${NAME}@1.2.0`, options);
      expect(second.report.versions.map((v) => v.version)).toEqual(['1.1.0', '1.2.0']);
      expect(close).not.toHaveBeenCalled();
      expect(forRun).toHaveBeenCalledTimes(2);
      expect(run.mock.calls.length).toBeGreaterThan(tasks);
      expect(storeCalls()).toBeGreaterThan(reads);
    } finally {
      await pool.close();
    }
  });

  it('refuses a cache folder other than the store’s', async () => {
    const store = createArtefactStore(ws.cacheDir);
    await expect(audit(NAME, '1.0.0..1.1.0', { cwd: ws.dir, env: ws.env, store, cacheDir: `${ws.cacheDir}-other`, threads: 1 })).rejects.toMatchObject({
      code: 'ESTRATA_USAGE',
    });
  });
});

describe('the embedded job runner', () => {
  it('runs every job with the store, pool and registry client it is given, and leaves them open', async () => {
    const cacheDir = path.join(ws.dir, 'runner-cache');
    const store = createArtefactStore(cacheDir);
    const pool = createWorkerPool({ threads: 1 });
    const registryClient = createRegistryClient({ npm: await loadNpmConfig({ cwd: ws.dir, env: ws.env }), cacheDir });
    const close = vi.spyOn(pool, 'close');
    const run = vi.spyOn(pool, 'run');
    const forRun = vi.spyOn(registryClient, 'forRun');
    const runner = embeddedRunner({ cwd: ws.dir, env: ws.env, store, pool, registryClient });
    try {
      await runner.version({ name: NAME, version: '1.0.0' });
      const result = await runner.pair({ name: NAME, from: '1.0.0', to: '1.1.0' });
      expect(result.findings.map((f) => f.ruleId)).toEqual(['timezone-gate']);
      await runner.close();
      expect(forRun).toHaveBeenCalledTimes(2);
      expect(run).toHaveBeenCalled();
      expect(close).not.toHaveBeenCalled();
    } finally {
      await pool.close();
    }
  });
});
