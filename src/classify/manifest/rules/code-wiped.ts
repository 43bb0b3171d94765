import { platformDependency, parsePlatform } from '../../../payload/platform.js';
import type { PayloadFile } from '../../../types.js';
import { message } from '../../messages.js';
import { defineRule } from '../rule.js';

/** Below this much JavaScript a package had little code to wipe. */
const MIN_BEFORE_BYTES = 2048;
/** What is left is at most this share of what there was. */
const LEFT_SHARE = 0.05;

function jsBytes(files: ReadonlyMap<string, PayloadFile>): { bytes: number; count: number } {
  let bytes = 0;
  let count = 0;
  for (const f of files.values()) {
    if (f.kind !== 'js') continue;
    bytes += f.size;
    count += 1;
  }
  return { bytes, count };
}

/** A stub that installs its code through a platform package is a move, not a wipe. */
function platformStub(manifest: Record<string, unknown>): boolean {
  return platformDependency(manifest, parsePlatform('linux-x64')!) !== null || platformDependency(manifest, parsePlatform('darwin-arm64')!) !== null;
}

export default defineRule({
  meta: {
    id: 'code-wiped',
    category: 'sabotage',
    severity: 'high',
    description:
      "A release removes nearly all of the package's own JavaScript (95% or more of its bytes) without moving it into a new dependency or a platform package: a wiped or sabotaged release.",
    scope: 'package',
    messages: ['code-wiped/wiped'],
  },
  match({ before, after, beforeFiles, afterFiles }) {
    if (!before || beforeFiles.size === 0) return [];
    const was = jsBytes(beforeFiles);
    const is = jsBytes(afterFiles);
    if (was.bytes < MIN_BEFORE_BYTES || is.bytes > was.bytes * LEFT_SHARE) return [];
    if (platformStub(after)) return [];
    // The code moved into a package it now depends on (a rename, a split): not a wipe.
    const deps = (m: Record<string, unknown>) => Object.keys((m.dependencies as Record<string, unknown> | undefined) ?? {});
    const had = new Set(deps(before));
    const added = deps(after).filter((d) => !had.has(d));
    if (added.length > 0) return [];
    return [
      {
        key: `wiped\0${is.count}`,
        message: message('code-wiped/wiped', { bytesBefore: was.bytes, bytesAfter: is.bytes, filesBefore: was.count, filesAfter: is.count }),
        evidence: `JavaScript files: ${was.count} (${was.bytes} bytes) → ${is.count} (${is.bytes} bytes); no dependency added`,
      },
    ];
  },
});
