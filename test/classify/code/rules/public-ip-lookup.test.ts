// public-ip-lookup on small before/after pairs: what a release adds is reported; what was already
// there (under other names) or is ordinary stays silent.
import { describe } from 'vitest';
import publicIpLookup from '../../../../src/classify/code/rules/public-ip-lookup.js';
import { codeRuleTester } from '../../../helpers/code-rule-tester.js';

/** Code both sides share, so the added code is a release's addition, not a new file. */
const OLD = 'function a0(n){return n+1}function b0(n){return a0(n)*2}';

describe('public-ip-lookup', () => {
  codeRuleTester(publicIpLookup, {
    valid: [{ before: OLD, after: OLD + 'function g(){return fetch("https://api.example.org/ip-address-docs")}' }],
    invalid: [{ before: OLD, after: OLD + 'function g(){return fetch("https://api.ipify.org?format=json")}', findings: [{ severity: 'low' }] }],
  });
});
