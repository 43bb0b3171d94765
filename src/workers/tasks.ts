// The worker thread's tasks: CPU-bound work on one file at a time.
import beautify from 'js-beautify';
import { move } from 'piscina';
import { BEAUTIFY_OPTIONS } from '../beautify/beautify-options.js';
import { estimateIndentation, flatReason, indentationBudget, overBudget } from '../beautify/indentation.js';
import { createArtefactStore } from '../cache/store.js';
import { countUtf8Changes } from '../diff/line-diff.js';
import { extractUnits } from '../units/extract-units.js';
import type { FileUnits } from '../units/types.js';
import { encodeUnits } from '../pipeline/units-codec.js';

/**
 * Beautified text, or flat text (no indentation) with the reason when nesting would make the
 * indented form grow past its budget (see indentation.ts).
 */
export function beautifyJs(source: string): { text: string; flat?: string } {
  const estimate = estimateIndentation(source);
  if (estimate.chars <= indentationBudget(source.length)) {
    const text = beautify.js(source, BEAUTIFY_OPTIONS);
    // An estimate from characters is not a bound: measured after the fact.
    if (estimate.tokens || !overBudget(source, text)) return { text };
  }
  return { text: beautify.js(source, { ...BEAUTIFY_OPTIONS, indent_size: 0 }), flat: flatReason(source, estimate) };
}

/**
 * A file's units in their cached form (units-codec), moved (not copied) to the caller: it caches
 * exactly these bytes, and a 13 MB bundle's 18k units cost more to clone across threads than to
 * decode once.
 */
export function unitsJson({ path, text }: { path: string; text: string }): Uint8Array {
  const units: FileUnits = extractUnits(path, text);
  return move(encodeUnits(units)) as Uint8Array;
}

/**
 * The plain line diff's counts of a JavaScript file, from the store where each version's
 * beautified text is cached under the key given (none: absent on that side): read here rather
 * than copied across threads, and counted on the UTF-8 bytes. Null when a text is not there.
 */
export async function countLines(job: { cacheDir: string; old?: string; new?: string }): Promise<{ added: number; removed: number } | null> {
  const store = createArtefactStore(job.cacheDir);
  const read = async (key: string | undefined) => (key === undefined ? undefined : ((await store.get(key)) ?? null));
  const [a, b] = await Promise.all([read(job.old), read(job.new)]);
  return a === null || b === null ? null : countUtf8Changes(a, b);
}
