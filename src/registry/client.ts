// The only module that talks to the network: packuments and tarballs through pacote, with npm's
// configuration, pacote's HTTP cache under <cacheDir>/_cacache, and integrity on every tarball.
import path from 'node:path';
import pacote from 'pacote';
import { StrataError } from '../errors.js';
import { registryFor, type FlatNpmOptions } from '../config/npm-config.js';
import { toRegistryError } from './registry-error.js';

export interface Packument {
  name: string;
  'dist-tags': Record<string, string>;
  versions: Record<string, PackumentVersion>;
  time?: Record<string, string>;
}

export interface PackumentVersion {
  name: string;
  version: string;
  deprecated?: string;
  _npmUser?: { name?: string; email?: string };
  dist: {
    tarball: string;
    integrity?: string;
    shasum?: string;
    attestations?: { url: string; provenance?: { predicateType?: string } };
  };
  [key: string]: unknown;
}

export interface RegistryClientOptions {
  npm: FlatNpmOptions;
  cacheDir: string;
  offline?: boolean;
}

export interface RegistryClient {
  registryFor(name: string): string;
  packument(name: string): Promise<Packument>;
  /** The tarball bytes, verified against `integrity` by pacote before they are returned or cached. */
  tarball(name: string, version: string, integrity: string | null): Promise<Buffer>;
  /**
   * The tarball as a stream handed to `read`, for packages too large to hold (platform packages
   * of 74 MB): not written to the HTTP cache, whose place is taken by what `read` extracts. The
   * integrity is checked as the bytes flow; a mismatch fails the returned promise even when
   * `read` has finished.
   */
  tarballStream<T>(name: string, version: string, integrity: string | null, read: (stream: NodeJS.ReadableStream) => Promise<T>): Promise<T>;
}

export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
  const packumentCache = new Map();
  const base = {
    ...options.npm,
    cache: path.join(options.cacheDir, '_cacache'),
    fullMetadata: true,
    packumentCache,
    offline: options.offline === true,
    // Registry requests only: never let a spec reach git, the file system or an arbitrary URL.
    allowGit: 'none',
    allowFile: 'none',
    allowDirectory: 'none',
    allowRemote: 'none',
  };
  return {
    registryFor: (name) => registryFor(name, options.npm),
    async packument(name) {
      try {
        return (await pacote.packument(name, base)) as unknown as Packument;
      } catch (err) {
        throw toRegistryError(err, `package ${name}`, registryFor(name, options.npm));
      }
    },
    async tarballStream(name, version, integrity, read) {
      if (!integrity) {
        throw new StrataError('ESTRATA_INTEGRITY', `${name}@${version} has no integrity in the registry; refusing to analyse an unverifiable tarball`);
      }
      try {
        return await pacote.tarball.stream(`${name}@${version}`, (stream) => read(stream), { ...base, cache: undefined, integrity });
      } catch (err) {
        if (err instanceof StrataError) throw err;
        throw toRegistryError(err, `${name}@${version}`, registryFor(name, options.npm));
      }
    },
    async tarball(name, version, integrity) {
      if (!integrity) {
        throw new StrataError('ESTRATA_INTEGRITY', `${name}@${version} has no integrity in the registry; refusing to analyse an unverifiable tarball`);
      }
      try {
        return await pacote.tarball(`${name}@${version}`, { ...base, integrity });
      } catch (err) {
        throw toRegistryError(err, `${name}@${version}`, registryFor(name, options.npm));
      }
    },
  };
}
