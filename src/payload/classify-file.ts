// Which files of a version are analysed, and why the others are not.
import type { FileKind } from '../types.js';

const JS_EXTENSIONS = /\.(?:js|mjs|cjs)$/i;

export function kindOf(filePath: string): FileKind {
  if (filePath === 'package.json') return 'manifest';
  if (JS_EXTENSIONS.test(filePath)) return 'js';
  return 'other';
}

/** A NUL byte in the first 8 KiB marks binary content, as git and grep decide it. */
export function looksBinary(data: Buffer): boolean {
  return data.subarray(0, 8192).includes(0);
}
