// `strata deps OLD-LOCK NEW-LOCK`: every dependency a lockfile change installs at another version
// is audited old → new (through a JobRunner), one report per package under one summary. A
// package that fails to audit is recorded with why, and the others go on.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { diff, type AuditResult } from '../index.js';
import { StrataError } from '../errors.js';
import type { JobOptions } from '../queue/jobs.js';
import type { JobRunner } from '../queue/runner.js';
import { lockfileChanges, MAX_LOCKFILE_BYTES, parseLockfile, type DependencyChange, type LockfileChanges } from './lockfile.js';

export interface DepsOptions extends JobOptions {
  runner: JobRunner;
  /** Pairs audited at once (each runs the whole pipeline). */
  parallel?: number;
  signal?: AbortSignal;
  onEvent?(event: { type: 'start' | 'done' | 'failed'; change: DependencyChange; done: number; total: number; error?: string }): void;
}

export interface DepsPackage extends DependencyChange {
  /** The pair's audit, read back from the cache the job filled; absent when it failed. */
  result?: AuditResult;
  error?: string;
}

export interface DepsResult {
  oldLockfile: string;
  newLockfile: string;
  changes: LockfileChanges;
  packages: DepsPackage[];
}

async function readLockfile(file: string): Promise<string> {
  try {
    const text = await readFile(file, 'utf8');
    if (text.length > MAX_LOCKFILE_BYTES) throw new StrataError('ESTRATA_USAGE', `${file}: lockfile too large`);
    return text;
  } catch (err) {
    if (err instanceof StrataError) throw err;
    throw new StrataError('ESTRATA_USAGE', `cannot read lockfile ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

export async function auditDeps(oldFile: string, newFile: string, options: DepsOptions): Promise<DepsResult> {
  const cwd = options.cwd ?? process.cwd();
  const [a, b] = await Promise.all([readLockfile(path.resolve(cwd, oldFile)), readLockfile(path.resolve(cwd, newFile))]);
  const changes = lockfileChanges(parseLockfile(a, oldFile), parseLockfile(b, newFile));
  const limit = pLimit(options.parallel ?? 2);
  let done = 0;
  const total = changes.changed.length;
  const packages = await Promise.all(
    changes.changed.map((change) =>
      limit(async (): Promise<DepsPackage> => {
        options.signal?.throwIfAborted();
        options.onEvent?.({ type: 'start', change, done, total });
        try {
          await options.runner.pair(change);
          // The job filled the pair cache: the report is read back from it here.
          const result = await diff(`${change.name}@${change.from}`, `${change.name}@${change.to}`, { ...options, command: `strata diff ${change.name}@${change.from} ${change.name}@${change.to}` });
          options.onEvent?.({ type: 'done', change, done: ++done, total });
          return { ...change, result };
        } catch (err) {
          if (options.signal?.aborted) throw err;
          const error = (err as Error).message.split('\n')[0] ?? String(err);
          options.onEvent?.({ type: 'failed', change, done: ++done, total, error });
          return { ...change, error };
        }
      }),
    ),
  );
  return { oldLockfile: oldFile, newLockfile: newFile, changes, packages };
}
