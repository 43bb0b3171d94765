// The code rule interface. A code rule looks at one unit (its whole code, the decoded literals in
// it, and what the units it uses hold) and returns matches with a names-erased identity `key`;
// the engine turns them into findings (location, fingerprint, chain severity, score) and keeps
// the ones the release added: a unit's matches minus those of its previous version.
import type { Decoded } from '../decode/index.js';
import type { Category, DecodedPayload, FindingSpan, MessageRef, Severity } from '../../types.js';
import type { MessageId } from '../messages.js';
import type { Unit } from '../../units/types.js';
import type { Analysis } from './analysis.js';

export interface CodeRuleMeta {
  id: string;
  category: Category;
  /** Default severity; a match may raise or lower it, and chains raise it. */
  severity: Severity;
  description: string;
  /** Ranks findings of equal severity: how much a reader gains from seeing this rule's findings first (0–50). */
  weight?: number;
  /** The message ids its matches use (src/classify/messages.ts). */
  messages: readonly MessageId[];
}

export interface CodeRuleContext {
  /** The unit's code, analysed (tags, comparisons, look-alike outcomes…). */
  analysis: Analysis;
  /** The unit's source as published. */
  source: string;
  unit: Unit;
  file: string;
  /** The whole file the unit is in, as published (read-only context: what other units of the file do). */
  fileSource: string;
  /** `file § kind name #index`. */
  label: string;
  /** Comments and whitespace just before the unit (not part of any unit's code). */
  leading?: string;
  /** Decoded literals whose literal is in this unit (offsets relative to `source`). */
  decoded: readonly Decoded[];
  /**
   * What a decoder function declared by this unit reveals: the literals it is applied to
   * elsewhere in the same version (found by a text search of the file), decoded.
   */
  decodedUses?(name: string): Decoded[];
}

export interface CodeMatch {
  /** What makes this the same finding in another build or version: no minifier names, no offsets. */
  key: string;
  /** The matched code, offsets relative to the unit's source: the finding's evidence. */
  node: { start: number; end: number };
  /** What it is, as a message id and values (`message()` of src/classify/messages.ts). */
  message: MessageRef;
  /** The code that made the rule fire (a comparison, a call, a literal), offsets relative to the unit's source, inside `node`. */
  spans?: FindingSpan[];
  /** Evidence other than the matched code, its spans as offsets into `text`; `plain` when it is not code (kept as it is, not beautified). */
  evidence?: { text: string; spans?: FindingSpan[]; plain?: boolean };
  /** A literal (as written, quotes included) to find the finding's line in the beautified file. */
  anchor?: string;
  severity?: Severity;
  payloads?: DecodedPayload[];
  /** The facts that made the rule fire, as messages. */
  reasons: MessageRef[];
  /** Other categories the finding's chain touches (gates it depends on, look-alikes it outputs…). */
  chain?: Category[];
  /** Added to the rank within the severity. */
  score?: number;
  /**
   * A fact of the whole package rather than of this unit (an env var name, a URL, an id): when
   * this text is anywhere in the other version's code, the finding is neither new nor gone, even
   * if no changed unit there holds it.
   */
  packageWide?: string | string[];
}

export interface CodeRule {
  meta: CodeRuleMeta;
  match(context: CodeRuleContext): CodeMatch[];
}

export function defineCodeRule(rule: CodeRule): CodeRule {
  if (!/^[a-z][a-z0-9-]*$/.test(rule.meta.id)) throw new Error(`bad rule id ${rule.meta.id}`);
  return rule;
}
