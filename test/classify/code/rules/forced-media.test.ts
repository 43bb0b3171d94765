import { describe } from 'vitest';
import forcedMedia from '../../../../src/classify/code/rules/forced-media.js';
import { codeRuleTester } from '../../../helpers/code-rule-tester.js';

const OLD = 'function a0(n){return n+1}';

describe('forced-media', () => {
  codeRuleTester(forcedMedia, {
    valid: [
      { name: 'played on a click', before: OLD, after: OLD + 'function f(btn){btn.addEventListener("click",function(){new Audio("https://example.org/click.mp3").play()})}' },
      { name: 'an address from the caller', before: OLD, after: OLD + 'function f(u){var a=new Audio(u);a.play()}' },
      { name: 'a player method', before: OLD, after: OLD + 'var P={start:function(){var a=new Audio("https://example.org/x.mp3");a.play()}};' },
    ],
    invalid: [
      {
        name: 'an anthem behind a language gate',
        before: OLD,
        after:
          OLD +
          'function f(){if(/^ru\\b/.test(navigator.language)){var a=document.createElement("audio");a.src="https://example.org/anthem.mp3";a.loop=true;setTimeout(function(){a.play()},2500)}}',
        findings: [{ severity: 'critical', message: 'plays https://example.org/anthem.mp3 on its own behind a gate' }],
      },
      { name: 'no gate', before: OLD, after: OLD + 'function f(){new Audio("https://example.org/msg.ogg").play()}', findings: [{ severity: 'medium' }] },
    ],
  });
});
