// Which identifiers of a unit are bindings a minifier may rename, found by real scope analysis
// (eslint-scope) rather than by name: a local `process` is renamed, the global one is not.
import type * as acorn from 'acorn';
import { analyze, type Variable } from 'eslint-scope';
import type { SourceType } from './acorn-parser.js';

/** acorn's offset of a node eslint-scope hands back (cheaper than reading its `range`). */
const startOf = (node: object): number => (node as acorn.Node).start;

export interface Bindings {
  /** Identifier start → binding key, for the bindings the unit itself decides. */
  keyAt: Map<number, number>;
  /**
   * Identifier start → name, for unresolved references to a name the unit does not declare at
   * its top level: another unit's top-level name or a real global, which only the file can tell.
   */
  freeAt: Map<number, string>;
  /** Names the unit declares in some scope (an unresolved reference to one is still local). */
  declared: Set<string>;
}

/**
 * Resolves every binding of the unit. Keys:
 *  - a declared variable (its declaration and resolved references share one key; a class name
 *    declared both outside and inside its class body is one binding);
 *  - in script mode, an unresolved reference to a variable the unit declares at its top level
 *    (eslint-scope leaves references to global `var`s unresolved: they may be shadowed at run time).
 * Other unresolved references are free (`freeAt`): the file decides whether the name is another
 * unit's (renamed too), a name the unit declares somewhere (direct `eval`, `with`, sloppy block
 * functions; keyed by name) or a real global (kept). The implicit `arguments` is kept.
 */
export function resolveBindings(ast: acorn.Program, sourceType: SourceType): Bindings {
  const manager = analyze(ast as unknown as Parameters<typeof analyze>[0], {
    ecmaVersion: 2025,
    sourceType,
    // No extra childVisitorKeys: eslint-scope would copy the whole key table for every pattern
    // it visits (a third of its time). Node types estraverse does not know (StaticBlock) are
    // walked by iterating their keys.
  });
  const keyAt = new Map<number, number>();
  const freeAt = new Map<number, string>();
  const varKey = new Map<Variable, number>();
  const declared = new Set<string>();
  let next = 0;

  // Scopes come outermost first, so a class name's outer variable gets the key first.
  for (const scope of manager.scopes) {
    for (const v of scope.variables) {
      if (v.defs.length === 0) continue;
      declared.add(v.name);
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
  for (const scope of manager.scopes) {
    for (const ref of scope.references) {
      const id = ref.identifier;
      if (id.type !== 'Identifier') continue;
      if (ref.resolved) {
        const key = varKey.get(ref.resolved);
        if (key !== undefined) keyAt.set(startOf(id), key);
        continue;
      }
      const global = globalSet?.get(id.name);
      const key = global ? varKey.get(global) : undefined;
      if (key !== undefined) keyAt.set(startOf(id), key);
      else freeAt.set(startOf(id), id.name);
    }
  }
  return { keyAt, freeAt, declared };
}
