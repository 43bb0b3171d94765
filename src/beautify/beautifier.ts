// Beautifies JavaScript in the worker pool. Each distinct content is beautified once: results
// are cached by sha256 of the source and the beautifier's version and options.
import { createHash } from 'node:crypto';
import type { ArtefactStore } from '../cache/store.js';
import type { WorkerPool } from '../workers/pool.js';
import { BEAUTIFIER_VERSION } from '../version.js';
import { BEAUTIFY_OPTIONS } from './beautify-options.js';

/** Bumped when the rule that picks flat output (indentation.ts) changes what is written. */
const INDENTATION_POLICY = 1;

const OPTIONS_HASH = createHash('sha256')
  .update(JSON.stringify({ ...BEAUTIFY_OPTIONS, INDENTATION_POLICY }))
  .digest('hex')
  .slice(0, 12);

/** The store key of the beautified text of the content whose sha256 is `sha`. */
export const beautifiedKey = (sha: string): string => `beautified/js-beautify@${BEAUTIFIER_VERSION}/${OPTIONS_HASH}/${sha}`;

/** Where the reason is kept when a content was beautified flat (rare: only then is it written). */
const flatKey = (sha: string): string => `beautified-flat/js-beautify@${BEAUTIFIER_VERSION}/${OPTIONS_HASH}/${sha}`;

export interface BeautifiedText {
  text: string;
  /** Set when the text was beautified without indentation, with the reason. */
  flat?: string;
}

export interface Beautifier {
  /** `sha`: the sha256 of the content when the caller already has it (a payload file's). */
  beautify(source: string, signal?: AbortSignal, sha?: string): Promise<string>;
  /** The same, with the reason when the text had to be beautified flat. */
  beautifyFile(source: string, signal?: AbortSignal, sha?: string): Promise<BeautifiedText>;
}

/**
 * Whether text may be flat output: no line of its first megabyte is indented, yet one ends by
 * opening a bracket. Only then is the reason looked up, so normal files cost no second read.
 */
function mayBeFlat(text: string): boolean {
  const head = text.length > 1 << 20 ? text.slice(0, 1 << 20) : text;
  return !/\n[ \t]/.test(head) && /[{[(]\n./.test(head);
}

/**
 * Texts shorter than this are beautified again on each use rather than cached: a cache entry
 * costs a few kB of disk whatever it holds, more than the work it saves (30,000 one-line files
 * made 790 MB of cache).
 */
export const UNCACHED_BELOW = 2048;

/** Whether the beautified text of `source` is kept in the store under beautifiedKey. */
export const isCached = (source: string): boolean => source.length >= UNCACHED_BELOW;

export function createBeautifier(store: ArtefactStore, pool: WorkerPool): Beautifier {
  const beautifyFile = async (source: string, signal?: AbortSignal, sha?: string): Promise<BeautifiedText> => {
    if (!isCached(source)) return pool.run<BeautifiedText>('beautifyJs', source, signal);
    const content = sha ?? createHash('sha256').update(source).digest('hex');
    let flat: string | undefined;
    const out = await store.memo(beautifiedKey(content), async () => {
      const result = await pool.run<BeautifiedText>('beautifyJs', source, signal);
      if (result.flat) {
        flat = result.flat;
        await store.put(flatKey(content), Buffer.from(result.flat, 'utf8'));
      }
      return Buffer.from(result.text, 'utf8');
    });
    const text = out.toString('utf8');
    if (flat === undefined && mayBeFlat(text)) flat = (await store.get(flatKey(content)))?.toString('utf8');
    return flat === undefined ? { text } : { text, flat };
  };
  return {
    beautifyFile,
    beautify: async (source, signal, sha) => (await beautifyFile(source, signal, sha)).text,
  };
}
