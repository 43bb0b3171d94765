// ESLint-style tests for code rules: each case is JavaScript before and after a release, run
// through the real pipeline pieces (extractUnits on each side, diffUnits for the pairing, the
// beautifier for line numbers, classifyCode). `valid` cases must report nothing introduced;
// `invalid` cases must report the listed findings.
import jsBeautify from 'js-beautify';
import { expect, it } from 'vitest';
import { BEAUTIFY_OPTIONS } from '../../src/beautify/beautify-options.js';
import { classifyCode, type CodeClassification, type CodeRule, type CodeSide } from '../../src/classify/index.js';
import { renderMessage } from '../../src/classify/messages.js';
import { severityRank } from '../../src/classify/severity.js';
import { diffUnits, unitPairing, type JsFile, type UnitPairing } from '../../src/diff/unit-diff.js';
import type { Category, Finding, Severity } from '../../src/types.js';
import { extractUnits } from '../../src/units/extract-units.js';

/** One file's source (named `cli.js`) or several files by path; null for a side without code. */
export type Sources = string | Record<string, string> | null;

export interface CodeCase {
  name?: string;
  before: Sources;
  after: Sources;
}

export interface ExpectedFinding {
  /** Defaults to the rule under test. */
  ruleId?: string;
  category?: Category;
  /** Exactly this severity. */
  severity?: Severity;
  /** At least this severity. */
  atLeast?: Severity;
  message?: string | RegExp;
  /** Each list must be among the finding's payloads (compared as sets of entries). */
  payloadLists?: string[][];
  /** Each text must be among the finding's payloads. */
  payloadTexts?: string[];
  line?: number | null;
}

export interface InvalidCase extends CodeCase {
  findings: ExpectedFinding[];
  /** How many fingerprints the release removed. */
  removed?: number;
}

const beautified = new Map<string, string>();
/** js-beautify with the pipeline's options; each distinct text once. */
function beautify(source: string): string {
  let out = beautified.get(source);
  if (out === undefined) {
    out = jsBeautify.js(source, BEAUTIFY_OPTIONS);
    if (beautified.size > 64) beautified.clear();
    beautified.set(source, out);
  }
  return out;
}

function filesOf(sources: Sources): Record<string, string> {
  if (sources === null) return {};
  return typeof sources === 'string' ? { 'cli.js': sources } : sources;
}

function jsFiles(sources: Sources): JsFile[] {
  return Object.entries(filesOf(sources)).map(([path, text]) => ({ path, text, units: extractUnits(path, text) }));
}

function sideOf(version: string, files: JsFile[], lines: boolean): CodeSide {
  return { version, files: files.map((f) => ({ path: f.path, source: f.text, ...(lines ? { beautified: beautify(f.text) } : {}), units: f.units })) };
}

export interface ClassifyOptions {
  /**
   * Beautify for line numbers and pair the units with the full diff (default). Off: the pairing
   * alone (the same matching, without rendering) and no line numbers, for large inputs.
   */
  lines?: boolean;
}

/** The real pairing of two versions' units (as the pipeline computes it). */
export async function pairingOf(before: JsFile[], after: JsFile[]): Promise<UnitPairing> {
  const { pairing } = await diffUnits(before, after, { beautify: async (s) => beautify(s), maxUnitLines: 5000 });
  return pairing;
}

/** Runs the pipeline pieces on two versions' sources: units, pairing, classification. */
export async function classifySources(
  before: Sources,
  after: Sources,
  rules?: readonly CodeRule[],
  options: ClassifyOptions = {},
): Promise<CodeClassification & { pairing: UnitPairing }> {
  const lines = options.lines ?? true;
  const a = jsFiles(before);
  const b = jsFiles(after);
  const pairing = lines ? await pairingOf(a, b) : unitPairing(a, b);
  // A rule that throws is a defect: in tests it fails the test instead of becoming a coverage note.
  const result = classifyCode(sideOf('1.0.0', a, lines), sideOf('1.1.0', b, lines), pairing, rules, { strict: true });
  return { ...result, pairing };
}

export function expectFinding(f: Finding | undefined, e: ExpectedFinding, rule?: CodeRule): void {
  expect(f, `expected a finding of ${e.ruleId ?? rule?.meta.id}`).toBeDefined();
  const finding = f!;
  expect(finding.ruleId).toBe(e.ruleId ?? rule?.meta.id);
  if (e.category ?? rule) expect(finding.category).toBe(e.category ?? rule!.meta.category);
  if (e.severity) expect(finding.severity).toBe(e.severity);
  if (e.atLeast) expect(severityRank(finding.severity), `severity ${finding.severity} below ${e.atLeast}`).toBeGreaterThanOrEqual(severityRank(e.atLeast));
  if (typeof e.message === 'string') expect(finding.message).toBe(e.message);
  else if (e.message) expect(finding.message).toMatch(e.message);
  for (const list of e.payloadLists ?? []) {
    const want = [...list].sort();
    const lists = (finding.payloads ?? []).map((p) => [...(p.list ?? [])].sort());
    expect(lists, `payload list ${JSON.stringify(list)}`).toContainEqual(want);
  }
  for (const text of e.payloadTexts ?? []) expect((finding.payloads ?? []).map((p) => p.text)).toContain(text);
  if (e.line !== undefined) expect(finding.line).toBe(e.line);
  expect(finding.fingerprint).toMatch(/^[0-9a-f]{24}$/);
  expect(finding).toMatchObject({ from: '1.0.0', to: '1.1.0' });
  expect(finding.evidence.length).toBeLessThanOrEqual(400);
  // A finding is data: a message id with values, and the code that made the rule fire marked in its evidence.
  expect(finding.messageId).toMatch(/^[a-z-]+\/[a-z-]+$/);
  // The words are the catalogue's, rendered from the values alone.
  expect(finding.message).toBe(renderMessage({ messageId: finding.messageId!, values: finding.values! }));
  expect(finding.reasons).toEqual(finding.reasonRefs?.map(renderMessage));
  expect(finding.spans?.length, 'spans').toBeGreaterThan(0);
  for (const s of finding.spans ?? []) {
    expect(s.start).toBeGreaterThanOrEqual(0);
    expect(s.end).toBeGreaterThan(s.start);
    expect(s.end).toBeLessThanOrEqual(finding.evidence.length);
  }
}

/**
 * Registers `valid` and `invalid` cases for one rule. The rule runs alone; findings of an
 * invalid case are matched in order of rank (Finding.score).
 */
export function codeRuleTester(rule: CodeRule, cases: { valid: CodeCase[]; invalid: InvalidCase[] }): void {
  cases.valid.forEach((c, i) => {
    it(`${rule.meta.id} stays silent: ${c.name ?? `valid #${i + 1}`}`, async () => {
      const { introduced } = await classifySources(c.before, c.after, [rule]);
      expect(introduced.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
    });
  });
  cases.invalid.forEach((c, i) => {
    it(`${rule.meta.id} reports: ${c.name ?? `invalid #${i + 1}`}`, async () => {
      const { introduced, removed } = await classifySources(c.before, c.after, [rule]);
      expect(introduced.map((f) => `${f.ruleId}: ${f.message}`)).toHaveLength(c.findings.length);
      c.findings.forEach((e, j) => expectFinding(introduced[j], e, rule));
      if (c.removed !== undefined) expect(removed).toHaveLength(c.removed);
    });
  });
}
