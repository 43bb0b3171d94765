import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, diff, type ProgressEvent } from '../../src/index.js';
import { fixtureDir, startRegistry, type TestRegistry } from '../helpers/registry.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

const TOKEN = 'strata-test-token';
let registry: TestRegistry;
let ws: Workspace;
let firstStats: unknown;
let firstRun: { pairs: unknown; diffs: unknown } | undefined;

beforeAll(async () => {
  registry = await startRegistry({ token: TOKEN, faults: { deprecated: { 'demo-pkg@1.2.0': 'use 2.x' } } });
  ws = createWorkspace(registry);
});
afterAll(async () => {
  await registry.close();
  ws.cleanup();
});

const opts = () => ({ cwd: ws.dir, env: ws.env, cacheDir: ws.cacheDir, threads: 1 });
const tarballRequests = () => registry.requests.filter((r) => r.url.endsWith('.tgz'));

describe('audit through the loopback registry', () => {
  it('walks every version in the range and reports what each release added', async () => {
    const { report, diffs } = await audit('demo-pkg', '1.0.0..2.0.0', opts());
    firstStats = report.pairs.map((p) => p.stats);
    firstRun = { pairs: report.pairs, diffs };
    // The auth token from the project .npmrc reached the server on every request.
    expect(registry.requests.length).toBeGreaterThan(0);
    expect(registry.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);

    expect(report.versions.map((v) => v.version)).toEqual(['1.0.0', '1.0.1', '1.1.0', '1.2.0', '2.0.0']);
    expect(report.range).toBe('>=1.0.0 <=2.0.0');
    expect(report.versions.find((v) => v.version === '1.0.1')).toMatchObject({ outOfOrder: true, publishedAt: '2024-02-15T09:00:00.000Z' });
    expect(report.versions.find((v) => v.version === '1.2.0')).toMatchObject({ deprecated: 'use 2.x' });
    expect(report.versions[0]!.integrity).toMatch(/^sha512-/);
    expect(report.versions[0]!.tarball).toBe(registry.tarballUrl('demo-pkg', '1.0.0'));

    // Files: manifest first, analysed JS next, the PNG listed with its hash but not analysed.
    const files = report.versions[0]!.files;
    expect(files[0]).toMatchObject({ path: 'package.json', kind: 'manifest' });
    expect(files.find((f) => f.path === 'assets/logo.png')).toMatchObject({ kind: 'other', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(files.filter((f) => f.kind === 'js').map((f) => f.path).sort()).toEqual(['dist/bundle.min.js', 'index.js']);

    const byPair = Object.fromEntries(report.pairs.map((p) => [`${p.from}..${p.to}`, p.findings.map((f) => `${f.severity}:${f.ruleId}:${f.message}`)]));
    expect(byPair).toEqual({
      '1.0.0..1.0.1': [],
      '1.0.1..1.1.0': [
        // The bundle of 1.1.0 added a function that compares the time zone with Asia/Shanghai.
        'high:timezone-gate:time zone compared with Asia/Shanghai',
        'high:dependency-added:dependency "left-pad" added from a git source',
        'high:install-script:install script "postinstall" added; it makes network requests, reads or writes the user\'s home folder, downloads files',
        // The file the install script runs reports the install to a collector.
        'medium:telemetry-send:usage collector https://telemetry.example.invalid/install',
        'low:dependency-added:dependency "ms" added',
      ],
      '1.1.0..1.2.0': ['medium:bin-added:command "demo-pkg" added'],
      '1.2.0..2.0.0': [],
    });
    const post = report.lifecycle.find((l) => l.ruleId === 'install-script')!;
    expect(post).toMatchObject({ introducedIn: '1.1.0', removedIn: '2.0.0', presentIn: ['1.1.0', '1.2.0'] });
    expect(report.summary.findingsBySeverity).toMatchObject({ high: 3, medium: 2, low: 1 });

    // The minified bundle is beautified before diffing: one statement per line, not one line.
    const d = diffs.find((p) => p.to === '1.1.0')!;
    const bundle = d.files.find((f) => f.path === 'dist/bundle.min.js')!;
    expect(bundle.status).toBe('modified');
    expect(bundle.linesAdded).toBeGreaterThan(3);
    expect(bundle.unified).toMatch(/^diff --git a\/dist\/bundle\.min\.js/);
    expect(d.files.find((f) => f.path === 'scripts/setup.js')).toMatchObject({ status: 'added' });
  });

  it('sees through the minifier: renames are hidden and counted, real edits are shown', async () => {
    const { report, diffs } = await audit('demo-pkg', '1.0.0..1.1.0', opts());
    // 1.0.1 rebuilt the bundle with every local renamed and nothing else changed.
    const renamed = report.pairs[0]!;
    // (index.js has a one-line fix: the one changed unit.)
    expect(renamed.stats.units).toMatchObject({ changed: 1, added: 0, removed: 0 });
    expect(renamed.stats.units!.renamedOnly).toBeGreaterThan(0);
    expect(renamed.files.find((f) => f.path === 'dist/bundle.min.js')).toBeUndefined();
    expect(renamed.files.find((f) => f.path === 'index.js')).toMatchObject({ linesAdded: 1, linesRemoved: 1 });
    expect(renamed.stats.naive!.linesAdded).toBeGreaterThan(20);
    // 1.1.0 added a time-zone check to the bundle: shown, and small next to the plain diff.
    const added = diffs[1]!.files.find((f) => f.path === 'dist/bundle.min.js')!;
    const plus = added.unified!.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++'));
    expect(plus.some((l) => l.includes('"Asia/Shanghai"'))).toBe(true);
    expect(plus.some((l) => l.includes('resolvedOptions().timeZone'))).toBe(true);
    const naiveBundle = report.pairs[1]!.stats.naive!;
    expect(added.linesAdded + added.linesRemoved).toBeLessThan((naiveBundle.linesAdded + naiveBundle.linesRemoved) / 2);
    // Lines that only differ by the names the minifier picked are not reported as changed.
    const minus = added.unified!.split('\n').filter((l) => l.startsWith('-') && !l.startsWith('---'));
    for (const line of minus) expect(plus.map((l) => l.slice(1).trim())).not.toContain(line.slice(1).trim());
  });

  it('shows the plain diff of the beautified files with raw', async () => {
    const { report } = await audit('demo-pkg', '1.0.0..1.0.1', { ...opts(), raw: true });
    const bundle = report.pairs[0]!.files.find((f) => f.path === 'dist/bundle.min.js')!;
    expect(bundle.linesAdded).toBeGreaterThan(20);
    expect(report.pairs[0]!.stats.linesAdded).toBe(report.pairs[0]!.stats.naive!.linesAdded);
    expect(report.pairs[0]!.stats.units).toBeUndefined();
  });

  it('downloads no tarball on the second run, and runs offline from the cache alone', async () => {
    const before = tarballRequests().length;
    const again = await audit('demo-pkg', '1.0.0..2.0.0', opts());
    expect(tarballRequests().length).toBe(before);
    expect(again.report.pairs.map((p) => p.stats)).toEqual(firstStats);

    const requestsBeforeOffline = registry.requests.length;
    const offline = await audit('demo-pkg', '1.0.0..2.0.0', { ...opts(), offline: true });
    expect(offline.report.pairs.map((p) => p.stats)).toEqual(firstStats);
    expect(registry.requests.length).toBe(requestsBeforeOffline);
  });

  it('serves a pair it has diffed before from the cache, with the same result', async () => {
    const pairsDone: Array<{ to: string; fromCache: boolean; classifyMs: number }> = [];
    const codeLoaded: string[] = [];
    const onProgress = (e: ProgressEvent) => {
      if (e.type === 'pair-done') pairsDone.push({ to: e.to, fromCache: e.fromCache, classifyMs: e.classifyMs });
      if (e.type === 'beautify') codeLoaded.push(e.version);
    };
    const again = await audit('demo-pkg', '1.0.0..2.0.0', { ...opts(), onProgress });
    expect(pairsDone.map((p) => p.fromCache)).toEqual([true, true, true, true]);
    expect({ pairs: again.report.pairs, diffs: again.diffs }).toEqual(firstRun);
    // Every pair was served: no version's code was read back from the cache, let alone computed.
    expect(codeLoaded).toEqual([]);

    // Another diff mode is another result: computed once, then served.
    pairsDone.length = 0;
    const raw = await audit('demo-pkg', '1.1.0..1.2.0', { ...opts(), raw: true, onProgress });
    const rawAgain = await audit('demo-pkg', '1.1.0..1.2.0', { ...opts(), raw: true, onProgress });
    expect(pairsDone.map((p) => p.fromCache)).toEqual([false, true]);
    expect(new Set(codeLoaded)).toEqual(new Set(['1.1.0', '1.2.0']));
    expect(raw.report.pairs[0]!.stats.units).toBeUndefined();
    expect(rawAgain.diffs).toEqual(raw.diffs);
  });

  it('honours --last, prereleases and publish order', async () => {
    const last = await audit('demo-pkg', undefined, { ...opts(), last: 2, includePrerelease: true });
    expect(last.report.versions.map((v) => v.version)).toEqual(['2.0.0-beta.1', '2.0.0']);
    const published = await audit('demo-pkg@>=1.0.0 <1.2.0', undefined, { ...opts(), order: 'published' });
    expect(published.report.versions.map((v) => v.version)).toEqual(['1.0.0', '1.1.0', '1.0.1']);
  });

  it('reads scoped packages', async () => {
    const { report } = await audit('@fixture/scoped', '0.1.0..0.2.0', opts());
    expect(report.package).toBe('@fixture/scoped');
    expect(report.pairs).toHaveLength(1);
  });

  it('diffs a registry version against a folder and a .tgz', async () => {
    const folder = fixtureDir('demo-pkg', '1.2.0');
    const { report } = await diff('demo-pkg@1.1.0', folder, opts());
    expect(report.versions.map((v) => v.version)).toEqual(['1.1.0', folder]);
    expect(report.pairs[0]!.findings.map((f) => f.ruleId)).toEqual(['bin-added']);
    expect(report.package).toBe('demo-pkg');
    expect(readdirSync(path.dirname(folder)).length).toBeGreaterThan(0);
  });
});
