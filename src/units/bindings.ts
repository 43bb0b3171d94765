// Which identifiers of a unit are bindings a minifier may rename, found by real scope analysis
// (eslint-scope) rather than by name: a local `process` is renamed, the global one is not.
import type * as acorn from 'acorn';
import { analyze, type Variable } from 'eslint-scope';
import type { SourceType } from './acorn-parser.js';

/** acorn's offset of a node eslint-scope hands back (cheaper than reading its `range`). */
const startOf = (node: object): number => (node as acorn.Node).start;

export interface Bindings {
  /** Identifier start → binding key. Identifiers not in the map are globals or not bindings. */
  keyAt: Map<number, number>;
  /** Keys that stand for another top-level unit of the file (printed with a distinct sigil). */
  external: Set<number>;
}

/**
 * Resolves every binding of the unit. Keys, in order of preference:
 *  - a declared variable (its declaration and resolved references share one key; a class name
 *    declared both outside and inside its class body is one binding);
 *  - in script mode, an unresolved reference to a variable the unit declares at its top level
 *    (eslint-scope leaves references to global `var`s unresolved: they may be shadowed at run time);
 *  - an unresolved reference to another unit's top-level name (`topLevelNames`): external;
 *  - an unresolved reference to a name the unit declares somewhere (direct `eval`, `with`, sloppy
 *    block functions): keyed by name.
 * Anything else unresolved is a real global and keeps its name; so does the implicit `arguments`.
 */
export function resolveBindings(ast: acorn.Program, sourceType: SourceType, topLevelNames: ReadonlySet<string>): Bindings {
  const manager = analyze(ast as unknown as Parameters<typeof analyze>[0], {
    ecmaVersion: 2025,
    sourceType,
    // No extra childVisitorKeys: eslint-scope would copy the whole key table for every pattern
    // it visits (a third of its time). Node types estraverse does not know (StaticBlock) are
    // walked by iterating their keys.
  });
  const keyAt = new Map<number, number>();
  const external = new Set<number>();
  const varKey = new Map<Variable, number>();
  const declaredAnywhere = new Set<string>();
  let next = 0;

  // Scopes come outermost first, so a class name's outer variable gets the key first.
  for (const scope of manager.scopes) {
    for (const v of scope.variables) {
      if (v.defs.length === 0) continue;
      declaredAnywhere.add(v.name);
      let key: number | undefined;
      for (const id of v.identifiers) {
        key = keyAt.get(startOf(id));
        if (key !== undefined) break;
      }
      key ??= next++;
      varKey.set(v, key);
      for (const id of v.identifiers) keyAt.set(startOf(id), key);
    }
  }

  const globalSet = manager.globalScope?.set;
  const externalKey = new Map<string, number>();
  const looseKey = new Map<string, number>();
  for (const scope of manager.scopes) {
    for (const ref of scope.references) {
      const id = ref.identifier;
      if (id.type !== 'Identifier') continue;
      let key: number | undefined;
      if (ref.resolved) {
        key = varKey.get(ref.resolved);
      } else {
        const global = globalSet?.get(id.name);
        key = global ? varKey.get(global) : undefined;
        if (key === undefined && topLevelNames.has(id.name)) {
          key = externalKey.get(id.name);
          if (key === undefined) {
            externalKey.set(id.name, (key = next++));
            external.add(key);
          }
        } else if (key === undefined && declaredAnywhere.has(id.name)) {
          key = looseKey.get(id.name);
          if (key === undefined) looseKey.set(id.name, (key = next++));
        }
      }
      if (key !== undefined) keyAt.set(startOf(id), key);
    }
  }
  return { keyAt, external };
}
