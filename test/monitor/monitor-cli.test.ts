// strata deps and strata watch as a user runs them, against the loopback registry and the real
// pacote: a lockfile change audited package by package; a release published while a watch runs
// alerted on once (webhook with an idempotency key, SARIF and Markdown files), and not again for
// the same findings, across rounds and restarts.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { runCli } from '../helpers/run-cli.js';
import { GATED, ORDINARY, releaseTarball } from '../helpers/release-code.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

const FAST_RETRIES = ['fetch-retries=1', 'fetch-retry-mintimeout=10', 'fetch-retry-maxtimeout=20'];
let registry: TestRegistry;
const workspaces: Workspace[] = [];
const workspace = () => {
  const ws = createWorkspace(registry, FAST_RETRIES);
  workspaces.push(ws);
  return ws;
};

const tarball = (version: string, code: string) => releaseTarball('watched-pkg', version, code);

beforeAll(async () => {
  registry = await startRegistry({ packages: ['geo-demo', 'demo-pkg'], extra: [{ name: 'watched-pkg', version: '1.0.0', tarball: tarball('1.0.0', ORDINARY) }] });
});
afterAll(async () => {
  await registry.close();
  for (const ws of workspaces) ws.cleanup();
});

function lockfile(deps: Record<string, string>): string {
  return JSON.stringify({ name: 'app', lockfileVersion: 3, packages: { '': { name: 'app' }, ...Object.fromEntries(Object.entries(deps).map(([n, v]) => [`node_modules/${n}`, { version: v }])) } });
}

describe('strata deps', () => {
  it('audits every dependency whose version changed, one report with a section per package', async () => {
    const ws = workspace();
    writeFileSync(path.join(ws.dir, 'old-lock.json'), lockfile({ 'geo-demo': '1.0.0', 'demo-pkg': '1.0.0', 'watched-pkg': '1.0.0' }));
    writeFileSync(path.join(ws.dir, 'new-lock.json'), lockfile({ 'geo-demo': '1.1.0', 'demo-pkg': '1.0.1', 'watched-pkg': '1.0.0', 'left-pad': '1.3.0' }));
    const run = await runCli(['deps', 'old-lock.json', 'new-lock.json', '--format', 'html,json,markdown,sarif', '--out', 'deps-report'], { ...ws, env: { ...ws.env, NO_COLOR: '1' }, timeoutMs: 120_000 });
    // geo-demo 1.1.0 added time-zone gating (high): --fail-on high over all packages.
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('2 dependencies changed version (1 added, 0 removed: not audited)');
    expect(run.stdout).toMatch(/geo-demo 1\.0\.0 → 1\.1\.0: .*high/);
    expect(run.stdout).toMatch(/demo-pkg 1\.0\.0 → 1\.0\.1: no findings/);
    const out = path.join(ws.dir, 'deps-report');
    const summary = JSON.parse(readFileSync(path.join(out, 'deps.json'), 'utf8'));
    expect(summary.packages.map((p: { name: string; report: string }) => [p.name, p.report])).toEqual([
      ['demo-pkg', 'demo-pkg/1.0.0..1.0.1'],
      ['geo-demo', 'geo-demo/1.0.0..1.1.0'],
    ]);
    expect(summary.added).toEqual([{ name: 'left-pad', version: '1.3.0' }]);
    for (const f of ['index.html', 'report.md', 'report.sarif', 'geo-demo/1.0.0..1.1.0/report.json', 'geo-demo/1.0.0..1.1.0/index.html']) expect(existsSync(path.join(out, f)), f).toBe(true);
    expect(readFileSync(path.join(out, 'report.md'), 'utf8')).toContain('### `geo-demo` `1.0.0` → `1.1.0`');
    expect(JSON.parse(readFileSync(path.join(out, 'report.sarif'), 'utf8')).runs).toHaveLength(2);
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('href="geo-demo/1.0.0..1.1.0/index.html"');
  }, 180_000);

  it('a lockfile that is not one is a one-line error with exit code 2', async () => {
    const ws = workspace();
    writeFileSync(path.join(ws.dir, 'a.json'), '{oops');
    writeFileSync(path.join(ws.dir, 'b.json'), lockfile({}));
    const run = await runCli(['deps', 'a.json', 'b.json'], ws);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(/^strata: a\.json: not a lockfile strata can read/);
  });
});

describe('strata watch', () => {
  it('alerts once on a release published while it watches, and never twice on the same findings', async () => {
    const ws = workspace();
    const hooks: { key: string | undefined; body: { package: string; to: string; findings: { ruleId: string }[] } }[] = [];
    const hook = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        hooks.push({ key: req.headers['idempotency-key'] as string | undefined, body: JSON.parse(body) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    const once = () => runCli(['watch', 'watched-pkg', '--once', '--webhook', url, '--interval', '1'], { ...ws, env: { ...ws.env, NO_COLOR: '1' }, timeoutMs: 120_000 });
    try {
      // First round: the newest release is where the watch starts.
      const first = await once();
      expect(first.code).toBe(0);
      expect(first.stderr).toContain('watched-pkg: watching from 1.0.0');
      // A release that adds a time-zone gate.
      registry.publish({ name: 'watched-pkg', version: '1.1.0', tarball: tarball('1.1.0', GATED) });
      const second = await once();
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/ALERT watched-pkg 1\.0\.0 → 1\.1\.0: 1 new findings \(webhook delivered\)/);
      expect(hooks).toHaveLength(1);
      expect(hooks[0]!.key).toMatch(/^[0-9a-f]{40}$/);
      expect(hooks[0]!.body).toMatchObject({ package: 'watched-pkg', to: '1.1.0', findings: [{ ruleId: 'timezone-gate' }] });
      const dir = path.join(ws.dir, 'reports', 'watch', 'watched-pkg', '1.0.0..1.1.0');
      for (const f of ['report.sarif', 'report.md', 'report.json']) expect(existsSync(path.join(dir, f)), f).toBe(true);
      // Nothing new: no alert; the packument was revalidated (ETag), not fetched again.
      const packumentGets = () => registry.requests.filter((r) => r.url === '/watched-pkg');
      const before = packumentGets().length;
      const third = await once();
      expect(third.code).toBe(0);
      expect(third.stderr).toContain('0 new releases, 0 alerts');
      expect(packumentGets().slice(before).map((r) => r.status)).toContain(304);
      // The gate taken out in 1.1.1 and published again in 1.1.2 (a duplicate of what was alerted):
      // audited, found, not alerted again.
      registry.publish({ name: 'watched-pkg', version: '1.1.1', tarball: tarball('1.1.1', ORDINARY) });
      registry.publish({ name: 'watched-pkg', version: '1.1.2', tarball: tarball('1.1.2', GATED) });
      const fourth = await once();
      expect(fourth.code).toBe(0);
      expect(fourth.stderr).toContain('watched-pkg 1.1.1 → 1.1.2: 1 findings, 0 not seen before');
      expect(hooks).toHaveLength(1);
    } finally {
      await new Promise((r) => hook.close(r));
    }
  }, 240_000);
});
