import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalize, extractUnits, MAX_PARSE_CHARS, type FileUnits, type Unit } from '../../src/units/index.js';
import { bundle, mangle, PROGRAM, type Sources } from './bundles.js';
import { unitText } from '../../src/units/unit-text.js';

const hashes = (f: FileUnits) => f.units.map((u) => u.hash);
const multiset = (f: FileUnits) => [...hashes(f)].sort();

/** Units of `b` with no unit of the same hash left in `a` (multiset difference). */
function unmatched(a: FileUnits, b: FileUnits): Unit[] {
  const left = new Map<string, number>();
  for (const h of hashes(a)) left.set(h, (left.get(h) ?? 0) + 1);
  return b.units.filter((u) => {
    const n = left.get(u.hash) ?? 0;
    if (n > 0) left.set(u.hash, n - 1);
    return n === 0;
  });
}

function edit(sources: Sources, file: string, from: string, to: string): Sources {
  const text = sources[file]!;
  if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
  return { ...sources, [file]: text.replace(from, to) };
}

const formats = ['esm', 'cjs'] as const;
const raw: Record<string, string> = {};
const minified: Record<string, string> = {};

beforeAll(async () => {
  for (const format of formats) {
    raw[format] = await bundle(PROGRAM, { format, minify: false });
    minified[format] = await bundle(PROGRAM, { format, minify: true });
  }
});

describe('extractUnits: builds that differ only by mangling', () => {
  for (const format of formats) {
    it(`gives the same units for two terser manglings of an esbuild ${format} bundle`, async () => {
      const a = await mangle(raw[format]!, 'default', format === 'esm');
      const b = await mangle(raw[format]!, 'reversed', format === 'esm');
      expect(a).not.toBe(b);
      const ua = extractUnits('a.js', a);
      const ub = extractUnits('b.js', b);
      expect(ua.parseError).toBeUndefined();
      expect(ua.units.length).toBeGreaterThan(15);
      expect(multiset(ub)).toEqual(multiset(ua));
      // Same structure, so the units pair up in order; their raw texts differ, their canonical forms do not.
      let differingTexts = 0;
      ua.units.forEach((u, i) => {
        const v = ub.units[i]!;
        expect(v.canonical).toBe(u.canonical);
        expect(v.kind).toBe(u.kind);
        expect(v.names.length).toBe(u.names.length);
        if (a.slice(u.start, u.end) !== b.slice(v.start, v.end)) differingTexts++;
      });
      expect(differingTexts).toBeGreaterThan(ua.units.length / 2);
      expect(ua.units.every((u) => u.fallback === undefined)).toBe(true);
    });

    it(`gives the same units for esbuild's own minified ${format} bundle and a remangled copy`, async () => {
      const again = await mangle(minified[format]!, 'reserved', format === 'esm');
      expect(again).not.toBe(minified[format]);
      const ua = extractUnits('a.js', minified[format]!);
      const ub = extractUnits('b.js', again);
      expect(multiset(ub)).toEqual(multiset(ua));
      ua.units.forEach((u, i) => expect(ub.units[i]!.canonical).toBe(u.canonical));
    });
  }

  it('gives the readable and the mangled build the same units, and names that map one to the other', async () => {
    const plain = extractUnits('raw.js', raw.esm!);
    const mangled = extractUnits('b.js', await mangle(raw.esm!, 'reversed', true));
    expect(hashes(mangled)).toEqual(hashes(plain));
    const i = plain.units.findIndex((u) => u.declares.includes('zone'));
    const [u, v] = [plain.units[i]!, mangled.units[i]!];
    expect(u.names).toEqual(['zone', 'tz']);
    expect(v.names).toHaveLength(2);
    expect(v.names).not.toEqual(u.names);
    // Slot by slot, the mangled build's name stands where the readable build's name stood.
    const rename = new Map(v.names.map((name, slot) => [name, u.names[slot]!]));
    const b = (await mangle(raw.esm!, 'reversed', true)).slice(v.start, v.end);
    expect(b.replace(/[\w$]+/g, (w) => rename.get(w) ?? w)).toMatch(/^function zone\(\)\{const\{timeZone:tz\}=/);
  });
});

describe('extractUnits: the same canonical form as canonicalize', () => {
  it('drafts statements during the file parse exactly as a parse of the unit alone would', async () => {
    for (const text of [raw.esm!, minified.cjs!, await mangle(raw.cjs!, 'reversed', false)]) {
      const f = extractUnits('x.js', text);
      const topLevelNames = new Set(f.units.flatMap((u) => u.declares));
      for (const u of f.units) {
        // A unit's text (a declarator's with its keyword), parsed alone.
        const alone = canonicalize(unitText(text, u), { topLevelNames });
        expect(alone.canonical).toBe(u.canonical);
        expect(alone.names).toEqual(u.names);
      }
    }
  });
});

describe('extractUnits: real edits are never hidden', () => {
  const edits: [string, string, string, string][] = [
    ['a variable swap', 'counter.js', 'return a - b;', 'return b - a;'],
    ['a changed operator', 'counter.js', 'if (get < 0)', 'if (get <= 0)'],
    ['a changed number', 'user.js', 'hours * 60', 'hours * 61'],
    ['a changed string', 'user.js', 'have a nice day', 'have a nice night'],
  ];
  for (const [what, file, from, to] of edits) {
    it(`shows ${what} inside an otherwise renamed unit`, async () => {
      for (const format of formats) {
        const before = extractUnits('a.js', await mangle(raw[format]!, 'default', format === 'esm'));
        const changedRaw = await bundle(edit(PROGRAM, file, from, to), { format, minify: false });
        const after = extractUnits('b.js', await mangle(changedRaw, 'reversed', format === 'esm'));
        expect(after.units.length).toBe(before.units.length);
        const added = unmatched(before, after);
        const removed = unmatched(after, before);
        expect(added).toHaveLength(1);
        expect(removed).toHaveLength(1);
        expect(added[0]!.index).toBe(removed[0]!.index);
      }
    });
  }
});

describe('extractUnits: wrappers and helpers', () => {
  it('unwraps Bun’s CommonJS wrapper: the same units, at offsets into the wrapped text', () => {
    const text = minified.cjs!;
    const wrapped = `// @bun @bytecode @bun-cjs\n(function(exports, require, module, __filename, __dirname) {${text}})\n`;
    const plain = extractUnits('plain.js', text);
    const inner = extractUnits('wrapped.js', wrapped);
    expect(inner.wrapper).toBe('cjs');
    expect(plain.wrapper).toBeUndefined();
    expect(hashes(inner)).toEqual(hashes(plain));
    expect(inner.units.map((u) => u.kind)).toEqual(plain.units.map((u) => u.kind));
    expect(inner.units.map((u) => wrapped.slice(u.start, u.end))).toEqual(plain.units.map((u) => text.slice(u.start, u.end)));
  });

  it('unwraps whole-file IIFEs, but not one whose arguments carry the code', () => {
    const text = minified.cjs!;
    const plain = extractUnits('plain.js', text);
    for (const wrapped of [`(() => {\n${text}\n})();`, `(function () {\n${text}\n}).call(this);`, `!function(){${text}}();`]) {
      const inner = extractUnits('iife.js', wrapped);
      expect(inner.wrapper).toBe('iife');
      expect(hashes(inner)).toEqual(hashes(plain));
    }
    const webpackish = extractUnits('w.js', '(function (modules) { return modules[0]() })([function () { return 1 }, function () { return 2 }]);');
    expect(webpackish.wrapper).toBeUndefined();
    expect(webpackish.units).toHaveLength(1);
  });

  it("recognises esbuild's __commonJS and __esm factories by shape, minified or not", () => {
    for (const text of [raw.esm!, minified.esm!, raw.cjs!, minified.cjs!]) {
      const factories = extractUnits('x.js', text).units.filter((u) => u.kind === 'factory');
      expect(factories.map((u) => u.factory).sort()).toEqual(['commonjs', 'esm']);
    }
  });

  it('recognises Bun-style helpers and the factories built with them', () => {
    const text = [
      '// @bun',
      'var S=(A,q)=>()=>(q||A((q={exports:{}}).exports,q),q.exports);',
      'var L=(A,q)=>()=>(A&&(q=A(A=0)),q);',
      'function W(A,q){return function(){return q||A((q={exports:{}}).exports,q),q.exports}}',
      'var K=S((A,q)=>{q.exports={a:1}});',
      'var R=L(()=>{P=3});',
      'var V=W(function(A,q){q.exports=2});',
      'var P,Q=L(()=>{P=2});',
      'var N=notAHelper(()=>{});',
      'var T=S(1);',
    ].join('\n');
    const units = extractUnits('bun.js', text).units;
    const kindOf = (name: string) => {
      const u = units.find((x) => x.declares.includes(name))!;
      return u.kind === 'factory' ? `factory:${u.factory}` : u.kind;
    };
    expect(['K', 'R', 'V', 'Q', 'N', 'T', 'S', 'W'].map(kindOf)).toEqual([
      'factory:commonjs',
      'factory:esm',
      'factory:commonjs',
      'variable',
      'variable',
      'variable',
      'variable',
      'function',
    ]);
  });
});

describe('extractUnits: the unit record', () => {
  it('fills every field, in source order', () => {
    const text = 'import fs from "node:fs";\nlet a = 1;\nfunction f(x) { return x + a + "a string long enough to be an anchor" }\nclass C {}\nf(a);';
    const { units, sha256, path } = extractUnits('u.js', text);
    expect(path).toBe('u.js');
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(units.map((u) => [u.index, u.kind, u.declares])).toEqual([
      [0, 'statement', ['fs']],
      [1, 'variable', ['a']],
      [2, 'function', ['f']],
      [3, 'class', ['C']],
      [4, 'statement', []],
    ]);
    const f = units[2]!;
    expect(text.slice(f.start, f.end)).toMatch(/^function f/);
    expect(f.hash).toMatch(/^[0-9a-f]{32}$/);
    expect(f.canonical).toBe('function $0 ( $1 ) { return $1 + @2 + "a string long enough to be an anchor" }');
    expect(f.names).toEqual(['f', 'x', 'a']);
    expect(f.anchors).toEqual(['a string long enough to be an anchor']);
    expect(f.minhash).toHaveLength(64);
    expect(f.tokens).toBe(13);
    expect(units[4]!.canonical).toBe('@0 ( @1 )');
    // Plain data: survives JSON.
    expect(JSON.parse(JSON.stringify(units))).toEqual(units);
  });
});

describe('extractUnits: hostile input', () => {
  it('turns 100k nested brackets into one unparsed unit with a reason', () => {
    const text = '['.repeat(100_000);
    const f = extractUnits('deep.js', text);
    expect(f.parseError).toBeTruthy();
    expect(f.units).toHaveLength(1);
    expect(f.units[0]!.kind).toBe('unparsed');
    expect(f.units[0]!.end).toBe(text.length);
  });

  it('turns a syntax error into one unparsed unit, whitespace collapsed', () => {
    const f = extractUnits('bad.js', 'var a = 1;\n\n  function (\n');
    expect(f.parseError).toMatch(/Unexpected token/);
    expect(f.units).toEqual([expect.objectContaining({ kind: 'unparsed', canonical: 'var a = 1; function (', start: 0 })]);
  });

  it('does not parse a file above the size limit, and says so', () => {
    const f = extractUnits('huge.js', `var a = "${'x'.repeat(MAX_PARSE_CHARS)}";`);
    expect(f.parseError).toMatch(/too large/);
    expect(f.units).toHaveLength(1);
    expect(f.units[0]!.kind).toBe('unparsed');
  });

  it('gives an empty file no units and no error: there is nothing to compare', () => {
    for (const text of ['', '\n  \n', '// only a comment\n', '#!/usr/bin/env node\n']) {
      const f = extractUnits('empty.js', text);
      expect(f.parseError).toBeUndefined();
      expect(f.units).toEqual([]);
    }
  });

  it('survives nesting that parses but is deep for the scope analysis', () => {
    const depth = 400;
    const text = `var a = ${'['.repeat(depth)}${']'.repeat(depth)};\nvar b = ${'(function(){return '.repeat(150)}1${'})()'.repeat(150)};`;
    const f = extractUnits('deepish.js', text);
    expect(f.parseError).toBeUndefined();
    expect(f.units).toHaveLength(2);
  });
});
