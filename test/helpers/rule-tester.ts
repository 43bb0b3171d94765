// ESLint-style rule tests: `valid` pairs must stay silent, `invalid` pairs must report exactly
// the listed findings. Each case goes through the real manifest normalization and engine.
import { expect, it } from 'vitest';
import { classifyPair } from '../../src/classify/engine.js';
import type { Rule } from '../../src/classify/rule.js';
import { normalizeManifestText } from '../../src/payload/manifest.js';
import type { Finding } from '../../src/types.js';

type ManifestCase = { name?: string; before: object | null; after: object };
type Expected = Partial<Pick<Finding, 'severity' | 'message' | 'evidence' | 'line'>>;

function facts(version: string, manifest: object | null) {
  return { version, manifestText: manifest ? normalizeManifestText(JSON.stringify(manifest)) : null };
}

export function runRule(rule: Rule, c: ManifestCase) {
  return classifyPair(facts('1.0.0', c.before), facts('1.1.0', c.after), [rule]);
}

export function ruleTester(rule: Rule, cases: { valid: ManifestCase[]; invalid: (ManifestCase & { findings: Expected[]; removed?: number })[] }): void {
  cases.valid.forEach((c, i) => {
    it(`${rule.meta.id} stays silent: ${c.name ?? `valid #${i + 1}`}`, () => {
      expect(runRule(rule, c).introduced).toEqual([]);
    });
  });
  cases.invalid.forEach((c, i) => {
    it(`${rule.meta.id} reports: ${c.name ?? `invalid #${i + 1}`}`, () => {
      const { introduced, removed } = runRule(rule, c);
      expect(introduced).toHaveLength(c.findings.length);
      introduced.forEach((f, j) => {
        expect(f).toMatchObject({ ruleId: rule.meta.id, category: rule.meta.category, from: '1.0.0', to: '1.1.0', file: 'package.json', ...c.findings[j] });
        expect(f.fingerprint).toMatch(/^[0-9a-f]{24}$/);
      });
      if (c.removed !== undefined) expect(removed).toHaveLength(c.removed);
    });
  });
}
