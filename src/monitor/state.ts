// What a watch remembers between rounds and restarts, in the cache folder: per package the last
// release audited, the fingerprints already alerted on, and the alerts already delivered (by
// idempotency key). Written atomically after every release, so a watch killed at any point
// resumes where it was and never alerts twice on the same finding.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface PackageState {
  /** The newest release audited (or taken as the starting point); null before the first round. */
  last: string | null;
  /** Fingerprints already alerted on for this package. */
  alerted: string[];
}

export interface WatchState {
  version: 1;
  packages: Record<string, PackageState>;
  /** Idempotency keys of alerts delivered (the newest few thousand). */
  delivered: string[];
}

const MAX_DELIVERED = 5000;
const MAX_ALERTED = 20_000;

/** The state file of a watch over `targets` (the same targets share one state). */
export function statePath(cacheDir: string, targets: readonly string[]): string {
  const id = createHash('sha256').update([...targets].sort().join('\n')).digest('hex').slice(0, 16);
  return path.join(cacheDir, 'strata', 'watch', `${id}.json`);
}

export async function loadState(file: string): Promise<WatchState> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as WatchState;
    if (parsed && parsed.version === 1 && parsed.packages && typeof parsed.packages === 'object' && Array.isArray(parsed.delivered)) return parsed;
  } catch {
    // Missing or unreadable: a fresh watch (the state is rebuilt; nothing is alerted twice within it).
  }
  return { version: 1, packages: Object.create(null) as Record<string, PackageState>, delivered: [] };
}

export async function saveState(file: string, state: WatchState): Promise<void> {
  state.delivered = state.delivered.slice(-MAX_DELIVERED);
  for (const p of Object.values(state.packages)) p.alerted = p.alerted.slice(-MAX_ALERTED);
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, `${JSON.stringify(state)}\n`);
  await rename(tmp, file);
}
