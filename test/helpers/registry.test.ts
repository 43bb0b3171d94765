import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pacote from 'pacote';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePackages, fixtureTarball, fixtureVersions, startRegistry, type TestRegistry } from './registry.js';
import { packFolder, packTarball, readTarball } from './tarball.js';

const DEMO_VERSIONS = ['1.0.0', '1.0.1', '1.1.0', '1.2.0', '2.0.0-beta.1', '2.0.0'];
const TOKEN = 'npm_strata_test_token';

const tmpDirs: string[] = [];
function tmp(label: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `strata-registry-${label}-`));
  tmpDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tmpDirs) rmSync(dir, { recursive: true, force: true });
});

function sha512(data: Buffer): string {
  return `sha512-${createHash('sha512').update(data).digest('base64')}`;
}

async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string; statusCode?: number }> {
  try {
    await promise;
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}

describe('packTarball', () => {
  it('writes hostile, long and linked entries exactly as given', async () => {
    const longName = `package/${'deep/'.repeat(30)}file.js`;
    const tgz = packTarball(
      [
        { path: 'package/package.json', data: '{"name":"evil","version":"1.0.0"}' },
        { path: 'package/../../evil.js', data: 'evil()' },
        { path: '/etc/absolute.js', data: 'abs()' },
        { path: longName, data: 'long()' },
        { path: 'package/ünïcødé.js', data: 'u()' },
        { path: 'package/link', type: 'symlink', linkpath: '../../../etc/passwd' },
        { path: 'package/dir/', type: 'directory' },
        { path: 'package/bin.sh', data: Buffer.from([0, 1, 2, 255]), mode: 0o755 },
      ],
      { prefix: '' },
    );
    expect(tgz.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const entries = await readTarball(tgz);
    expect(entries.map((e) => e.path)).toEqual([
      'package/package.json',
      'package/../../evil.js',
      '/etc/absolute.js',
      longName,
      'package/ünïcødé.js',
      'package/link',
      'package/dir/',
      'package/bin.sh',
    ]);
    expect(entries[1]?.data.toString()).toBe('evil()');
    expect(entries[5]).toMatchObject({ type: 'SymbolicLink', linkpath: '../../../etc/passwd' });
    expect(entries[6]?.type).toBe('Directory');
    expect(entries[7]).toMatchObject({ mode: 0o755, data: Buffer.from([0, 1, 2, 255]) });
  });

  it('prefixes paths with package/ by default, unless an entry is verbatim', async () => {
    const entries = await readTarball(
      packTarball([
        { path: 'index.js', data: '1' },
        { path: '../escape.js', data: '2' },
        { path: 'other/x.js', data: '3', verbatim: true },
      ]),
    );
    expect(entries.map((e) => e.path)).toEqual(['package/index.js', 'package/../escape.js', 'other/x.js']);
  });

  it('packs fixture folders deterministically under package/', async () => {
    const dir = path.join(path.dirname(new URL(import.meta.url).pathname), '../fixtures/packages/demo-pkg/1.2.0');
    const a = packFolder(dir);
    expect(packFolder(dir).equals(a)).toBe(true);
    const entries = await readTarball(a);
    expect(entries.map((e) => e.path)).toEqual([
      'package/LICENSE',
      'package/README.md',
      'package/assets/logo.png',
      'package/bin/demo.js',
      'package/dist/bundle.min.js',
      'package/index.js',
      'package/package.json',
      'package/scripts/setup.js',
    ]);
    const logo = entries.find((e) => e.path === 'package/assets/logo.png');
    expect(logo?.data.equals(readFileSync(path.join(dir, 'assets/logo.png')))).toBe(true);
  });
});

describe('fixtures', () => {
  it('lists the fixture packages and versions', () => {
    expect(fixturePackages()).toEqual(['@fixture/scoped', 'demo-pkg', 'geo-demo', 'tracker-demo']);
    expect(fixtureVersions('demo-pkg')).toEqual(DEMO_VERSIONS);
    expect(fixtureVersions('@fixture/scoped')).toEqual(['0.1.0', '0.2.0']);
  });
});

describe('loopback registry through pacote', () => {
  let registry: TestRegistry;
  let opts: Record<string, unknown>;

  beforeAll(async () => {
    registry = await startRegistry({ token: TOKEN, faults: { deprecated: { 'demo-pkg@1.0.0': 'use 1.0.1 or later' } } });
    opts = registry.pacoteOptions(tmp('cache'));
  });
  afterAll(async () => {
    await registry.close();
  });

  it('writes an .npmrc with the registry and its token', () => {
    const dir = tmp('npmrc');
    const file = registry.npmrc(dir);
    expect(file).toBe(path.join(dir, '.npmrc'));
    expect(registry.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(readFileSync(file, 'utf8')).toBe(`registry=${registry.url}\n//127.0.0.1:${registry.port}/:_authToken=${TOKEN}\n`);
  });

  it('serves the full packument with publish times, dist-tags and dists', async () => {
    const doc = (await pacote.packument('demo-pkg', {
      registry: registry.url,
      [`//127.0.0.1:${registry.port}/:_authToken`]: TOKEN,
      fullMetadata: true,
      cache: tmp('cache'),
    })) as unknown as { time: Record<string, string>; 'dist-tags': Record<string, string>; versions: Record<string, any> };
    expect(Object.keys(doc.versions).sort()).toEqual([...DEMO_VERSIONS].sort());
    for (const v of DEMO_VERSIONS) expect(Date.parse(doc.time[v] ?? '')).toBeGreaterThan(0);
    expect(doc.time.created).toBe(doc.time['1.0.0']);
    expect(doc.time.modified).toBe(doc.time['2.0.0']);
    // 1.0.1 was published after 1.1.0: publish order is not semver order.
    expect(Date.parse(doc.time['1.0.1']!)).toBeGreaterThan(Date.parse(doc.time['1.1.0']!));
    expect(Date.parse(doc.time['1.0.1']!)).toBeLessThan(Date.parse(doc.time['1.2.0']!));
    expect(doc['dist-tags']).toEqual({ latest: '2.0.0', next: '2.0.0-beta.1' });
    const v110 = doc.versions['1.1.0'];
    expect(v110).toMatchObject({
      _id: 'demo-pkg@1.1.0',
      name: 'demo-pkg',
      version: '1.1.0',
      scripts: { postinstall: 'node scripts/setup.js' },
      dependencies: { 'left-pad': 'git+https://example.invalid/left-pad.git', ms: '^2.1.3' },
      _npmUser: { name: 'fixture-publisher' },
      dist: {
        tarball: `${registry.url}demo-pkg/-/demo-pkg-1.1.0.tgz`,
        integrity: sha512(fixtureTarball('demo-pkg', '1.1.0')),
        shasum: createHash('sha1').update(fixtureTarball('demo-pkg', '1.1.0')).digest('hex'),
      },
    });
    expect(doc.versions['1.2.0'].bin).toEqual({ 'demo-pkg': 'bin/demo.js' });
    expect(doc.versions['2.0.0'].scripts.postinstall).toBeUndefined();
    expect(doc.versions['1.0.0'].deprecated).toBe('use 1.0.1 or later');
    expect(doc.versions['1.0.1'].deprecated).toBeUndefined();
    const req = registry.requests.find((r) => r.url === '/demo-pkg');
    expect(req).toMatchObject({ method: 'GET', authorization: `Bearer ${TOKEN}`, accept: 'application/json', status: 200 });
  });

  it('serves real tarballs that pacote verifies against dist.integrity', async () => {
    const before = registry.requests.length;
    const buf = (await pacote.tarball('demo-pkg@1.1.0', opts)) as Buffer & { integrity?: string; resolved?: string };
    const expected = registry.packument('demo-pkg')!.versions['1.1.0']!.dist.integrity;
    expect(buf.integrity).toBe(expected);
    expect(sha512(buf)).toBe(expected);
    expect(buf.resolved).toBe(`${registry.url}demo-pkg/-/demo-pkg-1.1.0.tgz`);
    const seen = registry.requests.slice(before);
    expect(seen.map((r) => r.url)).toEqual(['/demo-pkg', '/demo-pkg/-/demo-pkg-1.1.0.tgz']);
    expect(seen.every((r) => r.authorization === `Bearer ${TOKEN}` && r.status === 200)).toBe(true);

    const entries = await readTarball(buf);
    const pkg = JSON.parse(entries.find((e) => e.path === 'package/package.json')!.data.toString('utf8'));
    expect(pkg.scripts.postinstall).toBe('node scripts/setup.js');
    expect(entries.map((e) => e.path)).toContain('package/scripts/setup.js');
    const bundle = entries.find((e) => e.path === 'package/dist/bundle.min.js')!.data.toString('utf8');
    expect(bundle).toContain('Intl.DateTimeFormat().resolvedOptions().timeZone');
    expect(bundle).toContain('"Asia/Shanghai"');
  });

  it('answers 401 without the token, and pacote throws E401', async () => {
    const err = await rejection(pacote.packument('demo-pkg', { registry: registry.url, fullMetadata: true, cache: tmp('cache') }));
    expect(err.code).toBe('E401');
    const wrong = await rejection(
      pacote.tarball('demo-pkg@1.0.0', { registry: registry.url, [registry.authKey]: 'not-the-token', cache: tmp('cache') }),
    );
    expect(wrong.code).toBe('E401');
    const res = await fetch(`${registry.url}demo-pkg`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'Authentication required' });
  });

  it('serves scoped packages at /@scope%2fname and /@scope/name', async () => {
    const before = registry.requests.length;
    const mani = await pacote.manifest('@fixture/scoped@latest', opts);
    expect(mani).toMatchObject({ name: '@fixture/scoped', version: '0.2.0' });
    const buf = await pacote.tarball('@fixture/scoped@0.1.0', opts);
    const entries = await readTarball(buf);
    expect(entries.map((e) => e.path).sort()).toEqual(['package/index.js', 'package/package.json']);
    const urls = registry.requests.slice(before).map((r) => r.url);
    expect(urls).toContain('/@fixture%2fscoped');
    expect(urls).toContain('/@fixture/scoped/-/scoped-0.1.0.tgz');

    const headers = { authorization: `Bearer ${TOKEN}` };
    const plain = await fetch(`${registry.url}@fixture/scoped`, { headers });
    const escaped = await fetch(`${registry.url}@fixture%2Fscoped`, { headers: { ...headers, accept: 'application/json' } });
    const corgi = await fetch(`${registry.url}@fixture%2Fscoped`, { headers: { ...headers, accept: 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*' } });
    expect(plain.status).toBe(200);
    expect(escaped.status).toBe(200);
    const a = (await plain.json()) as { time: Record<string, string> };
    expect(await escaped.json()).toEqual(a);
    expect(Object.keys(a.time)).toEqual(['created', 'modified', '0.1.0', '0.2.0']);
    // The abbreviated document, like the real registry's, has no publish times.
    const abbreviated = (await corgi.json()) as { time?: unknown; versions: Record<string, unknown> };
    expect(abbreviated.time).toBeUndefined();
    expect(Object.keys(abbreviated.versions)).toEqual(['0.1.0', '0.2.0']);
  });

  it('answers 404 with a JSON error for unknown packages', async () => {
    const res = await fetch(`${registry.url}no-such-package`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'Not found' });
    const err = await rejection(pacote.packument('no-such-package', opts));
    expect(err.code).toBe('E404');
  });
});

describe('registry faults and crafted tarballs', () => {
  it('makes pacote fail with EINTEGRITY for a wrong dist.integrity', async () => {
    const registry = await startRegistry({ packages: ['demo-pkg'], faults: { wrongIntegrity: ['demo-pkg@1.2.0'] } });
    try {
      const opts = registry.pacoteOptions(tmp('cache'));
      const err = await rejection(pacote.tarball('demo-pkg@1.2.0', opts));
      expect(err.code).toBe('EINTEGRITY');
      // The other versions are intact.
      const ok = await pacote.tarball('demo-pkg@1.0.0', opts);
      expect(ok.equals(fixtureTarball('demo-pkg', '1.0.0'))).toBe(true);
      // Only the listed fixture packages are served.
      expect((await fetch(`${registry.url}@fixture%2fscoped`)).status).toBe(404);
    } finally {
      await registry.close();
    }
  });

  it('answers 503 to the first requests, which pacote retries', async () => {
    const registry = await startRegistry({ packages: ['@fixture/scoped'], faults: { failFirst: 2 } });
    try {
      const mani = await pacote.manifest('@fixture/scoped@0.1.0', registry.pacoteOptions(tmp('cache')));
      expect(mani.version).toBe('0.1.0');
      expect(registry.requests.map((r) => r.status)).toEqual([503, 503, 200]);
    } finally {
      await registry.close();
    }
  });

  it('serves a hostile tarball from `extra` byte-for-byte', async () => {
    const evil = packTarball(
      [
        { path: 'package/package.json', data: JSON.stringify({ name: 'evil-pkg', version: '1.0.0' }) },
        { path: 'package/../../evil.js', data: 'require("child_process").exec("id")' },
        { path: '/etc/absolute.js', data: 'x' },
        { path: 'package/link', type: 'symlink', linkpath: '/etc/passwd' },
      ],
      { prefix: '' },
    );
    const registry = await startRegistry({
      packages: [],
      token: TOKEN,
      extra: [
        { name: 'evil-pkg', version: '1.0.0', tarball: evil, manifest: { description: 'crafted' }, publishedAt: '2025-06-30T12:00:00.000Z' },
        { name: 'demo-pkg', version: '9.9.9', tarball: evil },
      ],
    });
    try {
      const opts = registry.pacoteOptions(tmp('cache'));
      const buf = await pacote.tarball('evil-pkg@1.0.0', opts);
      expect(buf.equals(evil)).toBe(true);
      const doc = (await pacote.packument('evil-pkg', opts)) as unknown as { time: Record<string, string>; versions: Record<string, any> };
      expect(doc.time['1.0.0']).toBe('2025-06-30T12:00:00.000Z');
      expect(doc.versions['1.0.0']).toMatchObject({ description: 'crafted', dist: { integrity: sha512(evil) } });
      expect((await readTarball(buf)).map((e) => e.path)).toContain('package/../../evil.js');
      // `packages: []` serves no fixture versions, only the extra one.
      expect(Object.keys(registry.packument('demo-pkg')!.versions)).toEqual(['9.9.9']);
    } finally {
      await registry.close();
    }
  });
});
