// Coverage notes (code the classifier could not read in a pair) reach every format, worded once.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coverageSummary, coverageWords } from '../../src/report/coverage.js';
import { writeHtmlReport } from '../../src/report/reporters/html.js';
import { renderMarkdown } from '../../src/report/reporters/markdown.js';
import { buildSarif } from '../../src/report/reporters/sarif.js';
import { formatSummary } from '../../src/cli/summary.js';
import type { CoverageNote } from '../../src/types.js';
import { flagshipReport } from './report-fixtures.js';
import { sarifProblems } from './sarif-check.js';

const NOTES: CoverageNote[] = [
  { version: '2.1.91', unit: 'cli.js § statement #12', kind: 'too-large', detail: '2097152' },
  { version: '2.1.91', unit: 'cli.js § function Hu6 #40', kind: 'unparseable' },
  { version: '2.1.90', unit: 'cli.js § factory #7', kind: 'partial' },
  { version: '2.1.91', unit: 'cli.js § function Zq #41', kind: 'rule-error', rule: 'locale-gate', detail: 'Cannot read properties of undefined' },
];

function withNotes() {
  const { report, diffs } = flagshipReport();
  const pair = report.pairs.find((p) => p.to === '2.1.91')!;
  pair.coverage = NOTES;
  return { report, diffs, pair };
}

describe('coverage notes', () => {
  it('are worded in one place', () => {
    expect(NOTES.map(coverageWords)).toEqual([
      '2.1.91: cli.js § statement #12 not analysed: too large (2,097,152 characters)',
      '2.1.91: cli.js § function Hu6 #40 not analysed: it does not parse on its own',
      '2.1.90: cli.js § factory #7 analysed in part: the analysis reached its size bounds',
      '2.1.91: cli.js § function Zq #41: rule locale-gate failed (Cannot read properties of undefined); the other rules ran',
    ]);
    expect(coverageSummary(NOTES)).toBe('2 units not analysed (1 too large, 1 not parseable alone), 1 unit analysed in part, 1 rule failure');
  });

  it('reach the pair page and the index of the HTML report', async () => {
    const { report, diffs } = withNotes();
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'strata-coverage-'));
    try {
      await writeHtmlReport(report, diffs, tmp);
      const page = await readFile(path.join(tmp, 'pairs', '2.1.90..2.1.91.html'), 'utf8');
      expect(page).toContain('<h2 id="coverage">Coverage</h2>');
      expect(page).toContain('rule locale-gate failed (Cannot read properties of undefined)');
      const index = await readFile(path.join(tmp, 'index.html'), 'utf8');
      expect(index).toContain('coverage: 2 units not analysed (1 too large, 1 not parseable alone), 1 unit analysed in part, 1 rule failure');
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });

  it('reach Markdown, SARIF (as tool notifications) and the terminal summary', () => {
    const { report } = withNotes();
    const md = renderMarkdown(report);
    expect(md).toContain('### Coverage');
    expect(md).toContain('- `2.1.90` → `2.1.91`: 2 units not analysed (1 too large, 1 not parseable alone), 1 unit analysed in part, 1 rule failure');
    const log = buildSarif(report) as Record<string, any>;
    expect(sarifProblems(log)).toEqual([]);
    const notes = log.runs[0].invocations[0].toolExecutionNotifications;
    expect(notes).toHaveLength(4);
    expect(notes[3]).toMatchObject({ level: 'error', associatedRule: { id: 'locale-gate' }, message: { text: expect.stringContaining('2.1.90 → 2.1.91: 2.1.91: cli.js § function Zq #41: rule locale-gate failed') } });
    expect(formatSummary(report, null, (_s, t) => t)).toContain('coverage: 2 units not analysed (1 too large, 1 not parseable alone), 1 unit analysed in part, 1 rule failure (listed in the report)');
  });

  it('are absent when everything was read', () => {
    const { report } = flagshipReport();
    expect(renderMarkdown(report)).not.toContain('### Coverage');
    expect((buildSarif(report) as Record<string, any>).runs[0].invocations[0].toolExecutionNotifications).toBeUndefined();
  });
});
