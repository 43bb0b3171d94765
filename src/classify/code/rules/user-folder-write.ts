import type { Category, Severity } from '../../../types.js';
import type { Analysis } from '../analysis.js';
import { WRITE_CALLS, WRITE_SECOND_CALLS } from '../meanings.js';
import { calleeName, calleeObject, isFunction, unwrap, type Node } from '../ast.js';
import { personalFolderOf } from '../known.js';
import { message } from '../../messages.js';
import { defineCodeRule, type CodeMatch } from '../rule.js';
import { ofKind } from '../tags.js';
import { gateCategory, guardingGates, onlyWhen, pathOptions, statementOf } from './util.js';

/** The argument positions a call writes a file at: fs calls, and functions (here or in another unit) that pass a parameter to one. */
function writtenArgs(a: Analysis, call: Node): number[] {
  const name = calleeName(call);
  if (!name) return [];
  if (WRITE_CALLS.has(name)) return [0];
  if (WRITE_SECOND_CALLS.has(name)) return [1];
  if (calleeObject(call)) return [];
  const callee = unwrap(call.callee);
  if (callee.type !== 'Identifier') return [];
  const b = a.bindingOf(callee);
  if (b) {
    const fns = b.defs.flatMap((d) => (d.kind === 'fn' ? [d.fn] : (d.kind === 'init' || d.kind === 'assign') && isFunction(d.expr) ? [d.expr] : []));
    return [...new Set(fns.flatMap((f) => a.writesParams(f)))];
  }
  return a.mayWriteFiles(callee.name) ? (a.external(callee.name)?.writes ?? []) : [];
}

/** The personal folders a written path points into: as written here, or carried by a value built elsewhere. */
function foldersOf(a: Analysis, arg: Node | undefined): { folders: string[]; paths: string[] } {
  if (!arg) return { folders: [], paths: [] };
  const paths = pathOptions(a, arg);
  const folders = new Set(paths.map(personalFolderOf).filter((f): f is string => f !== undefined));
  for (const t of ofKind(a.tags(arg), 'user-folder')) if (t.label) folders.add(t.label);
  return { folders: [...folders].sort(), paths };
}

export default defineCodeRule({
  meta: {
    id: 'user-folder-write',
    category: 'sabotage',
    severity: 'high',
    description: "Files written into the user's own folders (Desktop, Documents, Downloads, OneDrive…): a package has no business there. Critical when a gate decides it.",
    weight: 40,
    messages: ['user-folder-write/writes', 'user-folder-write/call', 'user-folder-write/via-function', 'gate/only-when'],
  },
  match({ analysis }) {
    const out: CodeMatch[] = [];
    const seen = new Set<string>();
    for (const n of analysis.nodes('CallExpression')) {
      for (const at of writtenArgs(analysis, n)) {
        const { folders, paths } = foldersOf(analysis, n.arguments[at]);
        if (folders.length === 0) continue;
        const key = folders.join(',');
        if (seen.has(key)) continue;
        seen.add(key);
        const gates = guardingGates(analysis, n, { locale: true });
        const chain = [...new Set(gates.map(gateCategory).filter((c): c is Category => c !== undefined))];
        const severity: Severity = gates.length > 0 ? 'critical' : 'high';
        const file = paths.map((p) => p.split(/[\\/]/).pop()).find((f) => f && f.includes('.') && !f.includes('…'));
        const name = calleeName(n) ?? 'a call';
        out.push({
          key: `userdir\0${key}\0${gates.map((g) => g.label).sort().join(',')}`,
          node: statementOf(analysis, n),
          message: message('user-folder-write/writes', { folders, file }),
          spans: [
            { start: n.start, end: n.end, role: 'call' },
            ...(n.arguments[at] ? [{ start: n.arguments[at].start as number, end: n.arguments[at].end as number, role: 'path' }] : []),
          ],
          reasons: [
            WRITE_CALLS.has(name) || WRITE_SECOND_CALLS.has(name)
              ? message('user-folder-write/call', { call: name, paths: paths.slice(0, 3), folders })
              : message('user-folder-write/via-function', { call: name, folders }),
            ...gates.slice(0, 3).map(onlyWhen),
          ],
          severity,
          chain,
        });
        if (out.length >= 4) return out;
      }
    }
    return out;
  },
});
