import { describe, expect, it } from 'vitest';
import { findOutOfOrder, normalizeRange, selectVersions } from '../../src/registry/select-versions.js';
import type { Packument } from '../../src/registry/client.js';

function packument(versions: Record<string, string>, extra: Partial<Packument> = {}): Packument {
  return {
    name: 'demo',
    'dist-tags': { latest: '1.2.0', next: '2.0.0-rc.1' },
    versions: Object.fromEntries(
      Object.keys(versions).map((v) => [v, { name: 'demo', version: v, dist: { tarball: `http://r/demo-${v}.tgz`, integrity: `sha512-${v}` } }]),
    ),
    time: { created: '2020-01-01T00:00:00.000Z', ...versions },
    ...extra,
  };
}

const P = packument({
  '1.0.0': '2020-01-01T00:00:00.000Z',
  '1.0.1': '2020-03-01T00:00:00.000Z', // published after 1.1.0
  '1.1.0': '2020-02-01T00:00:00.000Z',
  '1.2.0': '2020-04-01T00:00:00.000Z',
  '2.0.0-rc.1': '2020-05-01T00:00:00.000Z',
});

describe('normalizeRange', () => {
  it('turns A..B into an inclusive range and resolves dist-tags on either end', () => {
    expect(normalizeRange('1.0.0..1.1.0', {})).toBe('>=1.0.0 <=1.1.0');
    expect(normalizeRange('1.0.0..latest', { latest: '1.2.0' })).toBe('>=1.0.0 <=1.2.0');
    expect(normalizeRange('next', { next: '2.0.0-rc.1' })).toBe('2.0.0-rc.1');
  });
  it('rejects malformed ranges with ESTRATA_BAD_RANGE', () => {
    expect(() => normalizeRange('1.0.0..', {})).toThrow(expect.objectContaining({ code: 'ESTRATA_BAD_RANGE' }));
    expect(() => normalizeRange('>=banana', {})).toThrow(expect.objectContaining({ code: 'ESTRATA_BAD_RANGE' }));
    expect(() => normalizeRange('1..2..3', {})).toThrow(expect.objectContaining({ code: 'ESTRATA_BAD_RANGE' }));
  });
});

describe('selectVersions', () => {
  it('selects in semver order and marks versions published out of order', () => {
    const s = selectVersions(P, { range: '1.0.0..1.2.0' });
    expect(s.versions.map((v) => v.version)).toEqual(['1.0.0', '1.0.1', '1.1.0', '1.2.0']);
    expect([...s.outOfOrder]).toEqual(['1.0.1']);
    expect(s.versions[1]).toMatchObject({ publishedAt: '2020-03-01T00:00:00.000Z', integrity: 'sha512-1.0.1' });
  });
  it('orders by publish time with --order published', () => {
    const s = selectVersions(P, { range: '1.0.0..1.2.0', order: 'published' });
    expect(s.versions.map((v) => v.version)).toEqual(['1.0.0', '1.1.0', '1.0.1', '1.2.0']);
  });
  it('excludes prereleases unless asked, and --last keeps the newest', () => {
    expect(selectVersions(P, {}).versions.map((v) => v.version)).not.toContain('2.0.0-rc.1');
    expect(selectVersions(P, { includePrerelease: true, last: 2 }).versions.map((v) => v.version)).toEqual(['1.2.0', '2.0.0-rc.1']);
    expect(selectVersions(P, { range: '^1', last: 1 }).versions.map((v) => v.version)).toEqual(['1.2.0']);
  });
  it('says which versions exist nearby when nothing matches', () => {
    expect(() => selectVersions(P, { range: '1.3.0..1.4.0' })).toThrow(/no published version of demo matches "1.3.0..1.4.0"; nearby versions: .*1\.2\.0/);
    expect(() => selectVersions(P, { range: '1.3.0..1.4.0' })).toThrow(expect.objectContaining({ code: 'ESTRATA_NO_MATCH' }));
  });
  it('keeps deprecated versions and marks them', () => {
    const p = packument({ '1.0.0': '2020-01-01T00:00:00.000Z' });
    p.versions['1.0.0']!.deprecated = 'use 2.x';
    expect(selectVersions(p, {}).versions[0]).toMatchObject({ version: '1.0.0', deprecated: 'use 2.x' });
  });
  it('falls back to a sha1 integrity from the shasum of old packages', () => {
    const p = packument({ '0.1.0': '2012-01-01T00:00:00.000Z' });
    p.versions['0.1.0']!.dist = { tarball: 'http://r/x.tgz', shasum: 'da39a3ee5e6b4b0d3255bfef95601890afd80709' };
    expect(selectVersions(p, {}).versions[0]!.integrity).toBe('sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=');
  });
});

it('normalizes publish times written in other ISO forms', () => {
  const p = packument({ '1.0.0': '2026-04-03T02:28:29.141000+00:00', '1.0.1': '2026-04-03T03:00:00+01:00' });
  const s = selectVersions(p, {});
  expect(s.versions.map((v) => v.publishedAt)).toEqual(['2026-04-03T02:28:29.141Z', '2026-04-03T02:00:00.000Z']);
  expect([...s.outOfOrder]).toEqual(['1.0.0']);
});

describe('findOutOfOrder', () => {
  it('flags every version published after a higher one', () => {
    const mk = (version: string, publishedAt: string) => ({ version, publishedAt, integrity: null, shasum: null, tarball: null });
    const out = findOutOfOrder([mk('1.0.0', '2020-01'), mk('1.0.1', '2020-09'), mk('1.1.0', '2020-02'), mk('1.2.0', '2020-10')]);
    expect([...out]).toEqual(['1.0.1']);
  });
});
