// SARIF 2.1.0 for code scanning. One run; one rule per rule id (stable: the rule id is the
// SARIF id), described from docs/rules/<id>.md when the page exists; one result per finding,
// each with a physical location. Paths from packages can hold anything (`linux-x64:/$bunfs/root/
// cli.js` for a module inside an executable): the artifact URI is the path percent-encoded as a
// relative reference, and the path as written is kept in the location's properties. Every text
// in the log has its control characters escaped (tab and newline kept): code scanning UIs and
// terminals show these strings, and they come from packages.
import { compareFindings, severityRank } from '../../classify/severity.js';
import type { Finding, Severity } from '../../types.js';
import { lifecycleOfFinding } from '../facts.js';
import type { Report } from '../model.js';
import type { RuleDoc } from '../rule-docs.js';
import { coverageWords } from '../coverage.js';
import { escapeControls } from '../../text/control-chars.js';

export const SARIF_VERSION = '2.1.0' as const;
export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** The base the artifact URIs are relative to: the files of the package as published. */
export const SARIF_URI_BASE = 'PACKAGE_ROOT';

type Level = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, Level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

/** GitHub code scanning reads `security-severity` (0.1–10) to rank security results. */
const SECURITY_SEVERITY: Record<Severity, string | undefined> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: undefined };

/**
 * A package path as a relative URI reference: every segment percent-encoded (so `linux-x64:`
 * is not a scheme, `$`, `%`, spaces and `#` cannot change the meaning), dot segments encoded so
 * they cannot climb, and no leading slash.
 */
export function artifactUri(filePath: string): string {
  const segments = filePath.split('/');
  while (segments.length > 1 && segments[0] === '') segments.shift();
  return segments
    .map((s) => (s === '.' ? '%2E' : s === '..' ? '%2E%2E' : encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)))
    .join('/');
}

/** `timezone-gate` → `TimezoneGate`: SARIF's rule `name` is an identifier-like word. */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('') || 'Rule';
}

interface RuleInfo {
  id: string;
  category: string;
  /** The highest severity seen for the rule: its default level. */
  severity: Severity;
  /** A message of one of its findings, as a fallback description. */
  example: string;
}

function rulesOf(findings: readonly Finding[]): RuleInfo[] {
  const rules = new Map<string, RuleInfo>();
  for (const f of findings) {
    const r = rules.get(f.ruleId);
    if (!r) rules.set(f.ruleId, { id: f.ruleId, category: f.category, severity: f.severity, example: f.message });
    else if (severityRank(f.severity) > severityRank(r.severity)) r.severity = f.severity;
  }
  return [...rules.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function sarifRule(r: RuleInfo, doc: RuleDoc | undefined): Record<string, unknown> {
  const short = doc?.summary ?? `${r.category}: ${r.id}`;
  const full = [doc?.summary, doc?.why].filter(Boolean).join(' ') || `Reported by npm-strata rule ${r.id} (category ${r.category}), for example: ${r.example}`;
  const help = `${full}\nRule ${r.id}, category ${r.category}. npm-strata reports what a release added compared with the version before it.`;
  const properties: Record<string, unknown> = { category: r.category, tags: ['security', 'supply-chain', r.category] };
  const sec = SECURITY_SEVERITY[r.severity];
  if (sec) properties['security-severity'] = sec;
  const rule: Record<string, unknown> = {
    id: r.id,
    name: ruleName(r.id),
    shortDescription: { text: firstSentence(short) },
    fullDescription: { text: full },
    help: doc?.markdown ? { text: help, markdown: doc.markdown } : { text: help },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties,
  };
  return rule;
}

function firstSentence(s: string): string {
  const m = /^(.{1,200}?[.!?])(\s|$)/.exec(s);
  return m ? m[1]! : s.slice(0, 200);
}

function messageText(f: Finding): string {
  const span = f.from === null ? `in ${f.to}` : `added in ${f.to} (compared with ${f.from})`;
  return `${f.message} [${f.severity}, ${f.category}; ${span}]`;
}

function result(report: Report, f: Finding, ruleIndex: number): Record<string, unknown> {
  const region: Record<string, unknown> = { startLine: f.line !== null && Number.isInteger(f.line) && f.line >= 1 ? f.line : 1 };
  if (f.offset !== undefined && Number.isInteger(f.offset) && f.offset >= 0) region.charOffset = f.offset;
  const locationProps: Record<string, unknown> = {
    path: f.file,
    lineIn: f.file === 'package.json' ? 'pretty-printed package.json' : 'beautified text',
  };
  if (f.line === null) locationProps.lineUnknown = 'the finding is not tied to a line; startLine 1 stands for the file';
  if (region.charOffset !== undefined) locationProps.charOffsetIn = 'the file as published (before beautifying)';
  const physicalLocation: Record<string, unknown> = {
    artifactLocation: { uri: artifactUri(f.file), uriBaseId: SARIF_URI_BASE },
    region,
  };
  const location: Record<string, unknown> = { physicalLocation, properties: locationProps };
  if (f.unit) location.logicalLocations = [{ fullyQualifiedName: f.unit, kind: 'function' }];
  const life = lifecycleOfFinding(report, f);
  const properties: Record<string, unknown> = {
    severity: f.severity,
    category: f.category,
    package: report.package,
    from: f.from,
    to: f.to,
    fingerprint: f.fingerprint,
  };
  if (f.categories) properties.categories = f.categories;
  // The message as data, for tools that word it themselves.
  if (f.messageId) properties.messageId = f.messageId;
  if (f.values) properties.values = f.values;
  if (f.reasons) properties.reasons = f.reasons;
  if (f.payloads) properties.payloads = f.payloads;
  if (f.decoded) properties.decoded = f.decoded;
  if (f.unit) properties.unit = f.unit;
  properties.evidence = f.evidence;
  if (f.score !== undefined) properties.score = f.score;
  if (life) properties.lifecycle = { introducedIn: life.introducedIn, removedIn: life.removedIn, presentIn: life.presentIn };
  const version = report.versions.find((v) => v.version === f.to);
  if (version) properties.tarball = { url: version.tarball, integrity: version.integrity, shasum: version.shasum };
  const sec = SECURITY_SEVERITY[f.severity];
  if (sec) properties['security-severity'] = sec;
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: messageText(f) },
    locations: [location],
    partialFingerprints: { 'strataFingerprint/v1': f.fingerprint },
    properties,
  };
}

/** The run's invocation, with what the classifier could not read as notifications (SARIF §3.20.21). */
function invocation(report: Report): Record<string, unknown> {
  const inv: Record<string, unknown> = { executionSuccessful: true, commandLine: report.command, endTimeUtc: report.generatedAt };
  const notes = report.pairs.flatMap((p) => (p.coverage ?? []).map((n) => ({ pair: p, n })));
  if (notes.length > 0) {
    inv.toolExecutionNotifications = notes.slice(0, 1000).map(({ pair, n }) => ({
      level: n.kind === 'rule-error' ? 'error' : 'warning',
      message: { text: `${pair.from} → ${pair.to}: ${coverageWords(n)}` },
      ...(n.rule ? { associatedRule: { id: n.rule } } : {}),
      properties: { kind: n.kind },
    }));
  }
  return inv;
}

/** The SARIF log of a report, as a JSON value. */
export function buildSarif(report: Report, ruleDocs: ReadonlyMap<string, RuleDoc> = new Map()): Record<string, unknown> {
  const findings = [...report.findings].sort(compareFindings);
  const rules = rulesOf(findings);
  const indexOf = new Map(rules.map((r, i) => [r.id, i]));
  const run: Record<string, unknown> = {
    tool: {
      driver: {
        name: report.tool.name,
        version: report.tool.version,
        semanticVersion: report.tool.version,
        informationUri: 'https://www.npmjs.com/package/npm-strata',
        rules: rules.map((r) => sarifRule(r, ruleDocs.get(r.id))),
      },
    },
    automationDetails: { id: `npm-strata/${report.package}/${report.range}/` },
    originalUriBaseIds: {
      [SARIF_URI_BASE]: { description: { text: `The files of ${report.package} as published in its tarballs (the path inside the package, without "package/").` } },
    },
    invocations: [invocation(report)],
    results: findings.map((f) => result(report, f, indexOf.get(f.ruleId)!)),
    columnKind: 'utf16CodeUnits',
    properties: {
      package: report.package,
      range: report.range,
      registry: report.registry,
      versions: report.versions.map((v) => ({ version: v.version, publishedAt: v.publishedAt, integrity: v.integrity, tarball: v.tarball })),
    },
  };
  return escapeTexts({ $schema: SARIF_SCHEMA, version: SARIF_VERSION, runs: [run] }) as Record<string, unknown>;
}

/** Every string in a JSON value, keys too, with its control characters escaped. */
function escapeTexts(value: unknown): unknown {
  if (typeof value === 'string') return escapeControls(value, { multiline: true });
  if (Array.isArray(value)) return value.map(escapeTexts);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [escapeControls(k, { multiline: true }), escapeTexts(v)]));
  }
  return value;
}

export function renderSarif(report: Report, ruleDocs?: ReadonlyMap<string, RuleDoc>): string {
  return `${JSON.stringify(buildSarif(report, ruleDocs), null, 2)}\n`;
}
