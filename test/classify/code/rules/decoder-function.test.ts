// decoder-function on small before/after pairs: what a release adds is reported; what was already
// there (under other names) or is ordinary stays silent.
import { describe } from 'vitest';
import decoderFunction from '../../../../src/classify/code/rules/decoder-function.js';
import { codeRuleTester } from '../../../helpers/code-rule-tester.js';
import { encode, HOSTS, KEYWORDS } from '../fixtures.js';

/** Code both sides share, so the added code is a release's addition, not a new file. */
const OLD = 'function a0(n){return n+1}function b0(n){return a0(n)*2}';

describe('decoder-function', () => {
  codeRuleTester(decoderFunction, {
    valid: [{ name: 'a decoder never applied to a literal', before: OLD, after: OLD + 'function d(s){return Buffer.from(s,"base64").toString()}module.exports=d' }],
    invalid: [
      {
        before: OLD,
        after: OLD + `function D(A){return Buffer.from(A,"base64").map(q=>q^91).toString().split(",")}var X="${encode(HOSTS)}",W=D(X);var P="${encode(KEYWORDS)}",K=D(P);`,
        findings: [{ severity: 'high', payloadLists: [HOSTS, KEYWORDS] }],
      },
    ],
  });
});
