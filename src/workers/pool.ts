// One pool of worker threads, sized to the cores, for every CPU-bound task of a run.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';

export type TaskName = 'beautifyJs' | 'unitsJson' | 'countLines';

export interface WorkerPool {
  run<T>(task: TaskName, input: unknown, signal?: AbortSignal): Promise<T>;
  /** Whether fewer tasks are running or queued than there are threads: a task given now starts at once. */
  hasIdleThread(): boolean;
  close(): Promise<void>;
}

/**
 * The compiled worker. Under vitest or tsx the sources are .ts, and Node's worker threads do not
 * inherit TypeScript loaders reliably: use the build in dist/ (the test setup builds it first).
 */
function workerFile(): string {
  const isTs = fileURLToPath(import.meta.url).endsWith('.ts');
  return fileURLToPath(new URL(isTs ? '../../dist/workers/tasks.js' : './tasks.js', import.meta.url));
}

export function createWorkerPool(options: { threads?: number } = {}): WorkerPool {
  let pool: Piscina | null = null;
  let closed = false;
  let pending = 0;
  const maxThreads = Math.max(1, options.threads ?? availableParallelism());
  return {
    async run(task, input, signal) {
      // A closed pool stays closed: work queued behind an abort must not start new threads.
      if (closed) throw new Error('the worker pool is closed');
      signal?.throwIfAborted();
      pool ??= new Piscina({ filename: workerFile(), minThreads: 1, maxThreads, idleTimeout: 5_000 });
      pending++;
      try {
        return await pool.run(input, { name: task, signal });
      } finally {
        pending--;
      }
    },
    hasIdleThread: () => pending < maxThreads,
    async close() {
      closed = true;
      const p = pool;
      pool = null;
      if (p) await p.destroy();
    },
  };
}
