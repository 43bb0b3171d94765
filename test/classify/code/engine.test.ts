// The code classifier's engine: which findings count as introduced or removed, dedupe, the hops
// followed between units, bounds, and rules that fail.
import { describe, expect, it } from 'vitest';
import { classifyCode, defineCodeRule, type CodeRule } from '../../../src/classify/index.js';
import timezoneGate from '../../../src/classify/code/rules/timezone-gate.js';
import { extractUnits } from '../../../src/units/extract-units.js';
import { classifySources } from '../../helpers/code-rule-tester.js';

const OLD = 'function a0(n){return n+1}function b0(n){return a0(n)*2}';
const TZ = 'Intl.DateTimeFormat().resolvedOptions().timeZone';

describe('classifyCode', () => {
  it('reports a removed unit’s findings as removed fingerprints', async () => {
    const code = `function z(){return ${TZ}==="Asia/Shanghai"}`;
    const added = await classifySources(OLD, OLD + code, [timezoneGate]);
    const dropped = await classifySources(OLD + code, OLD, [timezoneGate]);
    expect(added.introduced).toHaveLength(1);
    expect(dropped.introduced).toEqual([]);
    expect(dropped.removed).toEqual([added.introduced[0]!.fingerprint]);
  });

  it('keeps one finding per fingerprint (the same code added twice)', async () => {
    const code = `function z(){return ${TZ}==="Asia/Shanghai"}function y(){return ${TZ}==="Asia/Shanghai"}`;
    const { introduced } = await classifySources(OLD, OLD + code, [timezoneGate]);
    expect(introduced).toHaveLength(1);
  });

  it('a finding already present elsewhere in the changed code is not introduced again', async () => {
    const code = `function z(){return ${TZ}==="Asia/Shanghai"}`;
    const before = OLD + code;
    const after = OLD.replace('n+1', 'n+2') + code.replace('z()', 'z(){return 1}function w()');
    const { introduced } = await classifySources(before, after, [timezoneGate]);
    expect(introduced).toEqual([]);
  });

  it('an edit elsewhere in the unit keeps the fingerprint', async () => {
    const before = `function z(q){let t=${TZ};if(q)console.log("a");return t==="Asia/Shanghai"||t==="Asia/Urumqi"}`;
    const after = `function z(q){let t=${TZ};if(q)console.log("b",q.length);return t==="Asia/Shanghai"||t==="Asia/Urumqi"}`;
    const { introduced, removed, pairing } = await classifySources(OLD + before, OLD + after, [timezoneGate]);
    expect(pairing.changed).toHaveLength(1);
    expect(introduced).toEqual([]);
    expect(removed).toEqual([]);
  });

  it('follows values two hops away, not three', async () => {
    const read = `function r(){return ${TZ}}`;
    const gate = 'function g(){var t=h();return t==="Asia/Shanghai"||t==="Asia/Urumqi"}';
    const two = await classifySources(OLD, OLD + read + 'function h(){return r()}' + gate, [timezoneGate]);
    expect(two.introduced[0]).toMatchObject({ ruleId: 'timezone-gate', severity: 'high' });
    // With the read three hops away the zones are still compared, but the source is out of reach.
    const three = await classifySources(OLD, OLD + read + 'function s(){return r()}function h(){return s()}' + gate, [timezoneGate]);
    expect(three.introduced[0]).toMatchObject({ ruleId: 'timezone-gate', severity: 'medium' });
  });

  it('notes units too large to analyse instead of failing', () => {
    const big = `var big="${'a'.repeat(1_100_000)}";function z(){return ${TZ}==="Asia/Shanghai"}`;
    const units = extractUnits('cli.js', big);
    const result = classifyCode(
      { version: '1', files: [] },
      { version: '2', files: [{ path: 'cli.js', source: big, units }] },
      { changed: [], added: units.units.map((u) => ({ file: 'cli.js', index: u.index })), removed: [] },
    );
    expect(result.notes).toContainEqual(expect.objectContaining({ version: '2', kind: 'too-large', detail: String(units.units[0]!.end - units.units[0]!.start) }));
    expect(result.introduced.map((f) => f.ruleId)).toEqual(['timezone-gate']);
  });

  it('a rule that throws does not stop the others', async () => {
    const broken: CodeRule = defineCodeRule({
      meta: { id: 'broken', category: 'telemetry', severity: 'low', description: 'throws', messages: [] },
      match() {
        throw new Error('boom');
      },
    });
    const after = OLD + `function z(){return ${TZ}==="Asia/Shanghai"}`;
    // In tests (strict) a throwing rule is an error …
    await expect(classifySources(OLD, after, [broken, timezoneGate])).rejects.toThrow('boom');
    // … in an audit the other rules run and the report says which rule failed where.
    const units = extractUnits('cli.js', after);
    const before = extractUnits('cli.js', OLD);
    const result = classifyCode(
      { version: '1', files: [{ path: 'cli.js', source: OLD, units: before }] },
      { version: '2', files: [{ path: 'cli.js', source: after, units }] },
      { changed: [], added: units.units.map((u) => ({ file: 'cli.js', index: u.index })), removed: [] },
      [broken, timezoneGate],
    );
    expect(result.introduced.map((f) => f.ruleId)).toEqual(['timezone-gate']);
    expect(result.notes).toContainEqual(expect.objectContaining({ version: '2', kind: 'rule-error', rule: 'broken', detail: 'boom' }));
  });

  it('several categories in one unit raise the severity', async () => {
    const code = `function z(){let u=new URL(process.env.API_BASE_URL).hostname;return {cn:${TZ}==="Asia/Shanghai",lab:["api.deepseek.com","api.moonshot.cn"].includes(u)}}`;
    const { introduced } = await classifySources(OLD, OLD + code);
    const tz = introduced.find((f) => f.ruleId === 'timezone-gate');
    expect(tz?.categories).toEqual(['geo-gating', 'environment-probe']);
    expect(tz?.severity).toBe('critical');
  });
});
