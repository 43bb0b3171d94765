import type { Category, Severity } from '../../../types.js';
import type { Analysis } from '../analysis.js';
import { calleeName, calleeObject, memberPath, stringValue, unwrap, type Node } from '../ast.js';
import { message } from '../../messages.js';
import { defineCodeRule, type CodeMatch } from '../rule.js';
import { shapeKey } from '../shape.js';
import { has, union, type Tags } from '../tags.js';
import { payloadsOfTags, spansOf, statementOf } from './util.js';

const VM_CALLS = new Set(['runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction']);
const EXEC_CALLS = new Set(['execSync', 'exec', 'execFileSync', 'execFile', 'spawnSync', 'spawn']);

/** What kind of code execution a call is, and which argument holds the code. */
function executes(a: Analysis, n: Node): { kind: string; code: Node[] } | undefined {
  const callee = unwrap(n.callee);
  const name = calleeName(n);
  const args: Node[] = n.arguments;
  if (callee.type === 'Identifier' && !a.bindingOf(callee)) {
    if (name === 'eval' && n.type === 'CallExpression') return { kind: 'eval', code: args.slice(0, 1) };
    if (name === 'Function') return { kind: 'Function', code: args.slice(-1) };
  }
  if (callee.type === 'MemberExpression') {
    const path = memberPath(callee) ?? '';
    if (/(?:^|\.)constructor\.constructor$/.test(path) || path === 'Function.prototype.constructor') return { kind: 'Function', code: args.slice(-1) };
    if (path === 'globalThis.eval' || path === 'window.eval' || path === 'global.eval') return { kind: 'eval', code: args.slice(0, 1) };
    if (name && VM_CALLS.has(name)) return { kind: `vm.${name}`, code: args.slice(0, 1) };
    if (name === '_compile') return { kind: 'module._compile', code: args.slice(0, 1) };
  }
  if (n.type === 'NewExpression' && name === 'Script') {
    const obj = calleeObject(n);
    if (!obj || memberPath(obj) === 'vm' || has(a.tags(obj), 'module', 'vm')) return { kind: 'vm.Script', code: args.slice(0, 1) };
  }
  if (name === 'require' && callee.type === 'Identifier') return { kind: 'require', code: args.slice(0, 1) };
  if (name && EXEC_CALLS.has(name)) return { kind: `child_process.${name}`, code: args.slice(0, 2) };
  return undefined;
}

function isStatic(n: Node): boolean {
  return stringValue(n) !== undefined || (n.type === 'Literal' && n.regex === undefined);
}

export default defineCodeRule({
  meta: {
    id: 'dynamic-eval',
    category: 'dynamic-execution',
    severity: 'low',
    description:
      'Code is built at run time and executed (eval, Function, vm, module._compile, a required or executed command): high when what runs was decoded, critical when it was fetched from the network.',
    weight: 40,
    messages: ['dynamic-eval/runs', 'dynamic-eval/executes', 'dynamic-eval/decoded', 'dynamic-eval/fetched', 'dynamic-eval/passed'],
  },
  match({ analysis }) {
    const out: CodeMatch[] = [];
    const seen = new Set<string>();
    const candidates = [...analysis.nodes('CallExpression'), ...analysis.nodes('NewExpression')];
    for (const n of candidates) {
      const ex = executes(analysis, n);
      if (!ex || ex.code.length === 0 || ex.code.every(isStatic)) continue;
      const tags: Tags = union(...ex.code.map((c) => analysis.tags(c)));
      const decoded = has(tags, 'decoded');
      const fetched = has(tags, 'network-response');
      const generic = ex.kind === 'eval' || ex.kind === 'Function' || ex.kind.startsWith('vm.') || ex.kind === 'module._compile';
      // A computed require or command is ordinary; only what was decoded or fetched counts.
      if (!generic && !decoded && !fetched) continue;
      let severity: Severity = 'low';
      const chain: Category[] = [];
      if (decoded) {
        severity = 'high';
        chain.push('obfuscation');
      }
      if (fetched) severity = 'critical';
      const key = `exec\0${ex.kind}\0${decoded ? 'decoded' : ''}${fetched ? 'fetched' : ''}\0${shapeKey(analysis.text(n))}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const m: CodeMatch = {
        key,
        node: statementOf(analysis, n),
        message: message('dynamic-eval/runs', { kind: ex.kind, source: fetched ? 'fetched' : decoded ? 'decoded' : 'built' }),
        spans: [{ start: n.start, end: n.end, role: 'call' }, ...spansOf(ex.code, 'code')],
        reasons: [
          message('dynamic-eval/executes', { kind: ex.kind }),
          ...(decoded ? [message('dynamic-eval/decoded', {})] : []),
          ...(fetched ? [message('dynamic-eval/fetched', {})] : []),
        ],
        severity,
        chain,
      };
      const payloads = payloadsOfTags(tags);
      if (payloads.length > 0) m.payloads = payloads;
      out.push(m);
      if (out.length >= 16) break;
    }
    // `fetch(url).then(r => r.text()).then(eval)`
    for (const n of analysis.nodes('CallExpression')) {
      if (calleeName(n) !== 'then') continue;
      const arg = n.arguments[0];
      if (!arg || arg.type !== 'Identifier' || (arg.name !== 'eval' && arg.name !== 'Function') || analysis.bindingOf(arg)) continue;
      const obj = calleeObject(n);
      if (!obj || !has(analysis.tags(obj), 'network-response')) continue;
      out.push({
        key: `exec\0then-${arg.name}\0fetched`,
        node: statementOf(analysis, n),
        message: message('dynamic-eval/runs', { kind: arg.name, source: 'fetched' }),
        spans: [{ start: arg.start, end: arg.end, role: 'call' }],
        reasons: [message('dynamic-eval/passed', { name: arg.name })],
        severity: 'critical',
      });
    }
    return out;
  },
});
