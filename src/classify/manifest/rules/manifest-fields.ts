// Small readers for manifest fields that rules share.
import type { Manifest } from '../../../payload/manifest.js';
import type { FindingSpan } from '../../../types.js';

/** The span of `entry` in `evidence` (its first occurrence), or none. */
export function entrySpan(evidence: string, entry: string, role = 'entry'): FindingSpan[] {
  const at = evidence.indexOf(entry);
  return at < 0 ? [] : [{ start: at, end: at + entry.length, role }];
}

export function stringMap(manifest: Manifest | null, field: string): Record<string, string> {
  const value = manifest?.[field];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** `bin` may be a string (named after the package) or a map. */
export function binMap(manifest: Manifest | null): Record<string, string> {
  const bin = manifest?.bin;
  if (typeof bin === 'string' && typeof manifest?.name === 'string') {
    return { [manifest.name.replace(/^@[^/]+\//, '')]: bin };
  }
  return stringMap(manifest, 'bin');
}
