// The report document. Field names are stable (schemaVersion 1): add freely, rename never.
import type { Finding, Lifecycle, PairStats, PayloadFile, FileStatus, VersionInfo, Severity, StringChange } from '../types.js';

export const SCHEMA_VERSION = 1 as const;

export interface ReportVersion extends VersionInfo {
  files: PayloadFile[];
  /** Analysed in a different order than publish order (published before an earlier semver). */
  outOfOrder?: boolean;
}

export interface ReportFileDiff {
  path: string;
  status: FileStatus;
  linesAdded: number;
  linesRemoved: number;
  omitted?: string;
  /** Long texts changed inside units, diffed by word. */
  strings?: StringChange[];
}

export interface ReportPair {
  from: string;
  to: string;
  stats: PairStats;
  files: ReportFileDiff[];
  findings: Finding[];
  /** Relative path of the pair page inside the report folder, when HTML was written. */
  page?: string;
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
  };
}
