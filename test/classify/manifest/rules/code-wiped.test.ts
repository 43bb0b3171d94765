import { describe } from 'vitest';
import codeWiped from '../../../../src/classify/manifest/rules/code-wiped.js';
import { ruleTester } from '../../../helpers/rule-tester.js';

const pkg = { name: 'demo', version: '1.0.0', main: 'index.js' };
const CODE = `module.exports = function pad(s, n) {\n${'  s = String(s);\n'.repeat(200)}  return s.padStart(n);\n};\n`;

describe('code-wiped', () => {
  ruleTester(codeWiped, {
    valid: [
      { name: 'an ordinary release', before: pkg, after: pkg, beforeFiles: { 'index.js': CODE }, afterFiles: { 'index.js': CODE.replace('padStart', 'padEnd') } },
      { name: 'code moved into a new dependency', before: pkg, after: { ...pkg, dependencies: { 'pad-core': '^1.0.0' } }, beforeFiles: { 'index.js': CODE }, afterFiles: { 'index.js': 'module.exports=require("pad-core")' } },
      {
        name: 'a stub for platform packages',
        before: pkg,
        after: { ...pkg, optionalDependencies: { 'demo-linux-x64': '1.0.0', 'demo-darwin-arm64': '1.0.0' } },
        beforeFiles: { 'index.js': CODE },
        afterFiles: { 'index.js': 'require("./install")' },
      },
      { name: 'a tiny package', before: pkg, after: pkg, beforeFiles: { 'index.js': 'module.exports=1;'.repeat(20) }, afterFiles: { 'index.js': '' } },
    ],
    invalid: [
      {
        name: 'every file emptied',
        before: pkg,
        after: pkg,
        beforeFiles: { 'index.js': CODE, 'lib/a.js': CODE },
        afterFiles: { 'index.js': '// endgame\n' },
        findings: [{ severity: 'high', category: 'sabotage', message: "the release removes nearly all of the package's code: 6,930 → 11 bytes of JavaScript (2 → 1 files)" }],
      },
    ],
  });
});
