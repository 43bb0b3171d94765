// Paths inside a package: the archive's first segment (usually `package/`) is dropped like npm
// does, and anything that would climb out of the package root is refused.
import path from 'node:path';

/** Returns the path relative to the package root, or null when the entry is unsafe. */
export function packagePath(entryPath: string, stripFirstSegment: boolean): string | null {
  const raw = entryPath.replace(/\\/g, '/');
  if (raw.startsWith('/') || /^[A-Za-z]:/.test(raw) || raw.includes('\0')) return null;
  const segments = raw.split('/');
  if (segments.includes('..')) return null;
  const rest = stripFirstSegment ? segments.slice(1) : segments;
  const normal = path.posix.normalize(rest.join('/'));
  if (normal === '.' || normal === '' ) return '';
  return normal.replace(/\/$/, '');
}
