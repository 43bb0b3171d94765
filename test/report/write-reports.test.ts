import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseCli } from '../../src/cli/args.js';
import { DEFAULT_REPORT_FORMATS, REPORT_FILES, REPORT_FORMATS, writeReports } from '../../src/report/write-reports.js';
import { MARKDOWN_LIMIT } from '../../src/report/reporters/markdown.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { runCli } from '../helpers/run-cli.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';
import { flagshipReport } from './report-fixtures.js';
import { sarifProblems } from './sarif-check.js';

describe('writeReports', () => {
  let tmp: string;
  beforeEach(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'strata-write-'));
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('knows four formats, html and json by default, each with its file', () => {
    expect(REPORT_FORMATS).toEqual(['html', 'json', 'sarif', 'markdown']);
    expect(DEFAULT_REPORT_FORMATS).toEqual(['html', 'json']);
    expect(REPORT_FILES).toEqual({ html: 'index.html', json: 'report.json', sarif: 'report.sarif', markdown: 'report.md' });
    // --format is checked against the same list.
    expect(parseCli(['audit', 'x', '--format', 'html,json,sarif,markdown']).formats).toEqual(['html', 'json', 'sarif', 'markdown']);
    expect(() => parseCli(['audit', 'x', '--format', 'pdf'])).toThrow(/known: html, json, sarif, markdown/);
  });

  it('writes every format beside index.html, HTML first so that JSON carries the pair pages', async () => {
    const { report, diffs } = flagshipReport();
    const written = await writeReports(report, diffs, tmp, ['markdown', 'sarif', 'json', 'html']);
    const names = written.map((f) => path.relative(tmp, f));
    expect(names.slice(-4)).toEqual(['index.html', 'report.json', 'report.sarif', 'report.md']);
    expect((await readdir(tmp)).sort()).toEqual(['index.html', 'pairs', 'report.json', 'report.md', 'report.sarif']);
    const json = JSON.parse(await readFile(path.join(tmp, 'report.json'), 'utf8'));
    expect(json.pairs[0].page).toBe('pairs/2.1.89..2.1.90.html');
    expect(sarifProblems(JSON.parse(await readFile(path.join(tmp, 'report.sarif'), 'utf8')))).toEqual([]);
    // The rule pages in docs/rules/ reach SARIF.
    const sarif = JSON.parse(await readFile(path.join(tmp, 'report.sarif'), 'utf8'));
    expect(sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'dependency-added').help.markdown).toContain('# dependency-added');
    expect((await readFile(path.join(tmp, 'report.md'), 'utf8')).length).toBeLessThan(MARKDOWN_LIMIT);
  });

  it('writes only what is asked, and html and json by default', async () => {
    const { report, diffs } = flagshipReport();
    await writeReports(report, diffs, path.join(tmp, 'a'), ['sarif']);
    expect(await readdir(path.join(tmp, 'a'))).toEqual(['report.sarif']);
    await writeReports(report, diffs, path.join(tmp, 'b'));
    expect((await readdir(path.join(tmp, 'b'))).sort()).toEqual(['index.html', 'pairs', 'report.json']);
  });

  it('refuses an unknown format', async () => {
    const { report, diffs } = flagshipReport();
    await expect(writeReports(report, diffs, tmp, ['pdf' as never])).rejects.toMatchObject({ code: 'ESTRATA_USAGE' });
  });
});

describe('strata --format through the command line', () => {
  let registry: TestRegistry;
  const workspaces: Workspace[] = [];
  const workspace = () => {
    const ws = createWorkspace(registry, ['fetch-retries=1', 'fetch-retry-mintimeout=10', 'fetch-retry-maxtimeout=20']);
    workspaces.push(ws);
    return ws;
  };
  beforeAll(async () => {
    registry = await startRegistry({ packages: ['geo-demo'] });
  });
  afterAll(async () => {
    await registry.close();
    for (const ws of workspaces) ws.cleanup();
  });

  it('writes html, json, sarif and markdown into the report folder; the summary stays short and plain with NO_COLOR', async () => {
    const ws = workspace();
    const run = await runCli(['audit', 'geo-demo', '1.0.0..1.3.0', '--format', 'html,json,sarif,markdown', '--fail-on', 'none'], { ...ws, env: { ...ws.env, NO_COLOR: '1' }, timeoutMs: 120_000 });
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    const dir = path.join(ws.dir, 'reports', 'geo-demo', '1.0.0..1.3.0');
    expect(readdirSync(dir).sort()).toEqual(['index.html', 'pairs', 'report.json', 'report.md', 'report.sarif']);
    const sarif = JSON.parse(readFileSync(path.join(dir, 'report.sarif'), 'utf8'));
    expect(sarifProblems(sarif)).toEqual([]);
    expect(sarif.runs[0].invocations[0].commandLine).toBe('strata audit geo-demo 1.0.0..1.3.0');
    const md = readFileSync(path.join(dir, 'report.md'), 'utf8');
    expect(md.length).toBeLessThan(MARKDOWN_LIMIT);
    expect(md).toContain('## npm-strata: `geo-demo` `>=1.0.0 <=1.3.0`');
    const json = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
    for (const pair of json.pairs) expect(existsSync(path.join(dir, pair.page))).toBe(true);
    if (json.findings.length > 0) expect(sarif.runs[0].results).toHaveLength(json.findings.length);
    // The terminal summary: short, no colour.
    expect(run.stdout).not.toMatch(/\u001b\[/);
    expect(run.stdout.trim().split('\n').length).toBeLessThanOrEqual(12);
    expect(run.stdout).toContain('report: reports/geo-demo/1.0.0..1.3.0');
  });

  it('rejects an unknown format in one line, naming the known ones', async () => {
    const run = await runCli(['audit', 'geo-demo', '--format', 'html,pdf'], workspace());
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('strata: --format: unknown format "pdf" (known: html, json, sarif, markdown)');
  });
});
