// credential-read on small before/after pairs: what a release adds is reported; what was already
// there (under other names) or is ordinary stays silent.
import { describe } from 'vitest';
import credentialRead from '../../../../src/classify/code/rules/credential-read.js';
import { codeRuleTester } from '../../../helpers/code-rule-tester.js';

/** Code both sides share, so the added code is a release's addition, not a new file. */
const OLD = 'function a0(n){return n+1}function b0(n){return a0(n)*2}';

describe('credential-read', () => {
  codeRuleTester(credentialRead, {
    valid: [
      { name: 'a project file', before: OLD, after: OLD + 'function r(){return require("fs").readFileSync("package.json","utf8")}' },
      { name: 'one token from the environment', before: OLD, after: OLD + 'function r(){return process.env.NPM_TOKEN}' },
    ],
    invalid: [
      { name: 'SSH key', before: OLD, after: OLD + 'const fs=require("fs"),os=require("os"),path=require("path");function r(){return fs.readFileSync(path.join(os.homedir(),".ssh","id_rsa"),"utf8")}', findings: [{ severity: 'medium', message: /SSH/ }] },
      { name: 'environment searched for secrets', before: OLD, after: OLD + 'function r(){return Object.keys(process.env).filter(k=>/token|secret|password/i.test(k))}', findings: [{ severity: 'medium' }] },
    ],
  });
});
