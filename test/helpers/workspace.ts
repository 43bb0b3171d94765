// A throwaway working folder for one test: its own HOME (so no user .npmrc leaks in), a project
// .npmrc pointing at the loopback registry, and cache/ and reports/ inside it.
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestRegistry } from './registry.js';

export interface Workspace {
  dir: string;
  /** The same folder, under the name child_process and the library take. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  cacheDir: string;
  cleanup(): void;
}

/** Keeps only what a process needs to run, and points npm's user config into the workspace. */
export function cleanEnv(dir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: dir, npm_config_userconfig: path.join(dir, 'user.npmrc'), ...extra };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env;
}

export function createWorkspace(registry: TestRegistry | null, npmrcExtra: string[] = []): Workspace {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'strata-test-'));
  if (registry) {
    const file = registry.npmrc(dir);
    if (npmrcExtra.length) {
      appendFileSync(file, `${npmrcExtra.join('\n')}\n`);
    }
  }
  return {
    dir,
    cwd: dir,
    env: cleanEnv(dir),
    cacheDir: path.join(dir, 'cache'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
