// What the index and the pair pages share: the render limits, where each finding is shown (so
// that links between pages agree), the diffs by pair and the unit sections cut from them.
import { compareFindings } from '../../../classify/severity.js';
import type { Finding, PairDiff } from '../../../types.js';
import type { Report } from '../../model.js';
import type { RuleDoc } from '../../rule-docs.js';
import { splitSections } from './diff-plan.js';

/** What a page may render before it shows placeholders instead, so that it never freezes a browser. */
export interface HtmlRenderLimits {
  /** A file (or unit section) with more changed lines than this is shown as a placeholder. */
  linesPerFile: number;
  /** Changed lines rendered on one pair page, all files together. */
  linesPerPage: number;
  /** Unified text longer than this (characters) is not rendered: long minified lines. */
  charsPerFile: number;
  /** Unified text rendered on one pair page, all files together (characters). */
  charsPerPage: number;
  /** Evidence is cut to this many characters for display (decoded payloads are shown in full). */
  evidenceChars: number;
  /** Findings shown per pair on the index page; the pair page shows all of them. */
  findingsPerPairOnIndex: number;
  /** Files listed on one pair page (those with findings first); the rest are counted in a note. */
  filesPerPage: number;
}

export const HTML_RENDER_LIMITS: Readonly<HtmlRenderLimits> = Object.freeze({
  linesPerFile: 5_000,
  linesPerPage: 20_000,
  charsPerFile: 2_000_000,
  charsPerPage: 8_000_000,
  evidenceChars: 4_000,
  findingsPerPairOnIndex: 100,
  filesPerPage: 1_000,
});

export interface FindingPlaces {
  /** Element id of each finding on the index page (only the ones shown there). */
  onIndex: Map<Finding, string>;
  /** Element id of each finding on its pair page. */
  onPair: Map<Finding, string>;
  /** Page of the pair each finding belongs to. */
  pageOf: Map<Finding, string | undefined>;
}

/** A pair's findings in the order every page lists them: most severe first. */
export function sortedFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

function findingPlaces(report: Report, limits: HtmlRenderLimits): FindingPlaces {
  const places: FindingPlaces = { onIndex: new Map(), onPair: new Map(), pageOf: new Map() };
  report.pairs.forEach((p, i) => {
    sortedFindings(p.findings).forEach((f, k) => {
      places.onPair.set(f, `f-${k + 1}`);
      places.pageOf.set(f, p.page);
      if (k < limits.findingsPerPairOnIndex) places.onIndex.set(f, `f-${i + 1}-${k + 1}`);
    });
  });
  return places;
}

/** Everything a page is rendered from, built once for the index and all pair pages. */
export interface PageContext {
  report: Report;
  limits: HtmlRenderLimits;
  ruleDocs: ReadonlyMap<string, RuleDoc>;
  places: FindingPlaces;
  /** The diff of each pair, by index, when it was given. */
  diffOf(pairIndex: number): PairDiff | undefined;
  /** Unit label → its section of unified text, per pair (built on first use). */
  sectionCache: Map<number, Map<string, string>>;
  /** Index of each version in the report. */
  versionOrder: ReadonlyMap<string, number>;
}

/** The diff section of a finding's unit in its pair, when there is one. */
export function unitSectionOf(s: PageContext, pairIndex: number, f: Finding): string | undefined {
  if (!f.unit) return undefined;
  let sections = s.sectionCache.get(pairIndex);
  if (!sections) {
    sections = new Map();
    for (const file of s.diffOf(pairIndex)?.files ?? []) {
      if (file.unified === undefined || file.unified.length > s.limits.charsPerFile * 4) continue;
      for (const sec of splitSections(file.unified)) if (sec.label && !sections.has(sec.label)) sections.set(sec.label, sec.text);
    }
    s.sectionCache.set(pairIndex, sections);
  }
  const text = sections.get(f.unit);
  // A unit too large to render on a page is too large for a finding too.
  return text !== undefined && text.length <= s.limits.charsPerFile ? text : undefined;
}

export function withUnit(section: string | undefined): { unitSection?: string } {
  return section === undefined ? {} : { unitSection: section };
}


/** The context of `report` (already linked to its pair pages) and the diffs of its pairs. */
export function pageContext(report: Report, diffs: readonly PairDiff[], limits: HtmlRenderLimits, ruleDocs: ReadonlyMap<string, RuleDoc>): PageContext {
  const byPair = new Map<string, PairDiff>();
  for (const d of diffs) byPair.set(`${d.from}\u0000${d.to}`, d);
  return {
    report,
    limits,
    ruleDocs,
    places: findingPlaces(report, limits),
    diffOf: (i) => {
      const pair = report.pairs[i];
      return pair ? byPair.get(`${pair.from}\u0000${pair.to}`) : undefined;
    },
    sectionCache: new Map(),
    versionOrder: new Map(report.versions.map((v, i) => [v.version, i])),
  };
}
