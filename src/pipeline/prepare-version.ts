// Brings one side to the form the diff and the rules read: its file list, beautified
// JavaScript and normalized package.json. Selected files are cached by tarball integrity, so a
// second run downloads nothing; beautified text is cached by content.
import { normalizeManifestText } from '../payload/manifest.js';
import type { Payload, PayloadFile } from '../types.js';
import type { RunContext } from './context.js';
import type { Side } from './sides.js';

export interface PreparedVersion {
  side: Side;
  files: PayloadFile[];
  /** path → text as it is diffed: beautified JavaScript, normalized package.json. */
  texts: Map<string, string>;
  fromCache: boolean;
}

function encodePayload(payload: Payload): Buffer {
  return Buffer.from(JSON.stringify({ files: payload.files, text: [...payload.text] }), 'utf8');
}

function decodePayload(data: Buffer): Payload | null {
  try {
    const parsed = JSON.parse(data.toString('utf8')) as { files: PayloadFile[]; text: [string, string][] };
    if (!Array.isArray(parsed.files) || !Array.isArray(parsed.text)) return null;
    return { files: parsed.files, text: new Map(parsed.text) };
  } catch {
    return null;
  }
}

async function loadPayload(side: Side, ctx: RunContext): Promise<{ payload: Payload; fromCache: boolean }> {
  if (!side.cacheKey) return { payload: await side.load(ctx), fromCache: false };
  const hit = await ctx.store.get(side.cacheKey);
  const cached = hit && decodePayload(hit);
  if (cached) return { payload: cached, fromCache: true };
  const payload = await side.load(ctx);
  await ctx.store.put(side.cacheKey, encodePayload(payload));
  return { payload, fromCache: false };
}

export async function prepareVersion(side: Side, ctx: RunContext): Promise<PreparedVersion> {
  ctx.signal?.throwIfAborted();
  const { payload, fromCache } = await loadPayload(side, ctx);
  const texts = new Map<string, string>();
  await Promise.all(
    payload.files.map(async (file) => {
      const source = payload.text.get(file.path);
      if (source === undefined) return;
      if (file.kind === 'manifest') {
        texts.set(file.path, normalizeManifestText(source));
      } else if (file.kind === 'js') {
        ctx.progress({ type: 'beautify', version: side.label, file: file.path, bytes: source.length });
        texts.set(file.path, await ctx.beautifier.beautify(source, ctx.signal));
      }
    }),
  );
  ctx.signal?.throwIfAborted();
  return { side, files: payload.files, texts, fromCache };
}
