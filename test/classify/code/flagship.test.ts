// The flagship case end to end: the release that adds the time-zone and base-URL probes, the
// hidden lists and the look-alike apostrophes reports them first and high; the next build (other
// names, other edits) reports none of them again; the release that drops them reports them removed.
import * as esbuild from 'esbuild';
import jsBeautify from 'js-beautify';
import { beforeAll, describe, expect, it } from 'vitest';
import { BEAUTIFY_OPTIONS } from '../../../src/beautify/beautify-options.js';
import { severityRank } from '../../../src/classify/severity.js';
import type { Finding } from '../../../src/types.js';
import { classifySources } from '../../helpers/code-rule-tester.js';
import { mangle } from '../../units/bundles.js';
import { BASE, CALLER_AFTER, CALLER_BEFORE, FLAGSHIP, FLAGSHIP_REAL, HOSTS, KEYWORDS } from './fixtures.js';

const FLAGSHIP_RULES = ['timezone-gate', 'env-host-match', 'encoded-literal', 'decoder-function', 'lookalike-choice', 'gated-format'];
const sorted = (l: readonly string[]) => [...l].sort();
const lists = (f: Finding) => (f.payloads ?? []).map((p) => sorted(p.list ?? []));
const byRule = (fs: Finding[], id: string) => fs.filter((f) => f.ruleId === id);

let v1: string; // before: no probe
let v2: string; // adds the probe (terser names)
let v3: string; // same probe, other names, another unit edited
let v4: string; // the probe removed
let real2: string;
let real3: string;

beforeAll(async () => {
  v1 = await mangle(BASE + CALLER_BEFORE, 'default', true);
  v2 = await mangle(BASE + FLAGSHIP + CALLER_AFTER, 'reversed', true);
  v3 = await mangle(BASE.replace('retries: 3', 'retries: 5') + FLAGSHIP + CALLER_AFTER, 'reserved', true);
  v4 = await mangle(BASE.replace('retries: 3', 'retries: 5') + CALLER_BEFORE, 'default', true);
  real2 = await mangle(BASE + FLAGSHIP_REAL + CALLER_AFTER, 'reversed', true);
  real3 = await mangle(BASE.replace('timeoutMs: 60000', 'timeoutMs: 90000') + FLAGSHIP_REAL + CALLER_AFTER, 'default', true);
});

describe('flagship: the release that adds it', () => {
  let found: Finding[];
  beforeAll(async () => {
    found = (await classifySources(v1, v2)).introduced;
  });

  it('reports every part of it, and only that', () => {
    expect(new Set(found.map((f) => f.ruleId))).toEqual(new Set(FLAGSHIP_RULES));
  });

  it('ranks the chains first, critical', () => {
    const top = found.slice(0, 3);
    expect(new Set(top.map((f) => f.ruleId))).toEqual(new Set(['gated-format', 'env-host-match', 'timezone-gate']));
    for (const f of top) expect(f.severity).toBe('critical');
    for (const f of found) expect(severityRank(f.severity)).toBeGreaterThanOrEqual(severityRank('high'));
    const scores = found.map((f) => f.score ?? 0);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('time zone gate: the zones, the read, the chain', () => {
    const [tz] = byRule(found, 'timezone-gate');
    expect(tz).toMatchObject({ category: 'geo-gating', file: 'cli.js' });
    expect(tz!.message).toMatch(/Asia\/Shanghai/);
    expect(tz!.message).toMatch(/Asia\/Urumqi/);
    expect(tz!.reasons!.join(' ')).toMatch(/reads the time zone/);
    expect(tz!.categories).toEqual(expect.arrayContaining(['geo-gating', 'environment-probe']));
  });

  it('base-URL host matched against the hidden lists, both in full', () => {
    const [host] = byRule(found, 'env-host-match');
    expect(host).toMatchObject({ category: 'environment-probe', severity: 'critical' });
    expect(host!.message).toMatch(/ANTHROPIC_BASE_URL/);
    expect(lists(host!)).toEqual(expect.arrayContaining([sorted(HOSTS), sorted(KEYWORDS)]));
  });

  it('the encoded lists with their decoder', () => {
    const [decoder] = byRule(found, 'decoder-function');
    expect(decoder).toMatchObject({ category: 'obfuscation', severity: 'high' });
    expect(lists(decoder!)).toEqual(expect.arrayContaining([sorted(HOSTS), sorted(KEYWORDS)]));
    expect(decoder!.payloads!.every((p) => p.steps.join(' ') === 'base64 xor:0x5b split:","')).toBe(true);
    const literals = byRule(found, 'encoded-literal');
    expect(literals.flatMap(lists)).toEqual(expect.arrayContaining([sorted(HOSTS), sorted(KEYWORDS)]));
  });

  it('look-alike apostrophes and the date separator switched by time zone', () => {
    const [look] = byRule(found, 'lookalike-choice');
    expect(look).toMatchObject({ category: 'steganography', severity: 'high' });
    expect(look!.payloads![0]!.list).toEqual(["'", '\u2019', '\u02BC', '\u02B9']);
    const [gated] = byRule(found, 'gated-format');
    expect(gated).toMatchObject({ category: 'steganography', severity: 'critical' });
    expect(gated!.message).toMatch(/timezone/);
    // Evidence arrives beautified, the code that made the rule fire marked in it.
    const marked = gated!.spans!.map((sp) => `${sp.role}: ${gated!.evidence.slice(sp.start, sp.end)}`);
    expect(marked).toContainEqual(expect.stringMatching(/^change: \w+\.replace\(\/-\/g, "\/"\)$/));
    expect(marked).toContainEqual(expect.stringMatching(/^condition: /));
    expect(gated!.reasons!.join(' ')).toMatch(/look-alike/);
  });

  it('places each finding: unit label, offset in the published file, line in the beautified file', () => {
    const beautified = jsBeautify.js(v2, BEAUTIFY_OPTIONS).split('\n');
    for (const f of found) {
      expect(f.unit).toMatch(/^cli\.js § (function|variable|statement|class|factory) \S+ #\d+$/);
      expect(f.from).toBe('1.0.0');
      expect(f.to).toBe('1.1.0');
      expect(f.offset).toBeGreaterThanOrEqual(0);
      // The evidence is beautified: the same code, whitespace aside.
      const at = v2.slice(f.offset!, f.offset! + 20).replace(/\s+/g, '').slice(0, 10);
      expect(f.evidence.replace(/\s+/g, '')).toContain(at);
      expect(f.line).toBeGreaterThan(0);
      expect(beautified[f.line! - 1]).toBeDefined();
    }
    const [tz] = byRule(found, 'timezone-gate');
    expect(beautified[tz!.line! - 1]).toContain('"Asia/Shanghai"');
  });
});

describe('flagship: later releases', () => {
  it('the next build (other names, another unit edited) introduces none of it', async () => {
    const { introduced, removed, pairing } = await classifySources(v2, v3);
    expect(pairing.changed.length + pairing.added.length).toBeGreaterThan(0);
    expect(introduced).toEqual([]);
    expect(removed).toEqual([]);
  });

  it('the release that drops it reports every fingerprint removed', async () => {
    const added = (await classifySources(v1, v2)).introduced;
    const { introduced, removed } = await classifySources(v3, v4);
    expect(introduced).toEqual([]);
    expect(sorted(removed)).toEqual(sorted(added.map((f) => f.fingerprint)));
  });

  it('a declaration list split in two changes no unit: each declarator is one', async () => {
    const split = FLAGSHIP.replace(/var hostsEncoded = ("[^"]+"), knownHosts = /, 'var hostsEncoded = $1; var knownHosts = ');
    expect(split).not.toBe(FLAGSHIP);
    const a = await mangle(BASE + FLAGSHIP + CALLER_AFTER, 'reversed', true);
    const b = await mangle(BASE + split + CALLER_AFTER, 'default', true);
    const { introduced, removed, pairing } = await classifySources(a, b);
    expect(pairing).toEqual({ changed: [], added: [], removed: [] });
    expect(introduced).toEqual([]);
    expect(removed).toEqual([]);
  });

  it('code moved to another file introduces nothing', async () => {
    const { introduced, removed } = await classifySources({ 'cli.js': BASE + FLAGSHIP + CALLER_AFTER }, { 'cli.js': BASE + CALLER_AFTER, 'chunk-a1b2.js': FLAGSHIP });
    expect(introduced).toEqual([]);
    expect(removed).toEqual([]);
  });
});

describe('flagship: fingerprints do not depend on the build', () => {
  it('terser under two manglings and esbuild give the same fingerprints', async () => {
    const esb = esbuild.transformSync(BASE + FLAGSHIP + CALLER_AFTER, { minify: true, format: 'esm' }).code;
    const esbBefore = esbuild.transformSync(BASE + CALLER_BEFORE, { minify: true, format: 'esm' }).code;
    const a = (await classifySources(v1, v2)).introduced.map((f) => f.fingerprint);
    const b = (await classifySources(v1, await mangle(BASE + FLAGSHIP + CALLER_AFTER, 'reserved', true))).introduced.map((f) => f.fingerprint);
    const c = (await classifySources(esbBefore, esb)).introduced.map((f) => f.fingerprint);
    expect(sorted(b)).toEqual(sorted(a));
    expect(sorted(c)).toEqual(sorted(a));
  });
});

describe('flagship as 2.1.91 ships it (XOR key in a variable, lists decoded lazily by a memoizer)', () => {
  it('reports the gates, the hidden lists and the look-alikes', async () => {
    const { introduced } = await classifySources(v1, real2);
    const ids = new Set(introduced.map((f) => f.ruleId));
    for (const id of ['timezone-gate', 'env-host-match', 'encoded-literal', 'lookalike-choice', 'gated-format']) expect(ids).toContain(id);
    const [host] = byRule(introduced, 'env-host-match');
    expect(lists(host!)).toEqual(expect.arrayContaining([sorted(HOSTS), sorted(KEYWORDS)]));
    expect(severityRank(host!.severity)).toBeGreaterThanOrEqual(severityRank('high'));
    expect(introduced[0]!.severity).toBe('critical');
  });

  it('introduces nothing in the next build', async () => {
    const { introduced } = await classifySources(real2, real3);
    expect(introduced).toEqual([]);
  });
});
