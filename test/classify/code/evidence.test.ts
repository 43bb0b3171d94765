// Evidence arrives readable from the classifier: the matched code beautified where the finding is
// built, the rule's spans moved along, cut at a line end. The HTML reporter only renders it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MAX_EVIDENCE, readableEvidence } from '../../../src/classify/code/evidence.js';
import gatedFormat from '../../../src/classify/code/rules/gated-format.js';
import { renderFinding } from '../../../src/report/reporters/html/finding.js';
import { classifySources } from '../../helpers/code-rule-tester.js';
import { flagshipReport } from '../../report/report-fixtures.js';

const REPORT_SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../src/report');

const marked = (e: { text: string; spans: { start: number; end: number; role?: string }[] }) =>
  e.spans.map((s) => `${s.role}: ${e.text.slice(s.start, s.end)}`);

describe('readable evidence', () => {
  it('beautifies minified code and moves the spans with it', () => {
    const code = '  function c(){var t=b();if(t==="Asia/Shanghai"||t==="Asia/Urumqi"){document.body.style.pointerEvents="none"}return t}';
    const at = (s: string) => ({ start: code.indexOf(s), end: code.indexOf(s) + s.length, role: 'comparison' });
    const e = readableEvidence(code, [at('t==="Asia/Shanghai"'), at('t==="Asia/Urumqi"')]);
    expect(e.text.split('\n').length).toBeGreaterThan(3);
    expect(e.text.startsWith('function c() {')).toBe(true);
    expect(marked(e)).toEqual(['comparison: t === "Asia/Shanghai"', 'comparison: t === "Asia/Urumqi"']);
  });

  it('keeps text that is not code as it is', () => {
    const line = 'let a="x[U+200B ZERO WIDTH SPACE]y";if(a){b()}';
    const e = readableEvidence(line, [{ start: 8, end: 33, role: 'hidden' }], { plain: true });
    expect(e.text).toBe(line);
    expect(marked(e)).toEqual(['hidden: [U+200B ZERO WIDTH SPACE]']);
  });

  it('cuts long code at a line end, and drops the spans past the cut', () => {
    const code = Array.from({ length: 80 }, (_, i) => `f${i}(${i});`).join('');
    const e = readableEvidence(code, [
      { start: 0, end: 6, role: 'call' },
      { start: code.length - 8, end: code.length, role: 'call' },
    ]);
    expect(e.text.length).toBeLessThanOrEqual(MAX_EVIDENCE);
    expect(e.text.endsWith('\n…')).toBe(true);
    expect(
      e.text
        .split('\n')
        .slice(0, -1)
        .every((l) => /^f\d+\(\d+\);$/.test(l)),
    ).toBe(true);
    expect(marked(e)).toEqual(['call: f0(0);']);
  });
});

describe('evidence of a minified release, end to end', () => {
  const after =
    'function b(){return Intl.DateTimeFormat().resolvedOptions().timeZone}function c(s){if(b()==="Asia/Shanghai"){s=s.replace(/-/g,"/");return s}return s}';

  it('is several lines in the finding, the condition and the change marked', async () => {
    const { introduced } = await classifySources('function a(n){return n+1}', after, [gatedFormat]);
    const [f] = introduced;
    expect(f!.evidence).toBe('if (b() === "Asia/Shanghai") {\n  s = s.replace(/-/g, "/");\n  return s\n}');
    expect(marked({ text: f!.evidence, spans: f!.spans! })).toEqual(['condition: b() === "Asia/Shanghai"', 'change: s.replace(/-/g, "/")']);
  });

  it('is shown by the HTML as it came, with the lines of its spans marked', async () => {
    const { introduced } = await classifySources('function a(n){return n+1}', after, [gatedFormat]);
    const f = introduced[0]!;
    const { report } = flagshipReport();
    const html = renderFinding(f, { report, evidenceChars: 6000, ruleDocs: new Map(), level: 3, id: 'f', versionOrder: new Map() });
    const lines = html.slice(html.indexOf('<pre class="code"><code>'), html.indexOf('</code></pre>')).split('\n');
    expect(lines).toHaveLength(f.evidence.split('\n').length);
    const flagged = lines.map((l, i) => (l.includes('class="ln hl"') ? i : -1)).filter((i) => i >= 0);
    const expected = [...new Set(f.spans!.map((s) => f.evidence.slice(0, s.start).split('\n').length - 1))];
    expect(flagged).toEqual(expected);
  });

  it('is beautified nowhere in the reporters', () => {
    const files = readdirSync(REPORT_SRC, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expect(readFileSync(path.join(REPORT_SRC, file), 'utf8'), file).not.toMatch(/js-beautify/);
  });
});
