// Benches measure work, not cached results: they forget the store entries under given key
// prefixes (`pair/`, `units/`) before a run.
import path from 'node:path';

export async function forget(cacheDir, prefixes) {
  const cacache = (await import('cacache')).default;
  const store = path.join(cacheDir, 'strata');
  const entries = await cacache.ls(store).catch(() => ({}));
  for (const key of Object.keys(entries)) if (prefixes.some((p) => key.startsWith(p))) await cacache.rm.entry(store, key);
}
