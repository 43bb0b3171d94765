// One bad release must not cost the audit: each kind of version that cannot be analysed is
// recorded on it with a reason, the versions around it are paired across it, and the report is
// written. Real tarballs, served by the loopback registry, read by the real pacote.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, diff, type ProgressEvent } from '../../src/index.js';
import type { Report } from '../../src/report/model.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { packTarball } from '../helpers/tarball.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

const NAME = 'bad-pkg';
const manifest = (version: string, extra: Record<string, unknown> = {}) => ({ path: 'package.json', data: JSON.stringify({ name: NAME, version, ...extra }) });
const good = (version: string, code: string, extra: Record<string, unknown> = {}) =>
  packTarball([manifest(version, extra), { path: 'index.js', data: code }]);

// 1.0.0 good · 1.0.1 path traversal · 1.0.2 good, adds an install script · 1.0.3 decompression
// bomb · 1.0.4 truncated · 1.0.5 integrity mismatch · 1.0.6 package.json nested 100,000 deep ·
// 1.0.7 null in the packument · 1.0.8 tarball 404 · 1.0.9 good · 1.1.0 good, behind a 503 once.
const truncated = (() => {
  const whole = good('1.0.4', 'module.exports = "truncated";'.repeat(400));
  return whole.subarray(0, Math.floor(whole.length / 2));
})();
const deep = Buffer.from(`{"name":"${NAME}","version":"1.0.6","config":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
const VERSIONS: { version: string; tarball: Buffer }[] = [
  { version: '1.0.0', tarball: good('1.0.0', 'module.exports = 1;') },
  { version: '1.0.1', tarball: packTarball([manifest('1.0.1'), { path: '../../escaped.js', data: 'pwned()' }]) },
  { version: '1.0.2', tarball: good('1.0.2', 'module.exports = 2;', { scripts: { postinstall: 'node index.js' } }) },
  { version: '1.0.3', tarball: packTarball([manifest('1.0.3'), { path: 'zeros.js', data: Buffer.alloc(8 * 1024 * 1024) }]) },
  { version: '1.0.4', tarball: truncated },
  { version: '1.0.5', tarball: good('1.0.5', 'module.exports = 5;') },
  { version: '1.0.6', tarball: packTarball([{ path: 'package.json', data: deep }, { path: 'index.js', data: 'module.exports = 6;' }]) },
  { version: '1.0.7', tarball: good('1.0.7', 'module.exports = 7;') },
  { version: '1.0.8', tarball: good('1.0.8', 'module.exports = 8;') },
  { version: '1.0.9', tarball: good('1.0.9', 'module.exports = 9;', { scripts: { postinstall: 'node index.js' } }) },
  { version: '1.1.0', tarball: good('1.1.0', 'module.exports = 10;', { scripts: { postinstall: 'node index.js' } }) },
];

let registry: TestRegistry;
let ws: Workspace;

beforeAll(async () => {
  registry = await startRegistry({
    packages: [],
    extra: VERSIONS.map((v) => ({ name: NAME, ...v })),
    faults: {
      wrongIntegrity: [`${NAME}@1.0.5`],
      nullVersions: [`${NAME}@1.0.7`],
      missingTarball: [`${NAME}@1.0.8`],
      failTarball: { [`${NAME}@1.1.0`]: 1 },
    },
  });
  // npm's default retry settings (10 s before a retry): a retry would show in the time taken.
  ws = createWorkspace(registry);
});
afterAll(async () => {
  await registry.close();
  ws.cleanup();
});

const opts = () => ({ cwd: ws.dir, env: ws.env, cacheDir: ws.cacheDir, threads: 1 });
const byVersion = (report: Report) => new Map(report.versions.map((v) => [v.version, v]));

describe('an audit with versions that cannot be analysed', () => {
  let report: Report;
  let failed: string[];
  let ms: number;

  beforeAll(async () => {
    failed = [];
    const onProgress = (e: ProgressEvent) => {
      if (e.type === 'version-failed') failed.push(e.version);
    };
    const started = performance.now();
    // 1.1.0 is left out here: its 503 is met (once) by the test of transient failures.
    ({ report } = await audit(NAME, '1.0.0..1.0.9', { ...opts(), onProgress }));
    ms = performance.now() - started;
  }, 120_000);

  it('records each bad version with a one-line reason and its code', () => {
    const v = byVersion(report);
    expect(report.versions.map((x) => x.version)).toEqual(VERSIONS.slice(0, 10).map((x) => x.version));
    expect(v.get('1.0.1')).toMatchObject({ errorCode: 'ESTRATA_UNSAFE_TARBALL', error: expect.stringMatching(/tarball entry "package\/\.\.\/\.\.\/escaped\.js" points outside the package/) });
    expect(v.get('1.0.3')).toMatchObject({ errorCode: 'ESTRATA_TOO_LARGE', error: expect.stringMatching(/inflates suspiciously/) });
    expect(v.get('1.0.4')).toMatchObject({ errorCode: 'ESTRATA_BAD_INPUT', error: expect.stringMatching(/not a readable tarball/) });
    expect(v.get('1.0.5')).toMatchObject({ errorCode: 'ESTRATA_INTEGRITY', error: expect.stringMatching(/integrity check failed for bad-pkg@1\.0\.5/) });
    expect(v.get('1.0.6')).toMatchObject({ errorCode: 'ESTRATA_BAD_INPUT', error: expect.stringMatching(/package\.json nests deeper than \d+ levels/) });
    expect(v.get('1.0.7')).toMatchObject({ errorCode: 'ESTRATA_BAD_INPUT', error: expect.stringMatching(/no manifest \(null\)/) });
    expect(v.get('1.0.8')).toMatchObject({ errorCode: 'ESTRATA_NOT_FOUND', error: expect.stringMatching(/bad-pkg@1\.0\.8 was not found/) });
    for (const x of report.versions) {
      if (x.error !== undefined) {
        expect(x.error).not.toMatch(/\n/);
        expect(x.files).toEqual([]);
      }
    }
    for (const ok of ['1.0.0', '1.0.2', '1.0.9']) expect(v.get(ok)!.error).toBeUndefined();
    expect(failed).toEqual(['1.0.1', '1.0.3', '1.0.4', '1.0.5', '1.0.6', '1.0.7', '1.0.8']);
    expect(report.summary).toMatchObject({ versions: 10, pairs: 2, versionsFailed: 7 });
  });

  it('pairs the versions around a bad one, saying which it spans', () => {
    expect(report.pairs.map((p) => [p.from, p.to, p.skipped ?? []])).toEqual([
      ['1.0.0', '1.0.2', ['1.0.1']],
      ['1.0.2', '1.0.9', ['1.0.3', '1.0.4', '1.0.5', '1.0.6', '1.0.7', '1.0.8']],
    ]);
    // What the skipped version changed is in the pair that spans it: nothing goes unread.
    expect(report.pairs[0]!.findings.map((f) => f.ruleId)).toContain('install-script');
    expect(report.pairs[0]!.files.find((f) => f.path === 'index.js')).toMatchObject({ linesAdded: 1, linesRemoved: 1 });
    expect(report.pairs[1]!.files.find((f) => f.path === 'index.js')).toMatchObject({ linesAdded: 1, linesRemoved: 1 });
    const script = report.lifecycle.find((l) => l.ruleId === 'install-script')!;
    expect(script).toMatchObject({ introducedIn: '1.0.2', removedIn: null, presentIn: ['1.0.2', '1.0.9'] });
  });

  it('downloads a tarball that fails its integrity check once, and fails at once', () => {
    expect(registry.tarballRequests(NAME, '1.0.5')).toBe(1);
    expect(registry.tarballRequests(NAME, '1.0.8')).toBe(1);
    // One retry with npm's settings waits 10 s.
    expect(ms).toBeLessThan(10_000);
  });

  it('serves the same report from the cache, and records the bad versions again', async () => {
    const before = registry.tarballRequests(NAME, '1.0.5');
    const again = await audit(NAME, '1.0.0..1.0.9', opts());
    expect(again.report.pairs).toEqual(report.pairs);
    expect(again.report.versions.map((v) => v.error)).toEqual(report.versions.map((v) => v.error));
    // Nothing from the bad tarball was cached: it is asked for again (once).
    expect(registry.tarballRequests(NAME, '1.0.5')).toBe(before + 1);
  });
});

describe('what a bad version does not change', () => {
  it('retries a tarball on a transient failure', async () => {
    const fast = createWorkspace(registry, ['fetch-retry-mintimeout=10', 'fetch-retry-maxtimeout=20']);
    try {
      const { report } = await audit(NAME, '1.0.9..1.1.0', { cwd: fast.dir, env: fast.env, cacheDir: fast.cacheDir, threads: 1 });
      expect(report.versions.map((v) => v.error)).toEqual([undefined, undefined]);
      expect(registry.requests.filter((r) => r.url.endsWith('bad-pkg-1.1.0.tgz')).map((r) => r.status)).toEqual([503, 200]);
    } finally {
      fast.cleanup();
    }
  });

  it('reports a bad last version, with no pair to span it', async () => {
    const { report } = await audit(NAME, '1.0.0..1.0.1', opts());
    expect(report.versions.map((v) => v.errorCode)).toEqual([undefined, 'ESTRATA_UNSAFE_TARBALL']);
    expect(report.pairs).toEqual([]);
    expect(report.summary.versionsFailed).toBe(1);
  });

  it('fails the audit with the reason when no version at all can be analysed', async () => {
    await expect(audit(NAME, '1.0.3..1.0.5', opts())).rejects.toMatchObject({ code: 'ESTRATA_TOO_LARGE' });
  });

  it('fails a diff of a bad version: there is nothing else to compare', async () => {
    await expect(diff(`${NAME}@1.0.0`, `${NAME}@1.0.1`, opts())).rejects.toMatchObject({ code: 'ESTRATA_UNSAFE_TARBALL' });
  });

  it('stops on an interrupt instead of recording it on a version', async () => {
    const controller = new AbortController();
    const events: string[] = [];
    const onProgress = (e: ProgressEvent) => {
      events.push(e.type);
      if (e.type === 'version-ready') controller.abort();
    };
    const isolated = createWorkspace(registry);
    try {
      await expect(audit(NAME, '1.0.0..1.0.9', { cwd: isolated.dir, env: isolated.env, cacheDir: isolated.cacheDir, threads: 1, concurrency: 1, signal: controller.signal, onProgress })).rejects.toThrow();
      expect(events).not.toContain('version-failed');
      expect(events).not.toContain('pair-done');
    } finally {
      isolated.cleanup();
    }
  });
});
