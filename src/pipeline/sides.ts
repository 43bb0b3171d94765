// A side is one thing to compare: a registry version, a .tgz file or a package folder. Each
// knows how to produce its raw payload; the caller caches and prepares it.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { StrataError } from '../errors.js';
import { buildPayload } from '../payload/build-payload.js';
import { readFolder } from '../payload/read-folder.js';
import { readTarball } from '../payload/read-tarball.js';
import type { Payload, VersionInfo } from '../types.js';
import { TOOL_VERSION } from '../version.js';
import type { RunContext } from './context.js';

export interface Side {
  /** Label in the report: the version, or the local path. */
  label: string;
  info: VersionInfo;
  /** Cache key of the selected files, when the side is content-addressed (registry tarballs). */
  cacheKey: string | null;
  load(ctx: RunContext): Promise<Payload>;
}

/** `unusable`: why the registry's entry for this version cannot be analysed (loading it fails with that). */
export function registrySide(name: string, info: VersionInfo, unusable?: string): Side {
  return {
    label: info.version,
    info,
    cacheKey: info.integrity && !unusable ? `payload/${TOOL_VERSION}/${info.integrity}` : null,
    async load(ctx) {
      if (unusable) throw new StrataError('ESTRATA_BAD_INPUT', `${name}@${info.version}: ${unusable}`);
      const tgz = await ctx.registry.tarball(name, info.version, info.integrity);
      return buildPayload(await readTarball(tgz, `${name}@${info.version}`, ctx.limits), ctx.limits);
    },
  };
}

export async function localSide(spec: string, cwd: string): Promise<Side | null> {
  const abs = path.resolve(cwd, spec);
  const st = await stat(abs).catch(() => null);
  if (!st) return null;
  const info: VersionInfo = { version: spec, publishedAt: null, integrity: null, shasum: null, tarball: null };
  if (st.isDirectory()) {
    return { label: spec, info, cacheKey: null, load: async (ctx) => buildPayload(await readFolder(abs, ctx.limits), ctx.limits) };
  }
  if (st.isFile() && /\.(?:tgz|tar\.gz)$/i.test(abs)) {
    return {
      label: spec,
      info,
      cacheKey: null,
      async load(ctx) {
        // A compressed archive is bounded by what it may unpack to; reject absurd files outright.
        if (st.size > ctx.limits.maxTotalBytes) {
          throw new StrataError('ESTRATA_TOO_LARGE', `${spec}: ${st.size} bytes is larger than any package we read`);
        }
        return buildPayload(await readTarball(await readFile(abs), spec, ctx.limits), ctx.limits);
      },
    };
  }
  throw new StrataError('ESTRATA_BAD_INPUT', `${spec} is neither a package folder nor a .tgz file`);
}
