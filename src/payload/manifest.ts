// package.json as data: parsed safely and printed in a stable form (sorted keys, two-space
// indent, publish-time noise removed), so that it diffs by meaning and not by formatting.
import { StrataError } from '../errors.js';

export type Manifest = Record<string, unknown>;

/**
 * Real manifests nest a few levels. Far deeper ones overflow the stack of anything that walks
 * them (sorting, printing, the rules), yet npm reads them and runs their scripts: such a version
 * is refused, visibly, rather than analysed as if it had no manifest.
 */
export const MAX_MANIFEST_DEPTH = 256;

/** How deep the arrays and objects of a JSON text nest, without parsing it (stops past `limit`). */
export function jsonDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/** Fields npm or the registry add at publish time; they change every release and mean nothing. */
const NOISE = /^(?:_|gitHead$|readme$|readmeFilename$)/;

export function parseManifest(text: string): Manifest | null {
  try {
    const value = JSON.parse(text.replace(/^\uFEFF/, ''));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Manifest) : null;
  } catch {
    return null;
  }
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as object).sort()) out[key] = sortDeep((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** Throws ESTRATA_BAD_INPUT for a manifest nested deeper than MAX_MANIFEST_DEPTH. */
export function normalizeManifestText(text: string): string {
  if (jsonDepth(text, MAX_MANIFEST_DEPTH) > MAX_MANIFEST_DEPTH) {
    throw new StrataError('ESTRATA_BAD_INPUT', `package.json nests deeper than ${MAX_MANIFEST_DEPTH} levels; refusing to analyse it`);
  }
  const manifest = parseManifest(text);
  if (!manifest) return text;
  const kept: Manifest = {};
  for (const [key, value] of Object.entries(manifest)) if (!NOISE.test(key)) kept[key] = value;
  return `${JSON.stringify(sortDeep(kept), null, 2)}\n`;
}
