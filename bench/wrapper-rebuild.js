// Libraries shipped as one wrapper (UMD factories, IIFEs) rebuilt with a small edit deep inside:
// real sources from the registry (lodash, underscore, moment, jquery, async), each edited three
// ways (nine lines added in the middle of the wrapper's body, the same one function further down,
// one comparison changed in a small function), both builds minified by terser with top-level
// mangling (every name renamed), then diffed by strata. Prints, per library and edit, the true
// change (a plain diff of the beautified unminified sources), strata's changed lines and the
// plain diff of the beautified minified builds, side by side.
//   node bench/wrapper-rebuild.js [cacheDir]
import { createRequire } from 'node:module';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Real one-wrapper builds: package, version, the file in it. */
export const LIBRARIES = [
  ['lodash', '4.17.21', 'lodash.js'],
  ['underscore', '1.13.6', 'underscore-umd.js'],
  ['moment', '2.30.1', 'moment.js'],
  ['jquery', '3.7.1', 'dist/jquery.js'],
  ['async', '3.2.5', 'dist/async.js'],
];

const ADDED = [
  'function strataAddedHelper(value, limit) {',
  '  var count = 0;',
  '  for (var i = 0; i < limit; i++) {',
  '    count += String(value).length;',
  '  }',
  '  return count;',
  '}',
  "strataAddedHelper('x', 1);",
  'var strataAddedFlag = strataAddedHelper(true, 2) > 3;',
].join('\n');

/** Functions of a source with a body of at least three statements, largest first. */
function functions(source, acorn) {
  const ast = acorn.parse(source, { ecmaVersion: 'latest', sourceType: 'script', allowHashBang: true });
  const out = [];
  const stack = [ast];
  while (stack.length > 0) {
    const n = stack.pop();
    if (!n || typeof n.type !== 'string') continue;
    if ((n.type === 'FunctionExpression' || n.type === 'FunctionDeclaration') && n.body.body.length >= 3) out.push(n);
    for (const key of Object.keys(n)) {
      const v = n[key];
      if (Array.isArray(v)) for (const c of v) stack.push(c);
      else if (v && typeof v.type === 'string') stack.push(v);
    }
  }
  return out.sort((x, y) => y.end - y.start - (x.end - x.start));
}

const insertAfterMiddle = (source, fn) => {
  const body = fn.body.body;
  const at = body[Math.floor(body.length / 2)].end;
  return `${source.slice(0, at)}\n${ADDED}\n${source.slice(at)}`;
};

/** Edits of three kinds, each deep inside the wrapper: where a one-unit view showed them as a changed wrapper. */
const EDITS = {
  // Nine lines added in the middle of the largest function body (the wrapper, or the UMD factory).
  'insert in the wrapper': (source, fns) => insertAfterMiddle(source, fns[0]),
  // The same, in the largest function inside that one (lodash's runInContext, jQuery's Sizzle).
  'insert one level down': (source, fns) => {
    const inner = fns.find((f) => f.start > fns[0].start && f.end < fns[0].end && f.end - f.start < 0.9 * (fns[0].end - fns[0].start));
    return inner ? insertAfterMiddle(source, inner) : undefined;
  },
  // One comparison changed in a small function in the middle of the file.
  'one comparison changed': (source, fns) => {
    const small = fns.filter((f) => f.end - f.start < 2000 && f.end - f.start > 200 && /===\s*0\b/.test(source.slice(f.start, f.end)));
    const f = small[Math.floor(small.length / 2)];
    if (!f) return undefined;
    const text = source.slice(f.start, f.end).replace(/===(\s*)0\b/, '===$11');
    return source.slice(0, f.start) + text + source.slice(f.end);
  },
};

export async function benchWrapperRebuilds(cacheDir) {
  const pacote = (await import('pacote')).default;
  const acorn = await import('acorn');
  const { minify } = await import('terser');
  const beautify = require('js-beautify');
  const { loadNpmConfig } = await import('../dist/config/npm-config.js');
  const { BEAUTIFY_OPTIONS } = await import('../dist/beautify/beautify-options.js');
  const { diffLines, splitLines, countChanges } = await import('../dist/diff/line-diff.js');
  const { diff } = await import('../dist/index.js');
  const npm = await loadNpmConfig();
  const lines = (t) => splitLines(beautify.js(t, BEAUTIFY_OPTIONS));
  const changed = (a, b) => {
    const c = countChanges(diffLines(lines(a), lines(b), { ignoreWhitespace: true }));
    return c.added + c.removed;
  };
  const rows = [];
  for (const [name, version, file] of LIBRARIES) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'strata-wrapper-'));
    try {
      await pacote.extract(`${name}@${version}`, path.join(dir, 'src'), { ...npm, cache: path.join(cacheDir, '_cacache') });
      const { readFile } = await import('node:fs/promises');
      const original = await readFile(path.join(dir, 'src', file), 'utf8');
      const fns = functions(original, acorn);
      const build = async (code) => (await minify(code, { toplevel: true, compress: { passes: 1 }, mangle: { toplevel: true } })).code;
      const a = await build(original);
      for (const [what, make] of Object.entries(EDITS)) {
        const edited = make(original, fns);
        if (!edited || edited === original) continue;
        const b = await build(edited);
        const side = path.join(dir, what.replace(/\W+/g, '-'));
        for (const [v, code] of [['1.0.0', a], ['1.0.1', b]]) {
          await mkdir(path.join(side, v), { recursive: true });
          await writeFile(path.join(side, v, 'package.json'), JSON.stringify({ name: `${name}-rebuild`, version: v }));
          await writeFile(path.join(side, v, 'index.min.js'), code);
        }
        const start = process.hrtime.bigint();
        const { report } = await diff(path.join(side, '1.0.0'), path.join(side, '1.0.1'), { cacheDir });
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        const stats = report.pairs[0].stats;
        const strata = stats.linesAdded + stats.linesRemoved;
        const plain = stats.naive ? stats.naive.linesAdded + stats.naive.linesRemoved : changed(a, b);
        const truth = changed(original, edited);
        rows.push({ library: `${name}@${version} ${file}`, edit: what, bytes: a.length, trueChangedLines: truth, strataChangedLines: strata, plainDiffLines: plain, ratioToTrue: strata / truth, units: stats.units, ms: Math.round(ms) });
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return {
    rows,
    worstRatio: Math.max(...rows.map((r) => r.ratioToTrue)),
    abovePlain: rows.filter((r) => r.strataChangedLines > r.plainDiffLines).map((r) => `${r.library} (${r.edit})`),
  };
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const [cacheDir = path.join(root, 'bench', 'out', 'cache')] = process.argv.slice(2);
  process.stdout.write(`${JSON.stringify(await benchWrapperRebuilds(cacheDir), null, 2)}\n`);
}
