// What a call returns: a fact about the machine or the user (meanings.ts: the call and module
// tables, files probed, commands run), a value made from its object and arguments (string
// methods, joins, decoding, hashes, promises), what a function of this unit or of another returns,
// or what a wrapper passes on.
import { calleeName, calleeObject, isFunction, memberPath, stringValue, unwrap, type Node } from './ast.js';
import { credentialKind } from './known.js';
import {
  callMeaning, DECODE_CALLS, EXEC_CALLS, factTag, FILE_PROBE_CALLS, fileFact, IDENTITY_COMMANDS, KEYCHAIN_COMMAND, moduleCall, moduleValue, READ_CALLS,
  type CallSite,
} from './meanings.js';
import type { Binding, Def } from './scope.js';
import { has, moduleTag, NO_TAGS, ofKind, tag, union, without, type Tag, type Tags } from './tags.js';
import { toPayload, type Values } from './values.js';
import { commandText, looseString } from './written.js';

/** Methods and functions whose result holds what their object or arguments hold. */
const PASSTHROUGH_METHODS = new Set([
  'toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase', 'trim', 'trimStart', 'trimEnd', 'slice', 'substring', 'substr',
  'replace', 'replaceAll', 'split', 'toString', 'normalize', 'padStart', 'padEnd', 'flat', 'at', 'charAt', 'repeat', 'valueOf', 'json', 'text',
  'toJSON', 'then', 'catch', 'finally', 'arrayBuffer', 'trimLeft', 'trimRight', 'reverse', 'sort', 'toSorted', 'toReversed', 'entries', 'values', 'keys',
]);
const JOIN_METHODS = new Set(['concat', 'join', 'resolve', 'format', 'assign', 'stringify', 'apply', 'call']);
const PASSTHROUGH_FUNCTIONS = new Set(['String', 'encodeURIComponent', 'encodeURI', 'escape', 'btoa', 'JSON.stringify', 'Array.from', 'Object.assign', 'Object.entries', 'Object.values', 'Object.keys', 'Buffer.from', 'Buffer.concat', 'structuredClone']);
/** Methods whose result is what their callback tests: a gate inside it gates the result. */
const TEST_METHODS = new Set(['some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'filter']);

/** A call as the analysis sees it: the name it is known by, where that name comes from, its object. */
interface CallParts {
  name: string;
  /** The module an imported callee comes from. */
  module?: string;
  binding?: Binding;
  obj?: Node;
  objTags: Tags;
  /** The callee's path (`Date.now`), when it is a plain chain of names. */
  path?: string;
}

/** A call of one of a module's functions: imported from it, or called on it. */
function inModule(call: CallParts, m: string): boolean {
  return call.module === m || has(call.objTags, 'module', m) || (call.obj !== undefined && memberPath(call.obj) === m);
}

/** The name a call's callee is known by (an import's own name when imported under another). */
function effectiveCallee(v: Values, call: Node): { name: string | undefined; module?: string; binding?: Binding } {
  const callee = unwrap(call.callee);
  if (callee.type === 'Identifier') {
    const b = v.scope.bindingOf(callee);
    const imp = b?.defs.find((d): d is Extract<Def, { kind: 'import' }> => d.kind === 'import');
    if (imp) return { name: imp.imported, module: imp.module, binding: b };
    return { name: callee.name, binding: b };
  }
  return { name: calleeName(call) };
}

/** What a call returns. */
export function callTags(v: Values, n: Node): Tags {
  const callee = unwrap(n.callee);
  const args: Node[] = n.arguments;
  if (isFunction(callee)) return v.returnTags(callee);
  const { name, module, binding } = effectiveCallee(v, n);
  const obj = calleeObject(n);
  const objTags = obj ? v.tags(obj) : NO_TAGS;
  const path = memberPath(callee);

  if (name === undefined) return unknownCall(v, n);
  const fact = moduleFact(v, n, name, module, objTags);
  if (fact) return [fact];
  const call: CallParts = { name, module, binding, obj, objTags, path };
  const meaning = callMeaning(name);
  if (meaning && callAt(v, meaning.on, call)) return [factTag(meaning)];
  // Values made from other values.
  switch (name) {
    case 'require':
      if (obj === undefined) {
        const m = stringValue(args[0])?.replace(/^node:/, '');
        if (m !== undefined) {
          const value = moduleValue(m, 'default');
          return value ? [moduleTag(m), tag(value, { via: `require("${m}")` })] : [moduleTag(m)];
        }
      }
      break;
    case 'update':
      if (has(objTags, 'hash')) return union(objTags, v.tags(args[0]));
      break;
    case 'digest':
      if (has(objTags, 'hash')) return objTags;
      break;
    case 'parse':
      if (path === 'url.parse' || path === 'URL.parse' || inModule(call, 'url')) return union(v.tags(args[0]), [tag('url')]);
      break;
    default:
      break;
  }
  if (EXEC_CALLS.has(name)) return execTags(v, n);
  if (FILE_PROBE_CALLS.has(name)) {
    const probed = fileProbeTags(v, n);
    if (probed.length > 0 || READ_CALLS.has(name)) return probed;
  }
  // Decoding keeps what the argument holds (its decoded value).
  const decodesHere = DECODE_CALLS.has(name) || v.decode.decoders.has(name) || (binding === undefined && obj === undefined && v.external(name)?.decoder === true);
  if (decodesHere) {
    const first = args[0];
    const viaCodes = name === 'fromCharCode' && first ? decodedTagsAt(v, first) : NO_TAGS;
    return union(viaCodes, ...args.map((a) => v.tags(a)));
  }
  if (name === 'from' && path === 'Buffer.from') return union(...args.slice(0, 1).map((a) => v.tags(a)));
  if (name === 'then' || name === 'catch' || name === 'finally') {
    const cb = args[0];
    return union(objTags, cb && isFunction(cb) ? v.returnTags(cb) : NO_TAGS);
  }
  if (path !== undefined && PASSTHROUGH_FUNCTIONS.has(path)) return union(...args.slice(0, 16).map((a) => v.tags(a)));
  if (obj) {
    if (TEST_METHODS.has(name)) {
      const cb = args[0];
      return cb && isFunction(cb) ? ofKind(v.returnTags(cb), 'gate') : NO_TAGS;
    }
    if (name === 'map' || name === 'flatMap') {
      const cb = args[0];
      return cb && isFunction(cb) ? v.returnTags(cb) : NO_TAGS;
    }
    if (PASSTHROUGH_METHODS.has(name)) return without(objTags, 'module');
    if (JOIN_METHODS.has(name) || (path !== undefined && PASSTHROUGH_FUNCTIONS.has(path))) {
      const parts = args.slice(0, 16).map((a) => v.tags(a));
      const folder = name === 'join' || name === 'resolve' ? v.userFolderTags(n, parts) : NO_TAGS;
      return union(without(objTags, 'module', 'hash'), folder, ...parts);
    }
    return unknownCall(v, n);
  }
  if (PASSTHROUGH_FUNCTIONS.has(name)) return union(...args.slice(0, 16).map((a) => v.tags(a)));
  // A function of this unit.
  if (binding) {
    const parts: Tags[] = [];
    for (const d of binding.defs) {
      if (d.kind === 'fn') parts.push(v.returnTags(d.fn));
      else if ((d.kind === 'init' || d.kind === 'assign') && isFunction(d.expr)) parts.push(v.returnTags(d.expr));
      // A module's export called returns what the table says (moduleFact), not the export itself.
      else if (d.kind === 'init' || d.kind === 'assign' || d.kind === 'element' || d.kind === 'prop') parts.push(without(v.defTags(d), 'module-export'));
    }
    const out = union(...parts);
    return out.length > 0 ? out : unknownCall(v, n);
  }
  // Another unit's function (or a value that is called: a memoized getter).
  const ext = v.external(name);
  const local = (v.scope.freeAssign.get(name) ?? []).map((rhs) => (isFunction(rhs) ? v.returnTags(rhs) : v.tags(rhs)));
  const out = ext ? union(ext.returns, ext.isFunction ? NO_TAGS : ext.value, ...local) : union(...local);
  return out.length > 0 ? out : unknownCall(v, n);
}

/** Whether a call is one a CALLS row means (its `on`). */
function callAt(v: Values, on: CallSite | undefined, call: CallParts): boolean {
  if (on === undefined) return true;
  if (on === 'date') return call.obj !== undefined && has(call.objTags, 'now');
  if ('path' in on) return call.path === on.path;
  if ('objects' in on) return call.obj === undefined ? on.plain === true : on.objects.includes(memberPath(call.obj) ?? '');
  if (inModule(call, on.module)) return true;
  return on.orGlobal === true && call.obj === undefined && call.module === undefined && call.binding === undefined && v.external(call.name) === undefined;
}

/**
 * What a call of a module's function reveals (meanings.ts): `os.release()`, `machineIdSync()`
 * imported from node-machine-id, `isDocker()` bound to `require("is-docker")`.
 */
function moduleFact(v: Values, n: Node, name: string, module: string | undefined, objTags: Tags): Tag | undefined {
  if (module !== undefined) {
    const k = moduleCall(module, name);
    return k ? tag(k, { via: `${module}.${name}()` }) : undefined;
  }
  const callee = unwrap(n.callee);
  const calleeTags = callee.type === 'MemberExpression' ? objTags : calleeValue(v, callee);
  const modules = callee.type === 'MemberExpression' ? ofKind(objTags, 'module') : ofKind(calleeTags, 'module');
  for (const m of modules) {
    const k = moduleCall(m.label ?? '', callee.type === 'MemberExpression' ? name : 'default');
    if (k) return tag(k, { via: callee.type === 'MemberExpression' ? `${m.label}.${name}()` : `${m.label}()` });
  }
  // An export taken out of the module first: `const { machineIdSync } = require("node-machine-id")`.
  for (const e of ofKind(calleeTags, 'module-export')) {
    const [mod = '', exp = ''] = (e.label ?? '').split('#');
    const k = moduleCall(mod, exp);
    if (k) return tag(k, { via: `${mod}.${exp}()` });
  }
  return undefined;
}

/**
 * What a called name holds, as cheaply as the call's own evaluation reads it: a local binding's
 * definitions, another unit's value (memoized), or the tags of any other callee expression.
 */
function calleeValue(v: Values, callee: Node): Tags {
  if (callee.type !== 'Identifier') return v.tags(callee);
  const b = v.scope.bindingOf(callee);
  if (b) return union(...b.defs.filter((d) => d.kind === 'init' || d.kind === 'assign' || d.kind === 'prop').map((d) => v.defTags(d)));
  return v.external(callee.name)?.value ?? NO_TAGS;
}

/** A file read or checked whose path says what it reveals (meanings.ts), or a credential file read. */
function fileProbeTags(v: Values, n: Node): Tags {
  const pathArg = n.arguments[0];
  if (!pathArg) return NO_TAGS;
  const s = looseString(v.scope, pathArg);
  const k = s !== undefined ? fileFact(s) : undefined;
  if (k) return [tag(k, { via: s })];
  return READ_CALLS.has(calleeName(n) ?? '') ? readTags(v, n) : NO_TAGS;
}

/**
 * A call of something unknown: a wrapper such as a memoizer passes on what its function argument
 * returns, a module wrapper its module, and a function given a decoded value returns what it
 * makes of it (a decoder the idiom scanner did not recognise).
 */
export function unknownCall(v: Values, n: Node): Tags {
  const args: Node[] = n.arguments ?? [];
  const parts: Tags[] = [];
  for (const a of args.slice(0, 4)) {
    if (isFunction(a)) parts.push(v.returnTags(a));
  }
  if (args.length === 1 && args[0] && !isFunction(args[0])) {
    const t = v.tags(args[0]);
    parts.push(ofKind(t, 'module'));
    if (parts.every((p) => p.length === 0)) parts.push(ofKind(t, 'decoded'));
  }
  return union(...parts);
}

function decodedTagsAt(v: Values, n: Node): Tags {
  const d = v.decodedStartingAt(n);
  return d ? [tag('decoded', { payloads: [toPayload(d)] })] : NO_TAGS;
}

/** A command run whose text says it reads identity or credentials. */
function execTags(v: Values, n: Node): Tags {
  const command = commandText(v.scope, n);
  if (!command) return NO_TAGS;
  for (const [re, kind] of IDENTITY_COMMANDS) if (re.test(command)) return [tag(kind, { via: command.slice(0, 80) })];
  const cred = commandCredential(command);
  if (cred) return [tag('credential', { label: cred, via: command.slice(0, 80) })];
  return NO_TAGS;
}

function readTags(v: Values, n: Node): Tags {
  const pathArg = n.arguments[0];
  if (!pathArg) return NO_TAGS;
  const t = v.tags(pathArg);
  const cred = ofKind(t, 'cred-path');
  if (cred.length > 0) return cred.map((c) => tag('credential', { label: c.label ?? 'credentials', via: v.text(pathArg).slice(0, 120) }));
  return NO_TAGS;
}

function commandCredential(command: string): string | undefined {
  for (const word of command.split(/\s+/)) {
    const k = credentialKind(word.replace(/^["']|["']$/g, ''));
    if (k) return k;
  }
  if (KEYCHAIN_COMMAND.test(command)) return 'macOS keychain';
  return undefined;
}
