// What a gate decides: the code that runs only when a comparison holds (or only when it does
// not), and what that code does to the world (requests, files, the page, media, dialogs…). A
// locale or domain check that picks a translated string does nothing; one that locks the page or
// plays an anthem does.
import type { Analysis } from './analysis.js';
import { calleeName, calleeObject, memberPath, propertyName, unwrap, type Node } from './ast.js';

/** What code does to the world; the words for each are in src/classify/messages.ts. */
export type Effect = 'network' | 'fs-write' | 'fs-delete' | 'exec' | 'page' | 'media' | 'storage' | 'navigation' | 'dialog' | 'console' | 'exit' | 'eval';

const NETWORK = new Set(['fetch', 'axios', 'got', 'ky', 'request', 'superagent', 'needle', 'sendBeacon', 'XMLHttpRequest', 'WebSocket', 'EventSource']);
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'request', 'send']);
const HTTP_OBJECTS = /^(?:axios|got|ky|superagent|needle|request|https?|undici)$/;
const FS_WRITE = new Set(['writeFileSync', 'writeFile', 'appendFileSync', 'appendFile', 'createWriteStream', 'outputFile', 'outputFileSync', 'copyFileSync', 'copyFile', 'mkdirSync', 'writeJson', 'writeJsonSync']);
const FS_DELETE = new Set(['rmSync', 'rm', 'rmdirSync', 'rmdir', 'unlinkSync', 'unlink', 'rimraf', 'rimrafSync', 'removeSync', 'remove', 'emptyDirSync', 'emptyDir']);
const EXEC = new Set(['execSync', 'exec', 'execFileSync', 'execFile', 'spawnSync', 'spawn', 'fork', 'execa', 'execaSync']);
const PAGE_CALLS = new Set(['createElement', 'appendChild', 'insertBefore', 'insertAdjacentHTML', 'insertAdjacentElement', 'replaceChildren', 'prepend', 'writeln']);
const DIALOGS = new Set(['alert', 'confirm', 'prompt']);
const CONSOLE = new Set(['log', 'warn', 'error', 'info', 'debug']);
const PAGE_PROPERTIES = new Set(['innerHTML', 'outerHTML', 'textContent', 'innerText', 'title', 'cssText']);

/** What one call or assignment does, if it touches the world. */
export function effectOf(n: Node): Effect | undefined {
  if (n.type === 'AssignmentExpression') {
    const left = unwrap(n.left);
    if (left.type !== 'MemberExpression') return undefined;
    const path = memberPath(left) ?? '';
    const prop = propertyName(left);
    if (/(?:^|\.)location(?:\.href)?$/.test(path)) return 'navigation';
    if (/(?:^|\.)document\.cookie$/.test(path)) return 'storage';
    if (/\.style\.[\w$]+$|\.style$/.test(path) || (prop !== undefined && PAGE_PROPERTIES.has(prop))) return 'page';
    return undefined;
  }
  if (n.type === 'NewExpression') {
    const name = calleeName(n);
    if (name === 'Audio') return 'media';
    if (name !== undefined && NETWORK.has(name)) return 'network';
    if (name === 'Function') return 'eval';
    return undefined;
  }
  if (n.type !== 'CallExpression') return undefined;
  const name = calleeName(n);
  if (name === undefined) return undefined;
  const obj = calleeObject(n);
  const objPath = obj ? (memberPath(obj) ?? '') : '';
  if (!obj) {
    if (NETWORK.has(name)) return 'network';
    if (DIALOGS.has(name)) return 'dialog';
    if (name === 'eval') return 'eval';
  }
  if (obj && HTTP_METHODS.has(name) && HTTP_OBJECTS.test(objPath)) return 'network';
  if (name === 'sendBeacon') return 'network';
  if (FS_WRITE.has(name)) return 'fs-write';
  if (FS_DELETE.has(name)) return 'fs-delete';
  if (EXEC.has(name)) return 'exec';
  if (name === 'play') return 'media';
  if (obj && /(?:^|\.)(?:localStorage|sessionStorage)$/.test(objPath) && (name === 'setItem' || name === 'removeItem' || name === 'clear')) return 'storage';
  if (/(?:^|\.)location$/.test(objPath) && (name === 'assign' || name === 'replace' || name === 'reload')) return 'navigation';
  if (name === 'open' && /^(?:window|globalThis|self)$/.test(objPath)) return 'navigation';
  if (objPath === 'console' && CONSOLE.has(name)) return 'console';
  if (objPath === 'process' && (name === 'exit' || name === 'kill' || name === 'abort')) return 'exit';
  if (PAGE_CALLS.has(name) || (name === 'write' && /(?:^|\.)document$/.test(objPath)) || (name === 'setProperty' && /\.style$/.test(objPath))) return 'page';
  if (DIALOGS.has(name) && /^(?:window|globalThis|self)$/.test(objPath)) return 'dialog';
  return undefined;
}

const EFFECT_TYPES = ['CallExpression', 'NewExpression', 'AssignmentExpression'];
/** Nodes looked at per gate, at most. */
const MAX_SCAN = 20_000;

/** What the code inside `roots` does (each root a node of the unit). */
export function effectsIn(a: Analysis, roots: readonly { start: number; end: number }[]): Set<Effect> {
  const out = new Set<Effect>();
  if (roots.length === 0) return out;
  let scanned = 0;
  for (const type of EFFECT_TYPES) {
    for (const n of a.nodes(type)) {
      if (++scanned > MAX_SCAN) return out;
      if (!roots.some((r) => n.start >= r.start && n.end <= r.end)) continue;
      const e = effectOf(n);
      if (e) out.add(e);
    }
  }
  return out;
}

/**
 * The code a comparison decides: the branches of the `if` or choice it is (part of) the test of,
 * the right side of an `&&`, the rest of the block after an early `return` it guards; followed
 * once through a variable that holds the outcome, or a local function that returns it.
 */
export function guardedBy(a: Analysis, comparison: Node, depth = 0): Node[] {
  const out: Node[] = [];
  let cur = comparison;
  for (let i = 0; i < 16; i++) {
    const p = a.parent(cur);
    if (!p) break;
    if (p.type === 'LogicalExpression') {
      if (p.operator === '&&' && p.left === cur) out.push(p.right);
      cur = p;
      continue;
    }
    if ((p.type === 'UnaryExpression' && p.operator === '!') || p.type === 'ParenthesizedExpression' || p.type === 'ChainExpression') {
      cur = p;
      continue;
    }
    if (p.type === 'IfStatement' && p.test === cur) {
      out.push(p.consequent);
      if (p.alternate) out.push(p.alternate);
      if (exits(p.consequent)) out.push(...followingStatements(a, p));
      break;
    }
    if (p.type === 'ConditionalExpression' && p.test === cur) {
      out.push(p.consequent, p.alternate);
      break;
    }
    if ((p.type === 'WhileStatement' || p.type === 'ForStatement' || p.type === 'DoWhileStatement') && p.test === cur) {
      out.push(p.body);
      break;
    }
    if (depth > 0) break;
    if (p.type === 'VariableDeclarator' && p.init === cur && p.id.type === 'Identifier') {
      const b = a.bindingOf(p.id);
      for (const ref of b?.refs.slice(0, 8) ?? []) out.push(...guardedBy(a, ref, depth + 1));
      break;
    }
    if (p.type === 'ReturnStatement' || (p.type === 'ArrowFunctionExpression' && p.body === cur)) {
      const fn = p.type === 'ReturnStatement' ? a.functionOf(p) : p;
      for (const call of localCalls(a, fn)) out.push(...guardedBy(a, call, depth + 1));
      break;
    }
    break;
  }
  return out;
}

function exits(n: Node): boolean {
  if (n.type === 'ReturnStatement' || n.type === 'ThrowStatement') return true;
  return n.type === 'BlockStatement' && n.body.length > 0 && exits(n.body[n.body.length - 1]);
}

function followingStatements(a: Analysis, stmt: Node): Node[] {
  const block = a.parent(stmt);
  if (!block || (block.type !== 'BlockStatement' && block.type !== 'Program')) return [];
  const i = block.body.indexOf(stmt);
  return i < 0 ? [] : block.body.slice(i + 1);
}

/** Calls of a function of this unit by its name (a declaration or `const f = …`). */
function localCalls(a: Analysis, fn: Node): Node[] {
  let id: Node | undefined;
  if (fn.type === 'FunctionDeclaration') id = fn.id;
  else {
    const p = a.parent(fn);
    if (p?.type === 'VariableDeclarator' && p.init === fn) id = p.id;
  }
  if (!id || id.type !== 'Identifier') return [];
  const b = a.bindingOf(id);
  const out: Node[] = [];
  for (const ref of b?.refs.slice(0, 8) ?? []) {
    const call = a.parent(ref);
    if (call?.type === 'CallExpression' && call.callee === ref) out.push(call);
  }
  return out;
}

/** What a comparison gates, in one set. */
export function gatedEffects(a: Analysis, comparison: Node): Set<Effect> {
  return effectsIn(a, guardedBy(a, comparison));
}
