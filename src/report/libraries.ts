// Words for a pair at library level, the same in every format: which bundled packages came and
// went, which changed, and how much of the change is the product's own code.
import type { LibraryChurn } from '../types.js';

const list = (names: readonly string[], max = 8): string => (names.length > max ? `${names.slice(0, max).join(', ')} … (${names.length} in all)` : names.join(', '));

/** `removed: undici, ws; added: @aws-sdk; changed: yaml; product code +120 −80 lines (packages +9000 −50000)`. */
export function libraryWords(c: LibraryChurn): string {
  const parts: string[] = [];
  if (c.removed.length) parts.push(`removed: ${list(c.removed)}`);
  if (c.added.length) parts.push(`added: ${list(c.added)}`);
  if (c.changed.length) parts.push(`changed: ${list(c.changed)}`);
  parts.push(`product code +${c.product.linesAdded} −${c.product.linesRemoved} lines`);
  if (c.packages.linesAdded + c.packages.linesRemoved > 0) parts.push(`bundled packages +${c.packages.linesAdded} −${c.packages.linesRemoved}`);
  return parts.join('; ');
}

/** Whether a pair's library view says more than "product code only". */
export function hasLibraryChurn(c: LibraryChurn | undefined): c is LibraryChurn {
  return !!c && (c.added.length > 0 || c.removed.length > 0 || c.changed.length > 0);
}
