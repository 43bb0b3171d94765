// hidden-unicode on small before/after pairs: what a release adds is reported; what was already
// there (under other names) or is ordinary stays silent.
import { describe } from 'vitest';
import hiddenUnicode from '../../../../src/classify/code/rules/hidden-unicode.js';
import { codeRuleTester } from '../../../helpers/code-rule-tester.js';

/** Code both sides share, so the added code is a release's addition, not a new file. */
const OLD = 'function a0(n){return n+1}function b0(n){return a0(n)*2}';

describe('hidden-unicode', () => {
  codeRuleTester(hiddenUnicode, {
    valid: [
      { name: 'a whitespace table', before: OLD, after: OLD + 'var ws=" \\t\\u200B\\uFEFF\\u00A0"' },
      { name: 'an emoji sequence', before: OLD, after: OLD + 'var e="family \\uD83D\\uDC68\\u200D\\uD83D\\uDC69\\u200D\\uD83D\\uDC67"' },
      { name: 'a character-class table with ranges', before: OLD, after: OLD + 'var r="A-Za-z\\u00C0-\\u00D6\\u200C-\\u200D\\u2070-\\u218F"' },
    ],
    invalid: [
      { name: 'a zero-width space inside a host name (escaped)', before: OLD, after: OLD + 'var s="pay\\u200Bpal.com"', findings: [{ severity: 'medium', payloadTexts: ['pay[U+200B ZERO WIDTH SPACE]pal.com'] }] },
      { name: 'bidi controls in a comment (Trojan Source)', before: OLD, after: OLD + 'function c(u){/* check \u202e if admin \u2066*/ return u.isAdmin}', findings: [{ severity: 'high' }] },
      { name: 'a message in tag characters', before: OLD, after: OLD + 'var s="hi\\u{E0049}\\u{E0047}\\u{E004E}\\u{E004F}\\u{E0052}\\u{E0045}"', findings: [{ severity: 'high', payloadTexts: ['IGNORE'] }] },
    ],
  });
});
