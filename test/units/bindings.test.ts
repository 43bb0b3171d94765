// The lean scope resolver must give exactly the bindings eslint-scope gives (the canonical forms
// were defined with it): compared here on tricky snippets and on real libraries.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as acorn from 'acorn';
import { analyze, type Variable } from 'eslint-scope';
import { describe, expect, it } from 'vitest';
import { acornOptions, type SourceType } from '../../src/units/acorn-parser.js';
import { resolveBindings, type Bindings } from '../../src/units/bindings.js';

/** The resolver as it was, on eslint-scope: the oracle. */
function oracle(ast: acorn.Program, sourceType: SourceType): Bindings {
  // eslint-scope reads `range` (of identifiers and function bodies).
  const stack: unknown[] = [ast];
  while (stack.length > 0) {
    const n = stack.pop() as Record<string, unknown> | null;
    if (!n || typeof n !== 'object') continue;
    if (Array.isArray(n)) {
      stack.push(...n);
      continue;
    }
    if (typeof n.type !== 'string') continue;
    n.range = [n.start, n.end];
    for (const k of Object.keys(n)) if (k !== 'range' && typeof n[k] === 'object') stack.push(n[k]);
  }
  const manager = analyze(ast as unknown as Parameters<typeof analyze>[0], { ecmaVersion: 2025, sourceType });
  const start = (n: object) => (n as acorn.Node).start;
  const keyAt = new Map<number, number>();
  const freeAt = new Map<number, string>();
  const varKey = new Map<Variable, number>();
  const declared = new Set<string>();
  let next = 0;
  for (const scope of manager.scopes) {
    for (const v of scope.variables) {
      if (v.defs.length === 0) continue;
      declared.add(v.name);
      let key: number | undefined;
      for (const id of v.identifiers) {
        key = keyAt.get(start(id));
        if (key !== undefined) break;
      }
      key ??= next++;
      varKey.set(v, key);
      for (const id of v.identifiers) keyAt.set(start(id), key);
    }
  }
  const globalSet = manager.globalScope?.set;
  for (const scope of manager.scopes) {
    for (const ref of scope.references) {
      const id = ref.identifier;
      if (id.type !== 'Identifier') continue;
      const key = ref.resolved ? varKey.get(ref.resolved) : globalSet?.get(id.name) && varKey.get(globalSet.get(id.name)!);
      if (key !== undefined) keyAt.set(start(id), key);
      else if (!ref.resolved) freeAt.set(start(id), id.name);
    }
  }
  return { keyAt, freeAt, declared };
}

/** Bindings with keys renumbered by position, so that two numberings compare. */
function normal(b: Bindings) {
  const renumber = new Map<number, number>();
  const keys = [...b.keyAt].sort((x, y) => x[0] - y[0]).map(([at, k]) => {
    if (!renumber.has(k)) renumber.set(k, renumber.size);
    return [at, renumber.get(k)];
  });
  return { keys, free: [...b.freeAt].sort((x, y) => x[0] - y[0]), declared: [...b.declared].sort() };
}

function compare(source: string, sourceType: SourceType): void {
  const parse = () => acorn.parse(source, acornOptions(sourceType)) as acorn.Program;
  let expected: ReturnType<typeof normal> | Error;
  try {
    expected = normal(oracle(parse(), sourceType));
  } catch (err) {
    expected = err as Error;
  }
  if (expected instanceof Error) {
    expect(() => resolveBindings(parse(), sourceType)).toThrow(expected.message);
  } else {
    expect(normal(resolveBindings(parse(), sourceType))).toEqual(expected);
  }
}

const SNIPPETS = [
  'var a = 1; function f(b) { return a + b + c; } f(a);',
  'let x = 1; { let x = 2; x++; } x;',
  'function f(a = b, c = arguments) { var b; let d = a; return arguments; }',
  'function f(a = x) { var x = 2; return a; } var x = 1;',
  'function f(arguments) { return arguments; } function g() { var arguments; return arguments; }',
  '(() => arguments)(); function h() { return () => arguments; }',
  'class A extends A { m() { return A; } static #p = 1; static s = A.#p; } new A();',
  'var C = class D { m() { return D; } }; D;',
  'try { t() } catch (e) { var e = 1; e; } e;',
  'try { t() } catch ({ message: m, code = m }) { m; code; }',
  'for (let i = 0; i < n; i++) { setTimeout(() => i); } i;',
  'for (var k in o) k; for (const [a, b = a] of list) a + b; for (q of list) q; for (o.p in o) ;',
  'label: for (;;) { break label; continue label; }',
  'function e1() { var a = 1; eval("a"); function inner() { return a + z; } return a; } a;',
  '{ let blockEval = 1; (function () { eval("x"); blockEval; })(); }',
  'with (obj) { a = b; var w = c; } w;',
  'var f = function g() { return g; }; g;',
  'switch (x) { case 1: let y = 2; y; default: y; } y;',
  'class K { field = this.x + eval("y"); static { var s = 1; s; } [computed] = 2; #priv; get [key]() { return key; } }',
  '({ a, b: c, [d]: e, ...rest } = obj); [f, , g = f, ...h] = arr; ({ i = 1 } = {});',
  'var { a: { b = 1 } = {}, ...c } = obj, [d = b] = c;',
  'x += 1; y++; --z; o.p++; delete q[r];',
  'a?.b?.[c]?.(d); new E(f); `t${g}u${h}`; tag`x${i}`;',
  'function f() { "use strict"; undeclared = 1; } undeclared2 = 2;',
  'async function* gen(a) { yield* a; await a; for await (const b of a) b; }',
  'function f() { function g() {} { function g() {} g(); } return g; }',
  'var x; function x() {} let y = x;',
  'if (a) function decl() {}',
  'eval("top"); var top1 = 1; top1; other;',
  'const o = { get x() { return this.v; }, set x(v) { this.v = v; }, m(a, ...b) { return a + b; }, [k]: 1 };',
  'import("mod", { with: { type: ref } });',
  'new.target; function nt() { return new.target; }',
  'a = function () { return typeof arguments === "undefined" ? b : c; };',
];

const MODULE_SNIPPETS = [
  'import a, { b, c as d } from "m"; import * as ns from "n"; export { a, d as e }; export default b + ns;',
  'export const x = 1, y = x; export function f() { return y; } export class C {} export * from "m"; export { z } from "m";',
  'export default function () { return q; }',
  'export default class { m() { return this; } }',
  'await top; eval("m"); var mv = 1; mv;',
];

describe('resolveBindings', () => {
  it('gives the bindings eslint-scope gives, on tricky snippets', () => {
    for (const src of SNIPPETS) {
      compare(src, 'script');
      compare(src, 'module'); // sloppy-only snippets fail to parse alike
    }
    for (const src of MODULE_SNIPPETS) {
      compare(src, 'module');
      compare(src, 'script'); // import in script mode: eslint-scope throws, so must this
    }
  });

  it('gives the bindings eslint-scope gives, on real libraries', () => {
    const modules = path.join(path.dirname(createRequire(import.meta.url).resolve('acorn')), '..', '..');
    for (const [file, sourceType] of [
      ['acorn/dist/acorn.js', 'script'],
      ['acorn/dist/acorn.mjs', 'module'],
      ['js-beautify/js/lib/beautify.js', 'script'],
      ['eslint-scope/dist/eslint-scope.cjs', 'script'],
    ] as const) {
      compare(readFileSync(path.join(modules, file), 'utf8'), sourceType);
    }
  });
});
