import { describe, expect, it } from 'vitest';
import { loadRuleDocs, parseRuleDoc } from '../../src/report/rule-docs.js';
import { artifactUri, buildSarif, renderSarif, SARIF_SCHEMA } from '../../src/report/reporters/sarif.js';
import type { Finding } from '../../src/types.js';
import { flagshipReport, syntheticReport } from './report-fixtures.js';
import { isRelativeReference, sarifProblems } from './sarif-check.js';

type Json = Record<string, any>;

function runOf(log: Json): Json {
  return log.runs[0];
}

describe('SARIF 2.1.0', () => {
  it('has the structure SARIF requires and code scanning reads', async () => {
    const { report } = flagshipReport();
    const docs = await loadRuleDocs(report.findings.map((f) => f.ruleId));
    const text = renderSarif(report, docs);
    const log = JSON.parse(text) as Json;
    expect(sarifProblems(log)).toEqual([]);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe(SARIF_SCHEMA);
    const run = runOf(log);
    expect(run.tool.driver.name).toBe('npm-strata');
    expect(run.tool.driver.version).toBe('0.1.0');
    expect(run.results).toHaveLength(report.findings.length);
    expect(run.invocations[0].commandLine).toBe(report.command);
    // Most severe first, like every other output.
    expect(run.results.map((r: Json) => r.level)).toEqual(['error', 'error', 'note']);
  });

  it('uses the rule id as the stable SARIF rule id, with a description and a level', async () => {
    const { report } = flagshipReport();
    const docs = await loadRuleDocs(['dependency-added']);
    const log = buildSarif(report, docs) as Json;
    const rules = runOf(log).tool.driver.rules as Json[];
    expect(rules.map((r) => r.id)).toEqual(['dependency-added', 'prompt-steganography', 'timezone-gate']);
    const dep = rules[0]!;
    // From docs/rules/dependency-added.md.
    expect(dep.fullDescription.text).toMatch(/dependenc/i);
    expect(dep.help.text).toContain('dependency-added');
    expect(dep.help.markdown).toContain('# dependency-added');
    expect(dep.defaultConfiguration.level).toBe('note');
    expect(dep.properties.tags).toContain('dependency-change');
    // Without a page, the rule is still described from its category and a finding.
    const tz = rules[2]!;
    expect(tz.shortDescription.text).toBeTruthy();
    expect(tz.fullDescription.text).toContain('geo-gating');
    expect(tz.defaultConfiguration.level).toBe('error');
    expect(tz.properties['security-severity']).toBe('8.0');
    expect(tz.name).toBe('TimezoneGate');
    // The same ids whatever the order of findings: rules are sorted.
    const shuffled = { ...report, findings: [...report.findings].reverse() };
    expect((runOf(buildSarif(shuffled) as Json).tool.driver.rules as Json[]).map((r) => r.id)).toEqual(rules.map((r) => r.id));
  });

  it('gives every result a physical location: URI, line, original offset', () => {
    const { report } = flagshipReport();
    const run = runOf(buildSarif(report) as Json);
    const geo = run.results.find((r: Json) => r.ruleId === 'timezone-gate');
    const loc = geo.locations[0];
    expect(loc.physicalLocation.artifactLocation).toEqual({ uri: 'cli.js', uriBaseId: 'PACKAGE_ROOT' });
    expect(loc.physicalLocation.region).toEqual({ startLine: 412_877, charOffset: 9_876_543 });
    expect(loc.logicalLocations[0].fullyQualifiedName).toBe('cli.js § function isCN #18211');
    expect(geo.partialFingerprints['strataFingerprint/v1']).toBe('f1a9c3b2d4e5f60718293a4b');
    expect(geo.message.text).toContain('reads the system time zone');
    expect(geo.message.text).toContain('2.1.91');
    // Decoded payloads, reasons and the lifecycle travel in the properties.
    expect(geo.properties.payloads[0].list).toEqual(['deepseek', 'moonshot', 'zhipu', 'minimax', 'baichuan']);
    expect(geo.properties.reasons).toHaveLength(2);
    expect(geo.properties.lifecycle).toEqual({ introducedIn: '2.1.91', removedIn: '2.1.95', presentIn: ['2.1.91', '2.1.92', '2.1.94'] });
    expect(geo.properties.tarball.integrity).toMatch(/^sha512-/);
  });

  it('says so when a finding has no line, and makes embedded module paths valid URIs', () => {
    const { report } = flagshipReport();
    const extra: Finding = {
      ...report.findings[0]!,
      ruleId: 'beacon-url',
      file: 'linux-x64:/$bunfs/root/src/entry points/cli#1.js',
      line: null,
      offset: undefined,
      fingerprint: 'x1',
    };
    delete extra.offset;
    const log = buildSarif({ ...report, findings: [...report.findings, extra] }) as Json;
    expect(sarifProblems(log)).toEqual([]);
    const res = runOf(log).results.find((r: Json) => r.ruleId === 'beacon-url');
    const pl = res.locations[0].physicalLocation;
    expect(pl.region).toEqual({ startLine: 1 });
    expect(res.locations[0].properties.lineUnknown).toMatch(/not tied to a line/);
    expect(pl.artifactLocation.uri).toBe('linux-x64%3A/%24bunfs/root/src/entry%20points/cli%231.js');
    expect(res.locations[0].properties.path).toBe('linux-x64:/$bunfs/root/src/entry points/cli#1.js');
    expect(decodeURIComponent(pl.artifactLocation.uri)).toBe(extra.file);
  });

  it('percent-encodes hostile paths into relative references that cannot climb', () => {
    const cases = ['../../etc/passwd', '/abs/path.js', 'a/./b.js', 'C:\\win\\x.js', 'lib/<script>alert(1)</script>.js', 'ünï/cøde.js', 'javascript:alert(1)', '', "it's (x)*.js", 'a//b.js'];
    for (const c of cases) {
      const uri = artifactUri(c);
      expect(isRelativeReference(uri), `${c} → ${uri}`).toBe(true);
    }
    expect(artifactUri('../../etc/passwd')).toBe('%2E%2E/%2E%2E/etc/passwd');
    expect(artifactUri('lib/<script>.js')).toBe('lib/%3Cscript%3E.js');
  });

  it('stays valid for a large synthetic range with hostile text', () => {
    const { report } = syntheticReport({ versions: 40, findings: 120, hostile: '<script>alert(1)</script>"\u202E' });
    const log = JSON.parse(renderSarif(report)) as Json;
    expect(sarifProblems(log)).toEqual([]);
    expect(runOf(log).results).toHaveLength(120);
  });

  it('an empty report is a valid log with no results', () => {
    const { report } = flagshipReport();
    const log = buildSarif({ ...report, findings: [], lifecycle: [] }) as Json;
    expect(sarifProblems(log)).toEqual([]);
    expect(runOf(log).results).toEqual([]);
    expect(runOf(log).tool.driver.rules).toEqual([]);
  });

  it('the checker itself catches what is missing', () => {
    expect(sarifProblems({ version: '2.0.0', runs: [] })).toEqual(expect.arrayContaining([expect.stringMatching(/version/), expect.stringMatching(/runs/)]));
    const bad = { version: '2.1.0', $schema: SARIF_SCHEMA, runs: [{ tool: { driver: { name: 'x', rules: [{ id: 'a' }] } }, results: [{ ruleId: 'b', message: {}, locations: [] }] }] };
    expect(sarifProblems(bad).join('\n')).toMatch(/no rule b[\s\S]*message\.text[\s\S]*locations/);
  });
});

describe('rule docs', () => {
  it('reads what a rule matches and why it matters from its page', () => {
    const doc = parseRuleDoc('x', '# x\n\n- Category: `a`\n\n## What it matches\n\nA release that adds `postinstall`\nscripts.\n\n## Why it matters\n\nnpm runs [them](https://x).\n');
    expect(doc.summary).toBe('A release that adds postinstall scripts.');
    expect(doc.why).toBe('npm runs them.');
  });

  it('ignores rule ids that are not plain names', async () => {
    const docs = await loadRuleDocs(['../../package', 'install-script', 'no-such-rule']);
    expect([...docs.keys()]).toEqual(['install-script']);
  });
});
