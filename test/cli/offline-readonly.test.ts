// --offline on a warm cache that cannot be written to (read-only, shared between users): the
// audit is served from it, everything it recomputes is kept in memory only, and the cache is
// left exactly as it was. Root ignores permissions, so as root the run is made as `nobody`.
import { createHash } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, type Stats } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { runCli } from '../helpers/run-cli.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

let registry: TestRegistry;
let ws: Workspace;

beforeAll(async () => {
  registry = await startRegistry({ packages: ['demo-pkg'] });
  ws = createWorkspace(registry);
});
afterAll(async () => {
  await registry.close();
  // Give the owner write access back so the folder can be removed.
  walk(ws.dir, (file, st) => chmodSync(file, st.mode | 0o200));
  ws.cleanup();
});

function walk(dir: string, visit: (file: string, st: Stats) => void): void {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    const st = lstatSync(file);
    if (st.isSymbolicLink()) continue;
    visit(file, st);
    if (st.isDirectory()) walk(file, visit);
  }
}

/** Every entry under `dir`: its path, mode, size and (for files) content hash. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  walk(dir, (file, st) => {
    const hash = st.isFile() ? createHash('sha256').update(readFileSync(file)).digest('hex') : '';
    out.push(`${path.relative(dir, file)} ${st.mode.toString(8)} ${st.isFile() ? st.size : ''} ${hash}`);
  });
  return out.sort();
}

describe('--offline on a read-only cache', () => {
  it('audits from the cache, recomputing what it lost without writing, and changes nothing in it', async () => {
    const args = ['audit', 'demo-pkg', '1.0.0..1.2.0', '--json', '--quiet', '--fail-on', 'none'];
    const warm = await runCli(args, ws);
    expect(warm.code).toBe(0);
    const expected = JSON.parse(warm.stdout);

    // strata's own store forgets everything (as for a new version of the tool): the offline run
    // rebuilds every payload, beautified text, units and pair from the HTTP cache's tarballs,
    // and each of those would be written back.
    rmSync(path.join(ws.cacheDir, 'strata', 'index-v5'), { recursive: true });
    walk(ws.cacheDir, (file, st) => chmodSync(file, st.mode & ~0o222));
    chmodSync(ws.cacheDir, 0o555);
    const before = snapshot(ws.cacheDir);
    // The run may read the workspace and write its report, nothing else.
    chmodSync(ws.dir, 0o755);
    const out = path.join(ws.dir, 'out');
    mkdirSync(out);
    chmodSync(out, 0o777);

    const requests = registry.requests.length;
    const offline = await runCli([...args, '--offline', '--out', out], { ...ws, ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}) });
    expect(offline.stderr).toBe('');
    expect(offline.code).toBe(0);
    const doc = JSON.parse(offline.stdout);
    expect(doc.versions.map((v: { error?: string }) => v.error)).toEqual(expected.versions.map(() => undefined));
    expect(doc.pairs).toEqual(expected.pairs);
    expect(doc.findings.length).toBeGreaterThan(0);
    expect(registry.requests.length).toBe(requests);
    expect(snapshot(ws.cacheDir)).toEqual(before);
  });
});
