import type { Category, Severity } from '../../../types.js';
import type { Analysis } from '../analysis.js';
import { calleeName, propertyName, type Node } from '../ast.js';
import { DESTRUCTIVE_COMMAND } from '../known.js';
import { message } from '../../messages.js';
import { defineCodeRule, type CodeMatch } from '../rule.js';
import { gateCategory, guardingGates, onlyWhen, pathText, statementOf } from './util.js';

const REMOVE = new Set(['rmSync', 'rm', 'rmdirSync', 'rmdir', 'remove', 'removeSync', 'emptyDir', 'emptyDirSync', 'rimraf', 'rimrafSync', 'deleteSync', 'del']);
const EXEC = new Set(['execSync', 'exec', 'spawnSync', 'spawn', 'execFileSync', 'execFile']);
/** Targets whose recursive removal destroys a user's data: the root, the home folder, a drive, the working tree. */
const PRECIOUS = /^(?:\/|\/\*|~|~\/|~\/\*|[A-Za-z]:\\?|[A-Za-z]:\/|\.|\.\/|\.\/\*|\*|\/(?:home|Users|etc|usr|var|root)\/?)$/;

function recursive(n: Node): boolean {
  const name = calleeName(n);
  if (name && /rimraf|remove|emptyDir|del/.test(name)) return true;
  const opts = n.arguments[1];
  return opts?.type === 'ObjectExpression' && opts.properties.some((p: Node) => p.type === 'Property' && propertyName(p) === 'recursive' && !(p.value.type === 'Literal' && p.value.value === false));
}

function target(a: Analysis, n: Node): string | undefined {
  const arg = n.arguments[0];
  if (!arg) return undefined;
  const t = pathText(a, arg);
  return t !== undefined && PRECIOUS.test(t.trim()) ? t.trim() : undefined;
}

export default defineCodeRule({
  meta: {
    id: 'destructive-fs',
    category: 'sabotage',
    severity: 'high',
    description: 'Recursive deletion of the root, the home folder, a drive or the working tree (fs.rm, rimraf, rm -rf, del /s, format): critical when a geographic or environment gate guards it.',
    weight: 45,
    messages: ['destructive-fs/removes', 'destructive-fs/removes-what', 'gate/only-when'],
  },
  match({ analysis }) {
    const out: CodeMatch[] = [];
    for (const n of analysis.nodes('CallExpression')) {
      const name = calleeName(n);
      if (!name) continue;
      let what: string | undefined;
      if (REMOVE.has(name) && recursive(n)) {
        const t = target(analysis, n);
        if (t) what = `${name}(${t})`;
      } else if (EXEC.has(name)) {
        const cmd = analysis.commandText(n);
        const m = cmd ? DESTRUCTIVE_COMMAND.exec(cmd) : null;
        if (m) what = m[0].trim();
      }
      if (!what) continue;
      const gates = guardingGates(analysis, n, { locale: true });
      const chain = [...new Set(gates.map(gateCategory).filter((c): c is Category => c !== undefined))];
      const severity: Severity = gates.length > 0 ? 'critical' : 'high';
      out.push({
        key: `destroy\0${what.replace(/\s+/g, ' ')}\0${gates.map((g) => g.label).sort().join(',')}`,
        node: statementOf(analysis, n),
        message: message('destructive-fs/removes', { what, gated: gates.length > 0 }),
        spans: [{ start: n.start, end: n.end, role: 'call' }],
        reasons: [message('destructive-fs/removes-what', { what }), ...gates.slice(0, 3).map(onlyWhen)],
        severity,
        chain,
      });
      if (out.length >= 8) break;
    }
    return out;
  },
});
