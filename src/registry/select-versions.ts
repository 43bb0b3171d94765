// From a packument and what the user asked for, the ordered list of versions to analyse.
import semver from 'semver';
import { StrataError } from '../errors.js';
import type { VersionInfo } from '../types.js';
import type { Packument, PackumentVersion } from './client.js';

export interface VersionQuery {
  /** A semver range, `A..B` (inclusive; either end may be a dist-tag), a dist-tag, or undefined for all. */
  range?: string;
  last?: number;
  includePrerelease?: boolean;
  order?: 'semver' | 'published';
}

export interface SelectedVersions {
  /** The range as a semver range string, for the report. */
  range: string;
  versions: VersionInfo[];
  /** Versions published after a higher semver version in the selection. */
  outOfOrder: Set<string>;
  /** Selected versions whose packument entry cannot be used (null, no dist), with the reason. */
  unusable: Map<string, string>;
}

/** Turns `A..B` into `>=A <=B`, resolving dist-tags on either end. */
export function normalizeRange(input: string, distTags: Record<string, string>): string {
  const raw = input.trim();
  const tag = (s: string) => distTags[s] ?? s;
  if (raw.includes('..')) {
    const parts = raw.split('..');
    const lo = tag((parts[0] ?? '').trim());
    const hi = tag((parts[1] ?? '').trim());
    if (parts.length !== 2 || !semver.valid(lo) || !semver.valid(hi)) {
      throw new StrataError('ESTRATA_BAD_RANGE', `malformed range "${input}": A..B needs two versions or dist-tags, like 7.5.0..7.6.0`);
    }
    return `>=${lo} <=${hi}`;
  }
  if (distTags[raw]) return distTags[raw];
  const valid = semver.validRange(raw, { loose: false });
  if (valid === null) {
    throw new StrataError('ESTRATA_BAD_RANGE', `malformed range "${input}": expected a semver range (">=1.2 <2"), A..B or a dist-tag`);
  }
  return raw;
}

/** Why a packument entry cannot be analysed (registries and mirrors publish `null`, or no `dist`), or null when it can. */
export function unusableEntry(v: unknown): string | null {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return `the registry lists it with no manifest (${v === null ? 'null' : typeof v})`;
  const dist = (v as { dist?: unknown }).dist;
  if (!dist || typeof dist !== 'object') return 'the registry lists it with no dist (no tarball, no integrity)';
  return null;
}

/** `key`: the version as the packument's `versions` map names it (what was selected). */
export function toVersionInfo(p: Packument, v: PackumentVersion, key = v.version): VersionInfo {
  const info: VersionInfo = {
    version: key,
    publishedAt: isoTime(p.time?.[key]),
    integrity: v.dist?.integrity ?? (v.dist?.shasum ? sha1Integrity(v.dist.shasum) : null),
    shasum: v.dist?.shasum ?? null,
    tarball: v.dist?.tarball ?? null,
  };
  if (v._npmUser?.name) info.publisher = v._npmUser.name;
  if (typeof v.deprecated === 'string' && v.deprecated) info.deprecated = v.deprecated;
  if (v.dist?.attestations?.url) {
    info.provenance = { url: v.dist.attestations.url, predicateType: v.dist.attestations.provenance?.predicateType };
  }
  return info;
}

/** Registries and mirrors write times in different ISO forms; one form keeps them comparable. */
function isoTime(value: string | undefined): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function sha1Integrity(hex: string): string | null {
  if (!/^[0-9a-f]{40}$/i.test(hex)) return null;
  return `sha1-${Buffer.from(hex, 'hex').toString('base64')}`;
}

/** Names a few published versions around where the range would have matched. */
function nearby(all: string[], range: string): string {
  const floor = semver.minVersion(range);
  if (!floor || all.length === 0) return all.slice(-3).join(', ');
  const idx = all.findIndex((v) => semver.gte(v, floor));
  const at = idx === -1 ? all.length : idx;
  return all.slice(Math.max(0, at - 3), at + 3).join(', ');
}

export function selectVersions(packument: Packument, query: VersionQuery): SelectedVersions {
  const distTags = packument['dist-tags'] ?? {};
  const includePrerelease = query.includePrerelease === true;
  const range = query.range === undefined ? '*' : normalizeRange(query.range, distTags);
  const all = Object.keys(packument.versions ?? {}).filter((v) => semver.valid(v)).sort(semver.compare);
  let chosen = all.filter((v) => semver.satisfies(v, range, { includePrerelease }));
  if (query.last !== undefined) chosen = chosen.slice(-query.last);
  if (chosen.length === 0) {
    const pool = includePrerelease ? all : all.filter((v) => !semver.prerelease(v));
    throw new StrataError(
      'ESTRATA_NO_MATCH',
      `no published version of ${packument.name} matches "${query.range ?? '*'}"; nearby versions: ${nearby(pool, range) || 'none'}`,
    );
  }
  const unusable = new Map<string, string>();
  const versions = chosen.map((v) => {
    const entry = packument.versions[v] as unknown;
    const reason = unusableEntry(entry);
    if (reason === null) return toVersionInfo(packument, entry as PackumentVersion, v);
    unusable.set(v, reason);
    return { version: v, publishedAt: isoTime(packument.time?.[v]), integrity: null, shasum: null, tarball: null };
  });
  const outOfOrder = findOutOfOrder(versions);
  if (query.order === 'published') {
    versions.sort((a, b) => (a.publishedAt ?? '').localeCompare(b.publishedAt ?? '') || semver.compare(a.version, b.version));
  }
  return { range, versions, outOfOrder, unusable };
}

/** A version is out of order when some higher semver version was published before it. */
export function findOutOfOrder(semverSorted: VersionInfo[]): Set<string> {
  const out = new Set<string>();
  let earliestAbove = '';
  for (let i = semverSorted.length - 1; i >= 0; i--) {
    const v = semverSorted[i]!;
    if (!v.publishedAt) continue;
    if (earliestAbove && v.publishedAt > earliestAbove) out.add(v.version);
    if (!earliestAbove || v.publishedAt < earliestAbove) earliestAbove = v.publishedAt;
  }
  return out;
}
