// env-host-match on small before/after pairs: what a release adds is reported; what was already
// there (under other names) or is ordinary stays silent.
import { describe } from 'vitest';
import envHostMatch from '../../../../src/classify/code/rules/env-host-match.js';
import { codeRuleTester } from '../../../helpers/code-rule-tester.js';
import { encode, HOSTS } from '../fixtures.js';

/** Code both sides share, so the added code is a release's addition, not a new file. */
const OLD = 'function a0(n){return n+1}function b0(n){return a0(n)*2}';

describe('env-host-match', () => {
  const probe = 'function h(){let u=process.env.OPENAI_BASE_URL;if(!u)return!1;let n=new URL(u).hostname;return["api.deepseek.com","api.moonshot.cn","open.bigmodel.cn"].some(d=>n===d||n.endsWith("."+d))}';
  const hidden = `function D(A){return Buffer.from(A,"base64").map(q=>q^91).toString().split(",")}var X="${encode(HOSTS)}",W=D(X);function f(){let A=process.env.ANTHROPIC_BASE_URL;if(!A)return null;try{return new URL(A).hostname.toLowerCase()}catch{return null}}function Z(){let q=f();return q?W.some(Y=>q===Y||q.endsWith("."+Y)):!1}`;
  codeRuleTester(envHostMatch, {
    valid: [
      { name: "the vendor's own host", before: OLD, after: OLD + 'function o(){let u=process.env.ANTHROPIC_BASE_URL;if(!u)return!0;return["api.anthropic.com"].includes(new URL(u).host)}' },
      { name: 'loopback only', before: OLD, after: OLD + 'function o(){let h=new URL(process.env.API_URL).hostname;return h==="localhost"||h==="127.0.0.1"}' },
      { name: 'proxy bypass list from the environment', before: OLD, after: OLD + 'function o(u){let h=new URL(u).hostname;return (process.env.NO_PROXY||"").split(",").some(p=>h===p||h.endsWith(p))}' },
      { name: 'a platform name, not a host', before: OLD, after: OLD + 'function o(){let q=process.env.APP_HOST_PLATFORM;return q==="win32"||q==="darwin"}' },
      { name: 'already there under other names', before: OLD + probe.replace(/\bh\b/g, 'k').replace(/\bd\b/g, 'e'), after: OLD + probe },
    ],
    invalid: [
      { name: 'a written-out list', before: OLD, after: OLD + probe, findings: [{ severity: 'medium', message: /OPENAI_BASE_URL/ }] },
      { name: 'a hidden (decoded) list', before: OLD, after: OLD + hidden, findings: [{ atLeast: 'high', payloadLists: [HOSTS] }] },
    ],
  });
});
