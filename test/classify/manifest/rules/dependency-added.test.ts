// dependency-added: dependencies installed for consumers, ranked by where they come from.
import { describe, expect, it } from 'vitest';
import dependencyAdded from '../../../../src/classify/manifest/rules/dependency-added.js';
import { runRule, ruleTester } from '../../../helpers/rule-tester.js';

const base = { name: 'demo', version: '1.0.0' };

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
  it('says what it found as data, and marks the entry in its evidence', () => {
    const [f] = runRule(dependencyAdded, { before: { ...base, dependencies: { x: '^1.0.0' } }, after: { ...base, dependencies: { x: 'https://example.invalid/x.tgz' } } }).introduced;
    expect(f).toMatchObject({ messageId: 'dependency-added/added', values: { field: 'dependencies', name: 'x', source: 'url' } });
    expect(f!.spans!.map((s) => f!.evidence.slice(s.start, s.end))).toEqual(['"x": "https://example.invalid/x.tgz"']);
  });
});
