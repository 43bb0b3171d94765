import { describe, expect, it } from 'vitest';
import { packagePath } from '../../src/payload/package-path.js';
import { normalizeManifestText } from '../../src/payload/manifest.js';

describe('packagePath', () => {
  it('drops the archive root and normalizes', () => {
    expect(packagePath('package/lib/./a.js', true)).toBe('lib/a.js');
    expect(packagePath('node-v1/index.js', true)).toBe('index.js');
    expect(packagePath('package/', true)).toBe('');
  });
  it('refuses paths that leave the package', () => {
    for (const p of ['package/../../evil.js', '/etc/passwd', '../x', 'package/a/../../../b', 'C:/win.js', 'package\\..\\..\\x']) {
      expect(packagePath(p, true)).toBeNull();
    }
  });
});

describe('normalizeManifestText', () => {
  it('sorts keys, drops publish noise and leaves invalid JSON as it is', () => {
    const text = normalizeManifestText('{"version":"1.0.0","name":"x","_id":"x@1.0.0","gitHead":"abc","scripts":{"b":"2","a":"1"}}');
    expect(text).toBe('{\n  "name": "x",\n  "scripts": {\n    "a": "1",\n    "b": "2"\n  },\n  "version": "1.0.0"\n}\n');
    expect(normalizeManifestText('{oops')).toBe('{oops');
  });
});
