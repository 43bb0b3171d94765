// Brings one side to the form the diff and the rules read: its file list, beautified
// JavaScript and normalized package.json. Selected files are cached by tarball integrity, so a
// second run downloads nothing; beautified text is cached by content.
import { normalizeManifestText } from '../payload/manifest.js';
import type { NativeProvenance, Payload, PayloadFile } from '../types.js';
import { mayBeOneStatement } from '../units/parse.js';
import { UNITS_FORMAT, type FileUnits } from '../units/types.js';
import { TOOL_VERSION } from '../version.js';
import type { RunContext } from './context.js';
import { followPlatform } from './follow-platform.js';
import type { Side } from './sides.js';

export interface PreparedVersion {
  side: Side;
  files: PayloadFile[];
  /** path → text as it is diffed: beautified JavaScript, normalized package.json. */
  texts: Map<string, string>;
  /** JavaScript as published, with its units. */
  js: Map<string, { source: string; units: FileUnits }>;
  /** Executables read and the platform package followed, when there were any. */
  native?: NativeProvenance;
  fromCache: boolean;
}

function encodePayload(payload: Payload): Buffer {
  return Buffer.from(JSON.stringify({ files: payload.files, text: [...payload.text], native: payload.native }), 'utf8');
}

function decodePayload(data: Buffer): Payload | null {
  try {
    const parsed = JSON.parse(data.toString('utf8')) as { files: PayloadFile[]; text: [string, string][]; native?: NativeProvenance };
    if (!Array.isArray(parsed.files) || !Array.isArray(parsed.text)) return null;
    const payload: Payload = { files: parsed.files, text: new Map(parsed.text) };
    if (parsed.native) payload.native = parsed.native;
    return payload;
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

/** A file's units, computed once per content (`sha`, the file's sha256) in the worker pool and cached. */
async function unitsOf(path: string, text: string, sha: string, ctx: RunContext): Promise<FileUnits> {
  const data = await ctx.store.memo(`units/${TOOL_VERSION}/${UNITS_FORMAT}/${sha}`, async () => {
    const run = async () => {
      const bytes = await ctx.pool.run<Uint8Array>('unitsJson', { path, text }, ctx.signal);
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    };
    // Large files stream statement by statement and run side by side; one whose first statement
    // may be the whole file builds that AST whole: those run one at a time, never two at once.
    return text.length > LARGE_FILE && mayBeOneStatement(text) ? ctx.bigParse(run) : run();
  });
  const units = JSON.parse(data.toString('utf8')) as FileUnits;
  // Cached per content: the path is the one this version uses.
  return { ...units, path };
}

const LARGE_FILE = 1024 * 1024;

export async function prepareVersion(side: Side, ctx: RunContext): Promise<PreparedVersion> {
  ctx.signal?.throwIfAborted();
  const loaded = await loadPayload(side, ctx);
  const payload = await followPlatform(loaded.payload, ctx);
  const fromCache = loaded.fromCache;
  const texts = new Map<string, string>();
  const js = new Map<string, { source: string; units: FileUnits }>();
  await Promise.all(
    payload.files.map(async (file) => {
      const source = payload.text.get(file.path);
      if (source === undefined) return;
      if (file.kind === 'manifest') {
        texts.set(file.path, normalizeManifestText(source));
      } else if (file.kind === 'js') {
        ctx.progress({ type: 'beautify', version: side.label, file: file.path, bytes: source.length });
        // The payload already hashed the file: both caches key on that, not on a fresh hash.
        const [beautified, units] = await Promise.all([
          ctx.beautifier.beautify(source, ctx.signal, file.sha256),
          unitsOf(file.path, source, file.sha256, ctx),
        ]);
        texts.set(file.path, beautified);
        js.set(file.path, { source, units });
      }
    }),
  );
  ctx.signal?.throwIfAborted();
  const prepared: PreparedVersion = { side, files: payload.files, texts, js, fromCache };
  if (payload.native) prepared.native = payload.native;
  return prepared;
}
