import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildPayload } from '../../src/payload/build-payload.js';
import { DEFAULT_LIMITS } from '../../src/payload/limits.js';
import { readTarball } from '../../src/payload/read-tarball.js';
import { packTarball } from '../helpers/tarball.js';

const limits = { ...DEFAULT_LIMITS, maxFileBytes: 1024, maxTotalBytes: 64 * 1024, maxEntries: 50 };
const pkg = { path: 'package.json', data: '{"name":"x","version":"1.0.0"}' };

describe('readTarball on hostile input', () => {
  it('refuses entries that climb out of the package', async () => {
    for (const evil of [{ path: '../../evil.js', data: 'x' }, { path: '/etc/absolute.js', data: 'x', verbatim: true }, { path: 'package/a/../../../b.js', data: 'x', verbatim: true }]) {
      const tgz = packTarball([pkg, evil]);
      await expect(readTarball(tgz, 'x@1.0.0', limits)).rejects.toMatchObject({ code: 'ESTRATA_UNSAFE_TARBALL', message: expect.stringContaining('points outside the package') });
    }
  });

  it('lists a file over the size limit with its hash and skips it visibly', async () => {
    const big = 'a'.repeat(4096);
    const files = await readTarball(packTarball([pkg, { path: 'big.js', data: big }]), 'x', limits);
    const payload = buildPayload(files, limits);
    expect(payload.files.find((f) => f.path === 'big.js')).toMatchObject({ size: 4096, kind: 'js', skipped: 'too large (4096 bytes > 1024)' });
    expect(payload.text.has('big.js')).toBe(false);
  });

  it('refuses a package that unpacks to more than the total limit (a gzip bomb)', async () => {
    const entries = Array.from({ length: 10 }, (_, i) => ({ path: `f${i}.js`, data: 'x'.repeat(10_000) }));
    await expect(readTarball(packTarball([pkg, ...entries]), 'x', limits)).rejects.toMatchObject({ code: 'ESTRATA_TOO_LARGE' });
  });

  it('refuses a gzip stream that inflates more than tar allows', async () => {
    const bomb = packTarball([pkg, { path: 'zeros.js', data: Buffer.alloc(8 * 1024 * 1024) }]);
    await expect(readTarball(bomb, 'x', { ...DEFAULT_LIMITS })).rejects.toMatchObject({ code: 'ESTRATA_TOO_LARGE', message: expect.stringContaining('inflates suspiciously') });
  });

  it('refuses absurd entry counts', async () => {
    const entries = Array.from({ length: 60 }, (_, i) => ({ path: `f${i}.js`, data: '' }));
    await expect(readTarball(packTarball([pkg, ...entries]), 'x', limits)).rejects.toMatchObject({ code: 'ESTRATA_TOO_LARGE' });
  });

  it('lists links without following them, and binary files without analysing them', async () => {
    const files = await readTarball(
      packTarball([pkg, { path: 'link.js', type: 'symlink', linkpath: '/etc/passwd' }, { path: 'bin.js', data: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1]) }]),
      'x',
      limits,
    );
    const payload = buildPayload(files, limits);
    expect(payload.files.find((f) => f.path === 'link.js')!.skipped).toMatch(/^not a regular file \(SymbolicLink → \/etc\/passwd\)$/);
    expect(payload.files.find((f) => f.path === 'bin.js')!.skipped).toBe('binary content');
    expect([...payload.text.keys()]).toEqual(['package.json']);
  });

  it('says a truncated or non-tar file is not readable', async () => {
    const good = packTarball([pkg, { path: 'a.js', data: 'let a = 1;'.repeat(200) }]);
    await expect(readTarball(good.subarray(0, good.length / 2), 'x', limits)).rejects.toMatchObject({ code: 'ESTRATA_BAD_INPUT' });
    await expect(readTarball(gzipSync(Buffer.from('hello, not a tarball')), 'x', limits)).rejects.toMatchObject({ code: 'ESTRATA_BAD_INPUT' });
  });
});
