// Beautifies JavaScript in the worker pool. Each distinct content is beautified once: results
// are cached by sha256 of the source and the beautifier's version and options.
import { createHash } from 'node:crypto';
import type { ArtefactStore } from '../cache/store.js';
import type { WorkerPool } from '../pipeline/worker-pool.js';
import { BEAUTIFIER_VERSION } from '../version.js';
import { BEAUTIFY_OPTIONS } from './beautify-options.js';

const OPTIONS_HASH = createHash('sha256').update(JSON.stringify(BEAUTIFY_OPTIONS)).digest('hex').slice(0, 12);

export interface Beautifier {
  /** `sha`: the sha256 of the content when the caller already has it (a payload file's). */
  beautify(source: string, signal?: AbortSignal, sha?: string): Promise<string>;
}

export function createBeautifier(store: ArtefactStore, pool: WorkerPool): Beautifier {
  return {
    async beautify(source, signal, sha = createHash('sha256').update(source).digest('hex')) {
      const key = `beautified/js-beautify@${BEAUTIFIER_VERSION}/${OPTIONS_HASH}/${sha}`;
      const out = await store.memo(key, async () => Buffer.from(await pool.run<string>('beautifyJs', source, signal), 'utf8'));
      return out.toString('utf8');
    },
  };
}
