// What a hostile package may cost past its download: deep nesting, thousands of tiny files.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatSummary } from '../../src/cli/summary.js';
import { diff } from '../../src/index.js';
import { writeHtmlReport } from '../../src/report/reporters/html.js';
import { packTarball } from '../helpers/tarball.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'strata-budget-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tgz(name: string, version: string, files: Record<string, string>): string {
  const file = path.join(dir, `${name}-${version}.tgz`);
  const entries = [{ path: 'package.json', data: JSON.stringify({ name, version }) }, ...Object.entries(files).map(([p, data]) => ({ path: p, data }))];
  writeFileSync(file, packTarball(entries));
  return file;
}

/** Bytes on disk under a folder. */
function du(folder: string): number {
  let n = 0;
  for (const e of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) n += statSync(path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)).size;
  }
  return n;
}

describe('derived text per file and per version', () => {
  it('beautifies 10,000 nested brackets flat, records it on the version, and keeps the cache small', async () => {
    const a = tgz('nest', '1.0.0', { 'index.js': 'module.exports = 1;\n' });
    const b = tgz('nest', '1.0.1', { 'index.js': `module.exports = ${'['.repeat(10_000)}${']'.repeat(10_000)};\n` });
    const cacheDir = path.join(dir, 'cache-nest');
    const opts = { cacheDir, threads: 1, platform: 'none' };
    const first = await diff(a, b, opts);
    const file = first.report.versions[1]!.files!.find((f) => f.path === 'index.js')!;
    expect(file.note).toMatch(/^nested 10,000 levels deep: beautified without indentation/);
    expect(first.report.pairs[0]!.stats.linesAdded).toBeGreaterThan(10_000);
    expect(formatSummary(first.report, null, (_, t) => t)).toContain('  limits: 1 file beautified without indentation (nesting too deep) (listed in the report)');
    // Indented, the text alone would be about 200 MB.
    expect(du(cacheDir)).toBeLessThan(4 * 1024 * 1024);
    // A second run takes the pair from the cache and still says so.
    const second = await diff(a, b, opts);
    expect(second.report.versions[1]!.files!.find((f) => f.path === 'index.js')!.note).toBe(file.note);
  });

  it('analyses at most the version budget of files, lists the rest, and keeps no cache entry per tiny file', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) files[`lib/f${i}.js`] = `module.exports = function f${i}(a) { return a + ${i}; };\n`;
    const a = tgz('many', '1.0.0', { 'index.js': 'module.exports = 1;\n' });
    const b = tgz('many', '1.0.1', files);
    const cacheDir = path.join(dir, 'cache-many');
    const { report } = await diff(a, b, { cacheDir, threads: 1, platform: 'none', limits: { maxCodeFiles: 300 } });
    const listed = report.versions[1]!.files!.filter((f) => f.kind === 'js');
    expect(listed).toHaveLength(400);
    expect(listed.filter((f) => f.skipped === 'over the 300 JavaScript files analysed per version')).toHaveLength(100);
    expect(formatSummary(report, null, (_, t) => t)).toContain('  limits: 100 JavaScript files over the per-version budget not analysed (listed in the report)');
    const added = report.pairs[0]!.files.filter((f) => f.status === 'added' && f.path.startsWith('lib/'));
    // Unanalysed files still show up as added, with no lines of text.
    expect(added.filter((f) => f.linesAdded > 0)).toHaveLength(300);
    expect(added.filter((f) => f.linesAdded === 0).every((f) => f.omitted === 'over the 300 JavaScript files analysed per version')).toBe(true);
    // The payload is cached once; the 300 files' derived texts are not stored one by one.
    // (each entry costs a few kB of disk whatever it holds: 30,000 of them made 790 MB).
    const stored = readdirSync(path.join(cacheDir, 'strata', 'content-v2'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(stored.length).toBeLessThan(10);
  });

  it('lists at most the page limit of files on a pair page, flagged files first', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`f${i}.js`] = `exports.v${i} = ${i};\n`;
    const a = tgz('page', '1.0.0', {});
    const b = tgz('page', '1.0.1', files);
    const result = await diff(a, b, { cacheDir: path.join(dir, 'cache-page'), threads: 1, platform: 'none' });
    const out = path.join(dir, 'out-page');
    await writeHtmlReport(result.report, result.diffs, out, { limits: { filesPerPage: 10 } });
    const pages = readdirSync(path.join(out, 'pairs'));
    const page = readFileSync(path.join(out, 'pairs', pages[0]!), 'utf8');
    expect(page.match(/<section class="file"/g)).toHaveLength(10);
    // 31 files changed: package.json and the 30 new ones.
    expect(page.replace(/<[^>]+>/g, '')).toContain('21 more files changed (+21 −1) and are not listed here: a page lists 10 files at most. report.json lists them all.');
  });
});
