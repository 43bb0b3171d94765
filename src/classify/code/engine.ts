// The code classifier: runs the code rules on the units a release changed, added or removed, and
// keeps what it introduced (a changed unit's findings minus those of its previous version, by
// fingerprint) and what it dropped. Findings that only moved (between units or files) cancel out.
import type { Category, CoverageNote, Finding, FindingSpan, Severity } from '../../types.js';
import { SEVERITIES } from '../../types.js';
import type { UnitPairing, UnitRef } from '../../diff/unit-diff.js';
import { findingFingerprint } from '../fingerprint.js';
import { renderMessage } from '../messages.js';
import { severityRank } from '../severity.js';
import { HOPS, leadingText, MAX_UNIT_CHARS, newBudget, SideIndex, type UnitHandle } from './context.js';
import { readableEvidence } from './evidence.js';
import { Locator } from './locate.js';
import type { CodeMatch, CodeRule, CodeRuleContext } from './rule.js';
import { CODE_RULES } from './rules/index.js';
import { unitTextShift } from '../../units/unit-text.js';
import type { CodeClassification, CodeSide } from './types.js';

/** Coverage notes kept per pair; the rest are counted. */
const MAX_NOTES = 200;
/** Units up to this size count as one piece of logic whose findings form a chain. */
const CHAIN_UNIT_CHARS = 16 * 1024;

/** A finding before it is placed: the engine fills in the line and the evidence only for what it reports. */
interface Draft {
  finding: Finding;
  match: CodeMatch;
  anchor?: string;
  handle: UnitHandle;
  packageWide?: string[];
}

export interface ClassifyCodeOptions {
  /** Throw when a rule throws (tests), instead of noting it and going on. */
  strict?: boolean;
}

/**
 * Runs the code rules on what changed between two versions (pairing from diffUnits). A finding is
 * introduced when the later side's changed or added units have its fingerprint and the earlier
 * side's changed or removed units do not; removed, the other way round. This is a changed unit's
 * findings minus those of its previous version, an added unit's findings, a removed unit's
 * findings, with code that moved (between units or files, or a unit split in two) cancelling out.
 */
export function classifyCode(
  before: CodeSide,
  after: CodeSide,
  pairing: UnitPairing,
  rules: readonly CodeRule[] = CODE_RULES,
  options: ClassifyCodeOptions = {},
): CodeClassification {
  const run = new Run(before, after, rules, options.strict ?? false);
  const old: Draft[] = [];
  const now: Draft[] = [];
  for (const [o, n] of pairing.changed) {
    old.push(...run.findings('before', o));
    now.push(...run.findings('after', n));
  }
  for (const ref of pairing.added) now.push(...run.findings('after', ref));
  for (const ref of pairing.removed) old.push(...run.findings('before', ref));

  // Package-wide facts are looked for in the whole other version, not only in its changed units.
  const seen = new Map<string, boolean>();
  const inOther = (d: Draft, other: CodeSide): boolean => {
    if (d.packageWide === undefined) return false;
    return d.packageWide.every((text) => {
      const key = `${other === before ? 'b' : 'a'}\0${text}`;
      let hit = seen.get(key);
      if (hit === undefined) seen.set(key, (hit = other.files.some((f) => f.source.includes(text))));
      return hit;
    });
  };
  const allOld = new Set(old.map((d) => d.finding.fingerprint));
  const oldPrints = new Set(old.filter((d) => !inOther(d, after)).map((d) => d.finding.fingerprint));
  const newPrints = new Set(now.map((d) => d.finding.fingerprint));
  const best = new Map<string, Draft>();
  for (const d of now) {
    const fp = d.finding.fingerprint;
    if (allOld.has(fp) || inOther(d, before)) continue;
    const prev = best.get(fp);
    if (!prev || (d.finding.score ?? 0) > (prev.finding.score ?? 0)) best.set(fp, d);
  }
  const introduced = [...best.values()].map((d) => run.place(d)).sort(byScore);
  const removed = [...oldPrints].filter((fp) => !newPrints.has(fp));
  const out: CodeClassification = { introduced, removed };
  if (run.notes.length > 0) out.notes = run.finishedNotes();
  return out;
}

function byScore(a: Finding, b: Finding): number {
  return (b.score ?? 0) - (a.score ?? 0) || a.ruleId.localeCompare(b.ruleId) || a.file.localeCompare(b.file) || (a.offset ?? 0) - (b.offset ?? 0);
}

class Run {
  private readonly sides: Record<'before' | 'after', SideIndex>;
  private readonly memo = new Map<string, Draft[]>();
  private readonly locators = new Map<string, Locator>();
  readonly notes: CoverageNote[] = [];
  private omitted = 0;

  constructor(
    private readonly before: CodeSide,
    private readonly after: CodeSide,
    private readonly rules: readonly CodeRule[],
    private readonly strict: boolean,
  ) {
    this.sides = { before: new SideIndex(before), after: new SideIndex(after) };
  }

  /** The findings of one unit of one side (computed once). */
  findings(side: 'before' | 'after', ref: UnitRef): Draft[] {
    const key = `${side}\0${ref.file}\0${ref.index}`;
    const cached = this.memo.get(key);
    if (cached) return cached;
    const out = this.compute(this.sides[side], ref);
    this.memo.set(key, out);
    return out;
  }

  private compute(index: SideIndex, ref: UnitRef): Draft[] {
    const h = index.handle(ref.file, ref.index);
    if (!h) return [];
    if (h.source.length > MAX_UNIT_CHARS) {
      this.note({ version: index.version, unit: h.label, kind: 'too-large', detail: String(h.source.length) });
      return [];
    }
    const analysis = index.analyze(h, HOPS, newBudget());
    if (!analysis) {
      this.note({ version: index.version, unit: h.label, kind: 'unparseable' });
      return [];
    }
    const context: CodeRuleContext = {
      analysis,
      source: h.source,
      unit: h.unit,
      file: h.file.path,
      fileSource: h.file.source,
      label: h.label,
      leading: leadingText(h),
      decoded: analysis.decode.own,
      decodedUses: (name) => index.decoderUses(h, name),
    };
    const matches: Array<{ rule: CodeRule; match: CodeMatch }> = [];
    for (const rule of this.rules) {
      let found: CodeMatch[];
      try {
        found = rule.match(context);
      } catch (error) {
        if (this.strict) throw error;
        // A rule that trips on odd code must not stop the others; the report says it happened.
        this.note({ version: index.version, unit: h.label, kind: 'rule-error', rule: rule.meta.id, detail: String((error as Error)?.message ?? error).slice(0, 200) });
        continue;
      }
      for (const match of found) {
        if (this.strict) checkMessages(rule, match);
        matches.push({ rule, match });
      }
    }
    if (analysis.truncated) this.note({ version: index.version, unit: h.label, kind: 'partial' });
    if (matches.length === 0) return [];
    // In a unit the size of a function, the categories of its other (not minor) findings join each
    // finding's chain; in a whole module they may well be unrelated.
    const unitCategories = new Set<Category>();
    if (h.source.length <= CHAIN_UNIT_CHARS) {
      for (const { rule, match } of matches) {
        if (severityRank(match.severity ?? rule.meta.severity) >= severityRank('medium')) unitCategories.add(rule.meta.category);
      }
    }
    return matches.map(({ rule, match }) => this.draft(h, rule, match, unitCategories));
  }

  private draft(h: UnitHandle, rule: CodeRule, match: CodeMatch, unitCategories: Set<Category>): Draft {
    const categories: Category[] = [rule.meta.category];
    for (const c of [...(match.chain ?? []), ...unitCategories]) if (!categories.includes(c)) categories.push(c);
    const base = match.severity ?? rule.meta.severity;
    const severity = raise(base, chainLength(categories));
    const payloads = match.payloads && match.payloads.length > 0 ? match.payloads : undefined;
    const score =
      severityRank(severity) * 100 + (rule.meta.weight ?? 0) + 5 * (categories.length - 1) + (payloads ? 5 : 0) + Math.min(20, match.score ?? 0);
    const finding: Finding = {
      ruleId: rule.meta.id,
      category: rule.meta.category,
      severity,
      from: this.before.version,
      to: this.after.version,
      file: h.file.path,
      line: null,
      message: renderMessage(match.message),
      messageId: match.message.messageId,
      values: match.message.values,
      evidence: '',
      fingerprint: findingFingerprint(rule.meta.id, match.key),
      unit: h.label,
      // Offsets in the unit's text, which for a declarator starts with its keyword.
      offset: h.unit.start + Math.max(0, match.node.start - unitTextShift(h.unit)),
      reasons: match.reasons.map(renderMessage),
      reasonRefs: match.reasons,
      categories,
      score,
    };
    if (payloads) finding.payloads = payloads;
    const draft: Draft = { finding, match, handle: h };
    if (match.packageWide) draft.packageWide = typeof match.packageWide === 'string' ? [match.packageWide] : match.packageWide;
    const anchor = match.anchor ?? defaultAnchor(h.source, match.node);
    if (anchor) draft.anchor = anchor;
    return draft;
  }

  private note(note: CoverageNote): void {
    if (this.notes.length < MAX_NOTES) this.notes.push(note);
    else this.omitted++;
  }

  finishedNotes(): CoverageNote[] {
    return this.omitted > 0 ? [...this.notes, { version: this.after.version, kind: 'omitted', detail: String(this.omitted) }] : this.notes;
  }

  /** Gives a reported finding its line in the beautified file and its evidence, readable. */
  place(d: Draft): Finding {
    const file = d.handle.file;
    let loc = this.locators.get(file.path);
    if (!loc) this.locators.set(file.path, (loc = new Locator(file.source, file.beautified)));
    d.finding.line = loc.line(d.anchor ?? d.handle.unit.declares[0], d.finding.offset ?? d.handle.unit.start);
    const { text, spans } = evidenceOf(d.handle.source, d.match);
    // The spans right after the evidence they index, in report.json too.
    const fields = Object.entries(d.finding).flatMap(([k, v]) => (k === 'evidence' ? [[k, text], ...(spans.length > 0 ? [['spans', spans]] : [])] : [[k, v]]));
    return Object.fromEntries(fields) as Finding;
  }
}

/**
 * How many distinct things a chain touches. Telemetry that carries machine facts is one thing
 * (what usage reporting is), not a chain of two.
 */
function chainLength(categories: readonly Category[]): number {
  return new Set(categories.map((c) => (c === 'host-fingerprint' ? 'telemetry' : c))).size;
}

/** A chain across categories raises the severity: one level for two categories, two for four. */
function raise(base: Severity, categories: number): Severity {
  if (severityRank(base) < severityRank('medium')) return base;
  let steps = 0;
  if (categories >= 2) steps++;
  if (categories >= 4) steps++;
  return SEVERITIES[Math.min(SEVERITIES.length - 1, severityRank(base) + steps)]!;
}

/** The matched code (or the rule's own evidence), readable, with the rule's spans in it. */
function evidenceOf(source: string, match: CodeMatch): { text: string; spans: FindingSpan[] } {
  if (match.evidence) return readableEvidence(match.evidence.text, match.evidence.spans, { plain: match.evidence.plain ?? false });
  const { start, end } = match.node;
  const spans = (match.spans ?? []).map((s) => ({ ...s, start: s.start - start, end: s.end - start }));
  return readableEvidence(source.slice(start, end), spans);
}

/** A rule uses the message ids it declares (tests run strict, so a slip fails there). */
function checkMessages(rule: CodeRule, match: CodeMatch): void {
  for (const ref of [match.message, ...match.reasons]) {
    if (!rule.meta.messages.includes(ref.messageId as never)) throw new Error(`${rule.meta.id} uses the message ${ref.messageId}, which it does not declare`);
  }
}

/** The longest string literal (as written) in the matched code: beautifying leaves it as it is. */
function defaultAnchor(source: string, node: { start: number; end: number }): string | undefined {
  const text = source.slice(node.start, Math.min(node.end, node.start + 20_000));
  let best: string | undefined;
  for (const m of text.matchAll(/"(?:[^"\\\n]|\\.){2,200}"|'(?:[^'\\\n]|\\.){2,200}'/g)) {
    if (!best || m[0].length > best.length) best = m[0];
  }
  return best;
}
