// Releases that add tracking in their code, through the loopback registry and the real pacote:
// telemetry to the package's own collector, an install file that starts downloading while its
// script line stays the same, a language gate that locks the page, a note on the Desktop, and a
// release that wipes the code. Each is reported in the release that added it, under its category.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/index.js';
import type { Report } from '../../src/report/model.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

let registry: TestRegistry;
let ws: Workspace;
let report: Report;

beforeAll(async () => {
  registry = await startRegistry({ packages: ['tracker-demo'] });
  ws = createWorkspace(registry);
  ({ report } = await audit('tracker-demo', '1.0.0..1.3.0', { cwd: ws.dir, env: ws.env, cacheDir: ws.cacheDir, threads: 1 }));
}, 120_000);
afterAll(async () => {
  await registry.close();
  ws.cleanup();
});

const findingsOf = (to: string) => report.pairs.find((p) => p.to === to)!.findings.map((f) => `${f.severity} ${f.category} ${f.ruleId}: ${f.message}`);

describe('tracking in code, release by release', () => {
  it('1.1.0: telemetry home with machine facts, and an install file that now downloads', () => {
    const found = findingsOf('1.1.0');
    expect(found[0]).toBe('high install-lifecycle install-script: install script "postinstall" runs scripts/setup.js, which was changed; it now makes network requests, downloads files');
    expect(found).toContain('medium telemetry telemetry-send: usage data sent to https://telemetry.tracker-demo.dev/v1/record: CI, container/WSL, hardware, OS, runtime version');
    expect(found).toContain('medium host-fingerprint host-fingerprint: host fingerprint: CI, container/WSL, hardware details, OS, runtime version');
  });

  it('1.2.0: a language gate that locks the page, and a file on the Desktop', () => {
    const found = findingsOf('1.2.0');
    expect(found).toEqual([
      'critical sabotage page-lock: locks the page (pointer-events: none on the whole page) behind a gate',
      // The gate and what it decides are one chain: geo-gating with sabotage raises the gate too.
      'critical geo-gating locale-gate: language compared with "ru"; the code it gates changes the page',
      'high sabotage user-folder-write: writes into the user\'s ~/Desktop (READ-ME-FROM-TRACKER.txt)',
    ]);
  });

  it('1.3.0: the code wiped, and what it removed ends its lifecycle', () => {
    expect(findingsOf('1.3.0')).toEqual([
      'high sabotage code-wiped: the release removes nearly all of the package\'s code: 4,938 → 9 bytes of JavaScript (3 → 2 files)',
      'low install-lifecycle install-script: install script "postinstall" runs scripts/setup.js, which was changed',
    ]);
    const lane = report.lifecycle.find((l) => l.ruleId === 'page-lock');
    expect(lane).toMatchObject({ introducedIn: '1.2.0', removedIn: '1.3.0' });
    expect(report.lifecycle.find((l) => l.ruleId === 'telemetry-send')).toMatchObject({ introducedIn: '1.1.0', removedIn: '1.3.0' });
  });

  it('every unit was read: no coverage notes', () => {
    expect(report.pairs.flatMap((p) => p.coverage ?? [])).toEqual([]);
  });
});
