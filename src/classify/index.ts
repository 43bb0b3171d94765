// The classifier's one entry. Two halves run the same way (rules → raw matches → findings with
// fingerprints): manifest/ reads each version's package.json and file list, code/ reads the units
// a release changed. Severity, fingerprints, lifecycles, decode/ and unicode/ are shared.
export { classifyBaseline, classifyPair, type PairClassification, type RunOptions, type VersionFacts } from './manifest/engine.js';
export { defineRule, type ManifestContext, type RawFinding, type Rule, type RuleMeta } from './manifest/rule.js';
export { MANIFEST_RULES } from './manifest/rules/index.js';

export { classifyCode, type ClassifyCodeOptions } from './code/engine.js';
export { defineCodeRule, type CodeMatch, type CodeRule, type CodeRuleContext, type CodeRuleMeta } from './code/rule.js';
export { CODE_RULES } from './code/rules/index.js';
export type { CodeClassification, CodeFile, CodeSide } from './code/types.js';

export { buildLifecycles } from './lifecycle.js';
export { findingFingerprint } from './fingerprint.js';
export { compareFindings, isSeverity, severityRank } from './severity.js';
