// Jobs run in this process, one pair at a time per call (the pipeline inside uses the worker pool).
// The store, pool and registry client the options do not give are made at the first job and
// shared by every job after it.
import { createRunResources, type RunResources } from '../pipeline/context.js';
import { runAlertJob, runPairJob, runVersionJob, type JobOptions } from './jobs.js';
import type { JobRunner } from './runner.js';

export function embeddedRunner(options: JobOptions): JobRunner {
  let resources: Promise<RunResources> | undefined;
  const withResources = async (): Promise<JobOptions> => {
    // A failure (an unreadable .npmrc) is not kept: the next job tries again.
    resources ??= createRunResources(options).catch((err: unknown) => {
      resources = undefined;
      throw err;
    });
    const { store, pool, registryClient } = await resources;
    return { ...options, store, pool, registryClient };
  };
  return {
    kind: 'embedded',
    pair: async (job) => runPairJob(job, await withResources()),
    version: async (job) => {
      await runVersionJob(job, await withResources());
    },
    alert: async (job) => {
      await runAlertJob(job);
    },
    close: async () => {
      const made = await resources?.catch(() => undefined);
      resources = undefined;
      await made?.close();
    },
  };
}
