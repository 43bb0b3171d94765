// The files a version's install scripts run: `node install.js`, `node -e "require('./x')"`,
// `sh scripts/setup.sh`. What npm runs on the consumer's machine is the script line and these
// files; a release can change what installs do by changing the file and not the line.
import type { Manifest } from './manifest.js';

/** Scripts npm runs on the consumer's machine during install. */
export const INSTALL_HOOKS = ['preinstall', 'install', 'postinstall', 'prepare'] as const;

/** Text of one script file read for the rules, at most. */
export const MAX_SCRIPT_CHARS = 1024 * 1024;

const FILE_TOKEN = /(?:^|[\s"'`(])((?:\.\/)?[\w@][\w@./-]*\.(?:c?js|mjs|sh|ps1|py))(?=$|[\s"'`);&|])/g;
const REQUIRED = /require\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)|import\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g;
const NODE_RUNS = /\bnode\s+(?:--[\w-]+(?:=\S+)?\s+)*((?:\.\/)?[\w@][\w@./-]*)(?=$|[\s;&|])/g;

/** A path inside the package, or undefined when it leaves it. */
function inside(path: string): string | undefined {
  const parts: string[] = [];
  for (const p of path.replace(/\\/g, '/').split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') return undefined;
    parts.push(p);
  }
  return parts.length > 0 ? parts.join('/') : undefined;
}

/** Paths a script line names (as written, not yet matched to the package's files). */
export function scriptTargets(command: string): string[] {
  const out = new Set<string>();
  const text = command.slice(0, 4096);
  for (const m of text.matchAll(FILE_TOKEN)) out.add(m[1]!);
  for (const m of text.matchAll(REQUIRED)) out.add(m[1] ?? m[2]!);
  for (const m of text.matchAll(NODE_RUNS)) if (!m[1]!.startsWith('-')) out.add(m[1]!);
  return [...out];
}

/** The package files a script line runs: each target as written, or with `.js` / `/index.js` added, when the package has it. */
export function resolveTargets(command: string, has: (path: string) => boolean): string[] {
  const out: string[] = [];
  for (const t of scriptTargets(command)) {
    const base = inside(t);
    if (!base) continue;
    const hit = [base, `${base}.js`, `${base}/index.js`].find(has);
    if (hit && !out.includes(hit)) out.push(hit);
  }
  return out;
}

/** Every hook's command, by hook. */
export function installHooks(manifest: Manifest | null): Map<string, string> {
  const out = new Map<string, string>();
  const scripts = manifest?.scripts;
  if (!scripts || typeof scripts !== 'object' || Array.isArray(scripts)) return out;
  for (const hook of INSTALL_HOOKS) {
    const command = (scripts as Record<string, unknown>)[hook];
    if (typeof command === 'string') out.set(hook, command);
  }
  return out;
}

/** The files a version's install scripts run. */
export function installScriptFiles(manifest: Manifest | null, has: (path: string) => boolean): string[] {
  const out = new Set<string>();
  for (const command of installHooks(manifest).values()) for (const p of resolveTargets(command, has)) out.add(p);
  return [...out];
}
