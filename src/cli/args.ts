// Command-line parsing: node:util parseArgs, strict, with one-line usage errors.
import { parseArgs } from 'node:util';
import { StrataError } from '../errors.js';
import { isSeverity } from '../classify/severity.js';
import { DEFAULT_REPORT_FORMATS, REPORT_FORMATS, type ReportFormat } from '../report/write-reports.js';
import type { Severity } from '../types.js';

export interface CliArgs {
  command: 'audit' | 'diff' | 'help' | 'version';
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
  failOn: Severity | 'none';
  quiet: boolean;
  debug: boolean;
  raw: boolean;
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
  'fail-on': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  debug: { type: 'boolean' },
  raw: { type: 'boolean' },
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

export function parseCli(argv: string[]): CliArgs {
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
  else if (first === 'audit' || first === 'diff') command = first;
  else if (first === undefined) command = 'help';
  else throw new StrataError('ESTRATA_USAGE', `unknown command "${first}": use "strata audit" or "strata diff" (see strata --help)`);

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
    failOn: failOn as CliArgs['failOn'],
    quiet: values.quiet === true,
    debug: values.debug === true,
    raw: values.raw === true,
  };
}

export const HELP = `strata: version archaeology for npm packages

Usage:
  strata audit [package] [range] [options]   every published version in the range, successive pairs
  strata diff <a> <b> [options]              one pair; each side is name@version, a .tgz or a folder

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
  --concurrency N          parallel downloads (default 4)
  --raw                    plain diff of the beautified files, not the identifier-insensitive one
  --fail-on SEVERITY       exit 1 when a finding is at or above it: info, low, medium, high,
                           critical, or none (default high)
  -q, --quiet              no progress and no summary
  --debug                  show stacks on errors
  -h, --help               this help
  -v, --version            the version

Exit codes: 0 done, 1 findings at or above --fail-on, 2 bad input or failure (also on Ctrl-C;
finished work stays cached and the next run resumes).
Colours: off when NO_COLOR is set or the output is not a terminal; FORCE_COLOR forces them.`;
