// package.json as data: parsed safely and printed in a stable form (sorted keys, two-space
// indent, publish-time noise removed), so that it diffs by meaning and not by formatting.
export type Manifest = Record<string, unknown>;

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

export function normalizeManifestText(text: string): string {
  const manifest = parseManifest(text);
  if (!manifest) return text;
  const kept: Manifest = {};
  for (const [key, value] of Object.entries(manifest)) if (!NOISE.test(key)) kept[key] = value;
  return `${JSON.stringify(sortDeep(kept), null, 2)}\n`;
}
