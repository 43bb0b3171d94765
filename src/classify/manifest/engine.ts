// Runs the rules on one side-by-side pair of versions. `introduced` is what the later version
// added; `removed` is what it dropped (the same rules with the sides swapped).
import type { CoverageNote, Finding, PayloadFile } from '../../types.js';
import { parseManifest, type Manifest } from '../../payload/manifest.js';
import { findingFingerprint } from '../fingerprint.js';
import { renderMessage } from '../messages.js';
import type { RawFinding, Rule } from './rule.js';
import { MANIFEST_RULES } from './rules/index.js';
import { compareFindings } from '../severity.js';

export interface VersionFacts {
  version: string;
  /** Normalized package.json text, or null when the version has none. */
  manifestText: string | null;
  /** The version's files (path, size, hash, kind). */
  files?: readonly PayloadFile[];
  /** JavaScript text of the files its install scripts run, by path. */
  scripts?: ReadonlyMap<string, string>;
}

const NO_FILES: ReadonlyMap<string, PayloadFile> = new Map();
const NO_SCRIPTS: ReadonlyMap<string, string> = new Map();

function filesOf(facts: VersionFacts | null): ReadonlyMap<string, PayloadFile> {
  return facts?.files ? new Map(facts.files.map((f) => [f.path, f])) : NO_FILES;
}

export interface PairClassification {
  introduced: Finding[];
  removed: string[];
  /** What the code classifier could not read in this pair (units too large or unparseable, rules that threw). */
  coverage?: CoverageNote[];
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

export interface RunOptions {
  /** Throw when a rule throws (tests), instead of noting it and going on. */
  strict?: boolean;
}

function runRules(rules: readonly Rule[], from: VersionFacts | null, to: VersionFacts, options: RunOptions, notes: CoverageNote[]): Finding[] {
  const after = manifestOf(to);
  if (!after) return [];
  const before = manifestOf(from);
  const afterText = to.manifestText ?? '';
  const findings: Finding[] = [];
  const context = {
    before,
    after,
    afterText,
    beforeFiles: filesOf(from),
    afterFiles: filesOf(to),
    beforeScripts: from?.scripts ?? NO_SCRIPTS,
    afterScripts: to.scripts ?? NO_SCRIPTS,
  };
  for (const rule of rules) {
    let raws: RawFinding[];
    try {
      raws = rule.match(context);
    } catch (error) {
      if (options.strict) throw error;
      // One rule tripping on an odd manifest must not stop the others; the report says it happened.
      notes.push({ version: to.version, unit: 'package.json', kind: 'rule-error', rule: rule.meta.id, detail: String((error as Error)?.message ?? error).slice(0, 200) });
      continue;
    }
    for (const raw of raws) {
      if (options.strict && !rule.meta.messages.includes(raw.message.messageId as never)) {
        throw new Error(`${rule.meta.id} uses the message ${raw.message.messageId}, which it does not declare`);
      }
      const finding: Finding = {
        ruleId: rule.meta.id,
        category: rule.meta.category,
        severity: raw.severity ?? rule.meta.severity,
        from: from?.version ?? null,
        to: to.version,
        file: 'package.json',
        line: lineOf(afterText, raw.anchor),
        message: renderMessage(raw.message),
        messageId: raw.message.messageId,
        values: raw.message.values,
        evidence: raw.evidence,
        ...(raw.spans && raw.spans.length > 0 ? { spans: raw.spans } : {}),
        fingerprint: findingFingerprint(rule.meta.id, raw.key),
      };
      if (raw.decoded) finding.decoded = raw.decoded;
      findings.push(finding);
    }
  }
  return findings.sort(compareFindings);
}

export function classifyPair(from: VersionFacts, to: VersionFacts, rules: readonly Rule[] = MANIFEST_RULES, options: RunOptions = {}): PairClassification {
  const notes: CoverageNote[] = [];
  const out: PairClassification = {
    introduced: runRules(rules, from, to, options, notes),
    removed: runRules(rules, to, from, options, []).map((f) => f.fingerprint),
  };
  if (notes.length > 0) out.coverage = notes;
  return out;
}

/** What the first version of a range already has: the start of every lifecycle. */
export function classifyBaseline(first: VersionFacts, rules: readonly Rule[] = MANIFEST_RULES, options: RunOptions = {}): Finding[] {
  return runRules(rules, null, first, options, []);
}
