// Line diff benchmark: strata's diff (dist/diff/line-diff.js) against GNU diff on the same two
// text files. Run `npm run build` first.
//
//   node bench/line-diff.js <old file> <new file>
//
// Both are timed as the median of a few runs. Ours is timed from lines to edit script, interning
// included; reading and splitting the files is reported apart (`prepareMs`). GNU diff is timed
// as a process, wall clock from spawn to exit, with its normal output read through a pipe and
// its `<` and `>` lines counted. Ours compares lines exactly like GNU diff does by default; the
// `ignoreWhitespace` figures are what strata itself uses (indentation does not count).
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { countChanges, diffLines, splitLines } from '../dist/diff/line-diff.js';

const median = (values) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
};

/** Times `diffLines` on the two line arrays: median of `runs`, with the counts of the last run. */
function timeOurs(oldLines, newLines, options, runs) {
  const times = [];
  let counts = { added: 0, removed: 0 };
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    const ops = diffLines(oldLines, newLines, options);
    times.push(performance.now() - start);
    counts = countChanges(ops);
  }
  return { ms: Math.round(median(times)), ...counts };
}

/** Runs GNU diff once; resolves to wall time and the counts of `<` (removed) and `>` (added) lines. */
function runGnuDiffOnce(oldFile, newFile) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn('diff', ['--', oldFile, newFile], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
    });
    let added = 0;
    let removed = 0;
    let atLineStart = true;
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      // Normal output: "< line" for removed lines, "> line" for added ones, plus "NcM" and "---".
      let pos = 0;
      while (pos < chunk.length) {
        if (atLineStart) {
          const c = chunk[pos];
          if (c === 0x3c) removed++;
          else if (c === 0x3e) added++;
        }
        const nl = chunk.indexOf(10, pos);
        if (nl === -1) {
          atLineStart = false;
          break;
        }
        pos = nl + 1;
        atLineStart = true;
      }
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - start;
      // 0: same, 1: different, 2: trouble.
      if (code !== 0 && code !== 1) reject(new Error(`diff exited with ${code}: ${stderr.trim()}`));
      else resolve({ ms, added, removed });
    });
  });
}

async function timeGnu(oldFile, newFile, runs) {
  const results = [];
  for (let r = 0; r < runs; r++) results.push(await runGnuDiffOnce(oldFile, newFile));
  const last = results[results.length - 1];
  return { ms: Math.round(median(results.map((x) => x.ms))), added: last.added, removed: last.removed };
}

/**
 * Benchmarks our line diff against GNU diff on two text files.
 * @param {string} oldFile
 * @param {string} newFile
 * @param {{ runs?: number }} [options] runs per measurement (default 3)
 * @returns {Promise<{
 *   ours: { ms: number, added: number, removed: number },
 *   gnu: { ms: number, added: number, removed: number } | null,
 *   oursIgnoreWhitespace: { ms: number, added: number, removed: number },
 *   prepareMs: number,
 *   lines: { old: number, new: number },
 *   gnuError?: string,
 * }>}
 */
export async function benchLineDiff(oldFile, newFile, options = {}) {
  const runs = options.runs ?? 3;
  const start = performance.now();
  const [oldText, newText] = await Promise.all([readFile(oldFile, 'utf8'), readFile(newFile, 'utf8')]);
  const oldLines = splitLines(oldText);
  const newLines = splitLines(newText);
  const prepareMs = Math.round(performance.now() - start);

  const ours = timeOurs(oldLines, newLines, { ignoreWhitespace: false }, runs);
  const oursIgnoreWhitespace = timeOurs(oldLines, newLines, { ignoreWhitespace: true }, runs);
  let gnu = null;
  let gnuError;
  try {
    gnu = await timeGnu(oldFile, newFile, runs);
  } catch (error) {
    gnuError = error instanceof Error ? error.message : String(error);
  }
  const result = { ours, gnu, oursIgnoreWhitespace, prepareMs, lines: { old: oldLines.length, new: newLines.length } };
  if (gnuError !== undefined) result.gnuError = gnuError;
  return result;
}

function isMain() {
  if (!process.argv[1]) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (isMain()) {
  const [oldFile, newFile] = process.argv.slice(2);
  if (!oldFile || !newFile) {
    process.stderr.write(`usage: node ${path.relative(process.cwd(), fileURLToPath(import.meta.url))} <old file> <new file>\n`);
    process.exit(2);
  }
  const r = await benchLineDiff(oldFile, newFile);
  const n = (x) => x.toLocaleString('en-US');
  const row = (label, x) =>
    `${label.padEnd(26)} ${String(x.ms).padStart(6)} ms   +${n(x.added)} -${n(x.removed)} (${n(x.added + x.removed)} lines)`;
  const out = [
    `old: ${oldFile} (${n(r.lines.old)} lines), new: ${newFile} (${n(r.lines.new)} lines)`,
    `read and split: ${r.prepareMs} ms (not in the figures below)`,
    row('ours', r.ours),
    row('ours, ignoring whitespace', r.oursIgnoreWhitespace),
  ];
  if (r.gnu) {
    out.push(row('GNU diff', r.gnu));
    out.push(`ratio ours / GNU diff: ${(r.ours.ms / Math.max(1, r.gnu.ms)).toFixed(2)} (time), ` +
      `${((r.ours.added + r.ours.removed) / Math.max(1, r.gnu.added + r.gnu.removed)).toFixed(4)} (changed lines)`);
  } else {
    out.push(`GNU diff: not measured (${r.gnuError})`);
  }
  process.stdout.write(out.join('\n') + '\n');
}
