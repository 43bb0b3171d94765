// lookalike-choice on small before/after pairs: what a release adds is reported; what was already
// there (under other names) or is ordinary stays silent.
import { describe } from 'vitest';
import lookalikeChoice from '../../../../src/classify/code/rules/lookalike-choice.js';
import { codeRuleTester } from '../../../helpers/code-rule-tester.js';

/** Code both sides share, so the added code is a release's addition, not a new file. */
const OLD = 'function a0(n){return n+1}function b0(n){return a0(n)*2}';

describe('lookalike-choice', () => {
  const pick = 'function G(A){if(!A)return"\'";if(A.x&&A.k)return"\\u2019";if(A.h)return"\\u02BC";if(A.x)return"\\u02B9";return"\'"}';
  codeRuleTester(lookalikeChoice, {
    valid: [
      { name: 'a normalisation table', before: OLD, after: OLD + 'var m={"\\u2019":"\'","\\u2018":"\'","\\u02BC":"\'"};function n(c){return m[c]||c}' },
      { name: 'look-alikes compared, one outcome', before: OLD, after: OLD + 'function n(c){return c==="\\u2019"||c==="\\u02BC"?"\'":c}' },
      { name: 'already there under other names', before: OLD + pick.replace(/\bA\b/g, 'B').replace('G(', 'H('), after: OLD + pick },
    ],
    invalid: [{ name: 'escapes decoded first', before: OLD, after: OLD + pick, findings: [{ severity: 'high', payloadLists: [["'", '\u2019', '\u02BC', '\u02B9']] }] }],
  });
});
