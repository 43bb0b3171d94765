// host-fingerprint on small before/after pairs: what a release adds is reported; what was already
// there (under other names) or is ordinary stays silent.
import { describe } from 'vitest';
import hostFingerprint from '../../../../src/classify/code/rules/host-fingerprint.js';
import { codeRuleTester } from '../../../helpers/code-rule-tester.js';

/** Code both sides share, so the added code is a release's addition, not a new file. */
const OLD = 'function a0(n){return n+1}function b0(n){return a0(n)*2}';

describe('host-fingerprint', () => {
  codeRuleTester(hostFingerprint, {
    valid: [
      { name: 'the host name in a message', before: OLD, after: OLD + 'const os=require("os");function f(){console.log("running on "+os.hostname())}' },
      { name: 'platform only', before: OLD, after: OLD + 'function f(){return {p:process.platform,a:process.arch}}' },
    ],
    invalid: [
      {
        name: 'hashed',
        before: OLD,
        after: OLD + 'const os=require("os");function f(){return require("crypto").createHash("sha256").update(os.hostname()+os.userInfo().username+JSON.stringify(os.networkInterfaces().eth0?.[0]?.mac)).digest("hex")}',
        findings: [{ severity: 'high', message: /hashed/ }],
      },
      { name: 'combined', before: OLD, after: OLD + 'const os=require("os");function f(){return {host:os.hostname(),user:os.userInfo().username,cpus:os.cpus().length}}', findings: [{ severity: 'medium' }] },
      { name: 'machine id', before: OLD, after: OLD + 'function f(){return require("child_process").execSync("ioreg -rd1 -c IOPlatformExpertDevice").toString().match(/IOPlatformUUID/)}', findings: [{ severity: 'medium' }] },
    ],
  });
});
