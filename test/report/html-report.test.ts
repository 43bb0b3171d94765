// The HTML report rendered from hand-built documents: the timeline (marks, lanes, markers, the
// switch), the findings (code, payloads, reasons, versions, evidence), pair pages (flagged changes
// first, hidden units counted, placeholders) and the evidence of every version.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeHtmlReport } from '../../src/report/reporters/html.js';
import { flagshipReport, syntheticReport } from './report-fixtures.js';

let tmp: string;
beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'strata-html-report-'));
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** The HTML of one timeline layout. */
function pane(index: string, id: 'time' | 'semver'): string {
  const start = index.indexOf(`id="timeline-${id}"`);
  expect(start, `pane ${id}`).toBeGreaterThan(0);
  const next = index.indexOf('<div class="timeline-pane', start + 1);
  const end = next > 0 ? next : index.indexOf('<div class="legend">', start);
  return index.slice(start, end);
}

/** Names of every attribute of every tag (all attributes here are double-quoted). */
function attributeNames(html: string): string[] {
  const names: string[] = [];
  const attribute = /\s+([^\s=>"'/]+)(?:=(?:"[^"]*"|'[^']*'|[^\s>]*))?/g;
  for (const tag of html.matchAll(/<[a-zA-Z][\w:-]*((?:\s+[^\s=>"'/]+(?:=(?:"[^"]*"|'[^']*'|[^\s>]*))?)*)\s*\/?>/g)) {
    for (const a of tag[1]!.matchAll(attribute)) names.push(a[1]!.toLowerCase());
  }
  return names;
}

/** Each line of the first code block in `html`: its classes and its text. */
function codeLines(html: string): { cls: string; text: string }[] {
  const start = html.indexOf('<pre class="code"><code>') + '<pre class="code"><code>'.length;
  const body = html.slice(start, html.indexOf('</code></pre>', start));
  return body.split('\n').map((line) => {
    const m = /^<span class="(ln[^"]*)">(.*)<\/span>$/.exec(line)!;
    return { cls: m[1]!, text: m[2]!.replace(/<[^>]+>/g, '') };
  });
}

function attrsOf(html: string, cls: string): Record<string, string>[] {
  const re = new RegExp(`<g class="${cls}\\b[^"]*"([^>]*)>`, 'g');
  return [...html.matchAll(re)].map((m) => Object.fromEntries([...m[1]!.matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])));
}

function classesOf(html: string, cls: string): string[] {
  return [...html.matchAll(new RegExp(`<g class="(${cls}\\b[^"]*)"`, 'g'))].map((m) => m[1]!);
}

async function render(which = flagshipReport()) {
  const out = path.join(tmp, 'out');
  const written = await writeHtmlReport(which.report, which.diffs, out);
  const index = await readFile(path.join(out, 'index.html'), 'utf8');
  const page = async (rel: string) => readFile(path.join(out, rel), 'utf8');
  return { ...which, out, written, index, page };
}

describe('the timeline', () => {
  it('draws one mark per version in each layout, coloured by severity and linked to its diff', async () => {
    const { report, index } = await render();
    for (const id of ['time', 'semver'] as const) {
      const marks = attrsOf(pane(index, id), 'mark');
      expect(marks.map((m) => m['data-version']).sort()).toEqual(report.versions.map((v) => v.version).sort());
    }
    const classes = classesOf(pane(index, 'time'), 'mark');
    expect(classes[report.versions.findIndex((v) => v.version === '2.1.91')]).toBe('mark sev-critical');
    expect(classes[report.versions.findIndex((v) => v.version === '2.1.92')]).toBe('mark sev-none');
    // The first version: what was there before the range (a medium lifecycle), drawn dashed.
    expect(classes[0]).toBe('mark sev-medium mark-first');
    expect(pane(index, 'time')).toContain('<a href="pairs/2.1.90..2.1.91.html" aria-label="2.1.91: diff page">');
  });

  it('puts versions on a time axis by publish date, and in semver order in the other layout', async () => {
    const { index } = await render();
    const x = (id: 'time' | 'semver', v: string) => Number(attrsOf(pane(index, id), 'mark').find((m) => m['data-version'] === v)!['data-x']);
    // 2.1.96 was published in May, before 2.1.95 (July).
    expect(x('time', '2.1.96')).toBeLessThan(x('time', '2.1.95'));
    expect(x('semver', '2.1.95')).toBeLessThan(x('semver', '2.1.96'));
    expect(pane(index, 'time')).toMatch(/<text class="tick"[^>]*>Apr 2026<\/text>/);
    // The switch is CSS: two radios, labels, no script.
    expect(index).toContain('<input type="radio" name="timeline-axis" id="axis-time" class="axis-input" checked>');
    expect(index).toContain('<label for="axis-semver">Semver order</label>');
    expect(index).not.toMatch(/<script/i);
  });

  it('draws one lane per lifecycle entry, from its first to its last version, with where it ended', async () => {
    const { report, index } = await render();
    for (const id of ['time', 'semver'] as const) {
      const html = pane(index, id);
      const lanes = attrsOf(html, 'lane');
      const marks = new Map(attrsOf(html, 'mark').map((m) => [m['data-version']!, Number(m['data-x'])]));
      expect(lanes).toHaveLength(report.lifecycle.length);
      for (const l of report.lifecycle) {
        const lane = lanes.find((a) => a['data-fingerprint'] === l.fingerprint)!;
        expect(lane, l.ruleId).toBeDefined();
        expect(lane['data-first']).toBe(l.presentIn[0]);
        expect(lane['data-last']).toBe(l.presentIn.at(-1));
        const xs = l.presentIn.map((v) => marks.get(v)!);
        expect(Number(lane['data-x1'])).toBe(Math.min(...xs));
        expect(Number(lane['data-x2'])).toBe(Math.max(...xs));
      }
    }
    // The geo-gating code: one lane from 2.1.91 to its rollback in 2.1.95.
    const geo = attrsOf(pane(index, 'semver'), 'lane').find((a) => a['data-fingerprint'] === 'f1a9c3b2d4e5f60718293a4b')!;
    expect(geo).toMatchObject({ 'data-first': '2.1.91', 'data-last': '2.1.94', 'data-removed-in': '2.1.95' });
    // A lane present before the range and one still present at the end say so.
    expect(index).toContain('<title>present before the range</title>');
    expect(index).toContain('<title>still present at the end of the range</title>');
    expect(index).toContain('<title>removed in 2.1.95</title>');
    // Lanes link to their finding.
    expect(index).toMatch(/<a href="#f-2-2"><text class="lane-label"[^>]*>timezone-gate<\/text><\/a>/);
  });

  it('marks packaging changes and anomalies, on the timeline and in words', async () => {
    const { index } = await render();
    const events = attrsOf(pane(index, 'time'), 'event').map((e) => `${e['data-version']} ${e['data-kind']}`);
    expect(events).toEqual(['2.1.94 gap', '2.1.96 out-of-order', '2.1.96 deprecated', '2.1.113 packaging']);
    expect(index).toContain('<title>2.1.113: Packaging change: code moved into a platform package @anthropic-ai/claude-code-linux-x64@2.1.113 (bun)</title>');
    expect(index).toContain('Packaging changes and anomalies');
    expect(index).toMatch(/<code class="version">2\.1\.96<\/code> <span class="event-kind">Deprecated:<\/span> broken build, use 2\.1\.95/);
    // In semver order the gap is also drawn on the axis.
    expect(pane(index, 'semver')).toContain('<g class="axis-break"><title>2.1.93 is not in the registry</title>');
  });

  it('detects a new payload format and code splitting as packaging changes', async () => {
    const { report, diffs } = flagshipReport();
    report.versions.push({ ...report.versions.at(-1)!, version: '2.1.242', packaging: { code: 'platform-package', format: 'bun', jsFiles: 1_373, codeSplit: true } });
    report.versions.push({ ...report.versions.at(-1)!, version: '2.1.300', packaging: { code: 'platform-package', format: 'node-sea', jsFiles: 1_373, codeSplit: true } });
    const { index } = await render({ report, diffs });
    expect(index).toContain('2.1.242: Packaging change: code split into 1373 chunk files');
    expect(index).toContain('2.1.300: Packaging change: payload format changed from bun to node-sea');
  });
});

describe('findings on the index', () => {
  it('show what was added, the decoded payload in full, why, where it is present, and the evidence', async () => {
    const { index } = await render();
    const start = index.indexOf('id="f-2-2"');
    const card = index.slice(start, index.indexOf('</article>', start));
    // Readable code: the unit as the diff shows it, the lines its spans fall on marked.
    expect(card).toContain('Unit <code class="path">cli.js § function isCN #18211</code>, 4 lines, beautified:');
    expect(card).toContain('<pre class="code"><code>');
    const marked = codeLines(card).filter((l) => l.cls.includes('hl')).map((l) => l.text);
    expect(marked).toEqual(['  let t = Intl.DateTimeFormat().resolvedOptions().timeZone;', '  return t === &quot;Asia/Shanghai&quot; || t === &quot;Asia/Urumqi&quot;']);
    // The evidence is more than the unit holds: shown too, as it came.
    expect(card).toContain('The code the rule matched, ▶ where it fired:</p><pre class="code"><code><span class="ln hl"><span class="tok-k">function</span> DM4(A){');
    // The payload, in full, with how it was decoded.
    expect(card).toContain('<pre class="payload-text">deepseek,moonshot,zhipu,minimax,baichuan</pre>');
    expect(card).toContain('decoded with <code>base64</code> → <code>xor:0x5b</code> → <code>split:&quot;,&quot;</code>: a list of 5 items');
    expect(card).toContain('<li><code>zhipu</code></li>');
    // Why.
    expect(card).toContain('<li>the keyword list is stored base64-encoded and XOR-ed with 0x5b</li>');
    expect(card).toContain('Touches <span class="tag">geo-gating</span> <span class="tag">obfuscation</span>');
    // Where it is present.
    expect(card).toContain('introduced in <code class="version">2.1.91</code>; removed in <code class="version">2.1.95</code>. Present in 3 versions:');
    // Evidence: file, unit, original offset, beautified line, tarball and integrity, the same diff.
    expect(card).toContain('<dt>Offset in the file as published</dt><dd><span class="offset">9876543</span>');
    expect(card).toContain('<dt>Line</dt><dd><span class="line">412877</span> <span class="muted">of the beautified text</span>');
    expect(card).toContain('<dt>Unit</dt><dd><code class="path">cli.js § function isCN #18211</code>');
    expect(card).toContain('href="https://registry.npmjs.org/@anthropic-ai/claude-code/-/claude-code-2.1.91.tgz"');
    expect(card).toContain('strata diff @anthropic-ai/claude-code@2.1.90 @anthropic-ai/claude-code@2.1.91');
    expect(card).toContain('href="pairs/2.1.90..2.1.91.html#f-2"');
  });

  it('marks the code the rule matched in its unit, whatever the whitespace', async () => {
    const { index } = await render();
    const start = index.indexOf('id="f-2-1"');
    const card = index.slice(start, index.indexOf('</article>', start));
    const lines = codeLines(card).map((l) => `${l.cls} ${l.text}`);
    expect(lines).toEqual([
      'ln add hl   let d = probe() ? &quot;2026/06/30&quot; : &quot;2026-06-30&quot;;',
      'ln add hl   let s = probe() ? &quot;Today’s date&quot; : &quot;Today&#39;s date&quot;;',
    ]);
    expect(card).toContain('▶ marks the code the rule matched');
  });

  it('shows a long payload in full while the code is cut for display', async () => {
    const { report, diffs } = flagshipReport();
    const long = 'k'.repeat(30_000);
    report.findings[1]!.payloads = [{ steps: ['base64'], text: long }];
    report.findings[1]!.evidence = 'x'.repeat(10_000);
    delete report.findings[1]!.unit;
    const { index } = await render({ report, diffs });
    expect(index).toContain(`<pre class="payload-text">${long}</pre>`);
    expect(index).toContain('Code cut for display: 6,000 more characters in the JSON report.');
  });

  it('names the executable, its sha256 and the platform package for embedded code', async () => {
    const { report, diffs } = flagshipReport();
    const f = report.findings[2]!;
    Object.assign(f, { to: '2.1.113', from: '2.1.96', file: 'linux-x64:/$bunfs/root/cli.js' });
    report.pairs[6]!.findings.push(f);
    report.pairs[4]!.findings = [];
    const { index } = await render({ report, diffs });
    const start = index.indexOf('data-rule="dependency-added"');
    const card = index.slice(start, index.indexOf('</article>', start));
    expect(card).toContain('<dt>Embedded in</dt><dd><code class="path">linux-x64:bin/claude</code> sha256 <code class="hash">' + 'e'.repeat(64));
    expect(card).toContain('module <code class="path">/$bunfs/root/cli.js</code> at byte 73400320');
    expect(card).toContain('<dt>Platform package</dt><dd><code class="path">@anthropic-ai/claude-code-linux-x64@2.1.113</code> <code class="hash">sha512-platformintegrity</code>');
  });
});

describe('the evidence of every version', () => {
  it('lists tarball, integrity, shasum, publish time, publisher, provenance, platform package and binaries', async () => {
    const { index } = await render();
    const table = index.slice(index.indexOf('<h2 id="versions">'), index.indexOf('<h2 id="reproduce">'));
    expect(table).toContain('<caption>8 versions in semver order</caption>');
    expect(table).toContain('<dt>shasum</dt><dd><code class="hash">');
    expect(table).toContain('<time datetime="2026-04-03T02:28:29.141Z">2026-04-03 02:28:29 UTC</time>');
    expect(table).toContain('release-bot &lt;bot@example.invalid&gt;');
    expect(table).toContain('<dt>provenance</dt><dd><a href="https://search.sigstore.dev/?logIndex=1" rel="noreferrer">');
    expect(table).toContain('<dt>platform package</dt><dd><code class="path">@anthropic-ai/claude-code-linux-x64@2.1.113</code> <span class="note">(linux-x64)</span>');
    expect(table).toContain(`<dt>executable</dt><dd><code class="path">linux-x64:bin/claude</code> <span class="note">236,000,000 bytes, bun, elf, .bun section holding the data, 1 module</span><br>sha256 <code class="hash">${'e'.repeat(64)}</code>`);
    expect(table).toContain('platform package <span class="tag">bun</span>');
    expect(table).toContain('<span class="tag tag-warn">gap before</span> 2.1.93 is not in the registry');
    expect(index).toContain('<pre class="command"><code>strata audit @anthropic-ai/claude-code 2.1.89..2.1.113</code></pre>');
  });
});

describe('pair pages', () => {
  it('show flagged changes first, annotated, and the rest after; hidden units behind a count', async () => {
    const { page } = await render();
    const html = await page('pairs/2.1.90..2.1.91.html');
    const flagged = html.indexOf('<h2 id="flagged">Flagged changes</h2>');
    const files = html.indexOf('<h2 id="files">Files</h2>');
    expect(flagged).toBeGreaterThan(0);
    expect(flagged).toBeLessThan(files);
    // Most severe first: the critical steganography section, then the geo-gating one.
    const sections = [...html.matchAll(/<section class="flagged flag-(\w+)" id="(sec-\d+)"[^>]*>\n<h3[^>]*><code class="path">([^<]*)<\/code>/g)].map((m) => `${m[1]} ${m[3]}`);
    expect(sections).toEqual(['critical cli.js § function sysPrompt #18230', 'high cli.js § function isCN #18211']);
    expect(html).toMatch(/<div class="annotation" role="note"><strong>1 finding in this change:<\/strong><ul><li><span class="sev sev-high">high<\/span> <code class="rule">timezone-gate<\/code>/);
    // The unflagged section is under Files, rendered by diff2html.
    const rest = html.slice(files);
    expect(rest).toContain('cli.js § function render #1200');
    expect(rest).not.toContain('cli.js § function isCN #18211</span>');
    expect(html.match(/class="d2h-file-wrapper"/g)).toHaveLength(3);
    expect(html).toContain('Hidden: 17,902 units that only changed names, 142 units that only moved.');
    // Finding cards link to their flagged section.
    expect(html).toMatch(/id="f-1"[\s\S]*?<a href="#sec-2">in the diff<\/a>/);
    expect(html).toMatch(/id="f-2"[\s\S]*?<a href="#sec-1">in the diff<\/a>/);
    // Previous and next pair, and back.
    expect(html).toContain('<a href="../pairs/2.1.89..2.1.90.html" rel="prev">');
    expect(html).toContain('<a href="../pairs/2.1.91..2.1.92.html" rel="next">');
    expect(html).toContain('<a href="../index.html">');
  });

  it('say why a diff is not shown instead of freezing the page', async () => {
    const { page } = await render();
    const html = await page('pairs/2.1.96..2.1.113.html');
    expect(html).toContain('<p class="placeholder" role="note">Diff not shown: too large to render (550000 lines changed)</p>');
    expect(html).not.toContain('class="d2h-file-wrapper"');
  });

  it('budget flagged sections first when a page cannot show everything', async () => {
    const { report, diffs } = syntheticReport({ versions: 3, findings: 6, seed: 3 });
    const out = path.join(tmp, 'budget');
    // Only room for a few changed lines: the flagged sections get it.
    await writeHtmlReport(report, diffs, out, { limits: { linesPerPage: 12 } });
    for (const rel of await readdir(path.join(out, 'pairs'))) {
      const html = await readFile(path.join(out, 'pairs', rel), 'utf8');
      const flagged = html.slice(html.indexOf('id="flagged"'), html.indexOf('<h2 id="files">'));
      const rest = html.slice(html.indexOf('<h2 id="files">'));
      if (html.includes('id="flagged"')) expect(flagged).toContain('d2h-file-wrapper');
      if (rest.includes('Too large to render on this page')) expect(flagged.length).toBeGreaterThan(0);
    }
  });
});

describe('hostile package content', () => {
  it('the attribute check finds event handlers however they are written', () => {
    expect(attributeNames('<svg onload=alert(1)><img src=x onerror="a()"><a href=\'#\' onclick=\'b()\'>').filter((n) => n.startsWith('on'))).toEqual(['onload', 'onerror', 'onclick']);
  });

  const HOSTILE = `<script>alert(1)</script><img src=x onerror=alert(2)>"' onload="alert(3)`;

  it('is escaped in every page: version strings, file paths, payloads, publisher, deprecation, package name', async () => {
    const { report, diffs } = syntheticReport({ versions: 8, findings: 6, hostile: HOSTILE });
    expect(report.versions[3]!.version).toContain('<script>');
    const out = path.join(tmp, 'hostile');
    const written = await writeHtmlReport(report, diffs, out);
    expect(written.length).toBe(8);
    for (const rel of written) {
      const html = await readFile(path.join(out, rel), 'utf8');
      expect(html, rel).not.toMatch(/<script/i);
      expect(html, rel).not.toMatch(/<img/i);
      expect(attributeNames(html).filter((n) => n.startsWith('on')), rel).toEqual([]);
    }
    const index = await readFile(path.join(out, 'index.html'), 'utf8');
    expect(index).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // In SVG attributes too.
    expect(index).toMatch(/data-version="3\.0\.3-&lt;script&gt;alert\(1\)&lt;\/script&gt;&lt;img src=x onerror=alert\(2\)&gt;&quot;&#39; onload=&quot;alert\(3\)"/);
  });

  it('shows invisible and reordering characters instead of hiding them', async () => {
    const { report, diffs } = flagshipReport();
    report.findings[0]!.evidence = 'let s="Today\u2019s\u200Bdate\u202E";';
    const { index } = await render({ report, diffs });
    expect(index).toContain('Today’s<span class="cp">⟦U+200B⟧</span>date<span class="cp">⟦U+202E⟧</span>');
    expect(index).not.toContain('\u202E');
  });
});

describe('a large report', () => {
  it('renders 100 versions and 300 findings into one index with every mark, lane and finding', async () => {
    const { report, diffs } = syntheticReport({ versions: 100, findings: 300 });
    const out = path.join(tmp, 'big');
    const started = performance.now();
    await writeHtmlReport(report, diffs, out);
    const ms = Math.round(performance.now() - started);
    const index = await readFile(path.join(out, 'index.html'), 'utf8');
    console.log(`rendered 100 versions, 300 findings, 99 pair pages in ${ms} ms; index.html ${Math.round(index.length / 1024)} KiB`);
    expect(attrsOf(pane(index, 'time'), 'mark')).toHaveLength(100);
    expect(attrsOf(pane(index, 'time'), 'lane')).toHaveLength(301);
    expect(index.match(/<article class="finding/g)).toHaveLength(300);
  });
});
