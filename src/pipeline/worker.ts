// The worker thread's tasks: CPU-bound, synchronous work on one file at a time.
import beautify from 'js-beautify';
import { BEAUTIFY_OPTIONS } from '../beautify/beautify-options.js';
import { extractUnits } from '../units/extract-units.js';
import type { FileUnits } from '../units/types.js';

export function beautifyJs(source: string): string {
  return beautify.js(source, BEAUTIFY_OPTIONS);
}

export function unitsOf({ path, text }: { path: string; text: string }): FileUnits {
  return extractUnits(path, text);
}
