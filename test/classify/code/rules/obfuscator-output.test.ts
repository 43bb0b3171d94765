// obfuscator-output on small before/after pairs: what a release adds is reported; what was already
// there (under other names) or is ordinary stays silent.
import { describe } from 'vitest';
import obfuscatorOutput from '../../../../src/classify/code/rules/obfuscator-output.js';
import { codeRuleTester } from '../../../helpers/code-rule-tester.js';

/** Code both sides share, so the added code is a release's addition, not a new file. */
const OLD = 'function a0(n){return n+1}function b0(n){return a0(n)*2}';

describe('obfuscator-output', () => {
  const obfuscated =
    '(function(){var _0x1a2b=["log","Hello","World"];(function(_0x3c4d,_0x5e6f){var _0x7a8b=function(_0x9c0d){while(--_0x9c0d){_0x3c4d["push"](_0x3c4d["shift"]())}};_0x7a8b(++_0x5e6f)})(_0x1a2b,0x1f4);var _0x2b3c=function(_0x4d5e,_0x6f7a){_0x4d5e=_0x4d5e-0x0;var _0x8b9c=_0x1a2b[_0x4d5e];return _0x8b9c};console[_0x2b3c("0x0")](_0x2b3c("0x1")+" "+_0x2b3c("0x2"))})()';
  codeRuleTester(obfuscatorOutput, {
    valid: [{ name: 'minified code', before: OLD, after: OLD + 'function c(e,t){for(var n=0,r=e.length;n<r;n++)if(t(e[n]))return n;return-1}' }],
    // The whole-file IIFE is unwrapped: its two statements are two units.
    invalid: [{ before: null, after: obfuscated, findings: [{ severity: 'high' }, { severity: 'high' }] }],
  });
});
