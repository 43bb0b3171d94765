// Brings one side to the form the diff and the rules read: its file list, beautified
// JavaScript and normalized package.json. Selected files are cached by tarball integrity, so a
// second run downloads nothing; beautified text is cached by content.
import { createHash } from 'node:crypto';
import { beautifiedKey, isCached } from '../beautify/beautifier.js';
import { applyCodeBudget } from '../payload/code-budget.js';
import { installScriptFiles, MAX_SCRIPT_CHARS } from '../payload/install-scripts.js';
import { normalizeManifestText, parseManifest } from '../payload/manifest.js';
import type { NativeProvenance, Payload, PayloadFile } from '../types.js';
import { mayBeOneStatement } from '../units/parse.js';
import { UNITS_FORMAT, type FileUnits } from '../units/types.js';
import { TOOL_VERSION } from '../version.js';
import type { RunContext } from './context.js';
import { followPlatform } from './follow-platform.js';
import type { Side } from './sides.js';
import { decodeUnits } from './units-codec.js';

export interface PreparedVersion {
  side: Side;
  files: PayloadFile[];
  /** path → normalized text of each manifest (package.json). */
  manifests: Map<string, string>;
  /** JavaScript text of the files the install scripts run, by path (for the package rules). */
  scripts: Map<string, string>;
  /** Executables read and the platform package followed, when there were any. */
  native?: NativeProvenance;
  fromCache: boolean;
  /**
   * The JavaScript beautified and split into units, from the cache or computed in the worker
   * pool: on the first call, once. A pair whose result is cached never asks for it.
   */
  code(): Promise<PreparedCode>;
}

export interface PreparedCode {
  /** path → text as it is diffed: beautified JavaScript, normalized package.json. */
  texts: Map<string, string>;
  /** JavaScript as published, with its units. */
  js: Map<string, { source: string; units: FileUnits }>;
  /**
   * path → store key of the beautified JavaScript: the worker pool reads it there to count the
   * plain diff. Small files are not stored (see UNCACHED_BELOW) and have none.
   */
  beautifiedKeys: Map<string, string>;
}

interface PayloadHeader {
  format: 2;
  files: PayloadFile[];
  /** Path and UTF-8 length of each text, in the order of the bytes after the header. */
  text: [string, number][];
  native?: NativeProvenance;
}

/** String.prototype.isWellFormed (Node ≥ 20): newer than the TypeScript lib this project compiles against. */
const isWellFormed = (text: string): boolean => (text as string & { isWellFormed(): boolean }).isWellFormed();

/** A text with a lone surrogate would not survive UTF-8: such a payload stays all JSON. */
const framable = (payload: Payload): boolean => [...payload.text.values()].every(isWellFormed);

/**
 * The cached payload: a line of JSON (the file list, and each text's path and length), then the
 * texts as UTF-8. Outside the JSON, a 13 MB bundle is decoded once instead of being decoded as
 * JSON text and then parsed out of it. Or, when not framable, the earlier form: JSON alone (which
 * has no raw newline).
 */
export function encodePayload(payload: Payload): Buffer {
  const texts = [...payload.text];
  if (!framable(payload)) return Buffer.from(JSON.stringify({ files: payload.files, text: texts, native: payload.native }), 'utf8');
  const bodies = texts.map(([, text]) => Buffer.from(text, 'utf8'));
  const header: PayloadHeader = { format: 2, files: payload.files, text: texts.map(([path], i) => [path, bodies[i]!.length]), native: payload.native };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), ...bodies]);
}

/** The payload, and whether it was in the all-JSON form; null when the bytes are not a payload. */
export function decodePayload(data: Buffer): { payload: Payload; json: boolean } | null {
  try {
    const newline = data.indexOf(0x0a);
    let parsed: { files: PayloadFile[]; text: [string, string][]; native?: NativeProvenance };
    if (newline < 0) {
      parsed = JSON.parse(data.toString('utf8')) as typeof parsed;
    } else {
      const header = JSON.parse(data.toString('utf8', 0, newline)) as PayloadHeader;
      if (header.format !== 2 || !Array.isArray(header.text)) return null;
      let at = newline + 1;
      const text = header.text.map(([path, length]): [string, string] => [path, data.toString('utf8', at, (at += length))]);
      if (at !== data.length) return null;
      parsed = { files: header.files, text, native: header.native };
    }
    if (!Array.isArray(parsed.files) || !Array.isArray(parsed.text)) return null;
    const payload: Payload = { files: parsed.files, text: new Map(parsed.text) };
    if (parsed.native) payload.native = parsed.native;
    return { payload, json: newline < 0 };
  } catch {
    return null;
  }
}

async function loadPayload(side: Side, ctx: RunContext): Promise<{ payload: Payload; fromCache: boolean }> {
  if (!side.cacheKey) return { payload: await side.load(ctx), fromCache: false };
  const hit = await ctx.store.get(side.cacheKey);
  const cached = hit && decodePayload(hit);
  if (cached) {
    // Written by an earlier version of the tool: rewritten once in the form that decodes faster
    // (best effort: a cache that cannot be written to still serves).
    if (cached.json && framable(cached.payload)) await ctx.store.put(side.cacheKey, encodePayload(cached.payload)).catch(() => {});
    return { payload: cached.payload, fromCache: true };
  }
  const payload = await side.load(ctx);
  await ctx.store.put(side.cacheKey, encodePayload(payload));
  return { payload, fromCache: false };
}

/** A file's units, computed once per content (`sha`, the file's sha256) in the worker pool and cached. */
async function unitsOf(path: string, text: string, sha: string, ctx: RunContext): Promise<FileUnits> {
  // Small files are split again on each use (see UNCACHED_BELOW).
  if (!isCached(text)) return { ...decodeUnits(Buffer.from(await ctx.pool.run<Uint8Array>('unitsJson', { path, text }, ctx.signal))), path };
  const data = await ctx.store.memo(`units/${TOOL_VERSION}/${UNITS_FORMAT}/${sha}`, async () => {
    const run = async () => {
      const bytes = await ctx.pool.run<Uint8Array>('unitsJson', { path, text }, ctx.signal);
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    };
    // Large files stream statement by statement and run side by side; one whose first statement
    // may be the whole file builds that AST whole: those run one at a time, never two at once.
    return text.length > LARGE_FILE && mayBeOneStatement(text) ? ctx.bigParse(run) : run();
  });
  // Cached per content: the path is the one this version uses.
  return { ...decodeUnits(data), path };
}

const LARGE_FILE = 1024 * 1024;

/**
 * Files beautified flat (see indentation.ts) are found when the code is prepared, which a run
 * whose pairs are cached skips: their notes are kept under one key per set of contents, read
 * once per version.
 */
const notesKey = (files: readonly PayloadFile[]): string => {
  const hash = createHash('sha256');
  for (const f of files) if (f.kind === 'js' && !f.skipped) hash.update(`${f.path}\0${f.sha256}\n`);
  return `code-notes/${TOOL_VERSION}/${hash.digest('hex')}`;
};

async function withNotes(payload: Payload, ctx: RunContext): Promise<Payload> {
  const data = await ctx.store.get(notesKey(payload.files)).catch(() => null);
  if (!data) return payload;
  let notes: Record<string, string>;
  try {
    notes = JSON.parse(data.toString('utf8')) as Record<string, string>;
  } catch {
    return payload;
  }
  return { ...payload, files: payload.files.map((f) => (typeof notes[f.path] === 'string' ? { ...f, note: notes[f.path] } : f)) };
}

export async function prepareVersion(side: Side, ctx: RunContext): Promise<PreparedVersion> {
  ctx.signal?.throwIfAborted();
  const loaded = await loadPayload(side, ctx);
  const payload = await withNotes(applyCodeBudget(await followPlatform(loaded.payload, ctx), ctx.limits), ctx);
  const manifests = new Map<string, string>();
  for (const file of payload.files) {
    const source = payload.text.get(file.path);
    if (source !== undefined && file.kind === 'manifest') manifests.set(file.path, normalizeManifestText(source));
  }
  const scripts = new Map<string, string>();
  const manifest = parseManifest(manifests.get('package.json') ?? '');
  for (const path of installScriptFiles(manifest, (p) => payload.text.has(p))) {
    scripts.set(path, payload.text.get(path)!.slice(0, MAX_SCRIPT_CHARS));
  }
  let code: Promise<PreparedCode> | undefined;
  const prepared: PreparedVersion = {
    side,
    files: payload.files,
    manifests,
    scripts,
    fromCache: loaded.fromCache,
    code: () => (code ??= prepareCode(side, payload, manifests, ctx)),
  };
  if (payload.native) prepared.native = payload.native;
  return prepared;
}

async function prepareCode(side: Side, payload: Payload, manifests: Map<string, string>, ctx: RunContext): Promise<PreparedCode> {
  ctx.signal?.throwIfAborted();
  const texts = new Map(manifests);
  const js = new Map<string, { source: string; units: FileUnits }>();
  const beautifiedKeys = new Map<string, string>();
  const notes: Record<string, string> = {};
  await Promise.all(
    payload.files.map(async (file) => {
      const source = payload.text.get(file.path);
      if (source === undefined || file.kind !== 'js') return;
      ctx.progress({ type: 'beautify', version: side.label, file: file.path, bytes: source.length });
      // The payload already hashed the file: both caches key on that, not on a fresh hash.
      const [beautified, units] = await Promise.all([
        ctx.beautifier.beautifyFile(source, ctx.signal, file.sha256),
        unitsOf(file.path, source, file.sha256, ctx),
      ]);
      texts.set(file.path, beautified.text);
      if (isCached(source)) beautifiedKeys.set(file.path, beautifiedKey(file.sha256));
      js.set(file.path, { source, units });
      if (beautified.flat) {
        notes[file.path] = beautified.flat;
        // The report lists these very entries (this run's own, decoded or built for it).
        file.note = beautified.flat;
      }
    }),
  );
  ctx.signal?.throwIfAborted();
  // Best effort: a cache that cannot be written to still serves.
  if (Object.keys(notes).length) await ctx.store.put(notesKey(payload.files), Buffer.from(JSON.stringify(notes), 'utf8')).catch(() => {});
  ctx.progress({ type: 'code-ready', version: side.label, files: js.size });
  return { texts, js, beautifiedKeys };
}
