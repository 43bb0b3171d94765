import { SEVERITIES, type Severity } from '../types.js';

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export function isSeverity(s: string): s is Severity {
  return (SEVERITIES as readonly string[]).includes(s);
}

/** Most severe first, then the highest ranked (score), then by rule id and file, so output order is stable. */
export function compareFindings(
  a: { severity: Severity; ruleId: string; file: string; line: number | null; score?: number },
  b: typeof a,
): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    (b.score ?? 0) - (a.score ?? 0) ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.file.localeCompare(b.file) ||
    (a.line ?? 0) - (b.line ?? 0)
  );
}
