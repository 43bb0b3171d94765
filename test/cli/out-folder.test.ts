// --out as a user gives it: a file or a folder of the user's is refused at once, in one line,
// before anything is downloaded; a report folder is replaced whole on the next run.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { runCli } from '../helpers/run-cli.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

const workspaces: Workspace[] = [];
let registry: TestRegistry;
let closedRegistry: string;

function workspace(reg: TestRegistry | null = null): Workspace {
  const ws = createWorkspace(reg, ['fetch-retries=1', 'fetch-retry-mintimeout=10', 'fetch-retry-maxtimeout=20']);
  workspaces.push(ws);
  return ws;
}

function expectOneLine(run: { code: number | null; stdout: string; stderr: string }, line: RegExp) {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr.trim()).toMatch(line);
}

beforeAll(async () => {
  registry = await startRegistry({ packages: ['demo-pkg'] });
  // A port nothing listens on: any request to it would fail with a registry error, not --out's.
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  closedRegistry = `http://127.0.0.1:${port}/`;
});
afterAll(async () => {
  await registry.close();
  for (const ws of workspaces) ws.cleanup();
});

describe('strata --out', () => {
  it('at an existing file fails before any download, in one line, and leaves the file alone', async () => {
    const ws = workspace();
    writeFileSync(path.join(ws.dir, 'report.txt'), 'mine');
    const commands = [
      ['audit', 'demo-pkg', '1.0.0..1.0.1'],
      ['diff', 'demo-pkg@1.0.0', 'demo-pkg@1.0.1'],
      ['deps', 'old-lock.json', 'new-lock.json'],
      ['watch', 'demo-pkg', '--once'],
    ];
    for (const command of commands) {
      const run = await runCli([...command, '--out', 'report.txt', '--registry', closedRegistry], ws);
      expectOneLine(run, /^strata: --out report\.txt is a file, not a folder: give a folder to write the reports? into$/);
    }
    expect(readFileSync(path.join(ws.dir, 'report.txt'), 'utf8')).toBe('mine');
    // Nothing was fetched, so nothing was cached.
    expect(existsSync(ws.cacheDir)).toBe(false);
  });

  it('at a folder that is not a strata report is refused before any download, and nothing in it is deleted', async () => {
    const ws = workspace();
    const site = path.join(ws.dir, 'site');
    mkdirSync(path.join(site, 'assets'), { recursive: true });
    writeFileSync(path.join(site, 'index.html'), '<p>my site</p>');
    writeFileSync(path.join(site, 'assets', 'app.css'), 'body{}');
    const run = await runCli(['audit', 'demo-pkg', '1.0.0..1.0.1', '--out', 'site', '--registry', closedRegistry], ws);
    expectOneLine(run, /^strata: --out site is not a strata report folder \(it holds "assets"\): refusing to replace it; give a new or empty folder$/);
    expect(readdirSync(site).sort()).toEqual(['assets', 'index.html']);
    expect(readFileSync(path.join(site, 'index.html'), 'utf8')).toBe('<p>my site</p>');
    expect(readdirSync(path.join(site, 'assets'))).toEqual(['app.css']);
    expect(existsSync(ws.cacheDir)).toBe(false);
  });

  it('re-running into a report folder leaves only the new files, with --out and by default', async () => {
    const ws = workspace(registry);
    const audit = (...extra: string[]) => runCli(['audit', 'demo-pkg', '1.0.0..1.0.1', '--fail-on', 'none', '--quiet', ...extra], ws);
    for (const out of [['--out', 'here'], []]) {
      const dir = path.join(ws.dir, ...(out.length ? ['here'] : ['reports', 'demo-pkg', '1.0.0..1.0.1']));
      expect((await audit(...out, '--format', 'html,json,sarif,markdown')).code).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(['index.html', 'pairs', 'report.json', 'report.md', 'report.sarif']);
      const again = await audit(...out, '--format', 'json');
      expect(again.stderr).toBe('');
      expect(again.code).toBe(0);
      expect(readdirSync(dir)).toEqual(['report.json']);
      // No staging folder or old copy left beside it.
      expect(readdirSync(path.dirname(dir)).filter((n) => n.includes('strata-'))).toEqual([]);
    }
  });

  it('--json prints the document as report.json holds it, pair pages included', async () => {
    const ws = workspace(registry);
    const run = await runCli(['audit', 'demo-pkg', '1.0.0..1.0.1', '--fail-on', 'none', '--json', '--out', 'here'], ws);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(readFileSync(path.join(ws.dir, 'here', 'report.json'), 'utf8')));
    expect(JSON.parse(run.stdout).pairs[0].page).toMatch(/^pairs\//);
  });
});
