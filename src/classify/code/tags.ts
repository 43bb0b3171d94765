// What a value in the code is known to hold: where it was read from (the time zone, an env var,
// the host name), what it was made into (a URL's host, a hash, a decoded list), and whether it is
// the outcome of comparing a probed value with a list (a gate). Tags flow through variables,
// returns and the calls between units; rules read them to find chains.
import type { DecodedPayload } from '../../types.js';

export type TagKind =
  // Time and geography
  /** The current date (`new Date()` without arguments). */
  | 'now'
  /** A part of the current date or time (label: month, day, weekday, year, hour, time). */
  | 'date'
  | 'timezone'
  | 'utc-offset'
  | 'locale'
  // Environment
  | 'env'
  | 'env-dump'
  | 'url'
  | 'url-host'
  | 'home'
  /** A path into the user's own folders (label: `Desktop`, `OneDrive/Desktop`, `Documents`…). */
  | 'user-folder'
  // Host identity
  | 'hostname'
  | 'username'
  | 'userinfo'
  | 'netif'
  | 'mac'
  | 'machine-id'
  | 'hardware'
  | 'git-identity'
  | 'platform'
  /** The Node or browser runtime's version (process.version, process.versions). */
  | 'runtime'
  /** Whether the code runs in a container or WSL (is-docker, /.dockerenv, /proc/self/cgroup). */
  | 'container'
  /** Whether the code runs in CI, and which (is-ci, ci-info, process.env.CI). */
  | 'ci'
  | 'public-ip'
  /** The host of the page the code runs in (location.hostname, document.domain). */
  | 'page-host'
  // Secrets
  | 'cred-path'
  | 'credential'
  // Transforms and data
  | 'hash'
  | 'decoded'
  | 'list'
  | 'network-response'
  | 'intl'
  /** A required or imported module (label: its name without `node:`). */
  | 'module'
  /** One export of a module, not called yet (label: `module#export`): `const { machineIdSync } = require(…)`. */
  | 'module-export'
  /** The outcome of comparing a probed value (label: the probe) with literals or a list. */
  | 'gate'
  /** One of several look-alike literals, chosen by the code. */
  | 'lookalike';

export interface Tag {
  kind: TagKind;
  /** The env var, credential kind, gate's probe… */
  label?: string;
  /** Compared or listed literals (gates, literal lists). */
  literals?: string[];
  /** Decoded payloads the value carries. */
  payloads?: DecodedPayload[];
  /** Where the tag came from in words (an API, an env var). */
  via?: string;
  /** The unit it was read in, when that is another unit than the one looking (its label). */
  from?: string;
}

export type Tags = readonly Tag[];

export const NO_TAGS: Tags = Object.freeze([]) as Tags;

/** A tag set stays small: beyond this many distinct tags the rest are dropped. */
const MAX_TAGS = 24;
/** Literals a tag or a comparison keeps, at most. */
export const MAX_LITERALS = 512;

const keyOf = (t: Tag): string => `${t.kind}\0${t.label ?? ''}`;

/** Union of tag sets, merged by kind and label (literals and payloads combined). */
export function union(...sets: Tags[]): Tags {
  let nonEmpty = 0;
  let only: Tags = NO_TAGS;
  for (const s of sets) if (s.length > 0) {
    nonEmpty++;
    only = s;
  }
  if (nonEmpty === 0) return NO_TAGS;
  if (nonEmpty === 1) return only;
  const out = new Map<string, Tag>();
  for (const s of sets) {
    for (const t of s) {
      const k = keyOf(t);
      const prev = out.get(k);
      if (!prev) {
        if (out.size < MAX_TAGS) out.set(k, t);
        continue;
      }
      if (prev === t) continue;
      out.set(k, merge(prev, t));
    }
  }
  return [...out.values()];
}

function merge(a: Tag, b: Tag): Tag {
  const m: Tag = { ...a };
  if (b.literals) m.literals = dedupe([...(a.literals ?? []), ...b.literals]).slice(0, MAX_LITERALS);
  if (b.payloads) m.payloads = dedupePayloads([...(a.payloads ?? []), ...b.payloads]);
  if (!m.via && b.via) m.via = b.via;
  if (!m.from && b.from) m.from = b.from;
  return m;
}

export function dedupe(list: readonly string[]): string[] {
  return [...new Set(list)];
}

export function dedupePayloads(list: readonly DecodedPayload[]): DecodedPayload[] {
  const seen = new Map<string, DecodedPayload>();
  for (const p of list) if (!seen.has(p.text)) seen.set(p.text, p);
  return [...seen.values()].slice(0, 16);
}

export function has(tags: Tags, kind: TagKind, label?: string): boolean {
  return tags.some((t) => t.kind === kind && (label === undefined || t.label === label));
}

export function ofKind(tags: Tags, ...kinds: TagKind[]): Tag[] {
  return tags.filter((t) => kinds.includes(t.kind));
}

export function without(tags: Tags, ...kinds: TagKind[]): Tags {
  if (!tags.some((t) => kinds.includes(t.kind))) return tags;
  return tags.filter((t) => !kinds.includes(t.kind));
}

/** The same tags, marked as read in another unit (those already marked keep their unit). */
export function readIn(tags: Tags, label: string): Tags {
  if (tags.length === 0 || tags.every((t) => t.from)) return tags;
  return tags.map((t) => (t.from ? t : { ...t, from: label }));
}

export function tag(kind: TagKind, extra: Omit<Tag, 'kind'> = {}): Tag {
  return { kind, ...extra };
}

/** A required or imported module's value. */
export function moduleTag(module: string): Tag {
  return { kind: 'module', label: module };
}

/** Payloads carried by any tag of the set. */
export function payloadsOf(tags: Tags): DecodedPayload[] {
  return dedupePayloads(tags.flatMap((t) => t.payloads ?? []));
}

/** Kinds that say what a probe read: comparing them with lists is gating. */
export const PROBE_KINDS: ReadonlySet<TagKind> = new Set<TagKind>([
  'timezone', 'utc-offset', 'locale', 'url-host', 'page-host', 'env', 'hostname', 'username', 'mac', 'machine-id', 'public-ip', 'network-response',
]);

/** Kinds that identify the machine or the person using it. */
export const IDENTITY_KINDS: ReadonlySet<TagKind> = new Set<TagKind>(['hostname', 'username', 'mac', 'machine-id', 'hardware', 'git-identity', 'public-ip']);
