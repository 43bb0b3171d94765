// Where monitoring's jobs run: in this process (the default, no server), or on a BullMQ queue in
// Redis, where `strata worker` processes on any number of machines take them. Callers see one
// interface either way.
import type { AlertJob, PairJob, PairJobResult, VersionJob } from './jobs.js';

export interface JobRunner {
  readonly kind: 'embedded' | 'redis';
  /** Prepares both versions of a pair (in parallel where the runner can), then diffs them. */
  pair(job: PairJob): Promise<PairJobResult>;
  version(job: VersionJob): Promise<void>;
  /** Delivers an alert; an alert already delivered (same key) is not delivered again. */
  alert(job: AlertJob): Promise<void>;
  close(): Promise<void>;
}
