// Assembles the report document from what the pipeline produced.
import { buildLifecycles } from '../classify/lifecycle.js';
import { compareFindings } from '../classify/severity.js';
import { SCHEMA_VERSION, type Report, type ReportPair, type ReportVersion } from '../report/model.js';
import { SEVERITIES, type Severity } from '../types.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import type { PairsResult } from './run-pairs.js';
import type { Side } from './sides.js';

export interface ReportHeader {
  package: string;
  range: string;
  command: string;
  order: 'semver' | 'published';
  registry: string | null;
  outOfOrder?: Set<string>;
}

export function buildReport(header: ReportHeader, sides: Side[], result: PairsResult): Report {
  const versions: ReportVersion[] = sides.map((side, i) => {
    const v: ReportVersion = { ...side.info, files: result.files[i] ?? [] };
    if (header.outOfOrder?.has(side.info.version)) v.outOfOrder = true;
    return v;
  });
  const pairs: ReportPair[] = result.diffs.map((d, i) => ({
    from: d.from,
    to: d.to,
    stats: d.stats,
    files: d.files.map(({ path, status, linesAdded, linesRemoved, omitted, strings }) => ({
      path,
      status,
      linesAdded,
      linesRemoved,
      ...(omitted ? { omitted } : {}),
      ...(strings ? { strings } : {}),
    })),
    findings: result.classifications[i]!.introduced,
  }));
  const findings = pairs.flatMap((p) => p.findings).sort(compareFindings);
  const findingsBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) findingsBySeverity[f.severity] += 1;
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    package: header.package,
    range: header.range,
    generatedAt: new Date().toISOString(),
    command: header.command,
    order: header.order,
    registry: header.registry,
    versions,
    pairs,
    findings,
    lifecycle: buildLifecycles(sides.map((s) => s.label), result.baseline, result.classifications),
    summary: {
      versions: versions.length,
      pairs: pairs.length,
      linesAdded: pairs.reduce((n, p) => n + p.stats.linesAdded, 0),
      linesRemoved: pairs.reduce((n, p) => n + p.stats.linesRemoved, 0),
      findingsBySeverity,
    },
  };
}
