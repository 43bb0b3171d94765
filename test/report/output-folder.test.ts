// Report folders on disk: each write replaces the whole folder (no stale files of an earlier run),
// a failure leaves the previous report and no staging folder, and a folder strata did not write
// is refused, never emptied.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DepsResult } from '../../src/monitor/deps.js';
import { writeDepsReports } from '../../src/report/deps-report.js';
import { checkReportDir, writeReportFolder } from '../../src/report/output-folder.js';
import { writeHtmlReport } from '../../src/report/reporters/html.js';
import { writeReports } from '../../src/report/write-reports.js';
import { flagshipReport } from './report-fixtures.js';

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => !e.isDirectory()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/')).sort();
}

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of await listFiles(dir)) out[f] = await readFile(path.join(dir, f), 'utf8');
  return out;
}

describe('report folders', () => {
  let tmp: string;
  let out: string;
  beforeEach(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'strata-out-'));
    out = path.join(tmp, 'report');
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('holds only the files of the last write: no stale Markdown, SARIF or pair pages', async () => {
    const { report, diffs } = flagshipReport();
    await writeReports(report, diffs, out, ['html', 'json', 'sarif', 'markdown']);
    expect((await readdir(out)).sort()).toEqual(['index.html', 'pairs', 'report.json', 'report.md', 'report.sarif']);
    const first = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8'));
    expect(first.pairs[0].page).toMatch(/^pairs\//);

    const written = await writeReports(report, diffs, out, ['json']);
    expect(written).toEqual([path.join(out, 'report.json')]);
    expect(await listFiles(out)).toEqual(['report.json']);
    // No page links in a report written without HTML, and no staging or old copy beside it.
    const second = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8'));
    expect(second.pairs.every((p: { page?: string }) => p.page === undefined)).toBe(true);
    expect(await readdir(tmp)).toEqual(['report']);
  });

  it('does not change the report it is given', async () => {
    const { report, diffs } = flagshipReport();
    const before = JSON.stringify(report);
    await writeReports(report, diffs, out, ['html', 'json']);
    await writeHtmlReport(report, diffs, path.join(tmp, 'html'));
    expect(JSON.stringify(report)).toBe(before);
  });

  it('leaves the previous report as it was, and no staging folder, when writing fails', async () => {
    const { report, diffs } = flagshipReport();
    await writeReports(report, diffs, out, ['html', 'json', 'markdown']);
    const before = await snapshot(out);

    // JSON is rendered after the HTML pages are already in the staging folder.
    const broken = { ...report, toJSON: () => { throw new Error('renderer failed'); } };
    await expect(writeReports(broken, diffs, out, ['html', 'json'])).rejects.toThrow('renderer failed');
    expect(await snapshot(out)).toEqual(before);
    expect(await readdir(tmp)).toEqual(['report']);

    // The same through the folder writer, failing halfway through its files.
    await expect(
      writeReportFolder(out, async (files) => {
        await files.write('report.json', '{}');
        await files.write('pairs/a.html', 'x');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(await snapshot(out)).toEqual(before);
    expect(await readdir(tmp)).toEqual(['report']);
  });

  it('refuses a folder that is not a strata report, and deletes nothing in it', async () => {
    const { report, diffs } = flagshipReport();
    const mine = path.join(tmp, 'mine');
    await mkdir(path.join(mine, 'src'), { recursive: true });
    await writeFile(path.join(mine, 'notes.txt'), 'keep me');
    await writeFile(path.join(mine, 'src', 'index.html'), '<p>mine</p>');
    await expect(writeReports(report, diffs, mine, ['json'])).rejects.toMatchObject({ code: 'ESTRATA_BAD_INPUT', message: expect.stringMatching(/is not a strata report folder/) });
    await expect(checkReportDir(mine, '--out mine')).rejects.toThrow(/^--out mine is not a strata report folder \(it holds "(notes\.txt|src)"\)/);
    expect(await listFiles(mine)).toEqual(['notes.txt', 'src/index.html']);
    expect(await readdir(tmp)).toEqual(['mine']);

    // A report folder with a file of the user's added is not strata's alone either.
    await writeReports(report, diffs, out, ['html', 'json']);
    await writeFile(path.join(out, 'pairs', 'notes.txt'), 'mine');
    await expect(writeReports(report, diffs, out, ['json'])).rejects.toThrow(/it holds "pairs\/notes\.txt"/);
    expect(existsSync(path.join(out, 'pairs', 'notes.txt'))).toBe(true);
    expect(existsSync(path.join(out, 'index.html'))).toBe(true);
  });

  it('replaces a missing, empty or strata-shaped folder; OS litter does not count', async () => {
    const { report, diffs } = flagshipReport();
    await mkdir(out);
    await writeReports(report, diffs, out, ['json']);
    await writeFile(path.join(out, '.DS_Store'), '');
    await writeReports(report, diffs, out, ['sarif']);
    expect(await readdir(out)).toEqual(['report.sarif']);
    await expect(writeReports(report, diffs, path.join(tmp, 'a', 'b', 'c'), ['json'])).resolves.toHaveLength(1);
  });

  it('refuses a file, and never follows a link inside the folder', async () => {
    const { report, diffs } = flagshipReport();
    const file = path.join(tmp, 'file.txt');
    await writeFile(file, 'text');
    await expect(writeReports(report, diffs, file, ['json'])).rejects.toThrow(/is a file, not a folder/);
    await expect(writeReports(report, diffs, path.join(file, 'sub'), ['json'])).rejects.toThrow(/is inside a file/);
    expect(await readFile(file, 'utf8')).toBe('text');

    // A report.json that is a link to a file elsewhere: not strata's, so neither followed nor removed.
    const secret = path.join(tmp, 'secret.json');
    await writeFile(secret, 'secret');
    await mkdir(out);
    await symlink(secret, path.join(out, 'report.json'));
    await expect(writeReports(report, diffs, out, ['json'])).rejects.toMatchObject({ code: 'ESTRATA_BAD_INPUT' });
    expect(await readFile(secret, 'utf8')).toBe('secret');
  });

  it('follows the folder name itself when it is a link, and replaces the folder it names', async () => {
    const { report, diffs } = flagshipReport();
    const real = path.join(tmp, 'real');
    await writeReports(report, diffs, real, ['html', 'json']);
    const link = path.join(tmp, 'link');
    await symlink(real, link, 'dir');
    await writeReports(report, diffs, link, ['markdown']);
    expect(await readdir(real)).toEqual(['report.md']);
    expect(await readdir(link)).toEqual(['report.md']);
    expect((await readdir(tmp)).sort()).toEqual(['link', 'real']);
  });

  it('rejects paths that leave the folder', async () => {
    await expect(writeReportFolder(out, (files) => files.write('../x', ''))).rejects.toThrow(/outside the report folder/);
    await expect(writeReportFolder(out, async (files) => files.within('a').write('/etc/x', ''))).rejects.toThrow(/outside the report folder/);
    expect(await readdir(tmp)).toEqual([]);
  });

  it('writes a dependencies report as one folder, and recognises it on the next run', async () => {
    const { report, diffs } = flagshipReport();
    const result: DepsResult = {
      oldLockfile: 'old.json',
      newLockfile: 'new.json',
      changes: { changed: [], added: [], removed: [] },
      packages: [
        { name: '@scope/pkg', from: '1.0.0', to: '1.1.0', result: { report, diffs } },
        { name: 'plain', from: '2.0.0', to: '2.0.1', error: 'not found' },
      ],
    };
    const summary = await writeDepsReports(result, out, ['html', 'json', 'markdown']);
    expect(summary.packages[0]!.report).toBe('@scope/pkg/1.0.0..1.1.0');
    expect(await readdir(out)).toEqual(expect.arrayContaining(['@scope', 'deps.json', 'index.html', 'report.md']));
    expect((await readdir(path.join(out, '@scope/pkg/1.0.0..1.1.0'))).sort()).toEqual(['index.html', 'pairs', 'report.json', 'report.md']);
    expect(report.pairs.every((p) => p.page === undefined)).toBe(true);

    await writeDepsReports(result, out, ['json']);
    expect(await listFiles(out)).toEqual(['@scope/pkg/1.0.0..1.1.0/report.json', 'deps.json']);
    expect(await readdir(tmp)).toEqual(['report']);
  });
});
