// Follows a version whose package is a stub into its platform package (claude-code ≥ 2.1.113,
// esbuild, swc): fetches the one for the chosen platform as a stream, takes the code out of its
// executables and adds it to the version's files. Only the extracted modules are cached, keyed by
// the platform package's integrity; the 236 MB executable is never stored. A platform package
// that cannot be followed is recorded on the version, and the audit goes on.
import semver from 'semver';
import { isStrataError } from '../errors.js';
import { sortFiles } from '../payload/build-payload.js';
import { embeddedCode, type EmbeddedCode } from '../payload/embedded-code.js';
import { parseManifest } from '../payload/manifest.js';
import { binIsStub, declaresPlatform, platformDependency } from '../payload/platform.js';
import { readTarball } from '../payload/read-tarball.js';
import { toVersionInfo } from '../registry/select-versions.js';
import type { NativeProvenance, Payload } from '../types.js';
import { TOOL_VERSION } from '../version.js';
import type { RunContext } from './context.js';

/** Bump when what is extracted from executables changes: part of the cache key. */
export const NATIVE_FORMAT = 1;

export async function followPlatform(payload: Payload, ctx: RunContext): Promise<Payload> {
  const platform = ctx.platform;
  const manifest = parseManifest(payload.text.get('package.json') ?? '');
  if (!platform || !manifest) return payload;
  const dep = platformDependency(manifest, platform);
  if (!dep || !binIsStub(manifest, payload.files)) return payload;

  const native: NativeProvenance = { platform: platform.id, binaries: [] };
  const merged: Payload = { files: [...payload.files], text: new Map(payload.text), native };
  // Executables of the package itself stay listed beside the platform package's.
  if (payload.native) native.binaries.push(...payload.native.binaries);
  try {
    const packument = await ctx.registry.packument(dep.name);
    const version = semver.maxSatisfying(Object.keys(packument.versions), dep.spec);
    const pv = version ? packument.versions[version] : undefined;
    if (!version || !pv) {
      native.error = `platform package ${dep.name}@${dep.spec} not found in the registry`;
      return merged;
    }
    const info = toVersionInfo(packument, pv);
    native.package = { name: dep.name, version, integrity: info.integrity, tarball: info.tarball };
    if (!declaresPlatform(pv, platform)) {
      native.error = `${dep.name}@${version} does not declare ${platform.id} in its os/cpu fields`;
      return merged;
    }
    const label = `${dep.name}@${version}`;
    ctx.progress({ type: 'platform', version: label, platform: platform.id });
    const key = `native/${TOOL_VERSION}/${NATIVE_FORMAT}/${info.integrity ?? label}`;
    const data = await ctx.store.memo(key, async () => {
      const raw = await ctx.registry.tarballStream(dep.name, version, info.integrity, (stream) => readTarball(stream, label, ctx.limits));
      const code = embeddedCode(raw, ctx.limits, () => platform.id);
      return Buffer.from(JSON.stringify({ files: code.files, text: [...code.text], binaries: code.binaries }), 'utf8');
    });
    const code = JSON.parse(data.toString('utf8')) as Omit<EmbeddedCode, 'text'> & { text: [string, string][] };
    native.binaries.push(...code.binaries.map((b) => ({ ...b, path: `${platform.id}:${b.path}` })));
    merged.files.push(...code.files);
    for (const [path, text] of code.text) merged.text.set(path, text);
    sortFiles(merged.files);
    return merged;
  } catch (err) {
    if (ctx.signal?.aborted) throw err;
    if (!isStrataError(err)) throw err;
    native.error = err.message;
    return merged;
  }
}
