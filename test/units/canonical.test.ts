import { describe, expect, it } from 'vitest';
import { canonicalize, type CanonicalizeOptions } from '../../src/units/index.js';

const canon = (src: string, top: string[] = [], extra: Partial<CanonicalizeOptions> = {}) =>
  canonicalize(src, { topLevelNames: new Set(top), ...extra });
const text = (src: string, top: string[] = [], extra: Partial<CanonicalizeOptions> = {}) => canon(src, top, extra).canonical;

describe('canonicalize: what is renamed and what is kept', () => {
  it('keeps globals and property names, turns locals into placeholders', () => {
    const c = canon('function f(a){var b=process.env.X;return Intl.DateTimeFormat(a).format(b)}');
    expect(c.canonical).toBe(
      'function $0 ( $1 ) { var $2 = process . env . X ; return Intl . DateTimeFormat ( $1 ) . format ( $2 ) }',
    );
    expect(c.names).toEqual(['f', 'a', 'b']);
  });

  it('renames a local that shadows a global name, and keeps the global one', () => {
    expect(text('function f(process){return process.env}')).toBe('function $0 ( $1 ) { return $1 . env }');
    expect(text('function f(){return process.env}')).toBe('function $0 ( ) { return process . env }');
  });

  it('renames references to other top-level units with their own sigil, sharing the numbering', () => {
    const c = canon('function f(a){return Q1(a)+Buffer.from(a)}', ['Q1', 'f']);
    expect(c.canonical).toBe('function $0 ( $1 ) { return @2 ( $1 ) + Buffer . from ( $1 ) }');
    expect(c.names).toEqual(['f', 'a', 'Q1']);
  });

  it('maps every slot back to its name, and every slot token back to its place in the source', () => {
    const src = 'let x = 1; class K { #p = x; m(){ l: for(;;) break l; return this.#p + y } }';
    const c = canon(src, ['y']);
    expect(c.names).toEqual(['x', 'K', '#p', 'l', 'y']);
    for (const t of c.tokens) if (t.slot !== undefined) expect(src.slice(t.start, t.end)).toBe(c.names[t.slot]);
    expect(c.canonical).toBe(c.tokens.map((t) => t.text).join(' '));
  });

  it('is insensitive to renaming, numbering bindings by first occurrence', () => {
    expect(text('function f(a,b){var c=a+b;return c*2}')).toBe(text('function g(x,y){var z=x+y;return z*2}'));
    // Shadowed names are distinct bindings: reusing a name or not makes no difference.
    expect(text('function f(a){return function(a){return a}}')).toBe(text('function f(a){return function(b){return b}}'));
  });

  it('never hides a swap, an operator, a number or a string', () => {
    const base = text('function f(a,b){return a-b+"x"+1}');
    expect(text('function g(x,y){return y-x+"x"+1}')).not.toBe(base);
    expect(text('function g(x,y){return x+y+"x"+1}')).not.toBe(base);
    expect(text('function g(x,y){return x-y+"x"+2}')).not.toBe(base);
    expect(text('function g(x,y){return x-y+"y"+1}')).not.toBe(base);
    expect(text('function g(x,y){return x-y+"x"+1}')).toBe(base);
  });
});

describe('canonicalize: contextual keywords used as names', () => {
  it('treats of / get / set / async / static / let / yield / await / as / from as names when they are bindings', () => {
    expect(text('var of = [1]; for (var x of of) x')).toBe(text('var a = [1]; for (var x of a) x'));
    expect(text('var get = 1, set = 2; var o = { get: get, get x() { return set } }')).toBe(
      text('var a = 1, b = 2; var o = { get: a, get x() { return b } }'),
    );
    expect(text('var async = 1; async(1); var f = async () => 1')).toBe(text('var a = 1; a(1); var f = async () => 1'));
    expect(text('var let = 1; let + 1')).toBe(text('var a = 1; a + 1'));
    expect(text('var static = 1; static + 1')).toBe(text('var a = 1; a + 1'));
    expect(text('var yield = 1, await = 2; yield + await')).toBe(text('var a = 1, b = 2; a + b'));
    expect(text('import { as as from } from "m"; from()')).toBe(text('import { as as b } from "m"; b()'));
  });

  it('keeps them as written where they are keywords', () => {
    expect(text('async function f() { for await (const x of y) x }')).toBe(
      'async function $0 ( ) { for await ( const $1 of y ) $1 }',
    );
    expect(text('var o = { get a() { return 1 }, set a(v) {} }')).toBe('var $0 = { get a ( ) { return 1 } , set a ( $1 ) { } }');
    expect(text('class C { static async *m() { yield await 1 } }')).toBe('class $0 { static async * m ( ) { yield await 1 } }');
    expect(text('import { a as b } from "m"; export { b as c } from "n"')).toBe('import { a as $0 } from "m" ; export { b as c } from "n"');
  });
});

describe('canonicalize: minifier rewrites are erased', () => {
  it('reads !0, !1 and void 0 as true, false and undefined', () => {
    expect(text('var a = !0, b = !1, c = void 0')).toBe(text('var a = true, b = false, c = undefined'));
    // Not when a member access binds the number first.
    expect(text('x = !0[k]')).not.toBe(text('x = true[k]'));
  });

  it('writes strings in one quote style from their value', () => {
    expect(text(`x("a", 'a', "\\x61", '\\u0061', "it's")`)).toBe(text(`x('a', "a", 'a', "a", 'it\\'s')`));
  });

  it('writes numbers by value', () => {
    expect(text('x(0x10, 1e1, .5, 1_000, 10n)')).toBe(text('x(16, 10, 0.5, 1000, 0xan)'));
  });

  it('reads let / const / var of top-level declarations as var, but nowhere else', () => {
    expect(text('let a = 1')).toBe(text('var b = 1'));
    expect(text('const a = 1')).toBe(text('var b = 1'));
    expect(text('export const a = 1')).toBe(text('export var b = 1'));
    expect(text('function f() { let a = 1 }')).not.toBe(text('function f() { var a = 1 }'));
    expect(text('let a = 1', [], { topLevel: false })).not.toBe(text('var a = 1', [], { topLevel: false }));
  });

  it('ignores formatting, comments and a final semicolon', () => {
    expect(text('var a = 1 /* c */ ;\n')).toBe(text('var b=1'));
  });

  it('erases what printers leave implicit or not: semicolons, trailing commas, parentheses of a lone arrow parameter', () => {
    expect(text('function f() {\n  a()\n  b()\n}')).toBe(text('function f(){a();b();}'));
    expect(text('function f() { a(); b() }')).toBe('function $0 ( ) { a ( ) ; b ( ) }');
    expect(text('f([1, 2,], {a: 1,}, 3,)')).toBe(text('f([1, 2], {a: 1}, 3)'));
    expect(text('x = [1,,]')).not.toBe(text('x = [1,]'));
    expect(text('f((a) => a, async (b) => b)')).toBe(text('f(a => a, async b => b)'));
    expect(text('f((a, b) => a)')).toBe('f ( ( $0 , $1 ) => $0 )');
  });

  it('writes shorthands in full, since a minifier writes {a} or {a:b} depending on the names it picked', () => {
    expect(text('function f(a){return {a}}')).toBe(text('function f(b){return {a:b}}'));
    expect(text('var {a} = o, {c = 1} = o')).toBe(text('var {a: b} = o, {c: d = 1} = o'));
    expect(text('import {a} from "m"; export {a}')).toBe(text('import {a as b} from "m"; export {b as a}'));
    const c = canon('function f(a){return {a}}');
    expect(c.tokens.filter((t) => t.shorthand)).toEqual([{ text: '$1', start: 22, end: 23, slot: 1, shorthand: 'property' }]);
  });

  it('renames labels and private names, which minifiers rename too', () => {
    expect(text('outer: for (;;) { break outer }')).toBe(text('e: for (;;) { break e }'));
    expect(text('class A { #x = 1; m() { return this.#x } }')).toBe(text('class B { #e = 1; m() { return this.#e } }'));
    // Two classes' private names are distinct even when spelled alike.
    expect(text('class A { #x; m() { return class { #x; n() { return this.#x } } } }')).toBe(
      text('class A { #a; m() { return class { #b; n() { return this.#b } } } }'),
    );
  });

  it('keeps template literals and regular expressions as written', () => {
    expect(text('x = `a ${b} c` + /re+/g.source')).toBe('x = ` a  ${ b }  c ` + /re+/g . source');
    expect(text('x = `a`')).not.toBe(text('x = "a"'));
  });
});

describe('canonicalize: robustness', () => {
  it('falls back to tokens when the unit does not parse alone', () => {
    const c = canon('if (a) { foo(bar.baz, Math.max(1,2)');
    expect(c.canonical).toBe('if ( $0 ) { $1 ( $2 . baz , Math . max ( 1 , 2 )');
    expect(c.names).toEqual(['a', 'foo', 'bar']);
    expect(text('x = "unterminated')).toBe('$0 = "unterminated');
  });

  it('keeps the tokens-only form exact over long inputs (it streams the tokens)', () => {
    const items = Array.from({ length: 3000 }, (_, i) => `x${i % 5}.p${i} + !0`);
    const expected = Array.from({ length: 3000 }, (_, i) => `$${i % 5} . p${i} + true`);
    expect(text(`if (${items.join(', ')}`)).toBe(`if ( ${expected.join(' , ')}`);
  });

  it('falls back instead of overflowing the stack on deep nesting', () => {
    const deep = 'x = ' + '['.repeat(50_000) + ']'.repeat(50_000);
    const c = canon(deep);
    expect(c.tokens.length).toBe(100_002);
  });

  it('accepts sloppy code that a module would reject', () => {
    expect(text('with (o) { a = b }')).toBe('with ( o ) { a = b }');
    expect(text('function f(){ return arguments.length + eval("x") }')).toBe(
      'function $0 ( ) { return arguments . length + eval ( "x" ) }',
    );
  });

  it('cannot confuse a name spelled like a placeholder with a placeholder', () => {
    expect(text('var a = $0')).not.toBe(text('var a = b; a'));
    expect(text('x($0)')).toBe('x ( \\$0 )');
  });
});

describe('content-hashed chunk names', () => {
  it('erases the hash where a module is named, so a renamed chunk does not change its importers', () => {
    expect(text('import "/$bunfs/root/chunk-wcf10vzc.js";')).toBe(text('import "/$bunfs/root/chunk-yt5v42x8.js";'));
    expect(text('import "/$bunfs/root/chunk-wcf10vzc.js";')).toBe('import "/$bunfs/root/chunk-#.js"');
    expect(text('import { a as b } from "./chunk-3f9a2b1c.js"; b()')).toBe(text('import { a as b } from "./chunk-77aa0b1c.js"; b()'));
    expect(text('import("./index-ab12cd34.mjs")')).toBe(text('import("./index-99zz88yy.mjs")'));
    expect(text('require("./lib-ab12cd34.js")')).toBe(text('require("./lib-0000zzzz.js")'));
    // A chunk's base-36 hash may hold no digit at all.
    expect(text('import "/$bunfs/root/chunk-kmsqwxyz.js";')).toBe(text('import "/$bunfs/root/chunk-wcf10vzc.js";'));
  });
  it('keeps names that are not hashes, URLs, and strings that do not name a module', () => {
    expect(text('import "./chunk-parser.js";')).not.toBe(text('import "./chunk-printer.js";'));
    expect(text('import "./lib-abcdefgh.js";')).not.toBe(text('import "./lib-abcdefgi.js";'));
    expect(text('import("https://cdn.example/app-1a2b3c4d.js")')).not.toBe(text('import("https://cdn.example/app-9z9z9z9z.js")'));
    expect(text('var s = "./chunk-1a2b3c4d.js"')).not.toBe(text('var s = "./chunk-9z8y7x6w.js"'));
  });
});
