#!/usr/bin/env node
// The strata command: argv in, exit code out. Everything else lives in the library.
import path from 'node:path';
import { audit, diff, DEFAULT_AUDIT, parsePackageSpec, writeReports, type AuditResult } from '../index.js';
import { isStrataError } from '../errors.js';
import { severityRank } from '../classify/severity.js';
import { checkReportDir, checkReportsRoot } from '../report/output-folder.js';
import { defaultReportDir, reportDocument } from '../report/write-reports.js';
import { renderJson } from '../report/reporters/json.js';
import { TOOL_VERSION } from '../version.js';
import { HELP, parseCli, type CliArgs } from './args.js';
import { createProgress } from './progress.js';
import { runDeps, runWatch, runWorker } from './monitor.js';
import { summaryLines } from './summary.js';
import { stderr, stdout } from './terminal.js';

const quote = (s: string) => (/^[A-Za-z0-9@%+=:,./_-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

function reproduceCommand(args: CliArgs, sides: string[]): string {
  const parts = ['strata', args.command, ...sides];
  if (args.last) parts.push('--last', String(args.last));
  if (args.includePrerelease) parts.push('--include-prerelease');
  if (args.order !== 'semver') parts.push('--order', args.order);
  if (args.registry) parts.push('--registry', args.registry);
  if (args.raw) parts.push('--raw');
  if (args.platform) parts.push('--platform', args.platform);
  return parts.map(quote).join(' ');
}

async function run(args: CliArgs, signal: AbortSignal): Promise<number> {
  if (args.command === 'help') {
    stdout().lines(HELP.split('\n'));
    return 0;
  }
  if (args.command === 'version') {
    stdout().line(TOOL_VERSION);
    return 0;
  }
  // A bad --out fails now, not after the downloads.
  if (args.out !== undefined && (args.command === 'audit' || args.command === 'diff' || args.command === 'deps')) {
    await checkReportDir(path.resolve(args.out), `--out ${args.out}`);
  }
  if (args.out !== undefined && args.command === 'watch') await checkReportsRoot(path.resolve(args.out), `--out ${args.out}`);
  if (args.command === 'deps') return runDeps(args, signal);
  if (args.command === 'watch') return runWatch(args, signal);
  if (args.command === 'worker') return runWorker(args, signal);
  const progress = createProgress(stderr(), !args.quiet);
  const common = {
    cacheDir: args.cacheDir,
    registry: args.registry,
    offline: args.offline,
    platform: args.platform,
    concurrency: args.concurrency,
    ...(args.threads ? { threads: args.threads } : {}),
    raw: args.raw,
    signal,
    onProgress: progress.onProgress,
  };
  let result: AuditResult;
  try {
    if (args.command === 'audit') {
      const [spec = DEFAULT_AUDIT.package, range] = args.positionals;
      const useDefault = args.positionals.length === 0 && args.last === undefined;
      const effectiveRange = useDefault ? DEFAULT_AUDIT.range : range;
      const { name, range: wanted } = parsePackageSpec(spec, effectiveRange);
      result = await audit(name, wanted, {
        ...common,
        last: args.last,
        includePrerelease: args.includePrerelease,
        order: args.order,
        command: reproduceCommand(args, wanted === undefined ? [name] : [name, wanted]),
      });
    } else {
      const [a, b] = args.positionals as [string, string];
      result = await diff(a, b, { ...common, command: reproduceCommand(args, [a, b]) });
    }
  } finally {
    progress.done();
  }
  const { report, diffs } = result;
  const outDir = args.out ? path.resolve(args.out) : defaultReportDir(path.resolve('reports'), report);
  await writeReports(report, diffs, outDir, args.formats);
  if (args.json) stdout().json(renderJson(reportDocument(report, args.formats)));
  if (!args.quiet) (args.json ? stderr() : stdout()).lines(summaryLines(report, path.relative(process.cwd(), outDir) || '.'));
  if (args.failOn === 'none') return 0;
  const threshold = severityRank(args.failOn);
  return report.findings.some((f) => severityRank(f.severity) >= threshold) ? 1 : 0;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const debug = argv.includes('--debug');
  const controller = new AbortController();
  let interrupts = 0;
  // watch and worker run until stopped: Ctrl-C or SIGTERM is how they end, with 0.
  const endless = argv[0] === 'watch' || argv[0] === 'worker';
  const stop = (signalName: string) => {
    interrupts += 1;
    if (interrupts > 1) process.exit(2);
    stderr().lines(['', endless ? `strata: ${signalName}: stopping` : 'strata: interrupting; finished work stays cached (Ctrl-C again to quit at once)']);
    controller.abort();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  if (endless) process.on('SIGTERM', () => stop('SIGTERM'));
  try {
    process.exitCode = await run(parseCli(argv), controller.signal);
  } catch (err) {
    if (controller.signal.aborted && endless) {
      process.exitCode = 0;
      return;
    }
    if (controller.signal.aborted) {
      stderr().line('strata: interrupted; run the same command again to resume from the cache');
    } else if (isStrataError(err)) {
      // One line whatever the message holds: newlines from a registry body are escaped too.
      stderr().line(`strata: ${err.message}`);
      if (debug) stderr().lines(String(err.stack).split('\n'));
    } else {
      const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
      stderr().line(`strata: unexpected error: ${message}${debug ? '' : ' (run with --debug for details)'}`);
      if (debug && err instanceof Error) stderr().lines(String(err.stack).split('\n'));
    }
    process.exitCode = 2;
    // Requests given up on may still hold timers (npm's retry waits up to a minute between tries):
    // a failed or interrupted run ends now. Output to pipes and files is written synchronously.
    process.exit(2);
  }
}

await main();
