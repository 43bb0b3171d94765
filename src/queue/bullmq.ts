// Jobs on BullMQ, with Redis as the engine. The producer (strata watch, strata deps) adds jobs
// whose ids are their content keys and waits for them; `strata worker` processes take them. A
// worker that dies mid-job leaves it stalled: BullMQ hands it to another worker (attempts and
// stalled-job checks below), and since every artefact is in the shared cache, nothing done is lost
// or done twice. An alert's id is its idempotency key: a duplicate is the same job.
import { Queue, QueueEvents, Worker, type Job } from 'bullmq';
import { StrataError } from '../errors.js';
import { createRunResources } from '../pipeline/context.js';
import { alertJobId, pairJobId, runAlertJob, runPairJob, runVersionJob, versionJobId, type AlertJob, type JobOptions, type PairJob, type PairJobResult, type VersionJob } from './jobs.js';
import type { JobRunner } from './runner.js';

export const QUEUES = { versions: 'strata-versions', pairs: 'strata-pairs', alerts: 'strata-alerts' } as const;

/** How long a producer waits for one job (a cold pair of 13 MB bundles takes about a minute). */
const WAIT_MS = 30 * 60 * 1000;

export interface RedisTarget {
  host: string;
  port: number;
  password?: string;
  db?: number;
}

/** `redis://[:password@]host[:port][/db]` → connection options; a bad URL is a usage error. */
export function parseRedisUrl(url: string): RedisTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new StrataError('ESTRATA_USAGE', `--redis needs a redis:// URL, got "${url}"`);
  }
  if (u.protocol !== 'redis:') throw new StrataError('ESTRATA_USAGE', `--redis needs a redis:// URL, got "${url}"`);
  const target: RedisTarget = { host: u.hostname || '127.0.0.1', port: u.port ? Number(u.port) : 6379 };
  if (u.password) target.password = decodeURIComponent(u.password);
  const db = u.pathname.replace(/^\//, '');
  if (db) target.db = Number(db);
  return target;
}

/** Key prefix of the queues in Redis: several strata installations (or tests) can share one server. */
export function queuePrefix(env: NodeJS.ProcessEnv = process.env): string {
  const p = env.STRATA_QUEUE_PREFIX;
  return p && /^[\w.-]{1,64}$/.test(p) ? p : 'strata';
}

function connection(target: RedisTarget) {
  // Fail fast when Redis is away, instead of retrying forever in the background.
  return { ...target, maxRetriesPerRequest: null, enableOfflineQueue: true, retryStrategy: (times: number) => (times > 5 ? null : 200 * times) };
}

const JOB_OPTIONS = { attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { age: 24 * 3600, count: 10_000 }, removeOnFail: { age: 7 * 24 * 3600 } } as const;

async function waitFor<T>(queue: Queue, events: QueueEvents, name: string, data: object, jobId: string): Promise<T> {
  // An id already queued or done is the same work: its result is waited for, not queued again.
  const existing = await queue.getJob(jobId);
  if (existing && (await existing.isCompleted())) return existing.returnvalue as T;
  if (existing && (await existing.isFailed())) await existing.remove().catch(() => undefined);
  const job = existing && !(await existing.isFailed()) ? existing : await queue.add(name, data, { ...JOB_OPTIONS, jobId });
  try {
    return (await job.waitUntilFinished(events, WAIT_MS)) as T;
  } catch (err) {
    throw new StrataError('ESTRATA_QUEUE', `${name} job ${jobId} failed: ${(err as Error).message.split('\n')[0]}`);
  }
}

export async function redisRunner(url: string): Promise<JobRunner> {
  const target = parseRedisUrl(url);
  const prefix = queuePrefix();
  const make = (name: string) => {
    const events = new QueueEvents(name, { connection: connection(target), prefix });
    // Every job waited for listens on the events: a round may wait for hundreds at once.
    events.setMaxListeners(0);
    const queue = new Queue(name, { connection: connection(target), prefix });
    queue.setMaxListeners(0);
    return { queue, events };
  };
  const versions = make(QUEUES.versions);
  const pairs = make(QUEUES.pairs);
  const alerts = make(QUEUES.alerts);
  try {
    await Promise.all([versions.queue.waitUntilReady(), pairs.queue.waitUntilReady(), alerts.queue.waitUntilReady(), versions.events.waitUntilReady(), pairs.events.waitUntilReady(), alerts.events.waitUntilReady()]);
  } catch (err) {
    await Promise.all([versions, pairs, alerts].flatMap((q) => [q.queue.close(), q.events.close()])).catch(() => undefined);
    throw new StrataError('ESTRATA_QUEUE', `cannot reach Redis at ${target.host}:${target.port} (${(err as Error).message.split('\n')[0]})`);
  }
  const version = (job: VersionJob) => waitFor(versions.queue, versions.events, 'version', job, versionJobId(job));
  return {
    kind: 'redis',
    version: async (job) => {
      await version(job);
    },
    pair: async (job: PairJob) => {
      // Both versions are prepared by whichever workers are free, then the pair.
      await Promise.all([version({ name: job.name, version: job.from }), version({ name: job.name, version: job.to })]);
      return waitFor<PairJobResult>(pairs.queue, pairs.events, 'pair', job, pairJobId(job));
    },
    alert: async (job: AlertJob) => {
      await waitFor(alerts.queue, alerts.events, 'alert', job, alertJobId(job));
    },
    close: async () => {
      await Promise.all([versions, pairs, alerts].flatMap((q) => [q.queue.close(), q.events.close()]));
    },
  };
}

export interface WorkerOptions extends JobOptions {
  /** Jobs run at once per queue in this process. */
  concurrency?: number;
  /** How often a worker checks for jobs whose worker died (ms). */
  stalledInterval?: number;
  onEvent?(event: { type: 'start' | 'done' | 'failed'; queue: string; id: string; error?: string }): void;
}

/**
 * Workers for the three queues in this process, sharing one store, worker pool and registry
 * client (as many jobs at once as `concurrency` says); resolves when `signal` aborts and they
 * have closed.
 */
export async function runWorkers(url: string, options: WorkerOptions, signal: AbortSignal): Promise<void> {
  const target = parseRedisUrl(url);
  const resources = await createRunResources(options);
  try {
    await serve(target, { ...options, store: resources.store, pool: resources.pool, registryClient: resources.registryClient }, signal);
  } finally {
    await resources.close();
  }
}

async function serve(target: RedisTarget, options: WorkerOptions, signal: AbortSignal): Promise<void> {
  const concurrency = options.concurrency ?? 1;
  const settings = { connection: connection(target), prefix: queuePrefix(), concurrency, stalledInterval: options.stalledInterval ?? 30_000, maxStalledCount: 2, lockDuration: Math.max(10_000, options.stalledInterval ?? 30_000) };
  const wrap = <T>(queue: string, run: (job: Job) => Promise<T>) => async (job: Job) => {
    options.onEvent?.({ type: 'start', queue, id: job.id ?? '?' });
    try {
      const out = await run(job);
      options.onEvent?.({ type: 'done', queue, id: job.id ?? '?' });
      return out;
    } catch (err) {
      options.onEvent?.({ type: 'failed', queue, id: job.id ?? '?', error: (err as Error).message.split('\n')[0] });
      throw err;
    }
  };
  const workers = [
    new Worker(QUEUES.versions, wrap(QUEUES.versions, (job) => runVersionJob(job.data as VersionJob, options)), settings),
    new Worker(QUEUES.pairs, wrap(QUEUES.pairs, (job) => runPairJob(job.data as PairJob, options)), settings),
    new Worker(QUEUES.alerts, wrap(QUEUES.alerts, (job) => runAlertJob(job.data as AlertJob)), settings),
  ];
  try {
    await Promise.all(workers.map((w) => w.waitUntilReady()));
  } catch (err) {
    await Promise.all(workers.map((w) => w.close(true))).catch(() => undefined);
    throw new StrataError('ESTRATA_QUEUE', `cannot reach Redis at ${target.host}:${target.port} (${(err as Error).message.split('\n')[0]})`);
  }
  await new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await Promise.all(workers.map((w) => w.close()));
}
