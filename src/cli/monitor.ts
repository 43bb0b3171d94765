// The monitoring commands (deps, watch, worker): argv already parsed, progress on stderr, exit
// codes out. The work itself is in the library (src/monitor/, src/queue/).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import semver from 'semver';
import { severityRank } from '../classify/severity.js';
import { auditDeps } from '../monitor/deps.js';
import { parseLockfile } from '../monitor/lockfile.js';
import { watch } from '../monitor/watch.js';
import { createRunResources } from '../pipeline/context.js';
import { redisRunner, runWorkers } from '../queue/bullmq.js';
import { embeddedRunner } from '../queue/embedded.js';
import type { JobOptions } from '../queue/jobs.js';
import type { JobRunner } from '../queue/runner.js';
import { writeDepsReports } from '../report/deps-report.js';
import { safeSegment, type ReportFormat } from '../report/write-reports.js';
import { StrataError } from '../errors.js';
import type { CliArgs } from './args.js';
import { stderr, stdout } from './terminal.js';

// Names, versions and errors here come from lockfiles, packages and registries: the terminal
// writer escapes them.
const line = (args: CliArgs, text: string) => {
  if (!args.quiet) stderr().line(text);
};

function jobOptions(args: CliArgs): JobOptions {
  const o: JobOptions = {};
  if (args.cacheDir) o.cacheDir = args.cacheDir;
  if (args.registry) o.registry = args.registry;
  if (args.platform) o.platform = args.platform;
  if (args.offline) o.offline = true;
  if (args.threads) o.threads = args.threads;
  return o;
}

/** Job options with one store, worker pool and registry client for every job and report of the command. */
async function sharedJobOptions(args: CliArgs): Promise<{ options: JobOptions; close(): Promise<void> }> {
  const options = jobOptions(args);
  const { store, pool, registryClient, close } = await createRunResources(options);
  return { options: { ...options, store, pool, registryClient }, close };
}

async function runnerFor(args: CliArgs, options: JobOptions): Promise<JobRunner> {
  return args.redis ? redisRunner(args.redis) : embeddedRunner(options);
}

export async function runDeps(args: CliArgs, signal: AbortSignal): Promise<number> {
  const [oldFile, newFile] = args.positionals as [string, string];
  const shared = await sharedJobOptions(args);
  let runner: JobRunner | undefined;
  try {
    runner = await runnerFor(args, shared.options);
    const result = await auditDeps(oldFile, newFile, {
      ...shared.options,
      runner,
      signal,
      onEvent: (e) => {
        if (e.type === 'failed') line(args, `[${e.done}/${e.total}] ${e.change.name} ${e.change.from} → ${e.change.to}: not audited: ${e.error}`);
        else if (e.type === 'done') line(args, `[${e.done}/${e.total}] ${e.change.name} ${e.change.from} → ${e.change.to}`);
      },
    });
    const formats: ReportFormat[] = args.formatsGiven ? args.formats : ['html', 'json'];
    const outDir = args.out ? path.resolve(args.out) : path.resolve('reports', 'deps', safeSegment(`${path.basename(oldFile)}..${path.basename(newFile)}`));
    const summary = await writeDepsReports(result, outDir, formats);
    if (!args.quiet) {
      const out = [`${result.changes.changed.length} dependencies changed version (${result.changes.added.length} added, ${result.changes.removed.length} removed: not audited)`];
      for (const p of summary.packages) {
        const c = p.findingsBySeverity;
        const found = c ? Object.entries(c).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).reverse().join(', ') || 'no findings' : `not audited: ${p.error}`;
        out.push(`  ${p.name} ${p.from} → ${p.to}: ${found}`);
      }
      out.push(`  report: ${path.relative(process.cwd(), outDir) || '.'}`);
      stdout().lines(out);
    }
    if (result.packages.length > 0 && result.packages.every((p) => p.error)) throw new StrataError('ESTRATA_REGISTRY', `no dependency could be audited (first: ${result.packages[0]!.name}: ${result.packages[0]!.error})`);
    if (args.failOn === 'none') return 0;
    const threshold = severityRank(args.failOn);
    return result.packages.some((p) => p.result?.report.findings.some((f) => severityRank(f.severity) >= threshold)) ? 1 : 0;
  } finally {
    await runner?.close();
    await shared.close();
  }
}

async function watchTargets(args: CliArgs): Promise<string[]> {
  if (!args.lockfile) return args.positionals;
  let text: string;
  try {
    text = await readFile(path.resolve(args.lockfile), 'utf8');
  } catch (err) {
    throw new StrataError('ESTRATA_USAGE', `cannot read lockfile ${args.lockfile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const installed = parseLockfile(text, args.lockfile);
  const targets = [...args.positionals];
  // Each package from the newest version the lockfile installs: releases after it are what is new.
  for (const [name, versions] of installed) targets.push(`${name}@${[...versions].sort(semver.compare).at(-1)!}`);
  return targets;
}

export async function runWatch(args: CliArgs, signal: AbortSignal): Promise<number> {
  const targets = await watchTargets(args);
  const formats: ReportFormat[] = args.formatsGiven ? args.formats : ['json', 'sarif', 'markdown'];
  let serious = false;
  // Every round's jobs and reports reuse these: a watch runs for days.
  const shared = await sharedJobOptions(args);
  let runner: JobRunner | undefined;
  try {
    runner = await runnerFor(args, shared.options);
    await watch({
      ...shared.options,
      targets,
      runner,
      out: args.out ? path.resolve(args.out) : path.resolve('reports', 'watch'),
      formats,
      ...(args.webhook ? { webhook: args.webhook } : {}),
      alertOn: args.alertOn,
      intervalMs: args.interval * 1000,
      once: args.once,
      signal,
      onEvent: (e) => {
        switch (e.type) {
          case 'baseline':
            line(args, `${e.package}: watching from ${e.version}`);
            break;
          case 'release':
            line(args, `${e.package}: new release ${e.to} (auditing against ${e.from})`);
            break;
          case 'audited':
            line(args, `${e.package} ${e.from} → ${e.to}: ${e.findings} findings, ${e.fresh} not seen before`);
            break;
          case 'alert':
            line(args, `ALERT ${e.package} ${e.from} → ${e.to}: ${e.findings} new findings${e.delivered ? ' (webhook delivered)' : ''}; report: ${path.relative(process.cwd(), e.report)}`);
            break;
          case 'error':
            line(args, `${e.package}: ${e.message}`);
            break;
        }
      },
      onRound: (round) => {
        if (args.failOn !== 'none') {
          const threshold = severityRank(args.failOn);
          if (round.alerts.some((a) => a.findings.some((f) => severityRank(f.severity) >= threshold))) serious = true;
        }
        line(args, `round: ${round.checked} packages checked, ${round.releases.length} new releases, ${round.alerts.length} alerts${round.errors.length ? `, ${round.errors.length} errors` : ''}`);
      },
    });
  } catch (err) {
    if (!signal.aborted) throw err;
  } finally {
    await runner?.close();
    await shared.close();
  }
  return args.once && serious ? 1 : 0;
}

export async function runWorker(args: CliArgs, signal: AbortSignal): Promise<number> {
  line(args, `strata worker: taking jobs from ${args.redis} (Ctrl-C to stop)`);
  await runWorkers(args.redis!, {
    ...jobOptions(args),
    concurrency: args.concurrencyGiven ? args.concurrency : 1,
    ...(process.env.STRATA_STALLED_MS ? { stalledInterval: Number(process.env.STRATA_STALLED_MS) } : {}),
    onEvent: (e) => line(args, `${e.type} ${e.queue} ${e.id}${e.error ? `: ${e.error}` : ''}`),
  }, signal);
  return 0;
}
