// encoded-literal on small before/after pairs: what a release adds is reported; what was already
// there (under other names) or is ordinary stays silent.
import { describe } from 'vitest';
import encodedLiteral from '../../../../src/classify/code/rules/encoded-literal.js';
import { codeRuleTester } from '../../../helpers/code-rule-tester.js';
import { encode, KEYWORDS } from '../fixtures.js';

/** Code both sides share, so the added code is a release's addition, not a new file. */
const OLD = 'function a0(n){return n+1}function b0(n){return a0(n)*2}';

describe('encoded-literal', () => {
  const flag = `function D(A){return Buffer.from(A,"base64").map(q=>q^91).toString().split(",")}var X="${encode(KEYWORDS)}",W=D(X);`;
  codeRuleTester(encodedLiteral, {
    valid: [
      { name: 'an image data URI', before: OLD, after: OLD + 'var img="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="' },
      { name: 'an integrity hash', before: OLD, after: OLD + 'var i="sha512-9Z3Vq0Jm0i6ZzYl0b1mN2pQ3rS4tU5vW6xY7zA8bC9dE0fG1hI2jK3lM4nO5pQ6rS7tU8vW9xY0zA1bC2dE3fA=="' },
      { name: 'already there under other names', before: OLD + flag.replace(/\bD\b/g, 'E').replace(/\bW\b/g, 'V'), after: OLD.replace('n+1', 'n+3') + flag },
    ],
    invalid: [
      { name: 'XOR-encoded list and its decoder', before: OLD, after: OLD + flag, findings: [{ severity: 'high', payloadLists: [KEYWORDS] }] },
      { name: 'a base64 URL decoded with atob', before: OLD, after: OLD + 'var u=atob("aHR0cHM6Ly9leGFtcGxlLmNvbS9jb2xsZWN0");fetch(u)', findings: [{ severity: 'high', payloadTexts: ['https://example.com/collect'] }] },
    ],
  });
});
