import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { runCli } from '../helpers/run-cli.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

const TOKEN = 'cli-token';
// npm's own retry settings, read from the .npmrc like any user's: fast retries for the tests.
const FAST_RETRIES = ['fetch-retries=1', 'fetch-retry-mintimeout=10', 'fetch-retry-maxtimeout=20'];
let registry: TestRegistry;
const workspaces: Workspace[] = [];

function workspace(reg: TestRegistry | null = registry): Workspace {
  const ws = createWorkspace(reg, FAST_RETRIES);
  workspaces.push(ws);
  return ws;
}

function expectOneLineError(run: { code: number | null; stderr: string }, pattern: RegExp) {
  expect(run.code).toBe(2);
  const lines = run.stderr.trim().split('\n');
  expect(lines.at(-1)).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
}

beforeAll(async () => {
  registry = await startRegistry({ token: TOKEN });
});
afterAll(async () => {
  await registry.close();
  for (const ws of workspaces) ws.cleanup();
});

describe('strata as a process', () => {
  it('prints help and version', async () => {
    const ws = workspace();
    const help = await runCli(['--help'], ws);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('strata audit [package] [range]');
    const version = await runCli(['--version'], ws);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
  });

  it('audits a range, writes the report and exits 1 on a high finding', async () => {
    const ws = workspace();
    const run = await runCli(['audit', 'demo-pkg', '1.0.0..1.2.0'], ws);
    expect(run.stderr).toContain('[4/4]');
    // Progress of the long step shows in logs too: each version's code, then each pair.
    expect(run.stderr).toMatch(/^ {2}1\.1\.0: \d+ JavaScript files beautified and split into units$/m);
    expect(run.stderr).toMatch(/^\[3\/3\] diffed 1\.1\.0 → 1\.2\.0$/m);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/4 versions, 3 pairs/);
    expect(run.stdout).toMatch(/findings: 3 high, 2 medium, 1 low/);
    expect(run.stdout).not.toMatch(/\u001b\[/); // not a terminal: no colour
    const dir = path.join(ws.dir, 'reports', 'demo-pkg', '1.0.0..1.2.0');
    const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ schemaVersion: 1, tool: { name: 'npm-strata' }, package: 'demo-pkg' });
    expect(report.command).toBe('strata audit demo-pkg 1.0.0..1.2.0');
    for (const pair of report.pairs) expect(existsSync(path.join(dir, pair.page))).toBe(true);
    expect(readFileSync(path.join(dir, 'index.html'), 'utf8')).toContain('1.0.1');

    // Again: every pair comes from the cache, and no version's code is needed.
    const again = await runCli(['audit', 'demo-pkg', '1.0.0..1.2.0'], ws);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^\[3\/3\] diffed 1\.1\.0 → 1\.2\.0 \(cache\)$/m);
    expect(again.stderr).not.toContain('beautified');
    expect(again.stdout).toBe(run.stdout);

    const relaxed = await runCli(['audit', 'demo-pkg', '1.0.0..1.2.0', '--fail-on', 'critical', '--quiet'], ws);
    expect(relaxed.code).toBe(0);
    expect(relaxed.stdout).toBe('');
  });

  it('prints the report document with --json and writes into --out', async () => {
    const ws = workspace();
    const run = await runCli(['audit', 'demo-pkg@1.0.0..1.0.1', '--json', '--out', 'here', '--format', 'json'], ws);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.versions.map((v: { version: string }) => v.version)).toEqual(['1.0.0', '1.0.1']);
    expect(readdirSync(path.join(ws.dir, 'here'))).toEqual(['report.json']);
  });

  it('colours the summary only when asked', async () => {
    const ws = workspace();
    const forced = await runCli(['audit', 'demo-pkg', '1.0.0..1.0.1'], { ...ws, env: { ...ws.env, FORCE_COLOR: '1' } });
    expect(forced.stdout).toMatch(/\u001b\[/);
    const noColor = await runCli(['audit', 'demo-pkg', '1.0.0..1.0.1'], { ...ws, env: { ...ws.env, NO_COLOR: '1' } });
    expect(noColor.stdout).not.toMatch(/\u001b\[/);
  });
});

describe('bad input: one line, exit 2, no stack, cache still valid', () => {
  it('a package that does not exist', async () => {
    expectOneLineError(await runCli(['audit', 'no-such-pkg', '1.0.0..2.0.0'], workspace()), /^strata: package no-such-pkg was not found in the registry http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('a malformed range, a bad option, an unknown command', async () => {
    const ws = workspace();
    expectOneLineError(await runCli(['audit', 'demo-pkg', '1.0.0..'], ws), /malformed range "1\.0\.0\.\."/);
    expectOneLineError(await runCli(['audit', 'demo-pkg', '--concurrency', 'x'], ws), /--concurrency takes a whole number/);
    expectOneLineError(await runCli(['audit', 'demo-pkg', '--frobnicate'], ws), /Unknown option '--frobnicate'/);
    expectOneLineError(await runCli(['frobnicate'], ws), /unknown command "frobnicate"/);
    expectOneLineError(await runCli(['audit', 'Not A Name!'], ws), /not a package name/);
  });

  it('a range that matches nothing names the versions nearby', async () => {
    expectOneLineError(await runCli(['audit', 'demo-pkg', '3.0.0..4.0.0'], workspace()), /no published version of demo-pkg matches "3\.0\.0\.\.4\.0\.0"; nearby versions: .*2\.0\.0/);
  });

  it('an unreachable registry, after retries', async () => {
    const dead = await startRegistry({ packages: [] });
    const ws = workspace(dead);
    await dead.close();
    expectOneLineError(await runCli(['audit', 'demo-pkg', '1.0.0..1.0.1'], ws), /cannot reach the registry http:\/\/127\.0\.0\.1:\d+\/ for package demo-pkg: ECONNREFUSED/);
  });

  it('a missing auth token', async () => {
    const ws = workspace();
    const npmrc = path.join(ws.dir, '.npmrc');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(npmrc, readFileSync(npmrc, 'utf8').replace(/^\/\/.*_authToken.*$/m, ''));
    expectOneLineError(await runCli(['audit', 'demo-pkg', '1.0.0..1.0.1'], ws), /refused access to package demo-pkg \(401\)/);
  });

  it('an integrity mismatch is refused at once, recorded on the version, and never cached', async () => {
    const bad = await startRegistry({ faults: { wrongIntegrity: ['demo-pkg@1.0.1'] } });
    const ws = workspace(bad);
    try {
      // The audit goes on and exits by its findings; the summary names the version and why.
      const run = await runCli(['audit', 'demo-pkg', '1.0.0..1.0.1', '--json'], ws);
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/1 version could not be analysed/);
      expect(run.stderr).toMatch(/\n {4}1\.0\.1: integrity check failed for demo-pkg@1\.0\.1[^\n]*\n/);
      expect(JSON.parse(run.stdout)).toMatchObject({ summary: { versionsFailed: 1 }, versions: [{ version: '1.0.0' }, { version: '1.0.1', errorCode: 'ESTRATA_INTEGRITY' }] });
      expect(bad.tarballRequests('demo-pkg', '1.0.1')).toBe(1);
      // Nothing from the bad tarball is in the cache: offline, it is not there.
      const offline = await runCli(['audit', 'demo-pkg', '1.0.0..1.0.1', '--offline', '--json'], ws);
      expect(offline.code).toBe(0);
      expect(offline.stderr).toMatch(/1\.0\.1: --offline: demo-pkg@1\.0\.1 is not in the cache/);
    } finally {
      await bad.close();
    }
  });

  it('a transient registry failure is retried', async () => {
    const flaky = await startRegistry({ faults: { failFirst: 1 } });
    const ws = workspace(flaky);
    try {
      const run = await runCli(['audit', 'demo-pkg', '1.0.0..1.0.1'], ws);
      expect(run.code).toBe(0);
      expect(flaky.requests[0]!.status).toBe(503);
    } finally {
      await flaky.close();
    }
  });

  it('a corrupt cache entry is detected and recomputed', async () => {
    const ws = workspace();
    const first = await runCli(['audit', 'demo-pkg', '1.0.0..1.0.1', '--format', 'json'], ws);
    expect(first.code).toBe(0);
    // Damage every content file of strata's store; the next run must notice and rebuild them.
    const content = path.join(ws.cacheDir, 'strata', 'content-v2');
    const files: string[] = [];
    const walk = (d: string) => readdirSync(d).forEach((n) => (statSync(path.join(d, n)).isDirectory() ? walk(path.join(d, n)) : files.push(path.join(d, n))));
    walk(content);
    expect(files.length).toBeGreaterThan(0);
    const { chmodSync, writeFileSync } = await import('node:fs');
    for (const f of files) {
      chmodSync(f, 0o644);
      writeFileSync(f, 'garbage');
    }
    const second = await runCli(['audit', 'demo-pkg', '1.0.0..1.0.1', '--format', 'json'], ws);
    expect(second.code).toBe(0);
    const report = JSON.parse(readFileSync(path.join(ws.dir, 'reports/demo-pkg/1.0.0..1.0.1/report.json'), 'utf8'));
    expect(report.pairs[0].stats.linesAdded).toBeGreaterThan(0);
    // …and the rebuilt entries are good: offline works.
    expect((await runCli(['audit', 'demo-pkg', '1.0.0..1.0.1', '--offline', '--format', 'json'], ws)).code).toBe(0);
  });
});

describe('hostile packages and interruption', () => {
  it('refuses a tarball with ../ or absolute paths, writes nothing outside its folders, and reports the version', async () => {
    const { packTarball } = await import('../helpers/tarball.js');
    const evil = packTarball([
      { path: 'package.json', data: '{"name":"evil-pkg","version":"1.0.1"}' },
      { path: '../../escaped.js', data: 'pwned()' },
    ]);
    const good = packTarball([{ path: 'package.json', data: '{"name":"evil-pkg","version":"1.0.0"}' }]);
    const reg = await startRegistry({
      packages: [],
      extra: [
        { name: 'evil-pkg', version: '1.0.0', tarball: good },
        { name: 'evil-pkg', version: '1.0.1', tarball: evil },
      ],
    });
    const ws = workspace(reg);
    try {
      const run = await runCli(['audit', 'evil-pkg', '1.0.0..1.0.1', '--format', 'html,json,markdown'], ws);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/1 version could not be analysed/);
      expect(run.stdout).toMatch(/1\.0\.1: evil-pkg@1\.0\.1: tarball entry "package\/\.\.\/\.\.\/escaped\.js" points outside the package/);
      // Nothing named by the hostile entry, anywhere it could have climbed to (other tests write
      // beside this workspace at the same time, so the check names the file).
      for (const dir of [path.dirname(ws.dir), path.dirname(path.dirname(ws.dir)), ws.dir, process.cwd()]) expect(existsSync(path.join(dir, 'escaped.js'))).toBe(false);
      expect(readdirSync(ws.dir, { recursive: true }).map(String).filter((n) => n.endsWith('escaped.js'))).toEqual([]);
      expect(readdirSync(ws.dir).sort()).toEqual(['.npmrc', 'cache', 'reports']);
      const dir = path.join(ws.dir, 'reports/evil-pkg/1.0.0..1.0.1');
      expect(JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')).versions[1]).toMatchObject({ version: '1.0.1', errorCode: 'ESTRATA_UNSAFE_TARBALL', files: [] });
      expect(readFileSync(path.join(dir, 'report.md'), 'utf8')).toMatch(/1 version could not be analysed\*\*[^]*- `1\.0\.1`: evil-pkg@&#8203;1\.0\.1: tarball entry/);
      expect(readFileSync(path.join(dir, 'index.html'), 'utf8')).toMatch(/<span class="tag tag-bad">not analysed<\/span> evil-pkg@1\.0\.1: tarball entry/);
    } finally {
      await reg.close();
    }
  });

  it('lists a huge file with its hash and a visible reason, and goes on', async () => {
    const { packTarball } = await import('../helpers/tarball.js');
    // 70 MiB, over the 64 MiB file limit: a 16 KiB pseudo-random block repeated, which gzip
    // shrinks enough to keep the test light but not past tar's decompression-ratio guard.
    const block = Buffer.alloc(16 * 1024);
    for (let i = 0, x = 1; i < block.length; i++) block[i] = 97 + ((x = (x * 1103515245 + 12345) >>> 0) >>> 24) % 26;
    const huge = Buffer.alloc(70 * 1024 * 1024);
    for (let at = 0; at < huge.length; at += block.length) block.copy(huge, at);
    const manifest = (version: string) => ({ path: 'package.json', data: JSON.stringify({ name: 'huge-pkg', version }) });
    const reg = await startRegistry({
      packages: [],
      extra: [
        { name: 'huge-pkg', version: '1.0.0', tarball: packTarball([manifest('1.0.0'), { path: 'index.js', data: 'module.exports = 1;' }]) },
        { name: 'huge-pkg', version: '1.0.1', tarball: packTarball([manifest('1.0.1'), { path: 'index.js', data: 'module.exports = 2;' }, { path: 'huge.js', data: huge }]) },
      ],
    });
    const ws = workspace(reg);
    try {
      const run = await runCli(['audit', 'huge-pkg', '1.0.0..1.0.1', '--json', '--quiet'], ws);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const doc = JSON.parse(run.stdout);
      expect(doc.versions[1].files.find((f: { path: string }) => f.path === 'huge.js')).toMatchObject({
        size: huge.length,
        skipped: `too large (${huge.length} bytes > ${64 * 1024 * 1024})`,
      });
      expect(doc.pairs[0].files.find((f: { path: string }) => f.path === 'huge.js')).toMatchObject({ status: 'added', omitted: expect.stringMatching(/^too large/) });
      expect(doc.pairs[0].files.find((f: { path: string }) => f.path === 'index.js')).toMatchObject({ linesAdded: 1, linesRemoved: 1 });
    } finally {
      await reg.close();
    }
  });

  it('stops on Ctrl-C with exit 2, and the next run resumes from what finished', async () => {
    const { packTarball } = await import('../helpers/tarball.js');
    // Big enough that beautifying takes a moment, so the interrupt lands halfway.
    const bundle = (v: number) => `function big(a,b){${Array.from({ length: 12_000 }, (_, i) => `a=a*${i + v}+b-${i % 7};`).join('')}return a}`;
    const versions = ['1.0.0', '1.0.1', '1.0.2', '1.0.3'];
    const reg = await startRegistry({
      packages: [],
      extra: versions.map((version, i) => ({
        name: 'slow-pkg',
        version,
        tarball: packTarball([{ path: 'package.json', data: JSON.stringify({ name: 'slow-pkg', version }) }, { path: 'bundle.js', data: bundle(i) }]),
      })),
    });
    const ws = workspace(reg);
    try {
      let sent = false;
      const interrupted = await runCli(['audit', 'slow-pkg', '1.0.0..1.0.3', '--concurrency', '1'], {
        ...ws,
        onStderr: (text, child) => {
          if (!sent && text.includes('ready')) {
            sent = true;
            child.kill('SIGINT');
          }
        },
      });
      expect(sent).toBe(true);
      expectOneLineError(interrupted, /^strata: interrupted; run the same command again to resume from the cache$/);
      expect(existsSync(path.join(ws.dir, 'reports'))).toBe(false);

      const resumed = await runCli(['audit', 'slow-pkg', '1.0.0..1.0.3'], ws);
      expect(resumed.code).toBe(0);
      expect(resumed.stderr).toMatch(/1\.0\.0 ready \(cache\)/);
      expect(resumed.stdout).toMatch(/4 versions, 3 pairs/);
    } finally {
      await reg.close();
    }
  });
});
