// The report document. Field names are stable (schemaVersion 1): add freely, rename never.
import type { CoverageNote, Finding, Lifecycle, NativeProvenance, PairStats, PayloadFile, FileStatus, VersionInfo, Severity, StringChange } from '../types.js';

export const SCHEMA_VERSION = 1 as const;

export interface ReportVersion extends VersionInfo {
  files: PayloadFile[];
  /** Executables read for this version and the platform package its code was followed into. */
  native?: NativeProvenance;
  /** Analysed in a different order than publish order (published before an earlier semver). */
  outOfOrder?: boolean;
  /** Where this version's code lives; a change from the previous version is a packaging change. */
  packaging: Packaging;
  /** Versions between the previous one and this one that are missing from the registry (a patch or minor skipped). */
  gapBefore?: string;
  /**
   * Set when the version could not be analysed, with the reason on one line (a tarball refused,
   * an integrity mismatch, …): it is in no pair, and the pair around it says it was skipped.
   */
  error?: string;
  /** The code of that error (ESTRATA_INTEGRITY, ESTRATA_UNSAFE_TARBALL, …), for tools that sort them. */
  errorCode?: string;
}

export interface Packaging {
  /** `package`: JavaScript files of the package; `executable`: inside a native executable of the package; `platform-package`: followed into a platform package. */
  code: 'package' | 'executable' | 'platform-package' | 'none';
  /** Payload format of the executable (bun, node-sea, pkg, nexe, deno), when there is one. */
  format?: string;
  /** Analysed JavaScript files (embedded modules included). */
  jsFiles: number;
  /** Code split into many chunk files (more than 20 JavaScript files whose names look like content hashes). */
  codeSplit: boolean;
}

export interface ReportFileDiff {
  path: string;
  status: FileStatus;
  linesAdded: number;
  linesRemoved: number;
  omitted?: string;
  /** Long texts changed inside units, diffed by word. */
  strings?: StringChange[];
  /** Changes of bundled third-party packages in this file, by package (counted in the file's lines). */
  libraries?: { name: string; linesAdded: number; linesRemoved: number }[];
}

export interface ReportPair {
  from: string;
  to: string;
  stats: PairStats;
  files: ReportFileDiff[];
  findings: Finding[];
  /** Code the classifier could not (fully) read in this pair: units too large or unparseable, rules that threw. */
  coverage?: CoverageNote[];
  /** Relative path of the pair page inside the report folder, when HTML was written. */
  page?: string;
  /** Versions between `from` and `to` that could not be analysed: this pair's changes include theirs. */
  skipped?: string[];
  /** Set when this pair could not be diffed or classified, with the reason: it has no files nor findings. */
  error?: string;
}

export interface Report {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: string; version: string };
  package: string;
  range: string;
  generatedAt: string;
  /** The command line that reproduces this report. */
  command: string;
  order: 'semver' | 'published';
  registry: string | null;
  versions: ReportVersion[];
  pairs: ReportPair[];
  findings: Finding[];
  lifecycle: Lifecycle[];
  summary: {
    versions: number;
    pairs: number;
    linesAdded: number;
    linesRemoved: number;
    findingsBySeverity: Record<Severity, number>;
    /** Versions that could not be analysed (each has `error`); always written by strata. */
    versionsFailed?: number;
  };
}
