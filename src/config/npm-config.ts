// npm's configuration, loaded the way npm loads it: @npmcli/config with npm's own definitions
// reads the builtin, global, user and project .npmrc layers and npm_config_* variables. Its
// flattened options (registry, @scope:registry, //host/:_authToken, ca from cafile, proxy,
// fetch-retries …) are exactly what pacote and npm-registry-fetch take.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { StrataError } from '../errors.js';

const require = createRequire(import.meta.url);

export interface NpmConfigOverrides {
  /** --registry from the command line; outranks every .npmrc layer, like npm's own flag. */
  registry?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export type FlatNpmOptions = Record<string, unknown> & { registry: string };

/** Where npm itself lives, for its builtin npmrc layer. */
function findNpmPath(env: NodeJS.ProcessEnv): string {
  const candidates: string[] = [];
  if (env.npm_execpath) candidates.push(path.resolve(path.dirname(env.npm_execpath), '..'));
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  candidates.push(path.join(prefix, 'lib', 'node_modules', 'npm'));
  return candidates.find((dir) => existsSync(path.join(dir, 'package.json'))) ?? prefix;
}

/** How long a request may wait for an answer, or between two parts of one, when npm's configuration does not say. */
export const DEFAULT_FETCH_TIMEOUT_MS = 30_000;

export async function loadNpmConfig(overrides: NpmConfigOverrides = {}): Promise<FlatNpmOptions> {
  const Config = require('@npmcli/config');
  const { definitions, shorthands, flatten } = require('@npmcli/config/lib/definitions');
  const env = overrides.env ?? process.env;
  const config = new Config({
    npmPath: findNpmPath(env),
    definitions,
    shorthands,
    flatten,
    argv: [process.execPath, 'strata'],
    env,
    execPath: process.execPath,
    platform: process.platform,
    cwd: overrides.cwd ?? process.cwd(),
    warn: false,
  });
  try {
    await config.load();
    if (overrides.registry) config.set('registry', overrides.registry, 'cli');
  } catch (err) {
    throw new StrataError('ESTRATA_CONFIG', `cannot read npm configuration: ${(err as Error).message}`, { cause: err });
  }
  const flat = { ...config.flat } as FlatNpmOptions;
  // npm waits 5 minutes for a silent registry, three times over (retries): strata, which makes
  // hundreds of requests, waits 30 s unless the user set fetch-timeout themselves.
  if (config.find('fetch-timeout') === 'default') flat.timeout = DEFAULT_FETCH_TIMEOUT_MS;
  if (typeof flat.registry !== 'string' || !/^https?:\/\//.test(flat.registry)) {
    throw new StrataError('ESTRATA_CONFIG', `registry is not an http(s) URL: ${String(flat.registry)}`);
  }
  return flat;
}

/** The registry that serves `name`, honouring `@scope:registry`. */
export function registryFor(name: string, flat: FlatNpmOptions): string {
  if (name.startsWith('@')) {
    const scoped = flat[`${name.split('/')[0]}:registry`];
    if (typeof scoped === 'string') return scoped;
  }
  return flat.registry;
}
