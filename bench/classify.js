// The classifier on a labelled set of real releases (issue 5): releases known to have added
// tracking or protest code, and ordinary releases of popular packages. Prints precision and
// recall per category (a category counts as predicted for a pair when a finding of it, at
// medium severity or above, is reported as introduced), the high/critical findings per ordinary
// pair, the flagship's top findings, and the classification time of the 13 MB pair.
import path from 'node:path';
import { forget } from './cache-entries.js';

/** Each pair with the categories it really introduced ([] for ordinary releases). */
export const LABELLED = [
  {
    pair: ['@anthropic-ai/claude-code@2.1.90', '@anthropic-ai/claude-code@2.1.91'],
    categories: ['geo-gating', 'environment-probe', 'obfuscation', 'steganography'],
    why: 'time-zone and base-URL checks against hidden (base64 + XOR) lists; look-alike apostrophes chosen by them',
  },
  {
    pair: ['es5-ext@0.10.53', 'es5-ext@0.10.54'],
    categories: ['geo-gating', 'install-lifecycle'],
    why: 'postinstall script that prints a message when the time zone is Russian',
  },
  {
    pair: ['event-source-polyfill@1.0.25', 'event-source-polyfill@1.0.26'],
    categories: ['geo-gating'],
    why: 'library code that checks for Russian time zones',
  },
  {
    pair: ['node-ipc@10.1.0', 'node-ipc@11.1.0'],
    categories: ['dependency-change'],
    why: 'adds the peacenotwar dependency',
  },
  // Ordinary releases: nothing to find.
  { pair: ['react-dom@18.2.0', 'react-dom@18.3.0'], categories: [] },
  { pair: ['lodash@4.17.20', 'lodash@4.17.21'], categories: [] },
  { pair: ['typescript@5.4.4', 'typescript@5.4.5'], categories: [] },
  { pair: ['semver@7.6.2', 'semver@7.6.3'], categories: [] },
  { pair: ['axios@1.7.8', 'axios@1.7.9'], categories: [] },
  { pair: ['chalk@5.3.0', 'chalk@5.4.0'], categories: [] },
  { pair: ['moment@2.29.4', 'moment@2.30.0'], categories: [] },
  { pair: ['@anthropic-ai/claude-code@2.1.91', '@anthropic-ai/claude-code@2.1.92'], categories: [] },
];

const PREDICTED_AT = new Set(['medium', 'high', 'critical']);

export async function benchClassifier(cacheDir) {
  const { diff } = await import('../dist/index.js');
  // The classifier is what is measured, not the cached results of the pairs.
  await forget(cacheDir, ['pair/']);
  const rows = [];
  for (const item of LABELLED) {
    let classifyMs = null;
    const start = process.hrtime.bigint();
    const { report } = await diff(item.pair[0], item.pair[1], {
      cacheDir,
      onProgress: (e) => {
        if (e.type === 'pair-done') classifyMs = e.classifyMs ?? null;
      },
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const findings = report.pairs[0].findings;
    const predicted = [...new Set(findings.filter((f) => PREDICTED_AT.has(f.severity)).map((f) => f.category))];
    rows.push({
      pair: item.pair.join(' → '),
      labels: item.categories,
      predicted,
      highOrCritical: findings.filter((f) => f.severity === 'high' || f.severity === 'critical').length,
      top: findings.slice(0, 6).map((f) => ({ ruleId: f.ruleId, category: f.category, severity: f.severity, decoded: (f.payloads ?? []).map((p) => (p.list ?? [p.text]).length) })),
      ms: Math.round(ms),
      classifyMs,
    });
  }
  const categories = [...new Set(rows.flatMap((r) => [...r.labels, ...r.predicted]))].sort();
  const perCategory = {};
  for (const c of categories) {
    let tp = 0, fp = 0, fn = 0;
    for (const r of rows) {
      const truth = r.labels.includes(c);
      const said = r.predicted.includes(c);
      if (truth && said) tp++;
      else if (said) fp++;
      else if (truth) fn++;
    }
    perCategory[c] = { tp, fp, fn, precision: tp + fp ? tp / (tp + fp) : null, recall: tp + fn ? tp / (tp + fn) : null };
  }
  const ordinary = rows.filter((r) => r.labels.length === 0);
  return {
    rows,
    perCategory,
    ordinaryHighOrCriticalPerPair: ordinary.reduce((n, r) => n + r.highOrCritical, 0) / Math.max(1, ordinary.length),
  };
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const [cacheDir = 'bench/out/cache'] = process.argv.slice(2);
  process.stdout.write(`${JSON.stringify(await benchClassifier(cacheDir), null, 2)}\n`);
}
