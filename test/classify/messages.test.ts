// The wording of findings lives in one catalogue (src/classify/messages.ts): every id a rule
// declares has an entry, every entry is declared by a rule and used in its code, and a rule that
// emits an id it does not declare fails in tests.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CODE_RULES, defineCodeRule, MANIFEST_RULES } from '../../src/classify/index.js';
import { isMessageId, message, MESSAGE_IDS, renderMessage } from '../../src/classify/messages.js';
import { classifySources } from '../helpers/code-rule-tester.js';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/classify');
const RULES = [
  ...CODE_RULES.map((r) => ({ meta: r.meta, file: `code/rules/${r.meta.id}.ts` })),
  ...MANIFEST_RULES.map((r) => ({ meta: r.meta, file: `manifest/rules/${r.meta.id}.ts` })),
];
/** Ids several rules share, and the helpers that emit them. */
const SHARED: Record<string, string> = { gate: 'code/rules/util.ts' };

describe('message catalogue', () => {
  it('has an entry for every message id a rule declares', () => {
    const missing = RULES.flatMap((r) => r.meta.messages.filter((id) => !isMessageId(id)).map((id) => `${r.meta.id}: ${id}`));
    expect(missing).toEqual([]);
    for (const r of RULES) expect(r.meta.messages.length, r.meta.id).toBeGreaterThan(0);
  });

  it('has no entry that no rule declares', () => {
    const declared = new Set(RULES.flatMap((r) => r.meta.messages as readonly string[]));
    expect(MESSAGE_IDS.filter((id) => !declared.has(id))).toEqual([]);
  });

  it('names each id after its rule, or after the words it shares', () => {
    for (const r of RULES) {
      for (const id of r.meta.messages) {
        const prefix = id.split('/')[0]!;
        expect(prefix === r.meta.id || prefix in SHARED, `${r.meta.id}: ${id}`).toBe(true);
      }
    }
  });

  it('finds every declared id in the code that emits it', () => {
    for (const r of RULES) {
      const own = readFileSync(path.join(SRC, r.file), 'utf8');
      for (const id of r.meta.messages) {
        const prefix = id.split('/')[0]!;
        const code = prefix === r.meta.id ? own : readFileSync(path.join(SRC, SHARED[prefix]!), 'utf8');
        // Declared in meta once, emitted at least once more.
        expect(code.split(`'${id}'`).length - 1, `${r.meta.id}: ${id}`).toBeGreaterThanOrEqual(prefix === r.meta.id ? 2 : 1);
      }
    }
  });

  it('renders from the values alone, and keeps only JSON values', () => {
    const ref = message('timezone-gate/compared', { zones: ['Asia/Shanghai', 'Asia/Urumqi'], zoneCount: 2, named: true, effects: ['page'] });
    expect(ref).toEqual(JSON.parse(JSON.stringify(ref)));
    expect(renderMessage(ref)).toBe('time zone compared with 2 zones (Asia/Shanghai, Asia/Urumqi); the code it gates changes the page');
    expect(message('encoded-literal/by', { steps: ['base64'], byCode: true, decoder: undefined }).values).toEqual({ steps: ['base64'], byCode: true });
    // An id this build does not know (a report from a newer one) is shown as it is.
    expect(renderMessage({ messageId: 'later-rule/said', values: {} })).toBe('later-rule/said');
  });

  it('leaves what a finding is unchanged: its fingerprint comes from the rule and its key, not its words', async () => {
    const after =
      'function b(){return Intl.DateTimeFormat().resolvedOptions().timeZone}\nfunction c(){var t=b();return t==="Asia/Shanghai"||t==="Asia/Urumqi"}';
    const { introduced } = await classifySources('function a(n){return n+1}', after, CODE_RULES);
    // As computed before findings had message ids.
    expect(introduced.map((f) => [f.ruleId, f.fingerprint, f.message])).toEqual([
      ['timezone-gate', '2737896bb1a5f6286d318a0c', 'time zone compared with 2 zones (Asia/Shanghai, Asia/Urumqi)'],
    ]);
  });

  it('fails a rule that emits an id it does not declare (tests run strict)', async () => {
    const sloppy = defineCodeRule({
      meta: { id: 'sloppy', category: 'telemetry', severity: 'low', description: 'says what another rule says', messages: ['busy-loop/endless'] },
      match: ({ source }) => [
        { key: 'k', node: { start: 0, end: source.length }, message: message('busy-loop/endless', { gated: false }), reasons: [message('busy-loop/loop', {})] },
      ],
    });
    await expect(classifySources(null, 'function f(){return 1}', [sloppy])).rejects.toThrow(/sloppy uses the message busy-loop\/loop/);
  });
});
