// timezone-gate on small before/after pairs: what a release adds is reported; what was already
// there (under other names) or is ordinary stays silent.
import { describe } from 'vitest';
import timezoneGate from '../../../../src/classify/code/rules/timezone-gate.js';
import { codeRuleTester } from '../../../helpers/code-rule-tester.js';

/** Code both sides share, so the added code is a release's addition, not a new file. */
const OLD = 'function a0(n){return n+1}function b0(n){return a0(n)*2}';

describe('timezone-gate', () => {
  const probe = 'function b(){return Intl.DateTimeFormat().resolvedOptions().timeZone}function c(){var t=b();return t==="Asia/Shanghai"||t==="Asia/Urumqi"}';
  codeRuleTester(timezoneGate, {
    valid: [
      { name: 'already there under other names', before: OLD + probe.replace(/\bb\b/g, 'q').replace(/\bc\b/g, 'r').replace(/\bt\b/g, 'k'), after: OLD.replace('n+1', 'n+2') + probe },
      { name: 'the zone shown, not compared', before: OLD, after: OLD + 'function z(){return "zone: "+Intl.DateTimeFormat().resolvedOptions().timeZone}' },
      { name: 'compared with UTC only', before: OLD, after: OLD + 'function z(){return Intl.DateTimeFormat().resolvedOptions().timeZone==="UTC"}' },
      { name: 'a table of zone names, not a comparison', before: OLD, after: OLD + 'var Z=["Asia/Shanghai","Europe/Paris","America/New_York"];function z(i){return Z[i]}' },
    ],
    invalid: [
      { name: 'zone read in one unit, compared in another', before: OLD, after: OLD + probe, findings: [{ severity: 'high', message: /Asia\/Shanghai/ }] },
      { name: 'UTC offset compared', before: OLD, after: OLD + 'function c(){return new Date().getTimezoneOffset()===-480}', findings: [{ severity: 'high', message: /-480/ }] },
      { name: 'switch on the zone', before: OLD, after: OLD + 'function c(){switch(process.env.TZ||Intl.DateTimeFormat().resolvedOptions().timeZone){case"Europe/Moscow":case"Europe/Minsk":return 1}return 0}', findings: [{ atLeast: 'high' }] },
    ],
  });
});
