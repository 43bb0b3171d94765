// Report documents built by hand, so the reporters are tested without the pipeline: the flagship
// window (a geo-gating and steganography finding from 2.1.91 to its rollback, decoded payloads,
// a move into platform packages, anomalies), hostile text everywhere, and a synthetic range of
// any size for the limits and for speed.
import { SCHEMA_VERSION, type Report, type ReportVersion } from '../../src/report/model.js';
import { SEVERITIES, type Category, type Finding, type FindingSpan, type Lifecycle, type PairDiff, type Severity } from '../../src/types.js';
import { mulberry32 } from '../helpers/prng.js';

export const KEYWORDS = ['deepseek', 'moonshot', 'zhipu', 'minimax', 'baichuan'];
export const ENCODED = Buffer.from(Buffer.from(KEYWORDS.join(',')).map((b) => b ^ 0x5b)).toString('base64');

export function unified(label: string, removed: string[], added: string[], status: 'modified' | 'added' = 'modified'): string {
  return [
    `diff --git a/${label} b/${label}`,
    ...(status === 'added' ? ['new file mode 100644', '--- /dev/null'] : [`--- a/${label}`]),
    `+++ b/${label}`,
    `@@ -${removed.length ? `1,${removed.length}` : '0,0'} +1,${added.length} @@`,
    ...removed.map((l) => `-${l}`),
    ...added.map((l) => `+${l}`),
    '',
  ].join('\n');
}

function summaryOf(report: Omit<Report, 'summary'>): Report['summary'] {
  const findingsBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of report.findings) findingsBySeverity[f.severity] += 1;
  return {
    versions: report.versions.length,
    pairs: report.pairs.length,
    linesAdded: report.pairs.reduce((n, p) => n + p.stats.linesAdded, 0),
    linesRemoved: report.pairs.reduce((n, p) => n + p.stats.linesRemoved, 0),
    findingsBySeverity,
  };
}

function version(v: string, publishedAt: string | null, over: Partial<ReportVersion> = {}): ReportVersion {
  return {
    version: v,
    publishedAt,
    integrity: `sha512-${Buffer.from(`integrity of ${v}`).toString('base64')}`,
    shasum: Buffer.from(v).toString('hex').padEnd(40, '0').slice(0, 40),
    tarball: `https://registry.npmjs.org/@anthropic-ai/claude-code/-/claude-code-${v}.tgz`,
    publisher: 'release-bot <bot@example.invalid>',
    files: [
      { path: 'package.json', size: 1200, sha256: 'a'.repeat(64), kind: 'manifest' },
      { path: 'cli.js', size: 13_162_543, sha256: 'b'.repeat(64), kind: 'js' },
    ],
    packaging: { code: 'package', jsFiles: 1, codeSplit: false },
    ...over,
  };
}

const GEO_EVIDENCE = [
  'function DM4(A){return Buffer.from(A,"base64").map(q=>q^91).toString().split(",")}',
  `var KW=DM4("${ENCODED}");`,
  'function isCN(){let t=Intl.DateTimeFormat().resolvedOptions().timeZone;return t==="Asia/Shanghai"||t==="Asia/Urumqi"}',
  'function probe(){let u=process.env.ANTHROPIC_BASE_URL||"";return isCN()||KW.some(k=>u.includes(k))}',
].join('');

/** Spans (offsets into `evidence`) over each piece of code, with one role. */
function spansAt(evidence: string, role: string, ...pieces: string[]): FindingSpan[] {
  return pieces.map((p) => ({ start: evidence.indexOf(p), end: evidence.indexOf(p) + p.length, role }));
}

const STEGO_EVIDENCE = 'let d=probe()?"2026/06/30":"2026-06-30";let s=probe()?"Today\u2019s date":"Today\'s date";';

/** The flagship window, by hand: 2.1.89 … 2.1.114 with the finding from 2.1.91 to 2.1.95. */
export function flagshipReport(): { report: Report; diffs: PairDiff[] } {
  const versions: ReportVersion[] = [
    version('2.1.89', '2026-03-30T18:01:00.000Z'),
    version('2.1.90', '2026-04-01T20:12:00.000Z'),
    version('2.1.91', '2026-04-03T02:28:29.141Z'),
    version('2.1.92', '2026-04-05T17:40:00.000Z', { provenance: { url: 'https://search.sigstore.dev/?logIndex=1', predicateType: 'https://slsa.dev/provenance/v1' } }),
    version('2.1.94', '2026-04-09T11:00:00.000Z', { gapBefore: '2.1.93 is not in the registry' }),
    version('2.1.95', '2026-07-01T08:00:00.000Z'),
    version('2.1.96', '2026-05-20T08:00:00.000Z', { outOfOrder: true, deprecated: 'broken build, use 2.1.95' }),
    version('2.1.113', '2026-07-10T08:00:00.000Z', {
      files: [
        { path: 'package.json', size: 900, sha256: 'c'.repeat(64), kind: 'manifest' },
        { path: 'linux-x64:/$bunfs/root/cli.js', size: 12_000_000, sha256: 'd'.repeat(64), kind: 'js', embedded: { binary: 'linux-x64:bin/claude', offset: 73_400_320, module: '/$bunfs/root/cli.js' } },
      ],
      packaging: { code: 'platform-package', format: 'bun', jsFiles: 1, codeSplit: false },
      native: {
        platform: 'linux-x64',
        package: { name: '@anthropic-ai/claude-code-linux-x64', version: '2.1.113', integrity: 'sha512-platformintegrity', tarball: 'https://registry.npmjs.org/@anthropic-ai/claude-code-linux-x64/-/claude-code-linux-x64-2.1.113.tgz' },
        binaries: [{ path: 'linux-x64:bin/claude', size: 236_000_000, sha256: 'e'.repeat(64), container: 'elf', format: 'bun', layout: '.bun section holding the data', modules: 1 }],
      },
    }),
  ];
  const geo: Finding = {
    ruleId: 'timezone-gate',
    category: 'geo-gating',
    severity: 'high',
    from: '2.1.90',
    to: '2.1.91',
    file: 'cli.js',
    line: 412_877,
    message: 'reads the system time zone and compares it with "Asia/Shanghai" and "Asia/Urumqi"',
    evidence: GEO_EVIDENCE,
    spans: [
      ...spansAt(GEO_EVIDENCE, 'read', 'Intl.DateTimeFormat().resolvedOptions().timeZone'),
      ...spansAt(GEO_EVIDENCE, 'comparison', 't==="Asia/Shanghai"||t==="Asia/Urumqi"'),
    ],
    fingerprint: 'f1a9c3b2d4e5f60718293a4b',
    unit: 'cli.js § function isCN #18211',
    offset: 9_876_543,
    payloads: [{ steps: ['base64', 'xor:0x5b', 'split:","'], text: KEYWORDS.join(','), list: KEYWORDS }],
    reasons: ['compares `resolvedOptions().timeZone` with "Asia/Shanghai" and "Asia/Urumqi"', 'the keyword list is stored base64-encoded and XOR-ed with 0x5b'],
    categories: ['geo-gating', 'obfuscation', 'environment-probe'],
    score: 97.5,
  };
  const stego: Finding = {
    ruleId: 'prompt-steganography',
    category: 'steganography',
    severity: 'critical',
    from: '2.1.90',
    to: '2.1.91',
    file: 'cli.js',
    line: 413_002,
    message: 'writes a date as 2026/06/30 and swaps an apostrophe for U+2019 depending on the probe',
    evidence: STEGO_EVIDENCE,
    spans: spansAt(STEGO_EVIDENCE, 'change', 'probe()?"2026/06/30":"2026-06-30"', 'probe()?"Today\u2019s date":"Today\'s date"'),
    fingerprint: '0b1c2d3e4f5a6b7c8d9e0f1a',
    unit: 'cli.js § function sysPrompt #18230',
    offset: 9_880_001,
    reasons: ['the date separator depends on "probe()"', 'the apostrophe is U+2019 on one branch'],
    categories: ['steganography', 'geo-gating'],
    score: 99,
  };
  const dep: Finding = {
    ruleId: 'dependency-added',
    category: 'dependency-change',
    severity: 'low',
    from: '2.1.94',
    to: '2.1.95',
    file: 'package.json',
    line: 12,
    message: 'dependency "ms" added',
    evidence: '"ms": "^2.1.3"',
    fingerprint: 'aa11bb22cc33dd44ee55ff66',
  };
  const diffs: PairDiff[] = versions.slice(1).map((v, i) => {
    const from = versions[i]!.version;
    const files: PairDiff['files'] = [];
    if (v.version === '2.1.91') {
      files.push({
        path: 'cli.js',
        status: 'modified',
        linesAdded: 14,
        linesRemoved: 2,
        unified:
          unified('cli.js § function isCN #18211', [], ['function isCN() {', '  let t = Intl.DateTimeFormat().resolvedOptions().timeZone;', '  return t === "Asia/Shanghai" || t === "Asia/Urumqi"', '}'], 'added') +
          unified('cli.js § function sysPrompt #18230', ['  let d = "2026-06-30";', '  let s = "Today\'s date";'], ['  let d = probe() ? "2026/06/30" : "2026-06-30";', '  let s = probe() ? "Today\u2019s date" : "Today\'s date";']) +
          unified('cli.js § function render #1200', ['  return a;'], ['  return a || b;']),
      });
    } else if (v.version === '2.1.113') {
      files.push({ path: 'cli.js', status: 'removed', linesAdded: 0, linesRemoved: 550_000, omitted: 'too large to render (550000 lines changed)' });
      files.push({ path: 'linux-x64:/$bunfs/root/cli.js', status: 'added', linesAdded: 551_000, linesRemoved: 0, omitted: 'too large to render (551000 lines changed)' });
    } else {
      files.push({ path: 'cli.js', status: 'modified', linesAdded: 3 + i, linesRemoved: 1, unified: unified(`cli.js § function f${i} #${i}`, ['  x();'], ['  x();', '  y();']) });
    }
    if (v.version === '2.1.95') files.push({ path: 'package.json', status: 'modified', linesAdded: 1, linesRemoved: 0, unified: unified('package.json', [], ['    "ms": "^2.1.3",']) });
    const stats = {
      filesChanged: files.length,
      linesAdded: files.reduce((n, f) => n + f.linesAdded, 0),
      linesRemoved: files.reduce((n, f) => n + f.linesRemoved, 0),
      units: { matched: 18_000, renamedOnly: 17_902, moved: 142, changed: 2, added: 1, removed: 0, copiesAdded: 0, copiesRemoved: 0 },
      naive: { linesAdded: 162_140, linesRemoved: 161_049 },
    };
    return { from, to: v.version, stats, files };
  });
  const findingsOf = (to: string): Finding[] => (to === '2.1.91' ? [stego, geo] : to === '2.1.95' ? [dep] : []);
  const pairs = diffs.map((d) => ({
    from: d.from,
    to: d.to,
    stats: d.stats,
    files: d.files.map(({ unified: _u, ...rest }) => rest),
    findings: findingsOf(d.to),
  }));
  const lifecycle: Lifecycle[] = [
    { fingerprint: 'ccccdddd0000111122223333', ruleId: 'install-script', category: 'install-lifecycle', severity: 'medium', introducedIn: null, removedIn: null, presentIn: versions.map((v) => v.version) },
    { fingerprint: stego.fingerprint, ruleId: stego.ruleId, category: stego.category, severity: stego.severity, introducedIn: '2.1.91', removedIn: '2.1.95', presentIn: ['2.1.91', '2.1.92', '2.1.94'] },
    { fingerprint: geo.fingerprint, ruleId: geo.ruleId, category: geo.category, severity: geo.severity, introducedIn: '2.1.91', removedIn: '2.1.95', presentIn: ['2.1.91', '2.1.92', '2.1.94'] },
    { fingerprint: dep.fingerprint, ruleId: dep.ruleId, category: dep.category, severity: dep.severity, introducedIn: '2.1.95', removedIn: null, presentIn: ['2.1.95', '2.1.96', '2.1.113'] },
  ];
  const base = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'npm-strata', version: '0.1.0' },
    package: '@anthropic-ai/claude-code',
    range: '>=2.1.89 <=2.1.113',
    generatedAt: '2026-07-12T10:00:00.000Z',
    command: 'strata audit @anthropic-ai/claude-code 2.1.89..2.1.113',
    order: 'semver' as const,
    registry: 'https://registry.npmjs.org/',
    versions,
    pairs,
    findings: [stego, geo, dep],
    lifecycle,
  };
  return { report: { ...base, summary: summaryOf(base) }, diffs };
}

const CATEGORIES: Category[] = ['geo-gating', 'telemetry', 'exfiltration', 'obfuscation', 'host-fingerprint', 'environment-probe', 'hidden-unicode', 'steganography'];
const RULES = ['timezone-gate', 'env-probe', 'beacon-url', 'xor-decoder', 'hostname-read', 'proxy-probe', 'zero-width', 'prompt-steganography'];

export interface SyntheticOptions {
  versions: number;
  findings: number;
  seed?: number;
  /** Text put into every place a package can put text. */
  hostile?: string;
}

/**
 * A range of `versions` releases with `findings` findings spread over them, each with a payload
 * and reasons, lifecycles that end at random later versions, packaging changes, out-of-order and
 * deprecated versions, gaps, and a unit diff per pair with one flagged section per finding.
 */
export function syntheticReport(options: SyntheticOptions): { report: Report; diffs: PairDiff[] } {
  const rnd = mulberry32(options.seed ?? 7);
  const n = options.versions;
  const hostile = options.hostile ?? '';
  const start = Date.parse('2025-01-06T09:00:00.000Z');
  const versions: ReportVersion[] = [];
  let t = start;
  let patch = 0;
  for (let i = 0; i < n; i++) {
    const skip = i > 0 && i % 17 === 0 ? 2 : 1;
    patch += i === 0 ? 0 : skip;
    t += Math.floor((rnd() < 0.2 ? 0.1 : 1 + rnd() * 5) * 86_400_000);
    const v = `3.${Math.floor(patch / 1000)}.${patch % 1000}${hostile && i === 3 ? `-${hostile}` : ''}`;
    const over: Partial<ReportVersion> = {};
    if (skip > 1) over.gapBefore = `3.0.${patch - 1} is not in the registry`;
    if (i % 23 === 11) over.outOfOrder = true;
    if (i % 31 === 5) over.deprecated = `do not use${hostile ? ` ${hostile}` : ''}`;
    if (i >= Math.floor(n * 0.5)) {
      over.packaging = { code: 'platform-package', format: 'bun', jsFiles: i >= Math.floor(n * 0.8) ? 1_373 : 1, codeSplit: i >= Math.floor(n * 0.8) };
      over.native = { platform: 'linux-x64', package: { name: `pkg-linux-x64`, version: v, integrity: 'sha512-x', tarball: null }, binaries: [{ path: 'linux-x64:bin/app', size: 1000, sha256: 'f'.repeat(64), format: 'bun' }] };
    }
    const published = new Date(over.outOfOrder ? t + 90 * 86_400_000 : t).toISOString();
    const ver = version(v, published, over);
    if (hostile) ver.publisher = hostile;
    versions.push(ver);
  }
  const findingsByPair = new Map<number, Finding[]>();
  const lifecycle: Lifecycle[] = [];
  for (let k = 0; k < options.findings; k++) {
    const pairIndex = Math.floor(rnd() * (n - 1));
    const to = versions[pairIndex + 1]!.version;
    const r = Math.floor(rnd() * RULES.length);
    const severity = SEVERITIES[Math.floor(rnd() * SEVERITIES.length)]!;
    const fp = `fp${k.toString(16).padStart(22, '0')}`;
    const file = hostile && k === 0 ? `lib/${hostile}.js` : `dist/chunk-${(k % 40).toString(16).padStart(8, '0')}.js`;
    const unit = `${file} § function f${k} #${k}`;
    const payload = `${KEYWORDS[k % KEYWORDS.length]}-${k}${hostile && k === 0 ? hostile : ''}`;
    const f: Finding = {
      ruleId: RULES[r]!,
      category: CATEGORIES[r]!,
      severity,
      from: versions[pairIndex]!.version,
      to,
      file,
      line: 100 + k,
      message: `finding ${k}: compares "Asia/Shanghai"${hostile && k === 0 ? ` ${hostile}` : ''}`,
      evidence: `function f${k}(A){let t=Intl.DateTimeFormat().resolvedOptions().timeZone;return t==="Asia/Shanghai"&&A.some(x=>x===${k})}var P${k}=d("${Buffer.from(payload).toString('base64')}");`,
      fingerprint: fp,
      unit,
      offset: 1000 * k,
      payloads: [{ steps: ['base64'], text: payload }],
      reasons: [`compares \`resolvedOptions().timeZone\` with "Asia/Shanghai" (${k})`],
      categories: [CATEGORIES[r]!],
      score: rnd() * 100,
    };
    findingsByPair.set(pairIndex, [...(findingsByPair.get(pairIndex) ?? []), f]);
    const end = pairIndex + 1 + 1 + Math.floor(rnd() * (n - pairIndex - 1));
    const presentIn = versions.slice(pairIndex + 1, Math.min(end, n)).map((v) => v.version);
    lifecycle.push({ fingerprint: fp, ruleId: f.ruleId, category: f.category, severity, introducedIn: to, removedIn: end < n ? versions[end]!.version : null, presentIn });
  }
  lifecycle.push({ fingerprint: 'baseline000000000000000a', ruleId: 'install-script', category: 'install-lifecycle', severity: 'high', introducedIn: null, removedIn: versions[Math.min(5, n - 1)]!.version, presentIn: versions.slice(0, Math.min(5, n - 1)).map((v) => v.version) });
  const diffs: PairDiff[] = versions.slice(1).map((v, i) => {
    const findings = findingsByPair.get(i) ?? [];
    const sections = findings.map((f) => unified(f.unit!, [], readable(f.evidence), 'added'));
    sections.push(unified(`dist/main.js § function other${i} #${i}`, ['  return 1;'], ['  return 2;', '  // changed']));
    const text = sections.join('');
    const added = sections.length * 3;
    return {
      from: versions[i]!.version,
      to: v.version,
      stats: { filesChanged: 1, linesAdded: added + Math.floor(rnd() * 400), linesRemoved: 1 + Math.floor(rnd() * 100), units: { matched: 900, renamedOnly: 850, moved: 12, changed: 30, added: sections.length, removed: 0, copiesAdded: 0, copiesRemoved: 0 } },
      files: [{ path: 'dist/main.js', status: 'modified' as const, linesAdded: added, linesRemoved: 1, unified: text }],
    };
  });
  const pairs = diffs.map((d, i) => ({ from: d.from, to: d.to, stats: d.stats, files: d.files.map(({ unified: _u, ...rest }) => rest), findings: findingsByPair.get(i) ?? [] }));
  const base = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'npm-strata', version: '0.1.0' },
    package: hostile ? `@evil/${hostile}` : 'synthetic-pkg',
    range: `${versions[0]!.version}..${versions.at(-1)!.version}`,
    generatedAt: '2026-07-12T10:00:00.000Z',
    command: `strata audit ${hostile ? `'@evil/${hostile}'` : 'synthetic-pkg'} ${versions[0]!.version}..${versions.at(-1)!.version}`,
    order: 'semver' as const,
    registry: 'https://registry.npmjs.org/',
    versions,
    pairs,
    findings: pairs.flatMap((p) => p.findings),
    lifecycle,
  };
  return { report: { ...base, summary: summaryOf(base) }, diffs };
}

function readable(code: string): string[] {
  return code.replace(/;/g, ';\n').replace(/\{/g, '{\n').split('\n').filter(Boolean);
}
