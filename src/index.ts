// The library API: data in, data out. Nothing here prints, reads argv or exits.
import npa from 'npm-package-arg';
import { StrataError } from './errors.js';
import { createRunContext, type RunOptions } from './pipeline/context.js';
import { buildReport } from './pipeline/build-report.js';
import { prepareVersion } from './pipeline/prepare-version.js';
import { runPairs } from './pipeline/run-pairs.js';
import { localSide, registrySide, type Side } from './pipeline/sides.js';
import { selectVersions, type VersionQuery } from './registry/select-versions.js';
import type { Report } from './report/model.js';
import type { PairDiff } from './types.js';

export { StrataError, isStrataError } from './errors.js';
export type { Report } from './report/model.js';
export type * from './types.js';
export type { RunOptions, ProgressEvent, RunResources } from './pipeline/context.js';
/** For a long-lived process: one store, worker pool and registry client for every run it makes. */
export { createRunResources } from './pipeline/context.js';
export { writeReports, type ReportFormat } from './report/write-reports.js';
/** Call before `audit` or `diff` to fail fast on an --out that `writeReports` would refuse. */
export { checkReportDir } from './report/output-folder.js';

/** The default audit when none is named: the flagship window of Claude Code. */
export const DEFAULT_AUDIT = { package: '@anthropic-ai/claude-code', range: '2.1.89..2.1.92' } as const;

export interface AuditResult {
  report: Report;
  /** Per pair, with unified diff text for rendering (not part of report.json). */
  diffs: PairDiff[];
}

export interface AuditOptions extends RunOptions, Omit<VersionQuery, 'range'> {
  /** The command line to print in the report for reproduction. */
  command?: string;
}

/** Splits `name@range` (the range may also come separately). */
export function parsePackageSpec(spec: string, range?: string): { name: string; range: string | undefined } {
  let parsed: npa.Result;
  try {
    parsed = npa(spec);
  } catch (err) {
    throw new StrataError('ESTRATA_USAGE', `not a package name: "${spec}" (${(err as Error).message.split('\n')[0]})`);
  }
  if (!parsed.registry || !parsed.name) {
    throw new StrataError('ESTRATA_USAGE', `"${spec}" is not a registry package name`);
  }
  const inline = parsed.rawSpec && parsed.rawSpec !== '*' && parsed.rawSpec !== '' ? parsed.rawSpec : undefined;
  if (inline && range) throw new StrataError('ESTRATA_USAGE', `give the range once: "${spec}" already has one`);
  return { name: parsed.name, range: range ?? inline };
}

export async function audit(spec: string, range: string | undefined, options: AuditOptions = {}): Promise<AuditResult> {
  const { name, range: wanted } = parsePackageSpec(spec, range);
  const ctx = await createRunContext(options);
  try {
    const packument = await ctx.registry.packument(name);
    const selected = selectVersions(packument, {
      range: wanted,
      last: options.last,
      includePrerelease: options.includePrerelease,
      order: options.order,
    });
    ctx.progress({ type: 'versions', package: name, versions: selected.versions.map((v) => v.version) });
    const sides = selected.versions.map((v) => registrySide(name, v, selected.unusable.get(v.version)));
    // A version that cannot be analysed is recorded on it and the audit goes on; when none can
    // be, there is nothing to report, and the first reason is the error.
    const result = await runPairs(sides, ctx, { keepGoing: true });
    if (sides.every((_, i) => result.failures[i])) throw result.failures[0]!.error;
    const report = buildReport(
      {
        package: name,
        range: selected.range,
        command: options.command ?? `strata audit ${name} "${wanted ?? '*'}"`,
        order: options.order ?? 'semver',
        registry: ctx.registry.registryFor(name),
        outOfOrder: selected.outOfOrder,
        published: new Set(Object.keys(packument.versions)),
      },
      sides,
      result,
    );
    return { report, diffs: result.diffs };
  } finally {
    await ctx.close();
  }
}

/**
 * Prepares one version into the cache (download, selected files, beautified text, units) without
 * diffing it: what a queue's version job does, so that the pair job that follows reads the cache.
 */
export async function prepare(spec: string, options: RunOptions = {}): Promise<{ name: string; version: string }> {
  const ctx = await createRunContext(options);
  try {
    const { name, range: version } = parsePackageSpec(spec);
    if (!version) throw new StrataError('ESTRATA_USAGE', `"${spec}" needs a version (name@1.2.3)`);
    const selected = selectVersions(await ctx.registry.packument(name), { range: version, includePrerelease: true });
    const info = selected.versions.at(-1)!;
    const prepared = await prepareVersion(registrySide(name, info, selected.unusable.get(info.version)), ctx);
    await prepared.code();
    return { name, version: info.version };
  } finally {
    await ctx.close();
  }
}

/** One pair. Each side is `name@version`, a .tgz file or a package folder. */
export async function diff(a: string, b: string, options: RunOptions & { command?: string } = {}): Promise<AuditResult> {
  const ctx = await createRunContext(options);
  const cwd = options.cwd ?? process.cwd();
  try {
    const resolveSide = async (spec: string): Promise<{ side: Side; name: string }> => {
      const local = await localSide(spec, cwd);
      if (local) return { side: local, name: '' };
      const { name, range: version } = parsePackageSpec(spec);
      if (!version) throw new StrataError('ESTRATA_USAGE', `"${spec}" needs a version (name@1.2.3), or is not a file or folder`);
      const selected = selectVersions(await ctx.registry.packument(name), { range: version, includePrerelease: true });
      const info = selected.versions.at(-1)!;
      return { side: registrySide(name, info, selected.unusable.get(info.version)), name };
    };
    const left = await resolveSide(a);
    const right = await resolveSide(b);
    const sides = [left.side, right.side];
    const result = await runPairs(sides, ctx);
    const name = right.name || left.name || result.names[1] || result.names[0] || 'local';
    const report = buildReport(
      {
        package: name,
        range: `${left.side.label}..${right.side.label}`,
        command: options.command ?? `strata diff ${a} ${b}`,
        order: 'semver',
        registry: left.name || right.name ? ctx.registry.registryFor(name) : null,
      },
      sides,
      result,
    );
    return { report, diffs: result.diffs };
  } finally {
    await ctx.close();
  }
}
