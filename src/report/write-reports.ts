// Writes the chosen formats into one report folder. Reporters are a name-to-function map:
// html (index.html and pairs/), json (report.json), sarif (report.sarif), markdown (report.md).
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StrataError } from '../errors.js';
import type { PairDiff } from '../types.js';
import type { Report } from './model.js';
import { loadRuleDocs, type RuleDoc } from './rule-docs.js';
import { writeHtmlReport } from './reporters/html.js';
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
  outDir: string;
  ruleDocs: ReadonlyMap<string, RuleDoc>;
}

type Reporter = (input: ReporterInput) => Promise<string[]>;

async function writeOne(outDir: string, format: Exclude<ReportFormat, 'html'>, data: string): Promise<string[]> {
  await writeAtomic(path.join(outDir, REPORT_FILES[format]), data);
  return [REPORT_FILES[format]];
}

const REPORTERS: Record<ReportFormat, Reporter> = {
  html: ({ report, diffs, outDir, ruleDocs }) => writeHtmlReport(report, diffs, outDir, { ruleDocs }),
  json: ({ report, outDir }) => writeOne(outDir, 'json', renderJson(report)),
  sarif: ({ report, outDir, ruleDocs }) => writeOne(outDir, 'sarif', renderSarif(report, ruleDocs)),
  markdown: ({ report, outDir }) => writeOne(outDir, 'markdown', renderMarkdown(report)),
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
  formats: readonly ReportFormat[] = DEFAULT_REPORT_FORMATS,
): Promise<string[]> {
  for (const f of formats) {
    if (!(REPORT_FORMATS as readonly string[]).includes(f)) {
      throw new StrataError('ESTRATA_USAGE', `unknown report format "${String(f)}" (known: ${REPORT_FORMATS.join(', ')})`);
    }
  }
  await mkdir(outDir, { recursive: true });
  const ruleDocs = formats.some((f) => f === 'html' || f === 'sarif') ? await loadRuleDocs(report.findings.map((f) => f.ruleId)) : new Map<string, RuleDoc>();
  const written: string[] = [];
  // HTML first: it records each pair's page in the report that JSON then carries.
  const ordered = REPORT_FORMATS.filter((f) => formats.includes(f));
  for (const format of ordered) {
    for (const file of await REPORTERS[format]({ report, diffs, outDir, ruleDocs })) written.push(path.join(outDir, file));
  }
  return written;
}
