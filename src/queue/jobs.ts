// The jobs monitoring runs: a version job prepares one version (download, beautify, units) into
// the content-addressed cache; a pair job diffs and classifies two versions (its result lands in
// the pair cache too) and returns what alerting needs; an alert job delivers one alert to a
// webhook. Jobs carry names and keys, never artefacts: every machine that runs them shares the
// cache folder. A job's id is its content key, so the same work is never queued twice.
import { createHash } from 'node:crypto';
import { diff, prepare, type RunOptions } from '../index.js';
import { buildFingerprint } from '../cache/build-fingerprint.js';
import type { Severity } from '../types.js';
import { deliverWebhook, type AlertPayload } from '../monitor/webhook.js';

export interface VersionJob {
  name: string;
  version: string;
}

export interface PairJob {
  name: string;
  from: string;
  to: string;
}

export interface AlertJob {
  url: string;
  /** Sent as `Idempotency-Key`: the same alert delivered twice is one alert to the receiver. */
  key: string;
  payload: AlertPayload;
}

/** What a pair job returns: the findings as alerting needs them (the report stays in the cache). */
export interface PairJobResult {
  findings: { fingerprint: string; ruleId: string; severity: Severity; category: string; message: string; file: string; line: number | null }[];
  linesAdded: number;
  linesRemoved: number;
}

/**
 * Options every job runs with: the shared cache and the registry (never progress or a terminal),
 * and the store, pool and registry client a long-lived process makes once for all its jobs.
 */
export type JobOptions = Pick<RunOptions, 'cacheDir' | 'registry' | 'platform' | 'offline' | 'cwd' | 'env' | 'threads' | 'store' | 'pool' | 'registryClient'>;

const key = (...parts: string[]) => createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);

/** Job ids: the work's content (names, versions, the tool's build). */
export function versionJobId(job: VersionJob): string {
  return `version-${key(job.name, job.version, buildFingerprint())}`;
}

export function pairJobId(job: PairJob): string {
  return `pair-${key(job.name, job.from, job.to, buildFingerprint())}`;
}

export function alertJobId(job: AlertJob): string {
  return `alert-${key(job.url, job.key)}`;
}

export async function runVersionJob(job: VersionJob, options: JobOptions): Promise<{ version: string }> {
  await prepare(`${job.name}@${job.version}`, options);
  return { version: job.version };
}

export async function runPairJob(job: PairJob, options: JobOptions): Promise<PairJobResult> {
  const { report } = await diff(`${job.name}@${job.from}`, `${job.name}@${job.to}`, options);
  const pair = report.pairs[0];
  return {
    findings: (pair?.findings ?? []).map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, severity: f.severity, category: f.category, message: f.message, file: f.file, line: f.line })),
    linesAdded: pair?.stats.linesAdded ?? 0,
    linesRemoved: pair?.stats.linesRemoved ?? 0,
  };
}

export async function runAlertJob(job: AlertJob): Promise<{ status: number }> {
  return deliverWebhook(job.url, job.key, job.payload);
}
