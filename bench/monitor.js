// Monitoring, measured (run with `node --import tsx bench/monitor.js <part>`: it reuses the
// tests' loopback registry):
//  - alert: publish-to-alert time of `strata watch --interval 5` (the real CLI) on the loopback
//    registry, from the moment a release is published to the moment its webhook arrives;
//  - workers: pairs per minute with 1 and with 2 `strata worker` processes on Redis (a
//    redis-server of its own on a free port), the same pairs cold each time;
//  - deps: `strata deps` on two lockfiles that differ in 50 real dependencies, cold cache.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(root, 'dist', 'cli', 'main.js');

const BASE = 'function pad(s, n) { s = String(s); while (s.length < n) s = " " + s; return s; }\nmodule.exports = pad;\n';
/** A release that compares the time zone with a list (each list a new finding). */
const gated = (zones) => `${BASE}function region() { var z = Intl.DateTimeFormat().resolvedOptions().timeZone; return ${zones.map((z) => `z === "${z}"`).join(' || ')}; }\nmodule.exports.region = region;\n`;
const ZONES = [['Europe/Moscow', 'Europe/Minsk'], ['Asia/Shanghai', 'Asia/Urumqi'], ['Asia/Tehran', 'Asia/Pyongyang']];

async function helpers() {
  const { startRegistry } = await import('../test/helpers/registry.ts');
  const { packTarball } = await import('../test/helpers/tarball.ts');
  const { createWorkspace } = await import('../test/helpers/workspace.ts');
  return { startRegistry, packTarball, createWorkspace };
}

function lines(child, onLine) {
  let buf = '';
  child.stderr.on('data', (d) => {
    buf += d;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      onLine(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
  });
}

export async function benchAlert() {
  const { startRegistry, packTarball, createWorkspace } = await helpers();
  const tarball = (version, code) => packTarball([{ path: 'package.json', data: JSON.stringify({ name: 'bench-watched', version, main: 'index.js' }) }, { path: 'index.js', data: code }]);
  const registry = await startRegistry({ packages: [], extra: [{ name: 'bench-watched', version: '1.0.0', tarball: tarball('1.0.0', BASE) }] });
  const ws = createWorkspace(registry);
  const arrivals = [];
  let onHook = () => {};
  const hook = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      arrivals.push(Date.now());
      onHook();
      res.writeHead(204).end();
    });
  });
  await new Promise((r) => hook.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${hook.address().port}/`;
  const child = spawn(process.execPath, [CLI, 'watch', 'bench-watched', '--interval', '5', '--webhook', url], { cwd: ws.dir, env: { ...ws.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let started;
  const ready = new Promise((r) => (started = r));
  lines(child, (l) => {
    if (l.includes('watching from')) started();
  });
  const latencies = [];
  try {
    await ready;
    for (let i = 0; i < ZONES.length; i++) {
      const got = new Promise((r) => (onHook = r));
      // Published at a random point of the poll interval, as a real release would be.
      await new Promise((r) => setTimeout(r, 1000 + Math.random() * 4000));
      const publishedAt = Date.now();
      registry.publish({ name: 'bench-watched', version: `1.${i + 1}.0`, tarball: tarball(`1.${i + 1}.0`, gated(ZONES[i])) });
      await got;
      latencies.push(arrivals.at(-1) - publishedAt);
    }
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => child.on('close', r));
    await new Promise((r) => hook.close(r));
    await registry.close();
    ws.cleanup();
  }
  return { pollSeconds: 5, latenciesMs: latencies, maxMs: Math.max(...latencies), meanMs: Math.round(latencies.reduce((a, b) => a + b, 0) / latencies.length) };
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Real pairs of the registry, small to mid-sized, for the queue's throughput. */
const WORKER_PAIRS = [
  ['semver', '7.6.2', '7.6.3'], ['chalk', '5.3.0', '5.4.0'], ['commander', '12.0.0', '12.1.0'], ['yargs', '17.7.1', '17.7.2'],
  ['express', '4.21.1', '4.21.2'], ['ws', '8.17.1', '8.18.0'], ['dayjs', '1.11.12', '1.11.13'], ['uuid', '9.0.0', '9.0.1'],
  ['debug', '4.3.6', '4.3.7'], ['minimatch', '9.0.4', '9.0.5'], ['lru-cache', '10.4.0', '10.4.3'], ['glob', '10.4.4', '10.4.5'],
];

export async function benchWorkers() {
  const hasTaskset = await new Promise((resolve) => spawn('taskset', ['-c', '0', 'true'], { stdio: 'ignore' }).on('close', (c) => resolve(c === 0)).on('error', () => resolve(false)));
  const port = await freePort();
  const redisUrl = `redis://127.0.0.1:${port}`;
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 500));
  const { redisRunner } = await import('../dist/queue/bullmq.js');
  const { forget } = await import('./cache-entries.js');
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'strata-bench-workers-'));
  const out = { pairs: WORKER_PAIRS.length, runs: [] };
  try {
    // Downloads first, once: what is measured is the audit work the workers share.
    // One worker per core, pinned to it with taskset where there is one (each worker a machine
    // of one core, one thread), against a single worker on one core: what adding a machine adds.
    // Then the default: one worker with every core's thread.
    const pin = (cpu) => (hasTaskset ? ['taskset', ['-c', String(cpu), process.execPath]] : [process.execPath, []]);
    for (const [workers, threads] of [[0, 1], [1, 1], [2, 1], [1, 0]]) {
      process.env.STRATA_QUEUE_PREFIX = `bench-${workers}-${threads}-${Date.now()}`;
      await forget(cacheDir, ['pair/', 'units/', 'beautified/', 'payload/']);
      const children = Array.from({ length: Math.max(1, workers) }, (_, i) => {
        const [cmd, pre] = threads ? pin(i % os.availableParallelism()) : [process.execPath, []];
        return spawn(cmd, [...pre, CLI, 'worker', '--redis', redisUrl, '--cache-dir', cacheDir, '--quiet', ...(threads ? ['--threads', String(threads)] : [])], { cwd: root, env: { ...process.env }, stdio: 'ignore' });
      });
      const runner = await redisRunner(redisUrl);
      const start = Date.now();
      await Promise.all(WORKER_PAIRS.map(([name, from, to]) => runner.pair({ name, from, to })));
      const ms = Date.now() - start;
      await runner.close();
      for (const c of children) c.kill('SIGTERM');
      await Promise.all(children.map((c) => new Promise((r) => c.on('close', r))));
      if (workers > 0) out.runs.push({ workers, threadsPerWorker: threads || os.availableParallelism(), pinned: Boolean(threads && hasTaskset), ms, pairsPerMinute: Number(((60_000 * WORKER_PAIRS.length) / ms).toFixed(1)) });
    }
  } finally {
    redis.kill('SIGTERM');
    await rm(cacheDir, { recursive: true, force: true });
  }
  return out;
}

/** 50 real dependency updates: the ordinary releases of the labelled set, and more. */
const DEPS = [
  ['i18next', '23.11.4', '23.11.5'], ['moment-timezone', '0.5.44', '0.5.45'], ['commander', '11.0.0', '11.1.0'], ['yargs', '17.7.1', '17.7.2'],
  ['express', '4.19.1', '4.19.2'], ['fastify', '4.28.0', '4.28.1'], ['react', '18.2.0', '18.3.0'], ['vue', '3.4.37', '3.4.38'],
  ['axios', '1.7.8', '1.7.9'], ['undici', '6.19.7', '6.19.8'], ['pg', '8.12.0', '8.13.0'], ['mongodb', '6.8.0', '6.8.1'],
  ['eslint-plugin-react', '7.37.1', '7.37.2'], ['prettier', '3.3.2', '3.3.3'], ['chalk', '5.3.0', '5.4.0'], ['jquery', '3.7.0', '3.7.1'],
  ['chart.js', '4.4.3', '4.4.4'], ['ws', '8.18.0', '8.18.1'], ['dayjs', '1.11.12', '1.11.13'], ['luxon', '3.5.0', '3.6.0'],
  ['ci-info', '4.0.0', '4.1.0'], ['semver', '7.6.2', '7.6.3'], ['lodash', '4.17.20', '4.17.21'], ['debug', '4.3.6', '4.3.7'],
  ['uuid', '10.0.0', '11.0.0'], ['minimatch', '9.0.4', '9.0.5'], ['glob', '10.4.4', '10.4.5'], ['lru-cache', '10.4.0', '10.4.3'],
  ['dotenv', '16.4.4', '16.4.5'], ['zod', '3.23.7', '3.23.8'], ['ajv', '8.16.0', '8.17.1'], ['yaml', '2.5.0', '2.5.1'],
  ['cross-spawn', '7.0.5', '7.0.6'], ['ms', '2.1.2', '2.1.3'], ['nanoid', '5.0.8', '5.0.9'], ['picomatch', '4.0.1', '4.0.2'],
  ['fast-glob', '3.3.1', '3.3.2'], ['micromatch', '4.0.7', '4.0.8'], ['body-parser', '1.20.2', '1.20.3'], ['cookie', '0.6.0', '0.7.0'],
  ['qs', '6.13.0', '6.13.1'], ['mime', '4.0.3', '4.0.4'], ['tslib', '2.6.3', '2.7.0'], ['rxjs', '7.8.0', '7.8.1'],
  ['date-fns-tz', '3.1.3', '3.2.0'], ['immer', '10.1.0', '10.1.1'], ['zustand', '4.5.4', '4.5.5'], ['classnames', '2.5.0', '2.5.1'],
  ['clsx', '2.1.0', '2.1.1'], ['p-limit', '6.1.0', '6.2.0'],
];

export async function benchDeps() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'strata-bench-deps-'));
  const lock = (which) => JSON.stringify({ name: 'app', lockfileVersion: 3, packages: { '': { name: 'app' }, ...Object.fromEntries(DEPS.map(([n, a, b]) => [`node_modules/${n}`, { version: which === 'old' ? a : b }])) } });
  try {
    await writeFile(path.join(dir, 'old.json'), lock('old'));
    await writeFile(path.join(dir, 'new.json'), lock('new'));
    const start = Date.now();
    const code = await new Promise((resolve) => {
      const child = spawn(process.execPath, [CLI, 'deps', 'old.json', 'new.json', '--cache-dir', path.join(dir, 'cache'), '--out', 'report', '--quiet', '--fail-on', 'none'], { cwd: dir, stdio: 'ignore' });
      child.on('close', resolve);
    });
    const ms = Date.now() - start;
    const summary = JSON.parse(await readFile(path.join(dir, 'report', 'deps.json'), 'utf8'));
    return { dependencies: DEPS.length, exitCode: code, ms, audited: summary.packages.filter((p) => p.report).length, failed: summary.packages.filter((p) => p.error).map((p) => `${p.name}: ${p.error}`) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const which = process.argv[2];
  const run = { alert: benchAlert, workers: benchWorkers, deps: benchDeps }[which];
  if (!run) throw new Error('usage: node --import tsx bench/monitor.js alert|workers|deps');
  process.stdout.write(`${JSON.stringify(await run())}\n`);
  process.exit(0);
}
