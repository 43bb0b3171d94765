import { describe, expect, it } from 'vitest';
import { buildSarif, renderSarif } from '../../src/report/reporters/sarif.js';
import type { Finding } from '../../src/types.js';
import { flagshipReport } from './report-fixtures.js';
import { sarifProblems } from './sarif-check.js';

type Json = Record<string, any>;

// C0 but tab and newline, DEL, C1 and the bidi controls: none may be left in a SARIF text.
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const HOSTILE = '\u001b]0;pwned\u0007\u001b[2J\u009b31m\r\u202e';

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      strings(v, out);
    }
  }
  return out;
}

describe('SARIF text from packages', () => {
  it('carries no raw control characters, and stays valid', () => {
    const { report } = flagshipReport();
    const hostile: Finding = {
      ...report.findings[0]!,
      ruleId: 'dependency-added',
      message: `dependency "evil${HOSTILE}" added`,
      evidence: `"evil${HOSTILE}": "1.0.0"\n\t"next": "1.0.0"`,
      file: `lib/${HOSTILE}.js`,
      unit: `lib/${HOSTILE}.js § function x`,
      fingerprint: 'hostile1',
    };
    const text = renderSarif({ ...report, package: `pkg${HOSTILE}`, command: `strata diff a${HOSTILE}.tgz b.tgz`, findings: [...report.findings, hostile] });
    expect(text).not.toMatch(RAW);
    const log = JSON.parse(text) as Json;
    expect(sarifProblems(log)).toEqual([]);
    expect(strings(log).filter((s) => RAW.test(s))).toEqual([]);

    const res = log.runs[0].results.find((r: Json) => r.partialFingerprints['strataFingerprint/v1'] === 'hostile1');
    expect(res.message.text).toContain('dependency "evil\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\r\\u202e" added');
    // Several lines of evidence stay several lines.
    expect(res.properties.evidence).toBe('"evil\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\r\\u202e": "1.0.0"\n\t"next": "1.0.0"');
    expect(res.locations[0].properties.path).toBe('lib/\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\r\\u202e.js');
    // The URI still names the exact file.
    expect(decodeURIComponent(res.locations[0].physicalLocation.artifactLocation.uri)).toBe(hostile.file);
    expect(log.runs[0].properties.package).toBe('pkg\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\r\\u202e');
  });

  it('escapes a rule described from a hostile finding, keeps ordinary text as it is', () => {
    const { report } = flagshipReport();
    const hostile: Finding = { ...report.findings[0]!, ruleId: 'no-doc-rule', message: `café 漢字 👩‍👩‍👧 ${HOSTILE}`, fingerprint: 'hostile2' };
    const log = buildSarif({ ...report, findings: [hostile] }) as Json;
    const rule = log.runs[0].tool.driver.rules[0];
    expect(rule.fullDescription.text).toContain('café 漢字 👩‍👩‍👧 \\x1b]0;pwned');
    expect(strings(log).filter((s) => RAW.test(s))).toEqual([]);
    // The flagship report itself is unchanged by the escaping.
    const plain = flagshipReport().report;
    expect(JSON.stringify(buildSarif(plain))).not.toMatch(/\\\\(?:x[0-9a-f]{2}|u20)/);
  });
});
