// ESLint-style rule tests: `valid` pairs must stay silent, `invalid` pairs must report exactly
// the listed findings. Each case goes through the real manifest normalization and engine, with
// the package's other files (path → text) listed as the pipeline lists them when a case has any.
import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { classifyPair, type VersionFacts } from '../../src/classify/index.js';
import type { Rule } from '../../src/classify/index.js';
import { renderMessage } from '../../src/classify/messages.js';
import { kindOf } from '../../src/payload/classify-file.js';
import { installScriptFiles } from '../../src/payload/install-scripts.js';
import { normalizeManifestText } from '../../src/payload/manifest.js';
import type { Finding, PayloadFile } from '../../src/types.js';

export type ManifestCase = { name?: string; before: object | null; after: object; beforeFiles?: Record<string, string>; afterFiles?: Record<string, string> };
type Expected = Partial<Pick<Finding, 'severity' | 'message' | 'evidence' | 'line' | 'category'>>;

function facts(version: string, manifest: object | null, files: Record<string, string> | undefined): VersionFacts {
  const manifestText = manifest ? normalizeManifestText(JSON.stringify(manifest)) : null;
  if (!files) return { version, manifestText };
  const all: Record<string, string> = { ...files, ...(manifestText ? { 'package.json': manifestText } : {}) };
  const listed: PayloadFile[] = Object.entries(all).map(([path, text]) => ({
    path,
    size: Buffer.byteLength(text),
    sha256: createHash('sha256').update(text).digest('hex'),
    kind: kindOf(path),
  }));
  const scripts = new Map(installScriptFiles(manifest as Record<string, unknown> | null, (p) => p in files && kindOf(p) === 'js').map((p) => [p, files[p]!]));
  return { version, manifestText, files: listed, scripts };
}

export function runRule(rule: Rule, c: ManifestCase) {
  // A rule that throws is a defect: in tests it fails the test instead of becoming a coverage note.
  return classifyPair(facts('1.0.0', c.before, c.beforeFiles), facts('1.1.0', c.after, c.afterFiles), [rule], { strict: true });
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
        expect(f.message).toBe(renderMessage({ messageId: f.messageId!, values: f.values! }));
        for (const s of f.spans ?? []) expect(s.start >= 0 && s.end > s.start && s.end <= f.evidence.length, `span ${s.start}–${s.end}`).toBe(true);
      });
      if (c.removed !== undefined) expect(removed).toHaveLength(c.removed);
    });
  });
}
