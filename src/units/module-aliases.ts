// Top-level names that only stand for a module or one of its exports. An ESM build and a
// CommonJS build of the same source reach a module differently: `import { join as a } from
// "path"` and `a(x)`, or `var b = require("path")` and `b.join(x)`; `createRequire(import.meta.url)`
// gives a second name for `require`. The canonical form writes every such reference by what it
// reaches (`mod:path . join`, `require`), so the two builds compare equal where the code is.
// Only packages and builtins: a relative specifier names a chunk of the same bundle.
import { builtinModules } from 'node:module';
import type * as acorn from 'acorn';

type N = acorn.AnyNode;

/**
 * How the code binds a top-level name to a module, as it is spelled (`at`: where, in the file).
 * Resolved in file order (`resolveModuleAliases`), because a call's callee may itself be an
 * alias of `require`.
 */
export type ModuleBinding =
  /** `import … from "m"`: `imported` null for a namespace, 'default' for a default import. */
  | { name: string; at: number; via: 'import'; module: string; imported: string | null }
  /**
   * `name = callee("m")` (declared or assigned): a module, when `callee` turns out to be
   * `require`. `interop`: wrapped in a one-argument helper call (`__toESM(require("m"))`), whose
   * result's `.default` is the module itself.
   */
  | { name: string; at: number; via: 'call'; callee: string; module: string; interop: boolean }
  /** `name = callee(import.meta.url)` or `callee.createRequire(import.meta.url)`. */
  | { name: string; at: number; via: 'create-require'; callee: string; member: string | null };

/** What a top-level module alias is written as in the canonical form. */
export interface ModuleAlias {
  tokens: string[];
  /** A following `.default` is the module itself (an interop wrapper's result): it is dropped. */
  interop?: true;
}

const BUILTINS: ReadonlySet<string> = new Set(builtinModules);

/** `node:fs` and `fs` are one module; other specifiers are kept as written. */
function moduleName(specifier: string): string {
  const bare = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  return BUILTINS.has(bare) ? bare : specifier;
}

const isIdent = (n: N | null | undefined): n is acorn.Identifier => !!n && n.type === 'Identifier';

/** `import.meta.url`. */
function isImportMetaUrl(n: N): boolean {
  return n.type === 'MemberExpression' && !n.computed && n.object.type === 'MetaProperty' && isIdent(n.property as N) && (n.property as acorn.Identifier).name === 'url';
}

/** The module bindings a top-level statement makes (usually none). */
export function moduleBindings(stmt: N): ModuleBinding[] {
  const out: ModuleBinding[] = [];
  if (stmt.type === 'ImportDeclaration') {
    const module = String(stmt.source.value);
    for (const s of stmt.specifiers) {
      if (s.type === 'ImportNamespaceSpecifier') out.push({ name: s.local.name, at: s.start, via: 'import', module, imported: null });
      else if (s.type === 'ImportDefaultSpecifier') out.push({ name: s.local.name, at: s.start, via: 'import', module, imported: 'default' });
      else {
        const imported = s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value);
        out.push({ name: s.local.name, at: s.start, via: 'import', module, imported });
      }
    }
    return out;
  }
  if (stmt.type === 'ExportNamedDeclaration' && stmt.declaration) return moduleBindings(stmt.declaration);
  if (stmt.type !== 'VariableDeclaration') return out;
  for (const d of stmt.declarations) {
    const b = d.init && isIdent(d.id as N) ? boundTo((d.id as acorn.Identifier).name, d.start, d.init as N) : undefined;
    if (b) out.push(b);
  }
  return out;
}

/** The module binding of an assignment to a name (`X = require("m")`), if it is one. */
export function assignedModule(n: N): ModuleBinding | undefined {
  if (n.type !== 'AssignmentExpression' || n.operator !== '=' || !isIdent(n.left as N)) return undefined;
  return boundTo((n.left as acorn.Identifier).name, n.start, n.right as N);
}

/** What `name = value` binds, when `value` reaches a module: `callee("m")`, `helper(callee("m"))`, `createRequire(import.meta.url)`. */
function boundTo(name: string, at: number, value: N): ModuleBinding | undefined {
  if (value.type !== 'CallExpression' || value.arguments.length === 0 || value.arguments.length > 2) return undefined;
  const callee = value.callee as N;
  const arg = value.arguments[0] as N;
  if (value.arguments.length === 1 && isImportMetaUrl(arg)) {
    if (isIdent(callee)) return { name, at, via: 'create-require', callee: callee.name, member: null };
    if (callee.type === 'MemberExpression' && !callee.computed && isIdent(callee.object as N) && isIdent(callee.property as N)) {
      return { name, at, via: 'create-require', callee: (callee.object as acorn.Identifier).name, member: (callee.property as acorn.Identifier).name };
    }
    return undefined;
  }
  if (!isIdent(callee)) return undefined;
  const specifier = requiredModule(value);
  if (specifier !== undefined) return { name, at, via: 'call', callee: callee.name, module: specifier, interop: false };
  // An interop helper: `helper(callee("m"))`, or `helper(callee("m"), 1)` (esbuild's node mode).
  const second = value.arguments[1] as N | undefined;
  if (arg.type !== 'CallExpression' || !isIdent(arg.callee as N) || (second && !(second.type === 'Literal' && typeof second.value === 'number'))) return undefined;
  const inner = requiredModule(arg);
  return inner === undefined ? undefined : { name, at, via: 'call', callee: (arg.callee as acorn.Identifier).name, module: inner, interop: true };
}

/** `callee("m")`: the specifier. */
function requiredModule(call: acorn.CallExpression): string | undefined {
  const only = call.arguments.length === 1 ? (call.arguments[0] as N) : undefined;
  return only && only.type === 'Literal' && typeof only.value === 'string' ? only.value : undefined;
}

/**
 * The canonical tokens of each top-level name bound to a module: `mod:<module>` for the module
 * object (a namespace, `require("m")`, or the default import of a Node builtin, which is the
 * same object), `mod:<module> . <export>` for one export, `require` for a `createRequire`
 * result. `declarations` counts each top-level name's declarations: a name declared twice, or
 * bound to a module twice, is more than an alias; a file that declares its own `require` does
 * not call Node's. `bindings` are in file order.
 */
export function resolveModuleAliases(bindings: readonly ModuleBinding[], declarations: ReadonlyMap<string, number>): Map<string, ModuleAlias> {
  const aliases = new Map<string, ModuleAlias>();
  const dropped = new Set<string>();
  const isRequire = (callee: string) => (declarations.has(callee) ? aliases.get(callee)?.tokens[0] === 'require' : callee === 'require');
  for (const b of bindings) {
    if (declarations.get(b.name) !== 1 || dropped.has(b.name)) continue;
    if (aliases.has(b.name)) {
      aliases.delete(b.name);
      dropped.add(b.name);
      continue;
    }
    // A chunk of the same bundle (`./chunk-x.js`) exports under minified names: not an identity.
    if (b.via !== 'create-require' && /^[./]/.test(b.module)) continue;
    if (b.via === 'import') {
      const m = moduleName(b.module);
      const whole = b.imported === null || (b.imported === 'default' && BUILTINS.has(m));
      aliases.set(b.name, { tokens: whole ? [`mod:${m}`] : [`mod:${m}`, '.', b.imported!] });
    } else if (b.via === 'call') {
      if (!isRequire(b.callee)) continue;
      const alias: ModuleAlias = { tokens: [`mod:${moduleName(b.module)}`] };
      if (b.interop) alias.interop = true;
      aliases.set(b.name, alias);
    } else {
      const callee = aliases.get(b.callee)?.tokens;
      const target = callee && b.member !== null ? [...callee, '.', b.member] : callee;
      if (target?.join(' ') === 'mod:module . createRequire') aliases.set(b.name, { tokens: ['require'] });
    }
  }
  return aliases;
}
