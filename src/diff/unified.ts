// Hunks with context around the changes of a line diff, and git-style unified diff text that
// diff2html reads. Built with arrays and joined once, so it stays fast for huge diffs.
import type { FileStatus } from '../types.js';
import type { DiffOp } from './line-diff.js';

export const DEFAULT_CONTEXT = 3;

/** A hunk: a window of the edit script with its context. Indices are 0-based. */
export interface Hunk {
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
  /** The runs inside the window (equal runs clipped to the context). */
  ops: DiffOp[];
}

/**
 * Groups the changes of `ops` into hunks with `context` equal lines around each change. Changes
 * separated by at most `2 × context` equal lines share a hunk, as in `diff -u` and git.
 */
export function buildHunks(ops: readonly DiffOp[], context: number = DEFAULT_CONTEXT): Hunk[] {
  // Infinity is allowed (the whole file as context); NaN and negatives mean no context lines.
  const ctx = context > 0 ? Math.floor(Math.min(context, Number.MAX_SAFE_INTEGER / 4)) : 0;
  const hunks: Hunk[] = [];
  let current: Hunk | null = null;
  const close = (): void => {
    if (current) hunks.push(current);
    current = null;
  };
  const add = (hunk: Hunk, op: DiffOp): void => {
    hunk.ops.push(op);
    if (op.kind !== 'insert') hunk.oldCount += op.count;
    if (op.kind !== 'delete') hunk.newCount += op.count;
  };

  for (let k = 0; k < ops.length; k++) {
    const op = ops[k]!;
    if (op.kind !== 'equal') {
      if (!current) {
        // Leading context: the tail of the equal run before, if any.
        const before = k > 0 ? ops[k - 1] : undefined;
        const lead = before && before.kind === 'equal' ? Math.min(ctx, before.count) : 0;
        current = {
          oldStart: op.oldStart - lead,
          oldCount: 0,
          newStart: op.newStart - lead,
          newCount: 0,
          ops: [],
        };
        if (lead > 0) {
          add(current, {
            kind: 'equal',
            oldStart: op.oldStart - lead,
            newStart: op.newStart - lead,
            count: lead,
          });
        }
      }
      add(current, op);
      continue;
    }
    if (!current) continue;
    const isLast = k === ops.length - 1;
    if (!isLast && op.count <= 2 * ctx) {
      add(current, op); // bridges two changes
    } else {
      const trail = Math.min(ctx, op.count);
      if (trail > 0) add(current, { kind: 'equal', oldStart: op.oldStart, newStart: op.newStart, count: trail });
      close();
    }
  }
  close();
  return hunks;
}

/** `-a,b` / `+c,d` ranges as diff and git write them: 1-based, `,1` left out, `0,0`-style for empty. */
function range(start: number, count: number): string {
  if (count === 0) return `${start},0`;
  if (count === 1) return `${start + 1}`;
  return `${start + 1},${count}`;
}

/** A line as written into the text: a bare CR would end the line for diff2html, so it is shown as ␍. */
function safe(line: string): string {
  return line.includes('\r') ? line.replace(/\r/g, '\u240d') : line;
}

/**
 * A path after its `a/` or `b/` prefix, quoted as git does when it holds a control character, a
 * double quote or a backslash (a file name from a tarball can hold a newline, which would
 * otherwise start a line of its own in the diff).
 */
function quotePath(prefixed: string): string {
  if (!/[\x00-\x1f\x7f"\\]/.test(prefixed)) return prefixed;
  const named: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r', '"': '\\"', '\\': '\\\\' };
  const body = prefixed.replace(/[\x00-\x1f\x7f"\\]/g, (c) => named[c] ?? '\\' + c.charCodeAt(0).toString(8).padStart(3, '0'));
  return `"${body}"`;
}

export interface UnifiedInput {
  /** Path inside the package, as it appears after `a/` and `b/`. */
  path: string;
  oldLines: readonly string[];
  newLines: readonly string[];
  ops: readonly DiffOp[];
  status: FileStatus;
  /** Equal lines around each change (default 3). */
  context?: number;
}

/**
 * Git-style unified diff of one file: `diff --git`, the file mode line for added and removed
 * files, `---`/`+++` (with `/dev/null` for a missing side) and the hunks. Context lines show the
 * new text (with whitespace ignored, an equal line may differ from the old one in indentation).
 * Ends with a newline; a file without changes gives the header alone.
 */
export function formatUnified(input: UnifiedInput): string {
  const { path, oldLines, newLines, ops, status } = input;
  const oldName = quotePath(`a/${path}`);
  const newName = quotePath(`b/${path}`);
  const out: string[] = [`diff --git ${oldName} ${newName}`];
  if (status === 'added') out.push('new file mode 100644');
  else if (status === 'removed') out.push('deleted file mode 100644');
  const hunks = buildHunks(ops, input.context ?? DEFAULT_CONTEXT);
  if (hunks.length > 0) {
    out.push(status === 'added' ? '--- /dev/null' : `--- ${oldName}`);
    out.push(status === 'removed' ? '+++ /dev/null' : `+++ ${newName}`);
  }
  for (const hunk of hunks) {
    out.push(`@@ -${range(hunk.oldStart, hunk.oldCount)} +${range(hunk.newStart, hunk.newCount)} @@`);
    for (const op of hunk.ops) {
      if (op.kind === 'equal') {
        for (let t = 0; t < op.count; t++) out.push(' ' + safe(newLines[op.newStart + t]!));
      } else if (op.kind === 'delete') {
        for (let t = 0; t < op.count; t++) out.push('-' + safe(oldLines[op.oldStart + t]!));
      } else {
        for (let t = 0; t < op.count; t++) out.push('+' + safe(newLines[op.newStart + t]!));
      }
    }
  }
  return out.join('\n') + '\n';
}
