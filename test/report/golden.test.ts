// Golden files for report.json, report.sarif and report.md: one report made by the real pipeline
// (`diff` on two local fixture folders, no registry) and written by the real writer, compared
// with the files checked in under test/report/golden/. When a change to the output is intended,
// rewrite them and review the diff:
//
//   UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diff } from '../../src/index.js';
import type { Report } from '../../src/report/model.js';
import { writeReports } from '../../src/report/write-reports.js';
import { FIXTURES_DIR } from '../helpers/registry.js';
import { cleanEnv } from '../helpers/workspace.js';
import { sarifProblems } from './sarif-check.js';

const GOLDEN_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'golden');
const REPO_ROOT = path.resolve(GOLDEN_DIR, '../../..');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const GOLDEN_FILES = ['report.json', 'report.sarif', 'report.md'] as const;

let tmp: string;
let written: Map<string, string>;

/**
 * The values that change from run to run or machine to machine, pinned: the time, the tool's own
 * version (a release must not churn the goldens) and absolute paths. The report holds no timings.
 */
function normalise(report: Report, tmpDir: string): Report {
  let json = JSON.stringify({ ...report, generatedAt: '2000-01-01T00:00:00.000Z', tool: { ...report.tool, version: '0.0.0-golden' } });
  // Inner folders first: the fixtures lie inside the repository.
  for (const [abs, name] of [[FIXTURES_DIR, '<fixtures>'], [tmpDir, '<tmp>'], [REPO_ROOT, '<repo>']] as const) {
    json = json.split(JSON.stringify(abs).slice(1, -1)).join(name);
  }
  return JSON.parse(json) as Report;
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'strata-golden-'));
  // Relative folders from the fixtures folder, so that the versions are named as in a report a
  // user would make there; the environment keeps any user .npmrc out.
  const result = await diff('tracker-demo/1.0.0', 'tracker-demo/1.2.0', {
    cwd: FIXTURES_DIR,
    env: cleanEnv(tmp),
    cacheDir: path.join(tmp, 'cache'),
    threads: 1,
  });
  const out = path.join(tmp, 'report');
  // Every format, as `--format html,json,sarif,markdown` writes them: with HTML, report.json
  // links each pair to its page.
  await writeReports(normalise(result.report, tmp), result.diffs, out, ['html', 'json', 'sarif', 'markdown']);
  written = new Map(GOLDEN_FILES.map((name) => [name, readFileSync(path.join(out, name), 'utf8')]));
  if (UPDATE) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    for (const [name, text] of written) writeFileSync(path.join(GOLDEN_DIR, name), text);
  }
}, 120_000);

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('golden report files', () => {
  it.each(GOLDEN_FILES)('%s is as checked in', (name) => {
    const file = path.join(GOLDEN_DIR, name);
    const hint = 'if the change is intended: UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts';
    expect(existsSync(file), `${file} is missing; ${hint}`).toBe(true);
    expect(written.get(name), `${name} differs from test/report/golden/${name}; ${hint}`).toBe(readFileSync(file, 'utf8'));
  });

  it('holds nothing that varies between runs or machines', () => {
    const today = new Date().toISOString().slice(0, 10);
    for (const text of written.values()) {
      for (const volatile of [REPO_ROOT, tmp, today]) expect(text).not.toContain(volatile);
    }
  });

  it('is a valid SARIF log with one result per finding', () => {
    const log = JSON.parse(written.get('report.sarif')!) as { runs: { results: unknown[] }[] };
    expect(sarifProblems(log)).toEqual([]);
    const report = JSON.parse(written.get('report.json')!) as Report;
    expect(report.findings.length).toBeGreaterThan(0);
    expect(log.runs[0]!.results).toHaveLength(report.findings.length);
  });
});
