// The classifier on a labelled set of real releases (bench/labelled-releases.json): releases that
// added tracking, geo-gating, sabotage or install-time behaviour, each checked by hand, and
// ordinary releases of popular packages (some chosen to be hard: packages that already had
// telemetry or protest code, analytics SDKs themselves, modal layers). Prints, per category,
// recall and precision (a category counts as predicted for a pair when a finding of it, at medium
// severity or above, is introduced), whether a labelled category is ranked first in each positive
// pair, high/critical findings per 10 ordinary pairs, the coverage notes, and the classification
// time of the 13 MB pair.
//   node bench/classify.js [cacheDir] [--only text]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { forget } from './cache-entries.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SET = JSON.parse(readFileSync(path.join(here, 'labelled-releases.json'), 'utf8'));
export const LABELLED = [...SET.positive, ...SET.ordinary];

const PREDICTED_AT = new Set(['medium', 'high', 'critical']);

async function classifyPair(diff, item, cacheDir) {
  let classifyMs = null;
  const start = process.hrtime.bigint();
  const { report } = await diff(item.pair[0], item.pair[1], {
    cacheDir,
    onProgress: (e) => {
      if (e.type === 'pair-done') classifyMs = e.classifyMs ?? null;
    },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const pair = report.pairs[0];
  const findings = pair.findings;
  const predicted = [...new Set(findings.filter((f) => PREDICTED_AT.has(f.severity)).map((f) => f.category))];
  const first = findings[0];
  return {
    pair: item.pair.join(' → '),
    labels: item.categories,
    predicted,
    firstCategory: first ? first.category : null,
    rankedFirst: item.categories.length > 0 ? first !== undefined && PREDICTED_AT.has(first.severity) && item.categories.includes(first.category) : null,
    highOrCritical: findings.filter((f) => f.severity === 'high' || f.severity === 'critical').length,
    top: findings.slice(0, 4).map((f) => `${f.severity} ${f.ruleId} [${f.category}]: ${f.message.slice(0, 160)}`),
    coverage: pair.coverage?.length ?? 0,
    ruleErrors: (pair.coverage ?? []).filter((n) => n.kind === 'rule-error').length,
    ms: Math.round(ms),
    classifyMs,
  };
}

export async function benchClassifier(cacheDir, { only, onRow } = {}) {
  const { diff } = await import('../dist/index.js');
  // The classifier is what is measured, not the cached results of the pairs.
  await forget(cacheDir, ['pair/']);
  const rows = [];
  for (const item of LABELLED) {
    if (only && !item.pair.join(' ').includes(only)) continue;
    let row;
    try {
      row = await classifyPair(diff, item, cacheDir);
    } catch (error) {
      row = { pair: item.pair.join(' → '), labels: item.categories, error: String(error?.message ?? error) };
    }
    rows.push(row);
    onRow?.(row);
  }
  const done = rows.filter((r) => !r.error);
  const categories = [...new Set(done.flatMap((r) => [...r.labels, ...r.predicted]))].sort();
  const perCategory = {};
  for (const c of categories) {
    let tp = 0, fp = 0, fn = 0;
    const missed = [];
    for (const r of done) {
      const truth = r.labels.includes(c);
      const said = r.predicted.includes(c);
      if (truth && said) tp++;
      else if (said) fp++;
      else if (truth) {
        fn++;
        missed.push(r.pair);
      }
    }
    perCategory[c] = { tp, fp, fn, precision: tp + fp ? tp / (tp + fp) : null, recall: tp + fn ? tp / (tp + fn) : null, missed };
  }
  const positive = done.filter((r) => r.labels.length > 0);
  const ordinary = done.filter((r) => r.labels.length === 0);
  const seriousOrdinary = ordinary.reduce((n, r) => n + r.highOrCritical, 0);
  return {
    pairs: { positive: positive.length, ordinary: ordinary.length, failed: rows.filter((r) => r.error).map((r) => `${r.pair}: ${r.error}`) },
    perCategory,
    rankedFirst: { pairs: positive.filter((r) => r.rankedFirst).length, of: positive.length, not: positive.filter((r) => !r.rankedFirst).map((r) => `${r.pair} (first: ${r.firstCategory ?? 'none'})`) },
    ordinaryHighOrCriticalPer10: (10 * seriousOrdinary) / Math.max(1, ordinary.length),
    ordinaryWithHighOrCritical: ordinary.filter((r) => r.highOrCritical > 0).map((r) => `${r.pair}: ${r.top.filter((t) => /^(?:high|critical)/.test(t)).join('; ')}`),
    coverageNotes: done.reduce((n, r) => n + r.coverage, 0),
    ruleErrors: done.reduce((n, r) => n + r.ruleErrors, 0),
    rows,
  };
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const args = process.argv.slice(2);
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
  const cacheDir = args.find((a, i) => !a.startsWith('--') && (onlyAt < 0 || i !== onlyAt + 1)) ?? 'bench/out/cache';
  const result = await benchClassifier(cacheDir, { only, onRow: (r) => process.stderr.write(`${r.pair}: ${r.error ?? (r.top[0] ?? 'no findings')}\n`) });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
