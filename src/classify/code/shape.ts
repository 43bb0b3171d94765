// Names-erased identities for finding keys: the canonical shape of a piece of code (every name a
// minifier may pick replaced by a placeholder numbered by first use), so the same code in another
// build, unit or file gives the same key.
import { createHash } from 'node:crypto';
import { canonicalize } from '../../units/canonical.js';

/** Globals whose names are part of what code does, kept as they are. */
const GLOBALS = new Set([
  'process', 'require', 'module', 'exports', 'Buffer', 'Intl', 'Date', 'JSON', 'Math', 'Object', 'Array', 'String', 'Number', 'Boolean',
  'RegExp', 'Promise', 'Set', 'Map', 'WeakMap', 'URL', 'URLSearchParams', 'fetch', 'eval', 'Function', 'globalThis', 'window', 'self',
  'navigator', 'document', 'console', 'atob', 'btoa', 'encodeURIComponent', 'decodeURIComponent', 'encodeURI', 'decodeURI', 'escape',
  'unescape', 'setTimeout', 'setInterval', 'Symbol', 'Error', 'parseInt', 'parseFloat', 'Reflect', 'Proxy', 'WebSocket', 'XMLHttpRequest',
  'undefined', 'NaN', 'Infinity', 'TextDecoder', 'TextEncoder', 'Uint8Array', 'crypto', 'location', 'localStorage',
]);

const MAX_SHAPE_CHARS = 16 * 1024;

export function hashKey(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** The canonical, names-erased form of a snippet (an expression or statements), hashed. */
export function shapeKey(snippet: string): string {
  const src = snippet.length > MAX_SHAPE_CHARS ? snippet.slice(0, MAX_SHAPE_CHARS) : snippet;
  const names = new Set<string>();
  for (const m of src.matchAll(/[A-Za-z_$][\w$]*/g)) if (!GLOBALS.has(m[0])) names.add(m[0]);
  try {
    return hashKey(canonicalize(src, { topLevelNames: names, topLevel: false }).canonical);
  } catch {
    return hashKey(src.replace(/[A-Za-z_$][\w$]*/g, (n) => (GLOBALS.has(n) ? n : '_')).replace(/\s+/g, ''));
  }
}

/** A list's identity: its items sorted (order in the code is not part of it). */
export function listKey(items: readonly string[]): string {
  return hashKey([...new Set(items)].sort().join('\n'));
}
