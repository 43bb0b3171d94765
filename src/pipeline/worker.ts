// The worker thread's tasks: CPU-bound, synchronous work on one file at a time.
import beautify from 'js-beautify';
import { move } from 'piscina';
import { BEAUTIFY_OPTIONS } from '../beautify/beautify-options.js';
import { extractUnits } from '../units/extract-units.js';
import type { FileUnits } from '../units/types.js';

export function beautifyJs(source: string): string {
  return beautify.js(source, BEAUTIFY_OPTIONS);
}

/**
 * A file's units as JSON bytes, moved (not copied) to the caller: it caches exactly these bytes,
 * and a 13 MB bundle's 18k units cost more to clone across threads than to parse once as JSON.
 */
export function unitsJson({ path, text }: { path: string; text: string }): Uint8Array {
  const units: FileUnits = extractUnits(path, text);
  return move(Buffer.from(JSON.stringify(units), 'utf8')) as Uint8Array;
}
