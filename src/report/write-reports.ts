// Writes the chosen formats into one report folder. Reporters are a name-to-function map:
// html (index.html and pairs/), json (report.json), sarif (report.sarif), markdown (report.md).
// Every file goes through ./output-folder.ts: a fresh staging folder swapped in whole.
import path from 'node:path';
import { StrataError } from '../errors.js';
import type { PairDiff } from '../types.js';
import type { Report } from './model.js';
import { writeReportFolder, type ReportFiles } from './output-folder.js';
import { loadRuleDocs, type RuleDoc } from './rule-docs.js';
import { withPairPages, writeHtmlPages } from './reporters/html.js';
import { renderJson } from './reporters/json.js';
import { renderMarkdown } from './reporters/markdown.js';
import { renderSarif } from './reporters/sarif.js';

export type ReportFormat = 'html' | 'json' | 'sarif' | 'markdown';
/** Every format `--format` accepts, in the order they are written. */
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'json', 'sarif', 'markdown'];
/** What is written when no format is named. */
export const DEFAULT_REPORT_FORMATS: readonly ReportFormat[] = ['html', 'json'];
/** The file each format writes, in the report folder. */
export const REPORT_FILES: Readonly<Record<ReportFormat, string>> = {
  html: 'index.html',
  json: 'report.json',
  sarif: 'report.sarif',
  markdown: 'report.md',
};

interface ReporterInput {
  report: Report;
  diffs: PairDiff[];
  files: ReportFiles;
  ruleDocs: ReadonlyMap<string, RuleDoc>;
}

type Reporter = (input: ReporterInput) => Promise<string[]>;

async function writeOne(files: ReportFiles, format: Exclude<ReportFormat, 'html'>, data: string): Promise<string[]> {
  await files.write(REPORT_FILES[format], data);
  return [REPORT_FILES[format]];
}

const REPORTERS: Record<ReportFormat, Reporter> = {
  html: ({ report, diffs, files, ruleDocs }) => writeHtmlPages(files, report, diffs, { ruleDocs }),
  json: ({ report, files }) => writeOne(files, 'json', renderJson(report)),
  sarif: ({ report, files, ruleDocs }) => writeOne(files, 'sarif', renderSarif(report, ruleDocs)),
  markdown: ({ report, files }) => writeOne(files, 'markdown', renderMarkdown(report)),
};

export function checkFormats(formats: readonly ReportFormat[]): void {
  for (const f of formats) {
    if (!(REPORT_FORMATS as readonly string[]).includes(f)) {
      throw new StrataError('ESTRATA_USAGE', `unknown report format "${String(f)}" (known: ${REPORT_FORMATS.join(', ')})`);
    }
  }
}

/** The report as the files of `formats` carry it: with each pair's page when HTML is written. */
export function reportDocument(report: Report, formats: readonly ReportFormat[]): Report {
  return formats.includes('html') ? withPairPages(report) : report;
}

/**
 * Writes the formats of one report through `files` (a report folder, or a folder inside one);
 * returns the files written, relative, with `/` separators.
 */
export async function writeReportFiles(files: ReportFiles, report: Report, diffs: PairDiff[], formats: readonly ReportFormat[]): Promise<string[]> {
  checkFormats(formats);
  const ruleDocs = formats.some((f) => f === 'html' || f === 'sarif') ? await loadRuleDocs(report.findings.map((f) => f.ruleId)) : new Map<string, RuleDoc>();
  const doc = reportDocument(report, formats);
  const written: string[] = [];
  for (const format of REPORT_FORMATS.filter((f) => formats.includes(f))) {
    written.push(...(await REPORTERS[format]({ report: doc, diffs, files, ruleDocs })));
  }
  return written;
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

/**
 * Writes the chosen formats into `outDir`, replacing whatever report was there (and refusing a
 * folder that is not a strata report: see ./output-folder.ts). Returns the files written.
 */
export async function writeReports(
  report: Report,
  diffs: PairDiff[],
  outDir: string,
  formats: readonly ReportFormat[] = DEFAULT_REPORT_FORMATS,
): Promise<string[]> {
  checkFormats(formats);
  const written = await writeReportFolder(outDir, (files) => writeReportFiles(files, report, diffs, formats));
  return written.map((rel) => path.join(outDir, ...rel.split('/')));
}
