// Runs the rules on one side-by-side pair of versions. `introduced` is what the later version
// added; `removed` is what it dropped (the same rules with the sides swapped).
import type { Finding } from '../types.js';
import { parseManifest, type Manifest } from '../payload/manifest.js';
import { findingFingerprint } from './fingerprint.js';
import type { Rule } from './rule.js';
import { RULES } from './rules/index.js';
import { compareFindings } from './severity.js';

export interface VersionFacts {
  version: string;
  /** Normalized package.json text, or null when the version has none. */
  manifestText: string | null;
}

export interface PairClassification {
  introduced: Finding[];
  removed: string[];
}

function lineOf(text: string, anchor: string | undefined): number | null {
  if (!anchor) return null;
  const at = text.indexOf(anchor);
  if (at < 0) return null;
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function manifestOf(facts: VersionFacts | null): Manifest | null {
  return facts?.manifestText ? parseManifest(facts.manifestText) : null;
}

function runRules(rules: readonly Rule[], from: VersionFacts | null, to: VersionFacts): Finding[] {
  const after = manifestOf(to);
  if (!after) return [];
  const before = manifestOf(from);
  const afterText = to.manifestText ?? '';
  const findings: Finding[] = [];
  for (const rule of rules) {
    for (const raw of rule.match({ before, after, afterText })) {
      const finding: Finding = {
        ruleId: rule.meta.id,
        category: rule.meta.category,
        severity: raw.severity ?? rule.meta.severity,
        from: from?.version ?? null,
        to: to.version,
        file: 'package.json',
        line: lineOf(afterText, raw.anchor),
        message: raw.message,
        evidence: raw.evidence,
        fingerprint: findingFingerprint(rule.meta.id, raw.key),
      };
      if (raw.decoded) finding.decoded = raw.decoded;
      findings.push(finding);
    }
  }
  return findings.sort(compareFindings);
}

export function classifyPair(from: VersionFacts, to: VersionFacts, rules: readonly Rule[] = RULES): PairClassification {
  return {
    introduced: runRules(rules, from, to),
    removed: runRules(rules, to, from).map((f) => f.fingerprint),
  };
}

/** What the first version of a range already has: the start of every lifecycle. */
export function classifyBaseline(first: VersionFacts, rules: readonly Rule[] = RULES): Finding[] {
  return runRules(rules, null, first);
}
