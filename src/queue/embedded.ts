// Jobs run in this process, one pair at a time per call (the pipeline inside uses the worker pool).
import { runAlertJob, runPairJob, runVersionJob, type JobOptions } from './jobs.js';
import type { JobRunner } from './runner.js';

export function embeddedRunner(options: JobOptions): JobRunner {
  return {
    kind: 'embedded',
    pair: (job) => runPairJob(job, options),
    version: async (job) => {
      await runVersionJob(job, options);
    },
    alert: async (job) => {
      await runAlertJob(job);
    },
    close: async () => {},
  };
}
