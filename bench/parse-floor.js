// How much of splitting two beautified bundles into units is parsing: the two files handled at
// once in two worker threads (the 2 cores the diff's time target assumes), three ways in one run:
//  - tokenize: acorn's tokenizer alone, the least any acorn-based split has to do;
//  - parse: strata's streaming split into top-level statements, without the canonical forms;
//  - extract: the full extraction (statements, canonical forms, names, MinHash fingerprints).
// `node bench/parse-floor.js <a.js> <b.js> [rounds]` prints the figures as JSON.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const MODES = ['tokenize', 'parse', 'extract'];

async function inWorker({ mode, file }) {
  const text = readFileSync(file, 'utf8');
  const start = performance.now();
  if (mode === 'tokenize') {
    const acorn = createRequire(import.meta.url)('acorn');
    const { acornOptions } = await import('../dist/units/acorn-parser.js');
    let tokens = 0;
    for (const _ of acorn.tokenizer(text, acornOptions('module'))) tokens++;
    return { ms: performance.now() - start, tokens };
  }
  if (mode === 'parse') {
    const { parseFile } = await import('../dist/units/parse.js');
    const parsed = parseFile(text);
    return { ms: performance.now() - start, statements: parsed.ok ? parsed.statements.length : -1 };
  }
  const { extractUnits } = await import('../dist/units/extract-units.js');
  const units = extractUnits(path.basename(file), text).units.length;
  return { ms: performance.now() - start, units };
}

/** Each file in its own worker thread, all at once; the wall time from spawning to the last result. */
async function atOnce(mode, files) {
  const start = performance.now();
  const results = await Promise.all(
    files.map(
      (file) =>
        new Promise((resolve, reject) => {
          const w = new Worker(new URL(import.meta.url), { workerData: { mode, file } });
          w.once('message', resolve);
          w.once('error', reject);
        }),
    ),
  );
  return { wallMs: Math.round(performance.now() - start), perFileMs: results.map((r) => Math.round(r.ms)) };
}

/** The best of `rounds` runs of each mode on both files at once (the machine is shared: best is least noisy). */
export async function benchParseFloor(files, rounds = 3) {
  const out = {};
  for (const mode of MODES) {
    let best;
    for (let r = 0; r < rounds; r++) {
      const run = await atOnce(mode, files);
      if (!best || run.wallMs < best.wallMs) best = run;
    }
    out[mode] = best;
  }
  return out;
}

if (!isMainThread) {
  parentPort.postMessage(await inWorker(workerData));
} else if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const [a, b, rounds] = process.argv.slice(2);
  process.stdout.write(`${JSON.stringify(await benchParseFloor([a, b], Number(rounds ?? 3)))}\n`);
}
