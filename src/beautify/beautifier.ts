// Beautifies JavaScript in a worker pool sized to the cores. Each distinct content is beautified
// once: results are cached by sha256 of the source and the beautifier's version and options.
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { ArtefactStore } from '../cache/store.js';
import { BEAUTIFIER_VERSION } from '../version.js';
import { BEAUTIFY_OPTIONS } from './beautify-options.js';

const OPTIONS_HASH = createHash('sha256').update(JSON.stringify(BEAUTIFY_OPTIONS)).digest('hex').slice(0, 12);

export interface Beautifier {
  beautify(source: string, signal?: AbortSignal): Promise<string>;
  close(): Promise<void>;
}

/** Under vitest or tsx the sources are .ts: start the worker through tsx's loader. */
function workerSpec(): { filename: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  const isTs = here.endsWith('.ts');
  return {
    filename: fileURLToPath(new URL(`./beautify-worker.${isTs ? 'ts' : 'js'}`, import.meta.url)),
    execArgv: isTs ? ['--import', 'tsx'] : [],
  };
}

export function createBeautifier(store: ArtefactStore, options: { threads?: number } = {}): Beautifier {
  let pool: Piscina | null = null;
  const getPool = () => {
    const threads = Math.max(1, options.threads ?? availableParallelism());
    pool ??= new Piscina({ ...workerSpec(), minThreads: 1, maxThreads: threads, idleTimeout: 5_000 });
    return pool;
  };
  return {
    async beautify(source, signal) {
      const sha = createHash('sha256').update(source).digest('hex');
      const key = `beautified/js-beautify@${BEAUTIFIER_VERSION}/${OPTIONS_HASH}/${sha}`;
      const out = await store.memo(key, async () => {
        const text: string = await getPool().run(source, { signal });
        return Buffer.from(text, 'utf8');
      });
      return out.toString('utf8');
    },
    async close() {
      if (pool) await pool.destroy();
      pool = null;
    },
  };
}
