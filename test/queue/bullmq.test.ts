// The job queue on a real Redis (CI starts Debian's redis-server on 127.0.0.1; elsewhere the test
// is skipped when none answers): `strata worker` processes take version and pair jobs; a worker
// killed in the middle of a job leaves it to another, and the result arrives with nothing lost;
// an alert queued twice is delivered once.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisRunner } from '../../src/queue/bullmq.js';
import type { JobRunner } from '../../src/queue/runner.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { CLI } from '../helpers/run-cli.js';
import { GATED, ORDINARY, releaseTarball } from '../helpers/release-code.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

const REDIS = process.env.STRATA_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function redisAnswers(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port || 6379) });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(false);
    }, 1000);
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    socket.on('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}

const available = await redisAnswers(REDIS);
if (!available && process.env.CI) throw new Error(`Redis does not answer at ${REDIS}: .ci/run starts redis-server for these tests`);

const tarball = (version: string, code: string) => releaseTarball('queued-pkg', version, code);

describe.skipIf(!available)('BullMQ on Redis', () => {
  let registry: TestRegistry;
  let ws: Workspace;
  let runner: JobRunner;
  const workers: ChildProcess[] = [];
  const prefix = `strata-test-${process.pid}-${Date.now()}`;

  function startWorker(): { child: ChildProcess; log: () => string; waitFor(pattern: RegExp): Promise<void> } {
    const child = spawn(process.execPath, [CLI, 'worker', '--redis', REDIS, '--cache-dir', ws.cacheDir], {
      cwd: ws.dir,
      env: { ...ws.env, STRATA_QUEUE_PREFIX: prefix, STRATA_STALLED_MS: '1000', NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    workers.push(child);
    let log = '';
    const waiters: { pattern: RegExp; resolve: () => void }[] = [];
    child.stderr!.on('data', (d) => {
      log += d;
      for (const w of waiters.splice(0)) {
        if (w.pattern.test(log)) w.resolve();
        else waiters.push(w);
      }
    });
    return {
      child,
      log: () => log,
      waitFor: (pattern) => (pattern.test(log) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ pattern, resolve }))),
    };
  }

  beforeAll(async () => {
    registry = await startRegistry({ packages: [], extra: [{ name: 'queued-pkg', version: '1.0.0', tarball: tarball('1.0.0', ORDINARY) }, { name: 'queued-pkg', version: '1.1.0', tarball: tarball('1.1.0', GATED) }] });
    ws = createWorkspace(registry, ['fetch-retries=1', 'fetch-retry-mintimeout=10', 'fetch-retry-maxtimeout=20']);
    process.env.STRATA_QUEUE_PREFIX = prefix;
    runner = await redisRunner(REDIS);
  });
  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    await runner?.close();
    delete process.env.STRATA_QUEUE_PREFIX;
    await registry?.close();
    ws?.cleanup();
  });

  it("a killed worker's job is taken by another, and the pair's result arrives whole", async () => {
    const a = startWorker();
    await a.waitFor(/taking jobs/);
    const result = runner.pair({ name: 'queued-pkg', from: '1.0.0', to: '1.1.0' });
    // Killed as soon as it starts its first job.
    await a.waitFor(/start strata-/);
    a.child.kill('SIGKILL');
    const b = startWorker();
    const pair = await result;
    expect(pair.findings.map((f) => f.ruleId)).toEqual(['timezone-gate']);
    // The second worker did the work the first one left (a version job, then the pair).
    expect(b.log()).toMatch(/done strata-versions/);
    expect(b.log()).toMatch(/done strata-pairs/);
  }, 90_000);

  it('an alert queued twice (a duplicate publish) is delivered once', async () => {
    startWorker();
    const hits: string[] = [];
    const hook = http.createServer((req, res) => {
      hits.push(String(req.headers['idempotency-key']));
      req.resume();
      req.on('end', () => res.writeHead(204).end());
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/`;
    try {
      const job = { url, key: 'k'.repeat(40), payload: { package: 'queued-pkg', from: '1.0.0', to: '1.1.0', findings: [] } };
      await runner.alert(job);
      await runner.alert(job);
      expect(hits).toEqual(['k'.repeat(40)]);
    } finally {
      await new Promise((r) => hook.close(r));
    }
  }, 60_000);
});
