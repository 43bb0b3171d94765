import { describe } from 'vitest';
import domainGate from '../../../../src/classify/code/rules/domain-gate.js';
import { codeRuleTester } from '../../../helpers/code-rule-tester.js';

const OLD = 'function a0(n){return n+1}function b0(n){return a0(n)*2}';

describe('domain-gate', () => {
  codeRuleTester(domainGate, {
    valid: [
      { name: 'a whole host compared (configuration)', before: OLD, after: OLD + 'function f(){return location.hostname==="localhost"?"http://localhost:3000":"https://api.example.com"}' },
      { name: 'generic country codes (.io, .ai)', before: OLD, after: OLD + 'function f(){if(location.hostname.endsWith(".io")||location.hostname.endsWith(".ai")){document.title="x"}}' },
      { name: 'a file extension in the page URL', before: OLD, after: OLD + 'function f(){if(location.href.endsWith(".md")){document.title="Docs"}}' },
      { name: 'a ccTLD regex on a value that is not a host', before: OLD, after: OLD + 'function f(x){return /\\.(ru|by)$/.test(x.name)}' },
    ],
    invalid: [
      {
        name: 'page host matched by a regex, deciding a page lock',
        before: OLD,
        after: OLD + 'function f(){if(location.host.match(/\\.(ru|su|by|xn--p1ai)$/)){document.body.style.pointerEvents="none"}}',
        findings: [{ severity: 'high', message: 'host checked for country domains .by, .ru, .su, .xn--p1ai (.рф); the code it gates changes the page' }],
      },
      {
        name: 'a suffix that only picks a mirror',
        before: OLD,
        after: OLD + 'function f(){return window.location.hostname.endsWith(".cn")?"https://cdn.example.cn":"https://cdn.example.com"}',
        findings: [{ severity: 'medium', message: 'host checked for country domains .cn' }],
      },
      {
        name: 'the host of a configured URL',
        before: OLD,
        after: OLD + 'function f(){var h=new URL(process.env.API_URL).hostname;if(h.endsWith(".ir")){process.exit(1)}}',
        findings: [{ severity: 'high', message: /\.ir.*ends the process/ }],
      },
    ],
  });
});
