// The package-rule engine: a rule that throws becomes a coverage note in an audit, an error in tests.
import { describe, expect, it } from 'vitest';
import { classifyPair, defineRule } from '../../../src/classify/index.js';
import installScript from '../../../src/classify/manifest/rules/install-script.js';
import { normalizeManifestText } from '../../../src/payload/manifest.js';

const broken = defineRule({
  meta: { id: 'broken', category: 'dependency-change', severity: 'low', description: 'throws', scope: 'manifest', messages: [] },
  match() {
    throw new Error('boom');
  },
});

const facts = (version: string, manifest: object) => ({ version, manifestText: normalizeManifestText(JSON.stringify(manifest)) });
const before = facts('1.0.0', { name: 'x', version: '1.0.0' });
const after = facts('1.1.0', { name: 'x', version: '1.1.0', scripts: { postinstall: 'node a.js' } });

describe('package rules engine', () => {
  it('notes a rule that throws and runs the others', () => {
    const result = classifyPair(before, after, [broken, installScript]);
    expect(result.introduced.map((f) => f.ruleId)).toEqual(['install-script']);
    expect(result.coverage).toEqual([{ version: '1.1.0', unit: 'package.json', kind: 'rule-error', rule: 'broken', detail: 'boom' }]);
  });

  it('throws in strict mode (tests)', () => {
    expect(() => classifyPair(before, after, [broken, installScript], { strict: true })).toThrow('boom');
  });
});
