// Data that flows between the pipeline stages. Everything here is plain data (JSON-safe),
// so it can be cached, sent to worker threads and written into report.json as it is.

export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

export type Category =
  | 'geo-gating'
  | 'environment-probe'
  | 'host-fingerprint'
  | 'telemetry'
  | 'exfiltration'
  | 'credential-access'
  | 'obfuscation'
  | 'dynamic-execution'
  | 'hidden-unicode'
  | 'steganography'
  | 'install-lifecycle'
  | 'dependency-change'
  | 'sabotage'
  | 'packaging';

/** One published version as the registry describes it. */
export interface VersionInfo {
  version: string;
  /** ISO time from the packument's `time` map; null for local sides (folders, .tgz files). */
  publishedAt: string | null;
  integrity: string | null;
  shasum: string | null;
  tarball: string | null;
  publisher?: string;
  deprecated?: string;
  /** Registry attestations (provenance) when the packument lists them. */
  provenance?: { url: string; predicateType?: string };
}

export type FileKind = 'manifest' | 'js' | 'other';

/** One file of a version, with what the pipeline did with it. */
export interface PayloadFile {
  /** Path inside the package, without the leading `package/`. */
  path: string;
  size: number;
  sha256: string;
  kind: FileKind;
  /** Set when the file is listed but not analysed, with the reason. */
  skipped?: string;
  /** Set when the file was analysed in a reduced form, with the reason (beautified flat). */
  note?: string;
  /** For a module taken out of a native executable: where it was found. */
  embedded?: EmbeddedOrigin;
}

/** Where an embedded module sits: the executable (path in its package) and the byte offset of its text. */
export interface EmbeddedOrigin {
  binary: string;
  offset: number;
  /** The module's own name inside the executable, e.g. `/$bunfs/root/src/entrypoints/cli.js`. */
  module: string;
}

/** One native executable of a version and what was found inside it. */
export interface NativeBinary {
  /** Path inside its package (`platform:path` for a platform package's file). */
  path: string;
  size: number;
  sha256: string;
  container?: string;
  format?: string;
  /** The layout variant that validated, in words. */
  layout?: string;
  modules?: number;
  notes?: string[];
  /** "payload not extractable: <reason>", when a payload was recognised but could not be read. */
  error?: string;
}

/**
 * The provenance of code that lives outside the package's own files: the platform package it was
 * fetched from (when the package is a stub that installs one) and the executables read.
 */
export interface NativeProvenance {
  /** `os-cpu[-libc]`, as chosen with --platform; null for executables in the package itself. */
  platform: string | null;
  /** The platform package, when the code was followed into one. */
  package?: { name: string; version: string; integrity: string | null; tarball: string | null };
  binaries: NativeBinary[];
  /** Why the platform package could not be followed, when it could not. */
  error?: string;
}

/** The analysed files of one version; `text` holds contents of the analysed ones. */
export interface Payload {
  files: PayloadFile[];
  /** path → text, for analysed files only (manifest and js). */
  text: Map<string, string>;
  /** Set when the version's code was (also) found inside native executables. */
  native?: NativeProvenance;
}

export type FileStatus = 'added' | 'removed' | 'modified';

/** A long text (prompt, message) that changed inside a matched unit, diffed by word. */
export interface StringChange {
  /** Which unit it is in (file, kind, name). */
  unit: string;
  before: string;
  after: string;
  words: Array<{ value: string; added?: true; removed?: true }>;
}

/** The changes of one bundled third-party package in a file, kept apart from the product's. */
export interface LibraryFileDiff {
  name: string;
  linesAdded: number;
  linesRemoved: number;
  unified?: string;
  omitted?: string;
}

export interface FileDiff {
  path: string;
  status: FileStatus;
  /** All changed lines of the file: product code and bundled packages. */
  linesAdded: number;
  linesRemoved: number;
  /** Changes of bundled third-party packages, by package (their text is not in `unified`). */
  libraries?: LibraryFileDiff[];
  /** Unified diff text (git style) for diff2html; omitted when larger than the render limit. */
  unified?: string;
  /** Why the unified text was left out (for example its size). */
  omitted?: string;
  /** Long texts changed inside units of this file, diffed by word. */
  strings?: StringChange[];
}

/** How the units (modules, functions, statements) of two versions' JavaScript relate. */
export interface UnitStats {
  /** Pairs of units found in both versions (exact, by anchor or by similarity). */
  matched: number;
  /** Matched units whose only difference is names: hidden, counted. */
  renamedOnly: number;
  /** Matched units whose order relative to the others changed: hidden, counted. */
  moved: number;
  /** Matched units with real edits: shown. */
  changed: number;
  added: number;
  removed: number;
  /** Units added as one more copy of code the old version has too: hidden, counted. */
  copiesAdded: number;
  /** One of several identical copies dropped, the code still there: hidden, counted. */
  copiesRemoved: number;
}

/** A pair at library level: which bundled packages came, went or changed, and how much of the change is the product's own code. */
export interface LibraryChurn {
  /** Packages only the later version bundles. */
  added: string[];
  /** Packages only the earlier version bundles. */
  removed: string[];
  /** Packages both bundle whose code changed. */
  changed: string[];
  /** Changed lines of code not attributed to a package: the product's. */
  product: { linesAdded: number; linesRemoved: number };
  /** Changed lines of bundled packages, in all. */
  packages: { linesAdded: number; linesRemoved: number };
}

export interface PairStats {
  filesChanged: number;
  /** Lines changed as strata shows them (identifier-insensitive unless --raw). */
  linesAdded: number;
  linesRemoved: number;
  /** A plain line diff of the beautified files, for comparison. */
  naive?: { linesAdded: number; linesRemoved: number };
  units?: UnitStats;
  /** Set when either version bundles identified third-party packages. */
  libraries?: LibraryChurn;
}

export interface PairDiff {
  from: string;
  to: string;
  stats: PairStats;
  files: FileDiff[];
}

export interface FindingLocation {
  file: string;
  /** 1-based line in the beautified (or, for package.json, the pretty-printed) text; null when not tied to a line. */
  line: number | null;
}

/**
 * Code the classifier could not (fully) read in a pair: what a reader of the findings must know
 * was not looked at. Data; reporters word it (report/coverage.ts).
 */
export interface CoverageNote {
  /** The side (version label) the note is about. */
  version: string;
  /** `file § kind name #index`, when about one unit. */
  unit?: string;
  kind: 'too-large' | 'unparseable' | 'partial' | 'rule-error' | 'omitted';
  /** The rule that threw (rule-error). */
  rule?: string;
  /** The unit's size in characters (too-large), the error (rule-error), how many more notes (omitted). */
  detail?: string;
}

/** A value a finding's message is worded from: JSON-safe. */
export type MessageValue = string | number | boolean | string[] | number[];
export type MessageValues = { readonly [name: string]: MessageValue };

/** A message as data: its id in the catalogue (src/classify/messages.ts) and its values. */
export interface MessageRef {
  messageId: string;
  values: MessageValues;
}

/** Code that made a rule fire: offsets into the finding's `evidence`, and what it is to the rule. */
export interface FindingSpan {
  start: number;
  end: number;
  /** `comparison`, `call`, `literal`, `condition`… */
  role?: string;
}

/**
 * A finding is data: `messageId` and `values` say what it is, `spans` which code made the rule
 * fire. `message` and `reasons` are their default wording, rendered once from the catalogue where
 * the finding is built, so every report format says the same.
 */
export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  from: string | null;
  to: string;
  file: string;
  line: number | null;
  message: string;
  /** Set by the classifier; absent in findings written before messages had ids. */
  messageId?: string;
  values?: MessageValues;
  /** The code, beautified (or the manifest text), as the reporters show it. */
  evidence: string;
  /** The code that made the rule fire, as offsets into `evidence`; absent when the finding points at no code. */
  spans?: FindingSpan[];
  decoded?: string[];
  fingerprint: string;
  /** For code findings: the unit it is in (`file § kind name #index`). */
  unit?: string;
  /** Character offset in the file as published (before beautifying). */
  offset?: number;
  /** Encoded literals the rule decoded, shown in full. */
  payloads?: DecodedPayload[];
  /** Why it was flagged: the facts that made the rule fire, in words. */
  reasons?: string[];
  /** `reasons` as data, in the same order. */
  reasonRefs?: MessageRef[];
  /** Every category the finding's chain touches (its own first). */
  categories?: Category[];
  /** Rank within its pair: higher is more worth a reader's attention. */
  score?: number;
}

/** An encoded literal and what it decodes to. */
export interface DecodedPayload {
  /** How it was decoded, e.g. ["base64", "xor:0x5b", "split:\",\""]. */
  steps: string[];
  text: string;
  list?: string[];
}

export interface Lifecycle {
  fingerprint: string;
  ruleId: string;
  category: Category;
  severity: Severity;
  /** null when present in the first analysed version (introduced before the range). */
  introducedIn: string | null;
  /** null when still present in the last analysed version. */
  removedIn: string | null;
  presentIn: string[];
}
