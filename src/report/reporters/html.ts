// The HTML reporter: a self-contained index page (./html/index-page.ts) and one diff page per
// pair of versions (./html/pair-page.ts), in the frame of ./html/frame.ts. Pages work from
// file://, load nothing and run no script: the timeline is inline SVG drawn here and its switch
// is CSS, diffs are rendered here with diff2html, and a Content-Security-Policy says so.
// Everything that comes from a package or a registry is hostile: it reaches HTML only through the
// escaping helpers of ./html/text.ts (or diff2html, which escapes the diff content itself). Files
// are written only through ../output-folder.ts.
import type { PairDiff } from '../../types.js';
import type { Report } from '../model.js';
import { writeReportFolder, type ReportFiles } from '../output-folder.js';
import { loadRuleDocs, type RuleDoc } from '../rule-docs.js';
import { HTML_RENDER_LIMITS, pageContext, type HtmlRenderLimits } from './html/context.js';
import { indexPage } from './html/index-page.js';
import { withPairPages } from './html/page-paths.js';
import { pairPage } from './html/pair-page.js';
import { loadDiff2htmlCss } from './html/render-diff.js';

export { escapeHtml } from './html/text.js';
export { HTML_RENDER_LIMITS, type HtmlRenderLimits } from './html/context.js';
export { CSP } from './html/frame.js';
export { pairPagePaths, withPairPages } from './html/page-paths.js';
export { DIFF2HTML_CONFIG } from './html/render-diff.js';

export interface HtmlReportOptions {
  limits?: Partial<HtmlRenderLimits>;
  /** Rule pages to quote beside findings; read from docs/rules/ when absent. */
  ruleDocs?: ReadonlyMap<string, RuleDoc>;
}

/**
 * Writes `index.html` and one page per pair (`pairs/<from>..<to>.html`) through `files`, and
 * returns the files written, relative with `/` separators: the pair pages in pair order, then
 * `index.html`. The pages link each pair as `withPairPages` does; `report` is not changed.
 */
export async function writeHtmlPages(
  files: ReportFiles,
  report: Report,
  diffs: PairDiff[],
  options: HtmlReportOptions = {},
): Promise<string[]> {
  const limits: HtmlRenderLimits = { ...HTML_RENDER_LIMITS, ...options.limits };
  const diffCss = await loadDiff2htmlCss();
  const ruleDocs = options.ruleDocs ?? (await loadRuleDocs(report.findings.map((f) => f.ruleId)));
  // Links first, so that the index and every pair page agree on them.
  const linked = withPairPages(report);
  const shared = pageContext(linked, diffs, limits, ruleDocs);
  const written: string[] = [];
  for (const [i, pair] of linked.pairs.entries()) {
    const rel = pair.page!;
    await files.write(rel, pairPage(shared, i, diffCss));
    // A pair's sections are needed again only for the index: keep those of findings' units.
    if (pair.findings.length === 0) shared.sectionCache.delete(i);
    written.push(rel);
  }
  await files.write('index.html', indexPage(shared));
  written.push('index.html');
  return written;
}

/**
 * The HTML report alone: writes its pages into `outDir`, replacing the report that was there
 * (see ../output-folder.ts), and returns the files written as `writeHtmlPages` does.
 */
export function writeHtmlReport(report: Report, diffs: PairDiff[], outDir: string, options: HtmlReportOptions = {}): Promise<string[]> {
  return writeReportFolder(outDir, (files) => writeHtmlPages(files, report, diffs, options));
}
