// busy-loop on small before/after pairs: what a release adds is reported; what was already
// there (under other names) or is ordinary stays silent.
import { describe } from 'vitest';
import busyLoop from '../../../../src/classify/code/rules/busy-loop.js';
import { codeRuleTester } from '../../../helpers/code-rule-tester.js';

/** Code both sides share, so the added code is a release's addition, not a new file. */
const OLD = 'function a0(n){return n+1}function b0(n){return a0(n)*2}';

describe('busy-loop', () => {
  codeRuleTester(busyLoop, {
    valid: [{ before: OLD, after: OLD + 'function h(x){for(;;){if(x())break}}' }],
    invalid: [{ before: OLD, after: OLD + 'function h(){for(;;);}', findings: [{ severity: 'medium' }] }],
  });
});
