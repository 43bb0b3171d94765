// The rule interface. A rule reports what a release ADDED: it sees the state before and after
// and returns raw findings with an identity `key`; the engine adds location, fingerprint and
// the pair. Removal is found by running the same rule with the two sides swapped.
import type { Category, FindingSpan, MessageRef, PayloadFile, Severity } from '../../types.js';
import type { MessageId } from '../messages.js';
import type { Manifest } from '../../payload/manifest.js';

export interface RuleMeta {
  id: string;
  category: Category;
  /** Default severity; a finding may raise or lower it. */
  severity: Severity;
  description: string;
  /** What the rule reads: the manifest only, the package's files too, or code (later stages). */
  scope: 'manifest' | 'package' | 'code';
  /** The message ids its findings use (src/classify/messages.ts). */
  messages: readonly MessageId[];
}

export interface ManifestContext {
  /** null when there is no earlier version (the baseline of a range). */
  before: Manifest | null;
  after: Manifest;
  /** The normalized package.json text of `after`, for line numbers. */
  afterText: string;
  /** Each side's files by path (empty when the caller has only the manifests). */
  beforeFiles: ReadonlyMap<string, PayloadFile>;
  afterFiles: ReadonlyMap<string, PayloadFile>;
  /** JavaScript text of the files each side's install scripts run, by path. */
  beforeScripts: ReadonlyMap<string, string>;
  afterScripts: ReadonlyMap<string, string>;
}

export interface RawFinding {
  /** What makes this finding the same finding in another version (part of the fingerprint). */
  key: string;
  /** What it is, as a message id and values (`message()` of src/classify/messages.ts). */
  message: MessageRef;
  evidence: string;
  /** The manifest entries that made the rule fire, as offsets into `evidence`. */
  spans?: FindingSpan[];
  /** A string to look for in the normalized file to place the finding on a line. */
  anchor?: string;
  severity?: Severity;
  decoded?: string[];
}

export interface Rule {
  meta: RuleMeta;
  match(context: ManifestContext): RawFinding[];
}

export function defineRule(rule: Rule): Rule {
  if (!/^[a-z][a-z0-9-]*$/.test(rule.meta.id)) throw new Error(`bad rule id ${rule.meta.id}`);
  return rule;
}
