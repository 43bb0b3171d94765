// Beautifies JavaScript in the worker pool. Each distinct content is beautified once: results
// are cached by sha256 of the source and the beautifier's version and options.
import { createHash } from 'node:crypto';
import type { ArtefactStore } from '../cache/store.js';
import type { WorkerPool } from '../pipeline/worker-pool.js';
import { BEAUTIFIER_VERSION } from '../version.js';
import { BEAUTIFY_OPTIONS } from './beautify-options.js';

const OPTIONS_HASH = createHash('sha256').update(JSON.stringify(BEAUTIFY_OPTIONS)).digest('hex').slice(0, 12);

/** The store key of the beautified text of the content whose sha256 is `sha`. */
export const beautifiedKey = (sha: string): string => `beautified/js-beautify@${BEAUTIFIER_VERSION}/${OPTIONS_HASH}/${sha}`;

export interface Beautifier {
  /** `sha`: the sha256 of the content when the caller already has it (a payload file's). */
  beautify(source: string, signal?: AbortSignal, sha?: string): Promise<string>;
}

export function createBeautifier(store: ArtefactStore, pool: WorkerPool): Beautifier {
  return {
    async beautify(source, signal, sha = createHash('sha256').update(source).digest('hex')) {
      const out = await store.memo(beautifiedKey(sha), async () => Buffer.from(await pool.run<string>('beautifyJs', source, signal), 'utf8'));
      return out.toString('utf8');
    },
  };
}
