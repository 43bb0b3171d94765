// A registry that never answers, or answers one byte at a time, must not hold an audit: each
// request has a time limit (retries and their waits included), and Ctrl-C stops at once.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { requestCaps } from '../../src/registry/client.js';
import { CLI, runCli } from '../helpers/run-cli.js';
import { packTarball } from '../helpers/tarball.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

type Mode = 'silent' | 'drip' | 'drip-tarball';

interface StallingServer {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/** `silent`: never answers. `drip`: sends headers, then one byte every 200 ms. `drip-tarball`: a good packument, a dripping tarball. */
async function startStalling(mode: Mode): Promise<StallingServer> {
  const requests: string[] = [];
  const tarball = packTarball([{ path: 'package.json', data: '{"name":"stall","version":"1.0.0"}' }, { path: 'index.js', data: 'module.exports = 1;\n' }]);
  const sockets = new Set<import('node:net').Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const drip = (res: http.ServerResponse, body: Buffer) => {
    let at = 0;
    const timer = setInterval(() => {
      if (at >= body.length) {
        clearInterval(timer);
        res.end();
      } else res.write(body.subarray(at, ++at));
    }, 200);
    timers.add(timer);
    res.on('close', () => clearInterval(timer));
  };
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    if (mode === 'silent') return;
    if (mode === 'drip') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return drip(res, Buffer.from(`{"name":"stall","versions":{}}${' '.repeat(4096)}`));
    }
    if (req.url?.endsWith('.tgz')) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(tarball.length) });
      return drip(res, tarball);
    }
    const { port } = server.address() as AddressInfo;
    const integrity = `sha512-${createHash('sha512').update(tarball).digest('base64')}`;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        name: 'stall',
        'dist-tags': { latest: '1.0.0' },
        versions: { '1.0.0': { name: 'stall', version: '1.0.0', dist: { tarball: `http://127.0.0.1:${port}/stall/-/stall-1.0.0.tgz`, integrity } } },
        time: { '1.0.0': '2026-01-01T00:00:00.000Z' },
      }),
    );
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const t of timers) clearInterval(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

let server: StallingServer | undefined;
let ws: Workspace | undefined;
afterEach(async () => {
  await server?.close();
  ws?.cleanup();
  server = undefined;
  ws = undefined;
});

/** A workspace whose npm configuration points at `url`, with the given .npmrc lines. */
function workspaceFor(url: string, npmrc: string[]): Workspace {
  const w = createWorkspace(null);
  w.env = { ...w.env, npm_config_registry: url, ...Object.fromEntries(npmrc.map((l) => l.split('=')).map(([k, v]) => [`npm_config_${k!.replace(/-/g, '_')}`, v])) };
  return w;
}

describe('a registry that stalls', () => {
  it('bounds a request whole, retries and their waits included', () => {
    expect(requestCaps({ timeout: 500, retry: { retries: 1 } } as never)).toEqual({ packumentMs: 2000, tarballMs: 600_000 });
    expect(requestCaps({ timeout: 30_000, retry: { retries: 2 } } as never).packumentMs).toBe(180_000);
  });

  it('gives up on a registry that never answers, without sitting out npm retry waits', async () => {
    server = await startStalling('silent');
    // npm would wait 500 ms, then 20 s before its retry: the request's own limit (2 s) ends it.
    ws = workspaceFor(server.url, ['fetch-timeout=500', 'fetch-retries=1', 'fetch-retry-mintimeout=20000', 'fetch-retry-maxtimeout=20000']);
    const started = Date.now();
    const run = await runCli(['audit', 'stall', '1.0.0', '--cache-dir', ws.cacheDir], { cwd: ws.cwd, env: ws.env, timeoutMs: 30_000 });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(/^strata: the registry http:\/\/127\.0\.0\.1:\d+\/ did not (deliver|answer for) package stall/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(server.requests.length).toBeGreaterThanOrEqual(1);
  });

  it('gives up on a registry that drips one byte at a time', async () => {
    server = await startStalling('drip');
    // Each byte comes well within fetch-timeout, so only the limit on the whole request ends it.
    ws = workspaceFor(server.url, ['fetch-timeout=1000', 'fetch-retries=0']);
    const started = Date.now();
    const run = await runCli(['audit', 'stall', '1.0.0', '--cache-dir', ws.cacheDir], { cwd: ws.cwd, env: ws.env, timeoutMs: 30_000 });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(/^strata: the registry http:\/\/127\.0\.0\.1:\d+\/ did not deliver package stall within 2 s$/);
  });

  for (const mode of ['silent', 'drip-tarball'] as const) {
    it(`stops at once on Ctrl-C while ${mode === 'silent' ? 'waiting for an answer' : 'a tarball drips in'}`, async () => {
      server = await startStalling(mode);
      // npm's defaults here: minutes before any limit would fire.
      ws = workspaceFor(server.url, []);
      const want = mode === 'silent' ? '/stall' : '.tgz';
      const child = spawn(process.execPath, [CLI, 'audit', 'stall', '1.0.0', '--cache-dir', ws.cacheDir], { cwd: ws.cwd, env: ws.env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      const deadline = Date.now() + 20_000;
      while (!server.requests.some((r) => r.endsWith(want)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(server.requests.some((r) => r.endsWith(want))).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
      const sent = Date.now();
      child.kill('SIGINT');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(killer);
      expect(Date.now() - sent).toBeLessThan(3_000);
      expect(code).toBe(2);
      expect(stderr.trim().split('\n').at(-1)).toBe('strata: interrupted; run the same command again to resume from the cache');
    });
  }
});
