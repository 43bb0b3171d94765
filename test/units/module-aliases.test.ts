// An ESM build and a CommonJS build of the same source reach modules differently; the shapes
// below are the ones claude-code 2.1.112 (ESM, npm) and 2.1.113 (Bun's compiled CommonJS) ship.
import { describe, expect, it } from 'vitest';
import { matchUnits } from '../../src/diff/match-units.js';
import { applyRenames, renameMap } from '../../src/diff/rename-map.js';
import { canonicalize, extractUnits } from '../../src/units/index.js';
import type { FileUnits } from '../../src/units/types.js';

/** The canonical form of the unit that declares `name`. */
function unitOf(file: FileUnits, name: string): string {
  const unit = file.units.find((u) => u.declares.includes(name));
  if (!unit) throw new Error(`no unit declares ${name}`);
  return unit.canonical!;
}

const BODY = (p: string, f: string, os: string, req: string) =>
  `function probe(x){return ${p}(x,"a")+${f}(x)+${os}.homedir()+${req}("child_process").execSync("id")}`;

describe('module aliases: one canonical form for ESM imports and CommonJS requires', () => {
  const esm = extractUnits(
    'cli.js',
    'import{join as DZ}from"node:path";import{readFileSync as RF}from"fs";import V0 from"os";' +
      'import{createRequire as cR}from"node:module";var d6=cR(import.meta.url);' +
      BODY('DZ', 'RF', 'V0', 'd6'),
  );

  it('writes a named import, a namespace member, a builtin default import and a createRequire alias by what they reach', () => {
    expect(esm.moduleAliases).toEqual({
      DZ: { tokens: ['mod:path', '.', 'join'] },
      RF: { tokens: ['mod:fs', '.', 'readFileSync'] },
      V0: { tokens: ['mod:os'] },
      cR: { tokens: ['mod:module', '.', 'createRequire'] },
      d6: { tokens: ['require'] },
    });
    expect(unitOf(esm, 'probe')).toBe(
      'function $0 ( $1 ) { return mod:path . join ( $1 , "a" ) + mod:fs . readFileSync ( $1 ) + mod:os . homedir ( ) + require ( "child_process" ) . execSync ( "id" ) }',
    );
  });

  it('equates top-level requires', () => {
    const cjs = extractUnits('cli.js', 'var P=require("path"),F=require("node:fs"),O=require("os");' + BODY('P.join', 'F.readFileSync', 'O', 'require'));
    expect(unitOf(cjs, 'probe')).toBe(unitOf(esm, 'probe'));
  });

  it("equates requires assigned in a lazy module initialiser, and an interop wrapper's `.default`", () => {
    const cjs = extractUnits(
      'cli.js',
      'var P,F,O,C=(m)=>m;var init=v(()=>{P=require("path"),F=require("fs"),O=C(require("os"),1)});' +
        BODY('P.join', 'F.readFileSync', 'O.default', 'require'),
    );
    expect(cjs.moduleAliases?.O).toEqual({ tokens: ['mod:os'], interop: true });
    expect(unitOf(cjs, 'probe')).toBe(unitOf(esm, 'probe'));
  });

  it('still tells a different module, a different export and a different call apart', () => {
    const probe = (src: string) => unitOf(extractUnits('cli.js', src), 'probe');
    const base = probe('var P=require("path"),F=require("fs"),O=require("os");' + BODY('P.join', 'F.readFileSync', 'O', 'require'));
    expect(base).toBe(unitOf(esm, 'probe'));
    expect(probe('var P=require("path/posix"),F=require("fs"),O=require("os");' + BODY('P.join', 'F.readFileSync', 'O', 'require'))).not.toBe(base);
    expect(probe('var P=require("path"),F=require("fs"),O=require("os");' + BODY('P.resolve', 'F.readFileSync', 'O', 'require'))).not.toBe(base);
    expect(probe('var P=require("path"),F=require("fs"),O=require("os");' + BODY('P.join', 'F.readFileSync', 'O', 'P'))).not.toBe(base);
  });

  it('leaves chunks of the same bundle, names bound twice and a home-made `require` as placeholders', () => {
    const chunk = extractUnits('a.js', 'import{a as Q}from"./chunk-wcf10vzc.js";function probe(x){return Q(x)}');
    expect(chunk.moduleAliases).toBeUndefined();
    expect(unitOf(chunk, 'probe')).toBe('function $0 ( $1 ) { return @2 ( $1 ) }');

    const twice = extractUnits('a.js', 'var P;var init=v(()=>{P=require("path")});var init2=v(()=>{P=require("url")});function probe(x){return P.join(x)}');
    expect(twice.moduleAliases).toBeUndefined();

    const own = extractUnits('a.js', 'function require(m){return m}var P=require("path");function probe(x){return P.join(x)}');
    expect(own.moduleAliases).toBeUndefined();
  });

  it('makes an ESM build and a CommonJS build of the same code match unit for unit, only the module bindings differing', () => {
    const shared = 'function a(x){return DZ(x)+RF(x)}function b(y){return a(y)+V0.platform()}class K{m(){return b(1)}}';
    const esmFile = extractUnits('cli.js', `import{join as DZ}from"path";import{readFileSync as RF}from"fs";import V0 from"os";${shared}`);
    const cjsSource = shared.replaceAll('DZ(', 'P.join(').replaceAll('RF(', 'F.readFileSync(').replaceAll('V0.', 'O.');
    const cjsFile = extractUnits('cli.js', `var P=require("path"),F=require("fs"),O=require("os");${cjsSource}`);
    const m = matchUnits(esmFile.units, cjsFile.units);
    expect(m.pairs.filter((p) => p.how === 'exact').map((p) => esmFile.units[p.old]!.declares[0])).toEqual(['a', 'b', 'K']);
    expect(m.counts.changed).toBe(0);
  });

  it('is what the diff re-canonicalizes with, so a changed unit lines up token by token', () => {
    const opts = { topLevelNames: new Set(['DZ']), moduleAliases: new Map([['DZ', { tokens: ['mod:path', '.', 'join'] }]]) };
    const c = canonicalize('function f(x){return DZ(x)}', opts);
    expect(c.canonical).toBe('function $0 ( $1 ) { return mod:path . join ( $1 ) }');
    // The alias's tokens all point at the name they replace.
    expect(c.tokens.filter((t) => t.text === 'mod:path' || t.text === 'join').map((t) => [t.start, t.end])).toEqual([
      [21, 23],
      [21, 23],
    ]);
  });
});

describe('module aliases in the shown diff', () => {
  const view = (src: string, aliases: Record<string, { tokens: string[] }>) =>
    canonicalize(src, { topLevelNames: new Set(Object.keys(aliases)), moduleAliases: new Map(Object.entries(aliases)) });

  it("maps a renamed import back to the old build's name, so only the real edit shows", () => {
    const oldView = view('function f(x){return DZ(x)+1}', { DZ: { tokens: ['mod:path', '.', 'join'] } });
    const newSrc = 'function f(x){return Qa(x)+2}';
    const newView = view(newSrc, { Qa: { tokens: ['mod:path', '.', 'join'] } });
    expect(applyRenames(newSrc, newView, renameMap(oldView, newView))).toBe('function f(x){return DZ(x)+2}');
  });

  it('does not map a namespace onto a named import of the same module', () => {
    const oldView = view('function f(x){return DZ(x)+1}', { DZ: { tokens: ['mod:path', '.', 'join'] } });
    const newSrc = 'function f(x){return P.join(x)+2}';
    const newView = view(newSrc, { P: { tokens: ['mod:path'] } });
    expect(applyRenames(newSrc, newView, renameMap(oldView, newView))).toBe(newSrc);
  });
});

describe('non-ASCII escapes in templates and regexes', () => {
  const text = (src: string) => canonicalize(src, { topLevelNames: new Set() }).canonical;

  it('reads an escaped non-ASCII character as the character (Bun writes them escaped)', () => {
    expect(text('x=`a\\u2014b ${y} \\xB7`')).toBe(text('x=`a—b ${y} ·`'));
    expect(text('x=/[\\u0430-\\u044F]+/g')).toBe(text('x=/[а-я]+/g'));
    expect(text('x=`\\uD83D\\uDE00`')).toBe(text('x=`😀`'));
  });

  it('keeps ASCII escapes and escaped backslashes as written', () => {
    expect(text('x=`\\u0041`')).not.toBe(text('x=`A`'));
    expect(text('x=`\\\\u2014`')).not.toBe(text('x=`—`'));
    expect(text('x=/\\x2E/')).not.toBe(text('x=/./'));
  });
});
