// --offline reads of the HTTP cache that never write to it. make-fetch-happen looks a request up
// by compacting its index bucket, which rewrites the bucket file: on a read-only or shared cache
// every lookup fails and reads as "not cached". Here the cached packument is read by its request
// key, and a tarball by its integrity (cacache checks the bytes against it as they are read).
import cacache from 'cacache';
import npa from 'npm-package-arg';
import type { Packument } from './client.js';

const CORGI = 'application/vnd.npm.install-v1+json';

function notCached(what: string, cause?: unknown): Error {
  return Object.assign(new Error(`${what} is not in the cache`, { cause }), { code: 'ENOTCACHED' });
}

export interface OfflineCache {
  packument(registry: string, name: string): Promise<Packument>;
  tarball(integrity: string, what: string): Promise<Buffer>;
}

/** `cache`: the HTTP cache folder pacote writes (<cacheDir>/_cacache). */
export function createOfflineCache(cache: string): OfflineCache {
  const packuments = new Map<string, Promise<Packument>>();
  const readPackument = async (url: string): Promise<Packument> => {
    // The key make-fetch-happen stores a GET under (lib/cache/key.js).
    const key = `make-fetch-happen:request-cache:${new URL(url).href}`;
    let hit: { data: Buffer; metadata?: { reqHeaders?: { accept?: string } } };
    try {
      hit = (await cacache.get(cache, key)) as typeof hit;
    } catch (err) {
      throw notCached(url, err);
    }
    // An abbreviated document has no publish times: not the one an audit reads.
    if (hit.metadata?.reqHeaders?.accept?.startsWith(CORGI)) throw notCached(url);
    return JSON.parse(hit.data.toString('utf8')) as Packument;
  };
  return {
    packument(registry, name) {
      const url = `${registry.replace(/\/+$/, '')}/${npa(name).escapedName}`;
      let job = packuments.get(url);
      if (!job) {
        job = readPackument(url);
        packuments.set(url, job);
        job.catch(() => packuments.delete(url));
      }
      return job;
    },
    async tarball(integrity, what) {
      try {
        return await cacache.get.byDigest(cache, integrity);
      } catch (err) {
        // Bytes that do not match are not served, whatever the cache holds.
        if ((err as { code?: string }).code === 'EINTEGRITY') throw err;
        throw notCached(what, err);
      }
    },
  };
}
