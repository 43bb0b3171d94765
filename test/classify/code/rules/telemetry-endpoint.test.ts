// telemetry-endpoint on small before/after pairs: what a release adds is reported; what was already
// there (under other names) or is ordinary stays silent.
import { describe } from 'vitest';
import telemetryEndpoint from '../../../../src/classify/code/rules/telemetry-endpoint.js';
import { codeRuleTester } from '../../../helpers/code-rule-tester.js';

/** Code both sides share, so the added code is a release's addition, not a new file. */
const OLD = 'function a0(n){return n+1}function b0(n){return a0(n)*2}';

describe('telemetry-endpoint', () => {
  codeRuleTester(telemetryEndpoint, {
    valid: [{ before: OLD, after: OLD + 'function t(e){return fetch("https://api.example.com/v1/events",{method:"POST",body:JSON.stringify(e)})}' }],
    invalid: [{ before: OLD, after: OLD + 'function t(e){return fetch("https://api.segment.io/v1/track",{method:"POST",body:JSON.stringify(e)})}', findings: [{ severity: 'low', message: /api\.segment\.io/ }] }],
  });
});
