import { describe, expect, it } from 'vitest';
import { gapBetween, packagingOf } from '../../src/pipeline/build-report.js';

describe('gaps between successive versions', () => {
  const published = new Set(['1.0.0', '1.0.1', '1.0.4', '1.0.5', '1.0.6', '1.0.7']);
  it('names patch versions the registry does not list', () => {
    expect(gapBetween('1.0.1', '1.0.4', published)).toBe('2 versions between 1.0.1 and 1.0.4 are not in the registry');
    expect(gapBetween('1.0.4', '1.0.5', published)).toBeNull();
  });
  it('is not fooled by versions the range left out, nor by minor or major steps', () => {
    expect(gapBetween('1.0.4', '1.0.7', published)).toBeNull();
    expect(gapBetween('1.0.7', '1.1.0', published)).toBeNull();
    expect(gapBetween('1.0.0', '1.0.2-beta.1', published)).toBeNull();
  });
});

describe('packaging of a version', () => {
  it('tells package code, embedded code and code splitting apart', () => {
    const js = (path: string, embedded = false) => ({ path, size: 1, sha256: 'x', kind: 'js' as const, ...(embedded ? { embedded: { binary: 'b', offset: 0, module: path } } : {}) });
    expect(packagingOf([js('cli.js')], undefined)).toEqual({ code: 'package', jsFiles: 1, codeSplit: false });
    const chunks = Array.from({ length: 25 }, (_, i) => js(`linux-x64:/$bunfs/root/chunk-${String(i).padStart(2, '0')}ab3xyz.js`, true));
    const native = { platform: 'linux-x64', package: { name: 'p', version: '1', integrity: null, tarball: null }, binaries: [{ path: 'b', size: 1, sha256: 'y', format: 'bun' }] };
    expect(packagingOf(chunks, native)).toEqual({ code: 'platform-package', format: 'bun', jsFiles: 25, codeSplit: true });
    expect(packagingOf([], undefined).code).toBe('none');
  });
});
