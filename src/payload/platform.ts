// Packages that ship a stub and install their real code through a platform package
// (`optionalDependencies` with `os`/`cpu`, as esbuild, swc and claude-code ≥ 2.1.113 do). Which
// platform is followed is a choice (--platform, linux-x64 by default) so that a report is the same
// on every machine.
import type { Manifest } from './manifest.js';

export interface Platform {
  /** `os-cpu` or `os-cpu-musl`, as given. */
  id: string;
  os: string;
  cpu: string;
  libc?: 'musl';
}

const OS = ['linux', 'darwin', 'win32', 'freebsd', 'openbsd', 'netbsd', 'sunos', 'aix', 'android'];
const CPU = ['x64', 'arm64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el'];

export const DEFAULT_PLATFORM = 'linux-x64';

/** `linux-x64`, `darwin-arm64`, `linux-x64-musl`; null when not a platform id. */
export function parsePlatform(id: string): Platform | null {
  const m = /^([a-z0-9]+)-([a-z0-9]+)(?:-(musl))?$/.exec(id);
  if (!m || !OS.includes(m[1]!) || !CPU.includes(m[2]!)) return null;
  const p: Platform = { id, os: m[1]!, cpu: m[2]! };
  if (m[3]) p.libc = 'musl';
  return p;
}

export const KNOWN_PLATFORMS = `os one of ${OS.join(', ')}; cpu one of ${CPU.join(', ')}; optional -musl`;

/** Bin targets under this size are launchers, not the program. */
const STUB_MAX_BYTES = 32 * 1024;

/**
 * The package's program is a stub when every bin target is missing, not JavaScript, or tiny (a
 * shell script named `claude.exe`, a launcher that spawns the platform binary).
 */
export function binIsStub(manifest: Manifest, files: ReadonlyArray<{ path: string; size: number; kind: string }>): boolean {
  const targets = binTargets(manifest);
  if (targets.length === 0) return true;
  const byPath = new Map(files.map((f) => [f.path, f]));
  return targets.every((t) => {
    const f = byPath.get(t);
    return !f || f.kind !== 'js' || f.size < STUB_MAX_BYTES;
  });
}

function binTargets(manifest: Manifest): string[] {
  const bin = manifest.bin;
  const clean = (p: string) => p.replace(/^\.\//, '').replace(/\\/g, '/');
  if (typeof bin === 'string') return [clean(bin)];
  if (bin && typeof bin === 'object') return Object.values(bin).filter((v): v is string => typeof v === 'string').map(clean);
  return [];
}

export interface PlatformDependency {
  name: string;
  spec: string;
}

/**
 * The optional dependency that is this platform's package, chosen by name (`…-linux-x64`,
 * `…-linux-x64-musl`, `@scope/linux-x64`); its own `os`/`cpu` are checked once it is fetched.
 */
export function platformDependency(manifest: Manifest, platform: Platform): PlatformDependency | null {
  const deps = manifest.optionalDependencies;
  if (!deps || typeof deps !== 'object') return null;
  const entries = Object.entries(deps as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string');
  const suffix = `${platform.os}-${platform.cpu}`;
  const wanted = platform.libc ? `${suffix}-musl` : suffix;
  // Name ends with the platform after a `-` or a scope's `/`: `@esbuild/linux-x64`, `x-linux-x64`.
  const hit = entries.find(([name]) => name.endsWith(`-${wanted}`) || name.endsWith(`/${wanted}`));
  return hit ? { name: hit[0], spec: hit[1] } : null;
}

/** Whether a fetched platform package declares it runs on the platform (absent fields allow all). */
export function declaresPlatform(manifest: Record<string, unknown>, platform: Platform): boolean {
  const allows = (field: unknown, value: string) => {
    if (!Array.isArray(field) || field.length === 0) return true;
    if (field.includes(`!${value}`)) return false;
    const positive = field.filter((v) => typeof v === 'string' && !v.startsWith('!'));
    return positive.length === 0 || positive.includes(value);
  };
  return allows(manifest.os, platform.os) && allows(manifest.cpu, platform.cpu) && (!platform.libc || allows(manifest.libc, 'musl'));
}
