import { describe, expect, it } from 'vitest';
import { classifyBaseline, classifyPair } from '../../src/classify/index.js';
import { buildLifecycles } from '../../src/classify/lifecycle.js';
import { normalizeManifestText } from '../../src/payload/manifest.js';

const v = (version: string, m: object) => ({ version, manifestText: normalizeManifestText(JSON.stringify({ name: 'demo', version, ...m })) });

describe('lifecycle', () => {
  it('follows a finding from the version that introduced it to the one that removed it', () => {
    const versions = [
      v('1.0.0', { dependencies: { a: '^1' } }),
      v('1.1.0', { dependencies: { a: '^1' }, scripts: { postinstall: 'node x.js' } }),
      v('1.2.0', { dependencies: { a: '^2' }, scripts: { postinstall: 'node x.js' } }),
      v('2.0.0', { dependencies: { a: '^2' } }),
    ];
    const pairs = versions.slice(1).map((to, i) => classifyPair(versions[i]!, to));
    // The postinstall is new in 1.1.0 only; it is not re-reported in 1.2.0.
    expect(pairs.map((p) => p.introduced.map((f) => f.ruleId))).toEqual([['install-script'], [], []]);
    const life = buildLifecycles(versions.map((x) => x.version), classifyBaseline(versions[0]!), pairs);
    // Most severe first: the high install script leads the low dependency that was always there.
    expect(life).toEqual([
      expect.objectContaining({ ruleId: 'install-script', severity: 'high', introducedIn: '1.1.0', removedIn: '2.0.0', presentIn: ['1.1.0', '1.2.0'] }),
      expect.objectContaining({ ruleId: 'dependency-added', severity: 'low', introducedIn: null, removedIn: null, presentIn: ['1.0.0', '1.1.0', '1.2.0', '2.0.0'] }),
    ]);
  });
});
