// The registry packages a lockfile installs, by name, with their versions: package-lock.json and
// npm-shrinkwrap.json (lockfile versions 1 to 3), yarn.lock (classic and berry) and
// pnpm-lock.yaml. Only registry packages count: links, workspaces, git and file dependencies
// have no published versions to compare.
import path from 'node:path';
import semver from 'semver';
import { parse as parseYaml } from 'yaml';
import { StrataError } from '../errors.js';

/** name → the versions of it the lockfile installs. */
export type Installed = Map<string, Set<string>>;

/** A lockfile larger than this is refused (a real one of thousands of packages is a few MiB). */
export const MAX_LOCKFILE_BYTES = 64 * 1024 * 1024;

function add(out: Installed, name: string, version: string): void {
  if (!name || !semver.valid(version)) return;
  let set = out.get(name);
  if (!set) out.set(name, (set = new Set()));
  set.add(version);
}

function npmLock(doc: Record<string, unknown>, out: Installed): void {
  const packages = doc.packages as Record<string, Record<string, unknown>> | undefined;
  if (packages && typeof packages === 'object') {
    for (const [key, entry] of Object.entries(packages)) {
      if (!key || !entry || typeof entry !== 'object' || entry.link) continue;
      // `node_modules/a/node_modules/@s/b` installs @s/b; the entry's own `name` wins when an alias renamed it.
      const at = key.lastIndexOf('node_modules/');
      if (at < 0) continue;
      const name = typeof entry.name === 'string' ? entry.name : key.slice(at + 'node_modules/'.length);
      if (typeof entry.version === 'string') add(out, name, entry.version);
    }
    return;
  }
  // Lockfile version 1: a tree of `dependencies`.
  const stack: Array<Record<string, unknown>> = [doc];
  for (let guard = 0; stack.length > 0 && guard < 1_000_000; guard++) {
    const node = stack.pop()!;
    const deps = node.dependencies as Record<string, Record<string, unknown>> | undefined;
    if (!deps || typeof deps !== 'object') continue;
    for (const [name, entry] of Object.entries(deps)) {
      if (!entry || typeof entry !== 'object') continue;
      if (typeof entry.version === 'string') add(out, name, entry.version);
      stack.push(entry);
    }
  }
}

/** yarn.lock v1: `"name@range", name@range:` headers, then an indented `version "x"`. */
function yarnClassic(text: string, out: Installed): void {
  let names: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith('#')) continue;
    if (!line.startsWith(' ')) {
      names = line
        .replace(/:$/, '')
        .split(/,\s*/)
        .map((s) => s.trim().replace(/^"|"$/g, ''))
        .map((spec) => spec.slice(0, spec.lastIndexOf('@') > 0 ? spec.lastIndexOf('@') : spec.length));
      continue;
    }
    const m = /^\s+version:?\s+"?([^"\s]+)"?/.exec(line);
    if (m) for (const n of new Set(names)) add(out, n, m[1]!);
  }
}

/** yarn berry (a YAML document): keys `name@npm:range, …`, each with `version`. */
function yarnBerry(doc: Record<string, unknown>, out: Installed): void {
  for (const [key, entry] of Object.entries(doc)) {
    if (key === '__metadata' || !entry || typeof entry !== 'object') continue;
    const version = (entry as Record<string, unknown>).version;
    if (typeof version !== 'string') continue;
    for (const spec of key.split(/,\s*/)) {
      const m = /^(@?[^@]+)@npm:/.exec(spec.trim());
      if (m) add(out, m[1]!, version);
    }
  }
}

/** pnpm-lock.yaml: `packages` keyed `/name@version`, `/name/version` (old) or `name@version` (v9). */
function pnpm(doc: Record<string, unknown>, out: Installed): void {
  const packages = doc.packages as Record<string, unknown> | undefined;
  if (!packages || typeof packages !== 'object') return;
  for (const key of Object.keys(packages)) {
    const k = key.replace(/^\//, '').replace(/\(.*$/, '');
    const at = k.lastIndexOf('@');
    if (at > 0) add(out, k.slice(0, at), k.slice(at + 1));
    else {
      const slash = k.lastIndexOf('/');
      if (slash > 0) add(out, k.slice(0, slash), k.slice(slash + 1));
    }
  }
}

/** What a lockfile installs. `file` is its name, which says its format. */
export function parseLockfile(text: string, file: string): Installed {
  if (text.length > MAX_LOCKFILE_BYTES) throw new StrataError('ESTRATA_USAGE', `${file}: lockfile too large (${text.length} bytes)`);
  const base = path.basename(file);
  const out: Installed = new Map();
  try {
    if (base.endsWith('.json')) {
      const doc = JSON.parse(text) as Record<string, unknown>;
      if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Error('not an object');
      npmLock(doc, out);
    } else if (base === 'pnpm-lock.yaml' || base.endsWith('.yaml') || base.endsWith('.yml')) {
      pnpm(parseYaml(text, { maxAliasCount: 100 }) as Record<string, unknown>, out);
    } else if (/__metadata:/.test(text.slice(0, 4096))) {
      yarnBerry(parseYaml(text, { maxAliasCount: 100 }) as Record<string, unknown>, out);
    } else {
      yarnClassic(text, out);
    }
  } catch (err) {
    if (err instanceof StrataError) throw err;
    throw new StrataError('ESTRATA_USAGE', `${file}: not a lockfile strata can read (${(err as Error).message.split('\n')[0]})`);
  }
  return out;
}

export interface DependencyChange {
  name: string;
  from: string;
  to: string;
}

export interface LockfileChanges {
  /** Packages installed at another version: each audited from → to. */
  changed: DependencyChange[];
  added: { name: string; version: string }[];
  removed: { name: string; version: string }[];
}

/**
 * How two lockfiles differ. A package installed at several versions pairs its versions in order
 * (the old lowest with the new lowest…); unmatched ones count as added or removed.
 */
export function lockfileChanges(before: Installed, after: Installed): LockfileChanges {
  const out: LockfileChanges = { changed: [], added: [], removed: [] };
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  for (const name of names) {
    const a = [...(before.get(name) ?? [])].filter((v) => !after.get(name)?.has(v)).sort(semver.compare);
    const b = [...(after.get(name) ?? [])].filter((v) => !before.get(name)?.has(v)).sort(semver.compare);
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) out.changed.push({ name, from: a[i]!, to: b[i]! });
    for (const v of b.slice(n)) out.added.push({ name, version: v });
    for (const v of a.slice(n)) out.removed.push({ name, version: v });
  }
  return out;
}
