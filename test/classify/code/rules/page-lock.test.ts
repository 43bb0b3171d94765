import { describe } from 'vitest';
import pageLock from '../../../../src/classify/code/rules/page-lock.js';
import { codeRuleTester } from '../../../helpers/code-rule-tester.js';

const OLD = 'function a0(n){return n+1}function b0(n){return a0(n)*2}';

describe('page-lock', () => {
  codeRuleTester(pageLock, {
    valid: [
      { name: 'a modal that gives the page back', before: OLD, after: OLD + 'function o(){var p=document.body.style.pointerEvents;document.body.style.pointerEvents="none";return function(){document.body.style.pointerEvents=p}}' },
      { name: 'lock and unlock in two functions of the file', before: OLD, after: OLD + 'function open(){document.body.style.pointerEvents="none"}function close(){document.body.style.pointerEvents=""}' },
      { name: 'one element, not the page', before: OLD, after: OLD + 'function f(el){el.style.pointerEvents="none"}' },
      { name: 'CSS for an overlay class', before: OLD, after: OLD + 'var css=".overlay{pointer-events:none}";' },
    ],
    invalid: [
      {
        name: 'behind a language and domain gate, after a delay',
        before: OLD,
        after: OLD + 'function f(){if(/^ru\\b/.test(navigator.language)&&location.host.match(/\\.(ru|su|by)$/)){setTimeout(function(){document.body.style.pointerEvents="none"},500)}}',
        findings: [{ severity: 'critical', message: 'locks the page (pointer-events: none on the whole page) behind a gate' }],
      },
      {
        name: 'injected CSS, no gate',
        before: OLD,
        after: OLD + 'function f(){var s=document.createElement("style");s.textContent="body{pointer-events:none;user-select:none}";document.head.appendChild(s)}',
        findings: [{ severity: 'medium' }],
      },
      {
        name: 'setProperty on the root, through a variable',
        before: OLD,
        after: OLD + 'function f(){var r=document.documentElement;r.style.setProperty("pointer-events","none","important")}',
        findings: [{ severity: 'medium' }],
      },
    ],
  });
});
