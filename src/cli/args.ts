// Command-line parsing: node:util parseArgs, strict, with one-line usage errors.
import { parseArgs } from 'node:util';
import { StrataError } from '../errors.js';
import { isSeverity } from '../classify/severity.js';
import { DEFAULT_REPORT_FORMATS, REPORT_FORMATS, type ReportFormat } from '../report/write-reports.js';
import type { Severity } from '../types.js';

export interface CliArgs {
  command: 'audit' | 'diff' | 'deps' | 'watch' | 'worker' | 'help' | 'version';
  positionals: string[];
  last?: number;
  includePrerelease: boolean;
  order: 'semver' | 'published';
  out?: string;
  formats: ReportFormat[];
  json: boolean;
  cacheDir?: string;
  offline: boolean;
  platform?: string;
  registry?: string;
  concurrency: number;
  /** Worker threads for CPU work (default: the number of cores). */
  threads?: number;
  failOn: Severity | 'none';
  quiet: boolean;
  debug: boolean;
  raw: boolean;
  /** Redis for the job queue (`--redis`, or STRATA_REDIS_URL); absent: jobs run in this process. */
  redis?: string;
  /** watch: seconds between polls. */
  interval: number;
  once: boolean;
  webhook?: string;
  lockfile?: string;
  alertOn: Severity;
  /** Whether --format was given (deps and watch have their own defaults). */
  formatsGiven: boolean;
  /** Whether --concurrency was given (a worker's default is one job at a time). */
  concurrencyGiven: boolean;
}

const OPTIONS = {
  last: { type: 'string' },
  'include-prerelease': { type: 'boolean' },
  order: { type: 'string' },
  out: { type: 'string', short: 'o' },
  format: { type: 'string' },
  json: { type: 'boolean' },
  'cache-dir': { type: 'string' },
  offline: { type: 'boolean' },
  platform: { type: 'string' },
  registry: { type: 'string' },
  concurrency: { type: 'string' },
  threads: { type: 'string' },
  'fail-on': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  debug: { type: 'boolean' },
  raw: { type: 'boolean' },
  redis: { type: 'string' },
  interval: { type: 'string' },
  once: { type: 'boolean' },
  webhook: { type: 'string' },
  lockfile: { type: 'string' },
  'alert-on': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

function positiveInt(flag: string, value: string | undefined, fallback?: number): number | undefined {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 100_000) {
    throw new StrataError('ESTRATA_USAGE', `--${flag} takes a whole number from 1, got "${value}"`);
  }
  return Number(value);
}

const COMMANDS = ['audit', 'diff', 'deps', 'watch', 'worker'] as const;

export function parseCli(argv: string[], env: NodeJS.ProcessEnv = process.env): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new StrataError('ESTRATA_USAGE', `${(err as Error).message.split('\n')[0]} (see strata --help)`);
  }
  const { values, positionals } = parsed;
  const [first, ...rest] = positionals;
  let command: CliArgs['command'];
  if (values.version) command = 'version';
  else if (values.help || first === 'help') command = 'help';
  else if ((COMMANDS as readonly string[]).includes(first ?? '')) command = first as (typeof COMMANDS)[number];
  else if (first === undefined) command = 'help';
  else throw new StrataError('ESTRATA_USAGE', `unknown command "${first}": use ${COMMANDS.map((c) => `"strata ${c}"`).join(', ')} (see strata --help)`);

  const order = values.order ?? 'semver';
  if (order !== 'semver' && order !== 'published') {
    throw new StrataError('ESTRATA_USAGE', `--order is "semver" or "published", got "${order}"`);
  }
  const formats = (values.format ?? DEFAULT_REPORT_FORMATS.join(',')).split(',').map((f) => f.trim()).filter(Boolean);
  for (const f of formats) {
    if (!(REPORT_FORMATS as readonly string[]).includes(f)) {
      throw new StrataError('ESTRATA_USAGE', `--format: unknown format "${f}" (known: ${REPORT_FORMATS.join(', ')})`);
    }
  }
  const failOn = values['fail-on'] ?? 'high';
  if (failOn !== 'none' && !isSeverity(failOn)) {
    throw new StrataError('ESTRATA_USAGE', `--fail-on is one of info, low, medium, high, critical or none, got "${failOn}"`);
  }
  if (values.registry !== undefined && !/^https?:\/\/[^\s]+$/.test(values.registry)) {
    throw new StrataError('ESTRATA_USAGE', `--registry needs an http(s) URL, got "${values.registry}"`);
  }
  if (command === 'audit' && rest.length > 2) throw new StrataError('ESTRATA_USAGE', 'strata audit takes a package and at most one range');
  if (command === 'diff' && rest.length !== 2) throw new StrataError('ESTRATA_USAGE', 'strata diff takes two sides: name@version, a .tgz file or a folder');
  if (command === 'deps' && rest.length !== 2) throw new StrataError('ESTRATA_USAGE', 'strata deps takes two lockfiles: the old one and the new one');
  if (command === 'watch' && rest.length === 0 && values.lockfile === undefined) throw new StrataError('ESTRATA_USAGE', 'strata watch takes package names, or --lockfile FILE');
  if (command === 'worker' && rest.length > 0) throw new StrataError('ESTRATA_USAGE', 'strata worker takes no arguments (it needs --redis URL)');
  const redis = values.redis ?? env.STRATA_REDIS_URL;
  if (redis !== undefined && !/^redis:\/\/[^\s]+$/.test(redis)) throw new StrataError('ESTRATA_USAGE', `--redis needs a redis:// URL, got "${redis}"`);
  if (command === 'worker' && !redis) throw new StrataError('ESTRATA_USAGE', 'strata worker needs --redis URL (or STRATA_REDIS_URL)');
  if (values.webhook !== undefined && !/^https?:\/\/[^\s]+$/.test(values.webhook)) throw new StrataError('ESTRATA_USAGE', `--webhook needs an http(s) URL, got "${values.webhook}"`);
  const alertOn = values['alert-on'] ?? 'low';
  if (!isSeverity(alertOn)) throw new StrataError('ESTRATA_USAGE', `--alert-on is one of info, low, medium, high or critical, got "${alertOn}"`);
  return {
    command,
    positionals: rest,
    last: positiveInt('last', values.last),
    includePrerelease: values['include-prerelease'] === true,
    order,
    out: values.out,
    formats: formats as ReportFormat[],
    json: values.json === true,
    cacheDir: values['cache-dir'],
    offline: values.offline === true,
    platform: values.platform,
    registry: values.registry,
    concurrency: positiveInt('concurrency', values.concurrency, 4)!,
    ...(values.threads !== undefined ? { threads: positiveInt('threads', values.threads) } : {}),
    failOn: failOn as CliArgs['failOn'],
    quiet: values.quiet === true,
    debug: values.debug === true,
    raw: values.raw === true,
    ...(redis ? { redis } : {}),
    interval: positiveInt('interval', values.interval, 300)!,
    once: values.once === true,
    ...(values.webhook ? { webhook: values.webhook } : {}),
    ...(values.lockfile ? { lockfile: values.lockfile } : {}),
    alertOn: alertOn as Severity,
    formatsGiven: values.format !== undefined,
    concurrencyGiven: values.concurrency !== undefined,
  };
}

export const HELP = `strata: version archaeology for npm packages

Usage:
  strata audit [package] [range] [options]   every published version in the range, successive pairs
  strata diff <a> <b> [options]              one pair; each side is name@version, a .tgz or a folder
  strata deps <old-lockfile> <new-lockfile>  every dependency whose version changed, old → new
                                             (package-lock.json, npm-shrinkwrap.json, yarn.lock,
                                             pnpm-lock.yaml); one report, a section per package
  strata watch <package...> | --lockfile F   polls for new releases, audits each against the one
                                             before it, alerts on findings not seen before
  strata worker --redis URL                  takes audit jobs from the queue (many machines may)

With no package, audit runs the built-in default:
  @anthropic-ai/claude-code 2.1.89..2.1.92

Ranges: any semver range (">=1.2 <2"), A..B (inclusive; dist-tags allowed), name@range, a dist-tag.

Options:
  --last N                 only the N newest versions of the range
  --include-prerelease     include prereleases in ranges
  --order semver|published analyse in semver order (default) or by publish time
  -o, --out DIR            write the report into DIR (default reports/<package>/<first>..<last>/)
  --format LIST            report formats, comma-separated: html,json,sarif,markdown
                           (default html,json)
  --json                   print the report document on stdout
  --cache-dir DIR          cache folder (default ./cache, or $STRATA_CACHE_DIR)
  --offline                use the cache only; fail if something is missing
  --registry URL           registry to use (default: from npm's configuration)
  --platform OS-CPU        platform package to follow when a version's package is a stub that
                           installs its code per platform (default linux-x64; none: don't follow)
  --concurrency N          parallel downloads (default 4; worker: jobs at once per queue, default 1)
  --threads N              worker threads for beautifying and splitting (default: the cores)
  --raw                    plain diff of the beautified files, not the identifier-insensitive one
  --fail-on SEVERITY       exit 1 when a finding is at or above it: info, low, medium, high,
                           critical, or none (default high; deps: over every package; watch
                           --once: over the alerts)

Monitoring:
  --redis URL              run jobs on a BullMQ queue in Redis (redis://host:port), taken by
                           strata worker processes; default: in this process, no server
                           (also STRATA_REDIS_URL)
  --interval SECONDS       watch: seconds between polls (default 300)
  --once                   watch: one round, then exit (1 when an alert is at or above --fail-on)
  --webhook URL            watch: POST each alert as JSON, with an Idempotency-Key header
  --alert-on SEVERITY      watch: new findings at or above it alert (default low)
  --lockfile FILE          watch: every package the lockfile installs, from its installed version
  Reports: deps writes reports/deps/<old>..<new>/ (html,json by default); watch writes each
  alerting pair to reports/watch/<package>/<from>..<to>/ (json,sarif,markdown by default).
  A watch's state (last release seen, findings alerted) is kept in the cache folder.
  -q, --quiet              no progress and no summary
  --debug                  show stacks on errors
  -h, --help               this help
  -v, --version            the version

Exit codes: 0 done, 1 findings at or above --fail-on, 2 bad input or failure (also on Ctrl-C;
finished work stays cached and the next run resumes).
Colours: off when NO_COLOR is set or the output is not a terminal; FORCE_COLOR forces them.`;
