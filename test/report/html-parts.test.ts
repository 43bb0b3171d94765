// The pieces of the HTML pages on their own: code views, diff sections, timeline layouts, facts.
import { describe, expect, it } from 'vitest';
import { versionEvents } from '../../src/report/facts.js';
import { codeBlock, linesOfSpans, linesOfSpansInUnit, unitLines, windowAround } from '../../src/report/reporters/html/code.js';
import { planPairDiff, sectionLabel, splitSections } from '../../src/report/reporters/html/diff-plan.js';
import { renderFinding } from '../../src/report/reporters/html/finding.js';
import { timelineHtml } from '../../src/report/reporters/html/timeline.js';
import type { Finding } from '../../src/types.js';
import { flagshipReport, unified } from './report-fixtures.js';

describe('code views', () => {
  it('read the new side of a unit section, with gaps between hunks', () => {
    const section = [
      'diff --git a/x.js § function f #1 b/x.js § function f #1',
      '--- a/x.js § function f #1',
      '+++ b/x.js § function f #1',
      '@@ -1,2 +1,3 @@',
      ' function f() {',
      '-  a();',
      '+  b();',
      '+  c();',
      '@@ -20,1 +21,1 @@',
      ' }',
      '',
    ].join('\n');
    expect(unitLines(section)).toEqual([
      { text: 'function f() {' },
      { text: '  b();', added: true },
      { text: '  c();', added: true },
      { text: '⋯', gap: true },
      { text: '}' },
    ]);
    expect(unitLines('diff --git a/x b/x\nnew file mode 100644\n')).toBeNull();
  });

  it('mark the lines of a unit that hold the spans, the evidence found whatever the whitespace', () => {
    const lines = unitLines(unified('u', [], ['function k() {', '  let u = process.env.X || "";', '  return L.some(s => u.includes(s))', '}'], 'added'))!;
    const evidence = 'let u=process.env.X||"";return L.some(s=>u.includes(s))';
    const span = (code: string, role = 'call') => ({ start: evidence.indexOf(code), end: evidence.indexOf(code) + code.length, role });
    // Only the lines the spans fall on, not every line of the evidence.
    expect(linesOfSpansInUnit(lines, evidence, [span('u.includes(s)')])).toEqual({ marked: new Set([2]), whole: true });
    expect([...linesOfSpansInUnit(lines, evidence, [span('process.env.X'), span('u.includes(s)')]).marked].sort()).toEqual([1, 2]);
    // Beautified evidence, cut by the classifier: the same.
    const pretty = 'let u = process.env.X || "";\nreturn L.some(s =>\n…';
    expect(linesOfSpansInUnit(lines, pretty, [{ start: 8, end: 21 }])).toEqual({ marked: new Set([1]), whole: true });
    // Evidence the unit does not hold as it is: the code of each span is looked for.
    const other = 'var Q=1;let u=process.env.X||"";';
    expect(linesOfSpansInUnit(lines, other, [{ start: other.indexOf('process'), end: other.indexOf('||') }])).toEqual({ marked: new Set([1]), whole: false });
    expect(linesOfSpansInUnit(lines, 'nowhere()', [{ start: 0, end: 9 }]).marked.size).toBe(0);
  });

  it('mark nothing for a finding without spans, rather than guess', () => {
    const lines = unitLines(unified('u', [], ['function k() {', '  let t = Intl.DateTimeFormat().resolvedOptions().timeZone;', '  return eval(atob("ZXZhbA=="))', '}'], 'added'))!;
    expect(linesOfSpansInUnit(lines, 'let t=Intl.DateTimeFormat().resolvedOptions().timeZone;return eval(atob("ZXZhbA=="))', [])).toEqual({ marked: new Set(), whole: true });
    const { html, marked } = codeBlock('eval(atob("ZXZhbA=="));\nfetch("https://webhook.site/x")');
    expect(marked).toBe(0);
    expect(html).not.toContain('hl');
  });

  it('flag in a finding the lines its spans fall on, and none for a finding without spans', () => {
    const { report } = flagshipReport();
    const evidence = 'if (b() === "Asia/Shanghai") {\n  s = s.replace(/-/g, "/");\n  return s\n}';
    const at = (code: string, role: string) => ({ start: evidence.indexOf(code), end: evidence.indexOf(code) + code.length, role });
    const unitSection = unified('a.js § function c #1', [], ['function c(s) {', '  if (b() === "Asia/Shanghai") {', '    s = s.replace(/-/g, "/");', '    return s', '  }', '  return s', '}'], 'added');
    const f: Finding = { ruleId: 'gated-format', category: 'steganography', severity: 'high', from: '2.1.90', to: '2.1.91', file: 'a.js', line: 2, message: 'm', evidence, fingerprint: 'x', unit: 'a.js § function c #1' };
    const flagged = (finding: Finding) => {
      const html = renderFinding(finding, { report, evidenceChars: 6000, ruleDocs: new Map(), level: 3, id: 'f', versionOrder: new Map(), unitSection });
      return html.split('\n').filter((l) => l.startsWith('<span class="ln')).map((l) => (l.includes(' hl') ? 'hl ' : '') + l.replace(/<[^>]+>/g, '').trim());
    };
    const withSpans = flagged({ ...f, spans: [at('b() === "Asia/Shanghai"', 'condition'), at('s.replace(/-/g, "/")', 'change')] });
    expect(withSpans.filter((l) => l.startsWith('hl '))).toEqual(['hl if (b() === &quot;Asia/Shanghai&quot;) {', 'hl s = s.replace(/-/g, &quot;/&quot;);']);
    // The same finding without spans: no line is flagged, whatever the code says.
    const without = flagged(f);
    expect(without).toHaveLength(withSpans.length);
    expect(without.filter((l) => l.startsWith('hl '))).toEqual([]);
  });

  it('mark the lines of evidence that spans fall on', () => {
    const code = 'function f() {\n  let a = 1;\n  send(a,\n    b);\n}';
    expect([...linesOfSpans(code, [{ start: code.indexOf('send'), end: code.indexOf('b)') + 2 }])]).toEqual([2, 3]);
    expect([...linesOfSpans(code, [{ start: 0, end: 0 }, { start: 500, end: 600 }])]).toEqual([]);
  });

  it('keep a window of a long unit around the marked lines', () => {
    const lines = Array.from({ length: 500 }, (_, i) => ({ text: `l${i}` }));
    expect(windowAround(lines, new Set([250]), 60)).toEqual({ from: 242, to: 266 });
    expect(windowAround(lines, new Set([0, 400]), 60)).toEqual({ from: 0, to: 60 });
    expect(windowAround(lines, new Set(), 60)).toEqual({ from: 0, to: 60 });
    expect(windowAround(lines.slice(0, 10), new Set([3]), 60)).toEqual({ from: 0, to: 10 });
    expect(windowAround(lines, new Set([499]), 60)).toEqual({ from: 476, to: 500 });
  });

  it('colour tokens and escape them, and leave code as it came (no beautifying here)', () => {
    const code = 'function a(b) {\n  if (b) {\n    return "<script>" + `x${b}`\n  }\n}';
    const { html } = codeBlock(code, [{ start: code.indexOf('"<script>"'), end: code.indexOf('"<script>"') + 10, role: 'literal' }]);
    expect(html).not.toContain('<script>');
    expect(html).toContain('<span class="tok-s">&quot;&lt;script&gt;&quot;</span>');
    expect(html).toContain('<span class="tok-k">function</span>');
    expect(html.match(/<span class="ln hl">/g)).toHaveLength(1);
    expect(html).toMatch(/<span class="ln hl">[^\n]*&lt;script&gt;/);
    // Minified code stays one line: making it readable is the classifier's job.
    const minified = 'function a(b){if(b){return 1}' + ';'.repeat(120) + '}';
    expect(codeBlock(minified).html.split('\n')).toHaveLength(1);
  });

  it('a template literal or comment across lines keeps every line its own span', () => {
    const { html } = codeBlock('let a = `one\ntwo`; /* x\ny */', []);
    expect(html.split('\n')).toHaveLength(3);
    expect(html).toContain('<span class="tok-s">two`</span>');
  });
});

describe('diff sections', () => {
  it('split unified text by diff --git header and read the unit label', () => {
    const text = unified('a.js § function f #1', ['x'], ['y']) + unified('a.js § var b #2', [], ['z'], 'added');
    const parts = splitSections(text);
    expect(parts.map((p) => p.label)).toEqual(['a.js § function f #1', 'a.js § var b #2']);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(sectionLabel('diff --git "a/we\\"ird\\nname" "b/we\\"ird\\nname"')).toBe('we"ird\nname');
    expect(sectionLabel('diff --git a/x b/x')).toBe('x');
    expect(sectionLabel('diff --git a/a b/a b/a b/a')).toBe('a b/a');
  });

  it('place each finding in the section of its unit, else of its file', () => {
    const files = [
      { path: 'a.js', status: 'modified' as const, linesAdded: 2, linesRemoved: 1, unified: unified('a.js § function f #1', ['x'], ['y']) + unified('a.js § var b #2', [], ['z'], 'added') },
      { path: 'package.json', status: 'modified' as const, linesAdded: 1, linesRemoved: 0, unified: unified('package.json', [], ['"x": 1']) },
    ];
    const f = (over: Partial<Finding>): Finding => ({ ruleId: 'r', category: 'telemetry', severity: 'high', from: '1', to: '2', file: 'a.js', line: 1, message: 'm', evidence: 'e', fingerprint: 'x', ...over });
    const byUnit = f({ unit: 'a.js § var b #2' });
    const byFile = f({ file: 'package.json', severity: 'low' });
    const loose = f({ unit: 'a.js § function gone #9' });
    const plans = planPairDiff(files, [byUnit, byFile, loose], { linesPerFile: 100, linesPerPage: 100, charsPerFile: 1e6, charsPerPage: 1e6 });
    expect(plans[0]!.sections.map((s) => s.findings)).toEqual([[], [byUnit]]);
    expect(plans[0]!.findings).toEqual([loose]);
    expect(plans[1]!.sections[0]!.findings).toEqual([byFile]);
  });
});

describe('timeline layouts', () => {
  it('fall back to semver order when versions have no publish dates', () => {
    const { report } = flagshipReport();
    for (const v of report.versions) v.publishedAt = null;
    const html = timelineHtml({ report, pageOf: () => undefined, hrefOf: () => undefined });
    expect(html).toContain('id="axis-time" class="axis-input" disabled');
    expect(html).toContain('<input type="radio" name="timeline-axis" id="axis-semver" class="axis-input" checked>');
    expect(html).toContain('the time axis is not available');
    expect(html.match(/<g class="mark [^"]*" data-version=/g)).toHaveLength(report.versions.length);
  });

  it('draw a single version and no lanes without dividing by zero', () => {
    const { report } = flagshipReport();
    const one = { ...report, versions: report.versions.slice(0, 1), pairs: [], findings: [], lifecycle: [] };
    const html = timelineHtml({ report: one, pageOf: () => undefined, hrefOf: () => undefined });
    expect(html).not.toMatch(/NaN|Infinity/);
    expect(html).toContain('No findings to follow across versions.');
  });

  it('break a lane where a version inside its span does not have the finding', () => {
    const { report } = flagshipReport();
    report.lifecycle = [{ fingerprint: 'back', ruleId: 'beacon-url', category: 'telemetry', severity: 'high', introducedIn: '2.1.90', removedIn: null, presentIn: ['2.1.90', '2.1.92', '2.1.94'] }];
    const html = timelineHtml({ report, pageOf: () => undefined, hrefOf: () => undefined });
    const semver = html.slice(html.indexOf('id="timeline-semver"'));
    const lane = semver.slice(semver.indexOf('<g class="lane '), semver.indexOf('</g>', semver.indexOf('<g class="lane ')));
    expect(lane.match(/<rect class="lane-bar"/g)).toHaveLength(2);
    expect(lane.match(/<line class="lane-join"/g)).toHaveLength(1);
    expect(lane).toContain('data-first="2.1.90" data-last="2.1.94"');
  });

  it('list packaging changes and anomalies in version order', () => {
    const { report } = flagshipReport();
    expect(versionEvents(report.versions).map((e) => `${e.version} ${e.kind}`)).toEqual(['2.1.94 gap', '2.1.96 out-of-order', '2.1.96 deprecated', '2.1.113 packaging']);
  });
});
