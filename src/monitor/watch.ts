// `strata watch`: polls the registry for new releases of a list of packages, audits each new
// release against the one before it (through a JobRunner: in this process, or on workers), and
// alerts only on findings not seen before for that package: a webhook (with an idempotency key)
// and SARIF and Markdown files. A package seen for the first time starts from its newest release.
import { createHash } from 'node:crypto';
import path from 'node:path';
import pLimit from 'p-limit';
import semver from 'semver';
import { loadNpmConfig } from '../config/npm-config.js';
import { diff, writeReports, type ReportFormat } from '../index.js';
import { severityRank } from '../classify/severity.js';
import { createRunResources, defaultCacheDir } from '../pipeline/context.js';
import type { JobOptions, PairJobResult } from '../queue/jobs.js';
import type { JobRunner } from '../queue/runner.js';
import { createRegistryClient } from '../registry/client.js';
import type { Severity } from '../types.js';
import { loadState, saveState, statePath, type WatchState } from './state.js';

export interface WatchOptions extends JobOptions {
  /** Package names to watch; `name@version` starts after that version (a lockfile's installed one) instead of the newest. */
  targets: string[];
  runner: JobRunner;
  /** Reports of the pairs that alert are written under this folder. */
  out: string;
  formats: ReportFormat[];
  webhook?: string;
  /** New findings at or above this severity alert (default low). */
  alertOn?: Severity;
  includePrerelease?: boolean;
  signal?: AbortSignal;
  onEvent?(event: WatchEvent): void;
}

export type WatchEvent =
  | { type: 'baseline'; package: string; version: string }
  | { type: 'release'; package: string; from: string; to: string }
  | { type: 'audited'; package: string; from: string; to: string; findings: number; fresh: number }
  | { type: 'alert'; package: string; from: string; to: string; findings: number; report: string; delivered: boolean }
  | { type: 'error'; package: string; message: string };

export interface WatchAlert {
  package: string;
  from: string;
  to: string;
  findings: PairJobResult['findings'];
  report: string;
}

export interface WatchRound {
  checked: number;
  releases: { package: string; from: string; to: string }[];
  alerts: WatchAlert[];
  errors: { package: string; message: string }[];
}

/** One round: every target polled once, its new releases audited in order. */
export async function watchOnce(options: WatchOptions): Promise<WatchRound> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const cacheDir = options.cacheDir ? path.resolve(cwd, options.cacheDir) : defaultCacheDir(env, cwd);
  const file = statePath(cacheDir, options.targets.map((t) => splitTarget(t).name));
  const state = await loadState(file);
  // Revalidated on every poll (a conditional request: 304 when nothing was published).
  const npm = await loadNpmConfig({ registry: options.registry, cwd, env });
  const registry = createRegistryClient({ npm: { ...npm, preferOnline: true }, cacheDir, offline: options.offline, signal: options.signal });
  const round: WatchRound = { checked: 0, releases: [], alerts: [], errors: [] };
  const limit = pLimit(4);
  let saving = Promise.resolve();
  // --offline may run on a read-only cache: the state then lasts this round only.
  const save = () => (saving = saving.then(() => (options.offline ? saveState(file, state).catch(() => {}) : saveState(file, state))));
  await Promise.all(
    options.targets.map((target) =>
      limit(async () => {
        options.signal?.throwIfAborted();
        const { name, since } = splitTarget(target);
        try {
          await watchPackage(name, since, state, registry, options, round, save);
        } catch (err) {
          if (options.signal?.aborted) throw err;
          const message = (err as Error).message.split('\n')[0] ?? String(err);
          round.errors.push({ package: name, message });
          options.onEvent?.({ type: 'error', package: name, message });
        }
      }),
    ),
  );
  await save();
  return round;
}

/** `name`, or `name@version` (a scoped name keeps its leading `@`). */
export function splitTarget(target: string): { name: string; since?: string } {
  const at = target.lastIndexOf('@');
  if (at <= 0) return { name: target };
  const version = target.slice(at + 1);
  return semver.valid(version) ? { name: target.slice(0, at), since: version } : { name: target };
}

async function watchPackage(
  name: string,
  since: string | undefined,
  state: WatchState,
  registry: ReturnType<typeof createRegistryClient>,
  options: WatchOptions,
  round: WatchRound,
  save: () => Promise<void>,
): Promise<void> {
  const packument = await registry.packument(name);
  round.checked++;
  const versions = Object.keys(packument.versions)
    .filter((v) => semver.valid(v) && (options.includePrerelease || !semver.prerelease(v)))
    .sort(semver.compare);
  if (versions.length === 0) return;
  const entry = (state.packages[name] ??= { last: null, alerted: [] });
  if (entry.last === null) {
    entry.last = since && versions.includes(since) ? since : versions.at(-1)!;
    options.onEvent?.({ type: 'baseline', package: name, version: entry.last });
    await save();
    return;
  }
  const last = entry.last;
  const fresh = versions.filter((v) => semver.gt(v, last));
  for (const to of fresh) {
    options.signal?.throwIfAborted();
    const from = versions[versions.indexOf(to) - 1]!;
    round.releases.push({ package: name, from, to });
    options.onEvent?.({ type: 'release', package: name, from, to });
    const result = await options.runner.pair({ name, from, to });
    const seen = new Set(entry.alerted);
    const threshold = severityRank(options.alertOn ?? 'low');
    const novel = result.findings.filter((f) => !seen.has(f.fingerprint) && severityRank(f.severity) >= threshold);
    options.onEvent?.({ type: 'audited', package: name, from, to, findings: result.findings.length, fresh: novel.length });
    if (novel.length > 0) {
      const report = await writePairReports(name, from, to, options);
      const alert: WatchAlert = { package: name, from, to, findings: novel, report };
      round.alerts.push(alert);
      let delivered = false;
      if (options.webhook) {
        const key = idempotencyKey(name, to, novel.map((f) => f.fingerprint));
        if (!state.delivered.includes(key)) {
          await options.runner.alert({ url: options.webhook, key, payload: { package: name, from, to, findings: novel, report } });
          state.delivered.push(key);
          delivered = true;
        }
      }
      options.onEvent?.({ type: 'alert', package: name, from, to, findings: novel.length, report, delivered });
    }
    // Every finding of the release counts as seen: what it had, its successors do not alert on.
    for (const f of result.findings) if (!seen.has(f.fingerprint)) entry.alerted.push(f.fingerprint);
    entry.last = to;
    await save();
  }
}

/** The pair's reports (read back from the pair cache the job filled). */
async function writePairReports(name: string, from: string, to: string, options: WatchOptions): Promise<string> {
  const { report, diffs } = await diff(`${name}@${from}`, `${name}@${to}`, { ...options, command: `strata diff ${name}@${from} ${name}@${to}` });
  const dir = path.join(options.out, ...name.split('/'), `${from}..${to}`);
  await writeReports(report, diffs, dir, options.formats);
  return dir;
}

/** The same package release with the same new findings is the same alert, wherever it is sent from. */
export function idempotencyKey(name: string, version: string, fingerprints: readonly string[]): string {
  return createHash('sha256').update(`${name}@${version}\0${[...fingerprints].sort().join(',')}`).digest('hex').slice(0, 40);
}

export { statePath };

/** Rounds every `intervalMs` until `signal` aborts (or one round with `once`). */
export async function watch(options: WatchOptions & { intervalMs: number; once?: boolean; onRound?(round: WatchRound): void }): Promise<WatchRound[]> {
  // The reports of every round are read with one store, pool and registry client (unless given).
  const { store, pool, registryClient, close } = await createRunResources(options);
  const shared = { ...options, store, pool, registryClient };
  const rounds: WatchRound[] = [];
  try {
    for (;;) {
      const round = await watchOnce(shared);
      rounds.push(round);
      options.onRound?.(round);
      if (options.once || options.signal?.aborted) return rounds;
      await new Promise<void>((resolve) => {
        const onAbort = () => {
          clearTimeout(timer);
          resolve();
        };
        // Removed when the timer fires: a watch that runs for days would pile one up per round.
        const timer = setTimeout(() => {
          options.signal?.removeEventListener('abort', onAbort);
          resolve();
        }, options.intervalMs);
        options.signal?.addEventListener('abort', onAbort, { once: true });
      });
      if (options.signal?.aborted) return rounds;
    }
  } finally {
    await close();
  }
}
