// nexe: [node binary][startup code][resources]["<nexe~~sentinel>"][f64 code size][f64 resource size].
// nexe 4 lists its resources in the startup code (`process.__nexe = {"resources":{path:[offset,size]}}`,
// offsets relative to the resources); nexe 5 stores the resources as a zip archive.
import { inflateRawSync } from 'node:zlib';
import { Bytes, TextBudget, checkCount, decodeText, extOf, isJsName } from './bytes.js';
import type { Container } from './container.js';
import { NativePayloadError, type NativeLimits } from './errors.js';
import type { EmbeddedModule, Extraction } from './types.js';

export const NEXE_SENTINEL = '<nexe~~sentinel>';
const FOOTER = 32;
const TAIL_WINDOW = 16_000;

export function extractNexe(bytes: Uint8Array, c: Container, limits: NativeLimits): Extraction | null {
  const b = new Bytes(bytes);
  if (b.length < FOOTER) return null;
  let at = b.length - FOOTER;
  if (!b.equals(at, NEXE_SENTINEL)) {
    // nexe's own boot code looks for the sentinel in the last 16000 bytes.
    at = b.lastIndexIn(NEXE_SENTINEL, b.length - TAIL_WINDOW, b.length - FOOTER + NEXE_SENTINEL.length);
    if (at < 0) return null;
  }
  const codeSize = b.f64(at + 16);
  const resourceSize = b.f64(at + 24);
  if (!Number.isSafeInteger(codeSize) || !Number.isSafeInteger(resourceSize) || codeSize < 0 || resourceSize < 0) {
    throw new NativePayloadError(`nexe trailer sizes are not byte counts (${codeSize}, ${resourceSize})`);
  }
  const codeStart = at - resourceSize - codeSize;
  if (codeStart < 0) throw new NativePayloadError(`nexe code (${codeSize} bytes) and resources (${resourceSize} bytes) do not fit before the sentinel at ${at}`);
  const resourceStart = codeStart + codeSize;
  const budget = new TextBudget(limits);
  const modules: EmbeddedModule[] = [];
  const notes: string[] = [];
  const startup: EmbeddedModule = { name: '[nexe]/startup.js', text: null, offset: codeStart, size: codeSize, kind: 'js', encoding: 'utf8' };
  const code = decodeText(bytes, codeStart, codeSize, 'utf8');
  if (budget.take(codeSize)) startup.text = code;
  modules.push(startup);

  let layout = 'nexe: startup code';
  if (resourceSize > 0 && b.equals(resourceStart, 'PK\x03\x04')) {
    layout = 'nexe: startup code, zip resources (nexe 5)';
    modules.push(...readZip(b, resourceStart, resourceSize, budget, limits));
  } else if (resourceSize > 0) {
    const index = resourceIndex(code);
    if (index) {
      layout = 'nexe: startup code, indexed resources (nexe 4)';
      const list = Object.entries(index);
      checkCount(list.length, limits, 'nexe resource');
      for (const [path, span] of list) {
        if (!Array.isArray(span) || span.length !== 2 || !span.every((n) => Number.isSafeInteger(n) && (n as number) >= 0)) {
          throw new NativePayloadError(`nexe resource ${path} is not [offset, size]`);
        }
        const [off, len] = span as [number, number];
        if (off + len > resourceSize) throw new NativePayloadError(`nexe resource ${path} (${off}+${len}) out of bounds of ${resourceSize}-byte resources`);
        modules.push(fileModule(bytes, path, resourceStart + off, len, budget));
      }
    } else {
      notes.push(`${resourceSize} bytes of resources without an index`);
    }
  }
  notes.push(...budget.notes());
  return { container: c.kind, format: 'nexe', layout, modules, notes };
}

function fileModule(bytes: Uint8Array, name: string, off: number, len: number, budget: TextBudget, data?: Uint8Array): EmbeddedModule {
  const ext = extOf(name);
  const kind = isJsName(name) ? 'js' : ext === 'json' ? 'json' : 'asset';
  const m: EmbeddedModule = { name, text: null, offset: off, size: len, kind };
  if (kind !== 'asset') {
    const view = data ?? bytes.subarray(off, off + len);
    if (budget.take(view.length)) {
      m.text = decodeText(view, 0, view.length, 'utf8');
      m.encoding = 'utf8';
    }
  }
  return m;
}

/** `process.__nexe = {...}` in nexe 4 startup code: the JSON object, matched by brace depth. */
function resourceIndex(code: string): Record<string, unknown> | null {
  const at = code.indexOf('process.__nexe = ');
  if (at < 0) return null;
  const start = code.indexOf('{', at);
  if (start < 0) return null;
  let depth = 0;
  let inStr = false;
  for (let i = start; i < code.length; i++) {
    const ch = code.charCodeAt(i);
    if (inStr) {
      if (ch === 0x5c) i++;
      else if (ch === 0x22) inStr = false;
      continue;
    }
    if (ch === 0x22) inStr = true;
    else if (ch === 0x7b) depth++;
    else if (ch === 0x7d && --depth === 0) {
      try {
        const parsed = JSON.parse(code.slice(start, i + 1)) as { resources?: Record<string, unknown> };
        return parsed.resources && typeof parsed.resources === 'object' ? parsed.resources : null;
      } catch {
        throw new NativePayloadError('nexe resource index is not JSON');
      }
    }
  }
  throw new NativePayloadError('nexe resource index is unterminated');
}

/** Entries of a zip archive at [start, start+size): central directory, stored or deflated. */
export function readZip(b: Bytes, start: number, size: number, budget: TextBudget, limits: NativeLimits): EmbeddedModule[] {
  const end = start + size;
  b.need(start, size, 'zip archive');
  // End of central directory: 22 bytes plus a comment of at most 65535.
  const from = Math.max(start, end - 22 - 65_535);
  const eocd = b.lastIndexIn('PK\x05\x06', from, end);
  if (eocd < 0 || eocd + 22 > end) throw new NativePayloadError('zip end of central directory not found');
  const count = b.u16(eocd + 10);
  const cdSize = b.u32(eocd + 12);
  const cdOff = b.u32(eocd + 16);
  checkCount(count, limits, 'zip entry');
  if (start + cdOff + cdSize > eocd) throw new NativePayloadError('zip central directory out of bounds');
  const out: EmbeddedModule[] = [];
  let pos = start + cdOff;
  for (let i = 0; i < count; i++) {
    if (pos + 46 > eocd || !b.equals(pos, 'PK\x01\x02')) throw new NativePayloadError(`zip central directory entry ${i} malformed`);
    const method = b.u16(pos + 10);
    const csize = b.u32(pos + 20);
    const usize = b.u32(pos + 24);
    const nlen = b.u16(pos + 28);
    const xlen = b.u16(pos + 30);
    const clen = b.u16(pos + 32);
    const local = start + b.u32(pos + 42);
    const name = decodeText(b.buf, pos + 46, Math.min(nlen, eocd - pos - 46), 'utf8');
    pos += 46 + nlen + xlen + clen;
    if (name.endsWith('/')) continue;
    if (local + 30 > end || !b.equals(local, 'PK\x03\x04')) throw new NativePayloadError(`zip local header of ${name} out of bounds`);
    const dataOff = local + 30 + b.u16(local + 26) + b.u16(local + 28);
    if (dataOff + csize > end) throw new NativePayloadError(`zip data of ${name} out of bounds`);
    const raw = b.buf.subarray(dataOff, dataOff + csize);
    let data: Uint8Array | undefined;
    if (method === 0) data = raw;
    else if (method === 8) {
      if (!isJsName(name) && extOf(name) !== 'json') {
        out.push({ name, text: null, offset: dataOff, size: csize, kind: 'asset' });
        continue;
      }
      if (usize > budget.limits.maxModuleBytes) {
        out.push({ name, text: null, offset: dataOff, size: csize, kind: isJsName(name) ? 'js' : 'json' });
        budget.skippedLarge++;
        continue;
      }
      // Inflate no further than the budget allows: central entries may all name one small bomb.
      const room = budget.room();
      const listed: EmbeddedModule = { name, text: null, offset: dataOff, size: csize, kind: isJsName(name) ? 'js' : 'json' };
      if (room === 0) {
        budget.overflow();
        out.push(listed);
        continue;
      }
      try {
        data = inflateRawSync(raw, { maxOutputLength: room });
      } catch (err) {
        if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
          budget.overflow();
          out.push(listed);
          continue;
        }
        throw new NativePayloadError(`zip entry ${name} does not inflate: ${(err as Error).message}`);
      }
    } else {
      out.push({ name, text: null, offset: dataOff, size: csize, kind: 'asset' });
      continue;
    }
    out.push(fileModule(b.buf, name, dataOff, csize, budget, data));
  }
  return out;
}
