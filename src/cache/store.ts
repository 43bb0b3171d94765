// Content-addressed store for derived artefacts (selected files, beautified text), on cacache:
// atomic writes, integrity checked on every read. A corrupt entry is dropped and recomputed.
import path from 'node:path';
import cacache from 'cacache';

export interface ArtefactStore {
  /** Returns the cached bytes for `key`, or computes, stores and returns them. */
  memo(key: string, compute: () => Promise<Buffer>): Promise<Buffer>;
  get(key: string): Promise<Buffer | null>;
  /** Whether an entry is indexed under `key` (its content is checked only when read). */
  has(key: string): Promise<boolean>;
  put(key: string, data: Buffer): Promise<void>;
  /** The cache folder the store lives in (`dir` is its strata/ subfolder). */
  readonly cacheDir: string;
  readonly dir: string;
}

// cacache's types lag behind it: rm.entry takes options (removeFully) since v16.
const removeEntry = cacache.rm.entry as unknown as (cache: string, key: string, opts: { removeFully: boolean }) => Promise<unknown>;

export interface StoreOptions {
  /**
   * A write that fails is ignored: the caller keeps what it computed. For runs that must not
   * depend on writing (--offline on a read-only or shared cache).
   */
  bestEffortWrites?: boolean;
}

export function createArtefactStore(cacheDir: string, options: StoreOptions = {}): ArtefactStore {
  const dir = path.join(cacheDir, 'strata');
  const get = async (key: string): Promise<Buffer | null> => {
    try {
      return (await cacache.get(dir, key)).data;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'ENOENT' || code === 'ENOENT_CACHE') return null;
      if (code === 'EINTEGRITY' || code === 'EBADSIZE' || err instanceof SyntaxError) {
        // Corrupt content or index: forget both so the caller recomputes and stores a good copy
        // (content is addressed by hash, so a bad file left behind would shadow the new one).
        const info = await cacache.get.info(dir, key).catch(() => null);
        if (info) await cacache.rm.content(dir, info.integrity).catch(() => {});
        await removeEntry(dir, key, { removeFully: true }).catch(() => {});
        return null;
      }
      throw err;
    }
  };
  const put = async (key: string, data: Buffer): Promise<void> => {
    if (!options.bestEffortWrites) {
      await cacache.put(dir, key, data);
      return;
    }
    await cacache.put(dir, key, data).catch(() => {});
  };
  const inflight = new Map<string, Promise<Buffer>>();
  return {
    cacheDir,
    dir,
    get,
    put,
    has: async (key) => (await cacache.get.info(dir, key).catch(() => null)) != null,
    memo(key, compute) {
      const running = inflight.get(key);
      if (running) return running;
      const job = (async () => {
        const hit = await get(key);
        if (hit) return hit;
        const data = await compute();
        await put(key, data);
        return data;
      })().finally(() => inflight.delete(key));
      inflight.set(key, job);
      return job;
    },
  };
}
