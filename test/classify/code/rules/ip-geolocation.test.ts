// ip-geolocation on small before/after pairs: what a release adds is reported; what was already
// there (under other names) or is ordinary stays silent.
import { describe } from 'vitest';
import ipGeolocation from '../../../../src/classify/code/rules/ip-geolocation.js';
import { codeRuleTester } from '../../../helpers/code-rule-tester.js';

/** Code both sides share, so the added code is a release's addition, not a new file. */
const OLD = 'function a0(n){return n+1}function b0(n){return a0(n)*2}';

describe('ip-geolocation', () => {
  codeRuleTester(ipGeolocation, {
    valid: [
      { name: 'another API', before: OLD, after: OLD + 'async function g(){return (await fetch("https://api.example.com/v1/me")).json()}' },
      { name: 'already there', before: OLD + 'async function h(){return (await fetch("https://ipapi.co/json/")).json()}', after: OLD + 'async function g(){return (await fetch("https://ipapi.co/json/")).json()}' },
    ],
    invalid: [
      { before: OLD, after: OLD + 'async function g(){let r=await fetch("https://ipapi.co/json/");return (await r.json()).country_code}', findings: [{ severity: 'medium', message: /ipapi\.co/ }] },
      { name: 'in a decoded literal', before: OLD, after: OLD + 'async function g(){return fetch(atob("aHR0cDovL2lwLWFwaS5jb20vanNvbi8="))}', findings: [{ atLeast: 'high', payloadTexts: ['http://ip-api.com/json/'] }] },
    ],
  });
});
