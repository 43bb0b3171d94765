// Runs in a worker thread: js-beautify is CPU-bound and synchronous.
import beautify from 'js-beautify';
import { BEAUTIFY_OPTIONS } from './beautify-options.js';

export default function beautifyJs(source: string): string {
  return beautify.js(source, BEAUTIFY_OPTIONS);
}
