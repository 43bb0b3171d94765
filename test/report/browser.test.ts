// The report in a real browser: Debian's Chromium driven by playwright-core, pages opened over
// file:// from a report the real pipeline made against the loopback registry. No request may
// leave the page, no console error may appear; the timeline has one mark per version and one
// lane per lifecycle entry; a mark leads to its pair page and back; the decoded payload shows.
// Screenshots go to test-artifacts/. Skipped (and saying why) only when Chromium is absent
// outside CI; in CI a missing Chromium fails.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/index.js';
import type { Report } from '../../src/report/model.js';
import { writeHtmlReport } from '../../src/report/reporters/html.js';
import { writeReports } from '../../src/report/write-reports.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';
import { syntheticReport } from './report-fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-artifacts');
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const IN_CI = Boolean(process.env.CI);
const SKIP = !HAVE_CHROMIUM && !IN_CI;
const SKIP_REASON = `${CHROMIUM} is missing (install Debian's chromium: apt-get install chromium); browser tests skipped outside CI`;

if (SKIP) console.warn(`report browser tests: ${SKIP_REASON}`);

interface Watched {
  page: Page;
  /** Requests to anything but file:// (aborted). */
  network: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
}

let registry: TestRegistry;
let ws: Workspace;
let browser: Browser;
let report: Report;
let reportDir: string;
let bigDir: string;
let hostileDir: string;

async function open(file: string): Promise<Watched> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const watched: Watched = { page, network: [], errors: [] };
  page.on('request', (req) => {
    if (!req.url().startsWith('file:')) watched.network.push(req.url());
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') watched.errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => watched.errors.push(`pageerror: ${err.message}`));
  page.on('dialog', (d) => {
    watched.errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  // Nothing may leave the page: abort whatever is not a local file, and record it.
  await page.route(/^(?!file:)/, (route) => route.abort('blockedbyclient'));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return watched;
}

function clean(w: Watched): void {
  expect(w.network, 'requests that left the page').toEqual([]);
  expect(w.errors, 'console errors').toEqual([]);
}

describe.skipIf(SKIP)(SKIP ? `report in Chromium (skipped: ${SKIP_REASON})` : 'report in Chromium', () => {
  beforeAll(async () => {
    if (!HAVE_CHROMIUM) throw new Error(`CI needs Chromium for the browser tests: ${CHROMIUM} is missing (.ci/run installs it with apt-get)`);
    await mkdir(ARTIFACTS, { recursive: true });
    registry = await startRegistry({
      packages: ['geo-demo'],
      faults: { deprecated: { 'geo-demo@1.2.0': 'use 1.3.0 <script>alert("deprecated")</script>' } },
    });
    ws = createWorkspace(registry);
    const result = await audit('geo-demo', '1.0.0..1.3.0', { cwd: ws.dir, env: ws.env, cacheDir: ws.cacheDir, threads: 1, command: 'strata audit geo-demo 1.0.0..1.3.0' });
    report = result.report;
    reportDir = path.join(ws.dir, 'reports', 'geo-demo');
    await writeReports(report, result.diffs, reportDir, ['html', 'json', 'sarif', 'markdown']);

    const big = syntheticReport({ versions: 100, findings: 300 });
    bigDir = path.join(ws.dir, 'reports', 'big');
    await writeHtmlReport(big.report, big.diffs, bigDir);

    const hostile = syntheticReport({ versions: 6, findings: 4, hostile: `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">"'` });
    hostileDir = path.join(ws.dir, 'reports', 'hostile');
    await writeHtmlReport(hostile.report, hostile.diffs, hostileDir);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await registry?.close();
    ws?.cleanup();
  });

  it('opens over file:// with no request leaving the page and no console error', async () => {
    const w = await open(path.join(reportDir, 'index.html'));
    expect(await w.page.title()).toBe('strata: geo-demo >=1.0.0 <=1.3.0');
    // Every section is there and the page is complete.
    expect(await w.page.evaluate('document.readyState')).toBe('complete');
    for (const id of ['summary', 'timeline', 'findings', 'lifecycle', 'pairs', 'versions', 'reproduce']) {
      expect(await w.page.locator(`h2#${id}`).count(), id).toBe(1);
    }
    // The hostile deprecation message is text, not a script.
    expect(await w.page.getByText('<script>alert("deprecated")</script>').count()).toBeGreaterThan(0);
    expect(await w.page.evaluate('document.scripts.length')).toBe(0);
    clean(w);
    await w.page.close();
  });

  it('draws one timeline mark per version and one lane per lifecycle entry, from its first to its last version', async () => {
    const w = await open(path.join(reportDir, 'index.html'));
    const { page } = w;
    const versions = report.versions.map((v) => v.version);
    for (const layout of ['time', 'semver'] as const) {
      if (layout === 'semver') await page.locator('label[for="axis-semver"]').click();
      const pane = page.locator(`#timeline-${layout}`);
      await expect.poll(() => pane.isVisible()).toBe(true);
      expect(await page.locator(`#timeline-${layout === 'time' ? 'semver' : 'time'}`).isVisible()).toBe(false);
      const marks = pane.locator('g.mark');
      expect(await marks.count()).toBe(versions.length);
      expect((await marks.evaluateAll((els) => els.map((e) => e.getAttribute('data-version')))).sort()).toEqual([...versions].sort());
      // Geometry as drawn: each lane's bar starts at the mark of its first version and ends at the mark of its last.
      const centre = async (version: string) => {
        const box = (await pane.locator(`g.mark[data-version="${version}"] circle`).boundingBox())!;
        return box.x + box.width / 2;
      };
      const lanes = pane.locator('g.lane');
      expect(await lanes.count()).toBe(report.lifecycle.length);
      for (const l of report.lifecycle) {
        const lane = pane.locator(`g.lane[data-fingerprint="${l.fingerprint}"]`);
        expect(await lane.count(), l.ruleId).toBe(1);
        expect(await lane.getAttribute('data-first')).toBe(l.presentIn[0]);
        expect(await lane.getAttribute('data-last')).toBe(l.presentIn.at(-1));
        // The bar may come in runs (a version without the finding breaks it): take them together.
        const bars = await lane.locator('rect.lane-bar').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right, height: r.height })));
        expect(bars.length).toBeGreaterThan(0);
        const half = bars[0]!.height / 2;
        const left = Math.min(...bars.map((b) => b.left));
        const right = Math.max(...bars.map((b) => b.right));
        const xs = await Promise.all(l.presentIn.map((v) => centre(v)));
        expect(Math.abs(left + half - Math.min(...xs))).toBeLessThan(1.5);
        expect(Math.abs(right - half - Math.max(...xs))).toBeLessThan(1.5);
        // Its first and last versions as the lifecycle says, in the semver layout also left and right ends.
        if (layout === 'semver') {
          expect(Math.abs(left + half - (await centre(l.presentIn[0]!)))).toBeLessThan(1.5);
          expect(Math.abs(right - half - (await centre(l.presentIn.at(-1)!)))).toBeLessThan(1.5);
        }
      }
    }
    // The geo-gating code of geo-demo: one lane from 1.1.0, through 1.2.0 (renamed), to its removal in 1.3.0.
    const geo = report.lifecycle.filter((l) => l.category === 'geo-gating' || l.ruleId === 'timezone-gate');
    expect(geo.length).toBeGreaterThan(0);
    for (const l of geo) expect(l).toMatchObject({ introducedIn: '1.1.0', removedIn: '1.3.0', presentIn: ['1.1.0', '1.2.0'] });
    // A deprecated version gets its marker.
    expect(await page.locator('#timeline-semver g.event[data-kind="deprecated"][data-version="1.2.0"]').count()).toBe(1);
    await page.locator('label[for="axis-time"]').click();
    await page.locator('.timeline').screenshot({ path: path.join(ARTIFACTS, 'timeline.png') });
    clean(w);
    await page.close();
  });

  it('shows the decoded payload in full', async () => {
    const w = await open(path.join(reportDir, 'index.html'));
    const payload = w.page.locator('pre.payload-text', { hasText: 'deepseek,moonshot,zhipu' }).first();
    await payload.scrollIntoViewIfNeeded();
    await expect.poll(() => payload.isVisible()).toBe(true);
    expect(await payload.textContent()).toBe('deepseek,moonshot,zhipu');
    const list = payload.locator('xpath=following-sibling::ol[1]/li');
    expect(await list.allTextContents()).toEqual(['deepseek', 'moonshot', 'zhipu']);
    clean(w);
    await w.page.close();
  });

  it('navigates from a timeline mark to its pair page and back', async () => {
    const w = await open(path.join(reportDir, 'index.html'));
    const { page } = w;
    // A lane leads to its finding, and the finding is in view.
    const laneLink = page.locator('#timeline-time g.lane a').first();
    const href = (await laneLink.getAttribute('href'))!;
    expect(href).toMatch(/^#f-\d+-\d+$/);
    await laneLink.click();
    await page.waitForURL((url) => url.hash === href);
    const target = (await page.locator(href).boundingBox())!;
    expect(target.y).toBeGreaterThanOrEqual(-1);
    expect(target.y).toBeLessThan(900);
    await page.locator('#timeline-time g.mark[data-version="1.1.0"] a').click();
    await page.waitForURL(/pairs\/1\.0\.0\.\.1\.1\.0\.html$/);
    expect(await page.locator('h1').textContent()).toContain('geo-demo: 1.0.0 → 1.1.0');
    // Flagged changes first, annotated; the payload on this page too.
    const flagged = page.locator('section.flagged');
    expect(await flagged.count()).toBeGreaterThan(0);
    expect(await flagged.first().locator('.annotation').textContent()).toMatch(/finding/);
    expect(await page.locator('.d2h-file-wrapper').count()).toBeGreaterThan(0);
    const payload = page.locator('pre.payload-text', { hasText: 'deepseek,moonshot,zhipu' }).first();
    await payload.scrollIntoViewIfNeeded();
    await expect.poll(() => payload.isVisible()).toBe(true);
    // Diffs off screen are laid out lazily (content-visibility); lay them all out for the full-page picture.
    await page.addStyleTag({ content: '.file > .d2h-wrapper { content-visibility: visible !important; }' });
    await page.screenshot({ path: path.join(ARTIFACTS, 'pair-page.png'), fullPage: true });
    await page.locator('nav.back a[href="../index.html"]').click();
    await page.waitForURL(/index\.html$/);
    expect(await page.locator('h2#timeline').count()).toBe(1);
    clean(w);
    await page.close();
  });

  it('keeps hostile package text inert', async () => {
    for (const file of ['index.html', 'pairs/3.0.0..3.0.1.html']) {
      const w = await open(path.join(hostileDir, file));
      expect(await w.page.evaluate('window.__pwned')).toBeUndefined();
      expect(await w.page.evaluate('document.scripts.length')).toBe(0);
      expect(await w.page.evaluate('document.images.length')).toBe(0);
      expect(await w.page.getByText('<script>window.__pwned=1</script>').count()).toBeGreaterThan(0);
      clean(w);
      await w.page.close();
    }
  });

  it('opens a 100-version report with 300 findings completely (time recorded, not asserted)', async () => {
    const w = await open(path.join(bigDir, 'index.html'));
    const { page } = w;
    const timing = (await page.evaluate(`(() => {
      const n = performance.getEntriesByType('navigation')[0];
      return { domContentLoaded: Math.round(n.domContentLoadedEventEnd), load: Math.round(n.loadEventEnd), readyState: document.readyState };
    })()`)) as { domContentLoaded: number; load: number; readyState: string };
    expect(timing.readyState).toBe('complete');
    expect(timing.load).toBeGreaterThan(0);
    expect(await page.locator('#timeline-time g.mark').count()).toBe(100);
    expect(await page.locator('#timeline-time g.lane').count()).toBe(301);
    expect(await page.locator('article.finding').count()).toBe(300);
    expect(await page.locator('footer.page').count()).toBe(1);
    console.log(`100-version report (300 findings): DOMContentLoaded ${timing.domContentLoaded} ms, load ${timing.load} ms`);
    await writeFile(path.join(ARTIFACTS, 'open-time.json'), `${JSON.stringify({ versions: 100, findings: 300, ...timing }, null, 2)}\n`);
    clean(w);
    await page.close();
  });

  it('writes the other formats beside index.html', async () => {
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(reportDir)).sort()).toEqual(['index.html', 'pairs', 'report.json', 'report.md', 'report.sarif']);
  });
});
