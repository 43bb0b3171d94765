// locale-gate: the language compared with a few languages, ranked by what the comparison decides.
import { describe } from 'vitest';
import localeGate from '../../../../src/classify/code/rules/locale-gate.js';
import { codeRuleTester } from '../../../helpers/code-rule-tester.js';

const OLD = 'function a0(n){return n+1}function b0(n){return a0(n)*2}';

describe('locale-gate (what the gate decides)', () => {
  codeRuleTester(localeGate, {
    valid: [
      { name: 'a bare language that picks a translation', before: OLD, after: OLD + 'function l(){return navigator.language==="ru"?"Привет":"Hello"}' },
      { name: 'a translation table of many languages decides a fetch', before: OLD, after: OLD + 'function l(){var s=["de","fr","ru","zh","ja"];if(s.includes(navigator.language)){fetch("/i18n/"+navigator.language+".json")}}' },
      { name: 'English decides a message', before: OLD, after: OLD + 'function l(){if(navigator.language.startsWith("en")){console.log("Welcome")}}' },
      {
        name: 'the same gate, already there under other names',
        before: OLD + 'function p(){if(/^ru\\b/.test(navigator.language)){alert("x")}}',
        after: OLD + 'function q(){if(/^ru\\b/.test(navigator.language)){alert("x")}}',
      },
    ],
    invalid: [
      {
        name: 'Intl locale prefix decides a dialog',
        before: OLD,
        after: OLD + 'function p(){if(Intl.DateTimeFormat().resolvedOptions().locale.startsWith("ru")){alert("Stop the war")}}',
        findings: [{ severity: 'high', message: /"ru".*shows a dialog/ }],
      },
      {
        name: 'navigator.language equality decides a request and a message',
        before: OLD,
        after: OLD + 'function p(){if(navigator.language==="ru"){console.log("x");fetch("https://x.example/p",{method:"POST",body:"1"})}}',
        findings: [{ severity: 'high', message: /prints a message, sends a request/ }],
      },
      {
        name: 'a language regex decides a page change, through a variable',
        before: OLD,
        after: OLD + 'function p(){var ru=/^(ru|be)\\b/i.test(navigator.language);if(ru){document.body.innerHTML=""}}',
        findings: [{ severity: 'high', message: /"be", "ru"/ }],
      },
      {
        name: 'a printed message only',
        before: OLD,
        after: OLD + 'function p(){if((process.env.LANG||"").startsWith("ru")){console.log("Нет войне")}}',
        findings: [{ severity: 'medium' }],
      },
      {
        name: 'an early return: the rest of the function is what the gate decides',
        before: OLD,
        after: OLD + 'function p(){if(navigator.language!=="ru")return;localStorage.setItem("k","1");window.open("https://example.org")}',
        findings: [{ severity: 'high', message: /navigates away, stores state/ }],
      },
    ],
  });
});

describe('locale-gate', () => {
  codeRuleTester(localeGate, {
    valid: [
      { name: 'bare language codes (localisation)', before: OLD, after: OLD + 'function l(){return navigator.language==="en"?"Hello":"Hallo"}' },
      { name: 'locale shown', before: OLD, after: OLD + 'function l(){return Intl.DateTimeFormat().resolvedOptions().locale}' },
    ],
    invalid: [
      { before: OLD, after: OLD + 'function l(){var q=Intl.DateTimeFormat().resolvedOptions().locale;return q==="zh-CN"||q==="zh-TW"}', findings: [{ severity: 'low', message: /zh-CN/ }] },
      { name: 'LANG from the environment', before: OLD, after: OLD + 'function l(){return (process.env.LANG||"").startsWith("ru_RU")}', findings: [{ severity: 'low' }] },
    ],
  });
});
