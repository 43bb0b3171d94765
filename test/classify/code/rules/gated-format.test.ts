// gated-format on small before/after pairs: what a release adds is reported; what was already
// there (under other names) or is ordinary stays silent.
import { describe, expect, it } from 'vitest';
import gatedFormat from '../../../../src/classify/code/rules/gated-format.js';
import { codeRuleTester } from '../../../helpers/code-rule-tester.js';

/** Code both sides share, so the added code is a release's addition, not a new file. */
const OLD = 'function a0(n){return n+1}function b0(n){return a0(n)*2}';

describe('gated-format', () => {
  codeRuleTester(gatedFormat, {
    valid: [
      { name: 'a date format chosen by locale (localisation)', before: OLD, after: OLD + 'function f(d){return navigator.language==="en-US"?d.replace(/-/g,"/"):d}' },
      { name: 'an endpoint chosen by env var', before: OLD, after: OLD + 'function f(){return process.env.API_BASE_URL==="https://staging.example.com"?"https://staging.example.com":"https://api.example.com"}' },
      { name: 'a separator switched without a gate', before: OLD, after: OLD + 'function f(d,o){return o.slash?d.replace(/-/g,"/"):d}' },
    ],
    invalid: [
      {
        name: 'separator switched by time zone',
        before: OLD,
        after: OLD + 'function f(d){var z=Intl.DateTimeFormat().resolvedOptions().timeZone;return z==="Europe/Moscow"?d.replace(/-/g,"."):d}',
        findings: [{ atLeast: 'high', message: /timezone/ }],
      },
    ],
  });
});

describe('gated-format describes a change by its effect', () => {
  it('gives `.replace(/-/g, "/")` and `.replaceAll("-", "/")` under the same gate one fingerprint', async () => {
    const { classifySources } = await import('../../../helpers/code-rule-tester.js');
    const gate = 'var z=Intl.DateTimeFormat().resolvedOptions().timeZone;';
    const a = await classifySources('', `function f(d){${gate}return z==="Asia/Shanghai"?d.replace(/-/g,"/"):d}`);
    const b = await classifySources('', `function g(q){${gate}return z==="Asia/Shanghai"?q.replaceAll("-","/"):q}`);
    const fa = a.introduced.find((x) => x.ruleId === 'gated-format');
    const fb = b.introduced.find((x) => x.ruleId === 'gated-format');
    expect(fa?.message).toContain('every "-" → "/"');
    expect(fb?.fingerprint).toBe(fa?.fingerprint);
  });
});
