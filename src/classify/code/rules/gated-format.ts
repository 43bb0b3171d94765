import type { Category } from '../../../types.js';
import type { Analysis } from '../analysis.js';
import { calleeName, stringValue, type Node } from '../ast.js';
import { message } from '../../messages.js';
import { defineCodeRule, type CodeMatch } from '../rule.js';
import { listKey } from '../shape.js';
import { has, type Tag } from '../tags.js';
import { gateCategory, gateValues, meaningfulGate, payloadsOfTags, spansOf, unitName } from './util.js';

/**
 * A change nobody reading the output would notice as a choice: a separator or punctuation
 * (`-` → `/`), whitespace, an invisible character, a look-alike.
 */
function inconspicuous(text: string): boolean {
  return text.length > 0 && text.length <= 3 && !/[\p{L}\p{N}]/u.test(text);
}

/** The characters a replace pattern stands for, if it is a short run of punctuation or whitespace. */
function patternText(n: Node | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'Literal' && n.regex) {
    const body = String(n.regex.pattern).replace(/\\(.)/g, '$1');
    return body.length <= 3 && !/[\p{L}\p{N}^$*+?()[\]{}|]/u.test(body) ? body : undefined;
  }
  return stringValue(n);
}

/** What a branch changes in the output, when the change is inconspicuous (replacements, literals produced), and where. */
function changes(a: Analysis, branch: Node | null | undefined): Array<{ text: string; node: Node }> {
  if (!branch || branch.end - branch.start > 2000) return [];
  const out: Array<{ text: string; node: Node }> = [];
  const within = (n: Node) => n.start >= branch.start && n.end <= branch.end;
  for (const call of a.nodes('CallExpression')) {
    if (!within(call)) continue;
    const name = calleeName(call);
    if (name !== 'replace' && name !== 'replaceAll') continue;
    const [from, to] = call.arguments;
    const f = patternText(from);
    const t = stringValue(to);
    if (f !== undefined && t !== undefined && inconspicuous(f) && (inconspicuous(t) || t === '')) {
      // Described by effect, not spelling: `.replace(/-/g, "/")` and `.replaceAll("-", "/")` are the
      // same change (builds rewrite one into the other), and the fingerprint must not move.
      const every = name === 'replaceAll' || String(from.regex?.flags ?? '').includes('g');
      out.push({ text: `${every ? 'every ' : ''}${JSON.stringify(f)} → ${JSON.stringify(t)}`, node: call });
    }
    if (out.length >= 4) return out;
  }
  const outcomes: Node[] = [];
  if (branch.type === 'ReturnStatement' && branch.argument) outcomes.push(branch.argument);
  else if (branch.type === 'BlockStatement') {
    for (const st of branch.body) if (st.type === 'ReturnStatement' && st.argument) outcomes.push(st.argument);
  } else outcomes.push(branch);
  for (const o of outcomes) {
    const v = stringValue(o);
    if (v !== undefined && (inconspicuous(v) || has(a.tags(o), 'lookalike'))) out.push({ text: JSON.stringify(v), node: o });
  }
  return out;
}

/** Look-alike characters in the outputs of the function a node is in: where they were chosen, if so. */
function lookalikeOutput(a: Analysis, n: Node): string | undefined {
  const fn = a.functionOf(n);
  for (const t of a.nodes('TemplateLiteral')) {
    if (a.functionOf(t) !== fn) continue;
    const look = a.tags(t).find((x) => x.kind === 'lookalike');
    if (look) return look.from ? unitName(look.from) : '';
  }
  return undefined;
}

export default defineCodeRule({
  meta: {
    id: 'gated-format',
    category: 'steganography',
    severity: 'high',
    description:
      'Output is changed invisibly by where the code runs: a separator or format switched, or a literal swapped, when the time zone, a configured host or the machine matches a list.',
    weight: 50,
    messages: ['gated-format/switched', 'gated-format/condition', 'gated-format/changes', 'gated-format/lookalikes'],
  },
  match({ analysis }) {
    const out: CodeMatch[] = [];
    const seen = new Set<string>();
    for (const n of [...analysis.nodes('ConditionalExpression'), ...analysis.nodes('IfStatement')]) {
      // What the branches change is read first: the test's value is followed only when it matters.
      const changed = [...changes(analysis, n.consequent), ...changes(analysis, n.alternate)];
      if (changed.length === 0) continue;
      const what = changed.map((c) => c.text);
      const testTags = analysis.tags(n.test);
      const gates = testTags.filter((t): t is Tag => t.kind === 'gate' && meaningfulGate(t));
      if (gates.length === 0) continue;
      const lookalikes = lookalikeOutput(analysis, n);
      const allGates = testTags.filter((t) => t.kind === 'gate');
      const chain = [...new Set(allGates.map(gateCategory).filter((c): c is Category => c !== undefined))];
      const payloads = payloadsOfTags(allGates);
      if (payloads.length > 0) chain.push('obfuscation');
      const labels = [...new Set(gates.map((g) => g.label ?? ''))].sort();
      const key = `gated\0${labels.join(',')}\0${listKey(gates.flatMap((g) => g.literals ?? []))}\0${[...what].sort().join('|')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const m: CodeMatch = {
        key,
        node: n.type === 'IfStatement' && n.end - n.start > 400 ? n.test : n,
        message: message('gated-format/switched', { gates: labels, changes: what }),
        spans: [{ start: n.test.start, end: n.test.end, role: 'condition' }, ...spansOf(changed.map((c) => c.node), 'change')],
        reasons: [
          ...gates.map((g) => message('gated-format/condition', gateValues(g))),
          message('gated-format/changes', { changes: what }),
          ...(lookalikes !== undefined ? [message('gated-format/lookalikes', { unit: lookalikes || undefined })] : []),
        ],
        chain,
      };
      if (payloads.length > 0) m.payloads = payloads;
      if (lookalikes !== undefined) m.score = 10;
      out.push(m);
      if (out.length >= 8) break;
    }
    return out;
  },
});
