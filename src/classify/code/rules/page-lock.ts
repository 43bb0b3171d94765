import type { Category, Severity } from '../../../types.js';
import type { Analysis } from '../analysis.js';
import { calleeName, calleeObject, memberPath, propertyName, stringValue, unwrap, type Node } from '../ast.js';
import { message } from '../../messages.js';
import { defineCodeRule, type CodeMatch } from '../rule.js';
import { gateCategory, guardingGates, onlyWhen, statementOf } from './util.js';

/** The page's pointer events given back somewhere in the file: `body.style.pointerEvents = original`. */
const RESTORE_IN_FILE = /(?:body|documentElement)\.style\.pointerEvents\s*=\s*(?!\s*["'`]none["'`])|removeProperty\(\s*["'`]pointer-events["'`]\s*\)/;

/** CSS that disables the mouse (or selection) on the whole page. */
const LOCKING_CSS = /(?:^|[}\s,;])(?:html|body|\*)\s*\{[^}]{0,400}?pointer-events\s*:\s*none/i;
const LOCKING_DECLARATION = /pointer-events\s*:\s*none/i;

/** The page itself: `document.body`, `document.documentElement`, `querySelector("body")`, or a name holding one. */
function isPage(a: Analysis, n: Node | undefined, depth = 0): boolean {
  if (!n || depth > 3) return false;
  const u = unwrap(n);
  const path = memberPath(u) ?? '';
  if (/(?:^|\.)(?:body|documentElement)$/.test(path) && /document|ownerDocument|^body$|^documentElement$/.test(path)) return true;
  if (u.type === 'CallExpression' && (calleeName(u) === 'querySelector' || calleeName(u) === 'getElementsByTagName')) {
    const sel = stringValue(u.arguments[0]);
    return sel === 'body' || sel === 'html';
  }
  if (u.type === 'Identifier') {
    const defs = a.bindingOf(u)?.defs ?? [];
    return defs.length === 1 && defs[0]!.kind === 'init' && isPage(a, (defs[0] as { expr: Node }).expr, depth + 1);
  }
  return false;
}

/** `<page>.style` */
function isPageStyle(a: Analysis, n: Node): boolean {
  const u = unwrap(n);
  return u.type === 'MemberExpression' && propertyName(u) === 'style' && isPage(a, u.object);
}

function isPointerEvents(n: Node): boolean {
  return n.type === 'MemberExpression' && (propertyName(n) === 'pointerEvents' || propertyName(n) === 'pointer-events');
}

export default defineCodeRule({
  meta: {
    id: 'page-lock',
    category: 'sabotage',
    severity: 'medium',
    description:
      "The whole page is made unusable: `pointer-events: none` set on the page's body or root (by style, setProperty or injected CSS) and never given back. Critical when a gate (language, country domain, time zone) decides it.",
    weight: 45,
    messages: ['page-lock/locks', 'page-lock/never-reset', 'gate/only-when'],
  },
  match({ analysis, fileSource }) {
    const locks: Node[] = [];
    let restored = false;
    for (const n of analysis.nodes('AssignmentExpression')) {
      const left = unwrap(n.left);
      if (left.type !== 'MemberExpression') continue;
      if (isPointerEvents(left) && isPageStyle(analysis, left.object)) {
        if (stringValue(n.right) === 'none') locks.push(n);
        else restored = true;
      } else if (propertyName(left) === 'cssText' && isPageStyle(analysis, left.object) && LOCKING_DECLARATION.test(analysis.looseString(n.right) ?? '')) {
        locks.push(n);
      }
    }
    for (const n of analysis.nodes('CallExpression')) {
      const name = calleeName(n);
      const obj = calleeObject(n);
      if (!obj || !isPageStyle(analysis, obj)) continue;
      const prop = stringValue(n.arguments[0]);
      if (prop !== 'pointer-events') continue;
      if (name === 'setProperty' && stringValue(n.arguments[1]) === 'none') locks.push(n);
      else if (name === 'removeProperty' || name === 'setProperty') restored = true;
    }
    for (const lit of [...analysis.nodes('Literal'), ...analysis.nodes('TemplateElement')]) {
      const text = lit.type === 'Literal' ? lit.value : lit.value?.cooked;
      if (typeof text === 'string' && text.length <= 100_000 && LOCKING_CSS.test(text)) locks.push(lit);
    }
    // A modal that takes the mouse away and gives it back (here or in another function of the file) is not a lock.
    if (locks.length === 0 || restored || RESTORE_IN_FILE.test(fileSource.length > 50_000_000 ? '' : fileSource)) return [];
    const lock = locks[0]!;
    const gates = guardingGates(analysis, lock, { locale: true });
    const chain = [...new Set(gates.map(gateCategory).filter((c): c is Category => c !== undefined))];
    // Behind a gate (language, country domain, time zone) it is aimed at someone.
    const severity: Severity = gates.length > 0 ? 'critical' : 'medium';
    const m: CodeMatch = {
      key: `lock\0${gates.map((g) => g.label).sort().join(',')}`,
      node: statementOf(analysis, lock),
      message: message('page-lock/locks', { gated: gates.length > 0 }),
      spans: [{ start: lock.start, end: lock.end, role: 'lock' }],
      reasons: [message('page-lock/never-reset', {}), ...gates.slice(0, 3).map(onlyWhen)],
      severity,
      chain,
    };
    return [m];
  },
});
