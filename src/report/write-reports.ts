// Writes the chosen formats into one report folder. Reporters are a name-to-function map.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StrataError } from '../errors.js';
import type { PairDiff } from '../types.js';
import type { Report } from './model.js';
import { writeHtmlReport } from './reporters/html.js';
import { renderJson } from './reporters/json.js';

export type ReportFormat = 'html' | 'json';
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'json'];

type Reporter = (report: Report, diffs: PairDiff[], outDir: string) => Promise<string[]>;

const REPORTERS: Record<ReportFormat, Reporter> = {
  html: (report, diffs, outDir) => writeHtmlReport(report, diffs, outDir),
  json: async (report, _diffs, outDir) => {
    await writeAtomic(path.join(outDir, 'report.json'), renderJson(report));
    return ['report.json'];
  },
};

export async function writeAtomic(file: string, data: string): Promise<void> {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

/** One path segment from untrusted text: no separators, no dot-dot, nothing exotic. */
export function safeSegment(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9._+@-]/g, '_').replace(/^\.+/, '_');
  return cleaned.slice(0, 120) || '_';
}

/** reports/<package>/<first>..<last>/ below `reportsDir`. */
export function defaultReportDir(reportsDir: string, report: Report): string {
  const nameParts = report.package.split('/').map(safeSegment);
  const first = report.versions[0]?.version ?? 'none';
  const last = report.versions.at(-1)?.version ?? 'none';
  const dir = path.resolve(reportsDir, ...nameParts, safeSegment(`${first}..${last}`));
  if (!dir.startsWith(path.resolve(reportsDir) + path.sep)) {
    throw new StrataError('ESTRATA_BAD_INPUT', `refusing to write a report outside ${reportsDir}`);
  }
  return dir;
}

export async function writeReports(
  report: Report,
  diffs: PairDiff[],
  outDir: string,
  formats: readonly ReportFormat[] = REPORT_FORMATS,
): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  // HTML first: it records each pair's page in the report that JSON then carries.
  for (const format of [...formats].sort((a, b) => (a === 'html' ? -1 : b === 'html' ? 1 : 0))) {
    for (const file of await REPORTERS[format](report, diffs, outDir)) written.push(path.join(outDir, file));
  }
  return written;
}
