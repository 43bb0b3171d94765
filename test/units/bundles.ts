// Test inputs built on the fly: a small multi-module program, bundled with esbuild and
// minified with terser in ways that differ only by the names the minifier picks.
import * as esbuild from 'esbuild';
import { minify, type MinifyOptions } from 'terser';

export type Sources = Record<string, string>;

/** A few modules that use each other, with the constructs minifiers rename. */
export const PROGRAM: Sources = {
  'main.js': `
import { Counter, difference, makeAdder, totals } from './counter.js';
import { banner, describe as describeUser, minutes, settings } from './user.js';
import lib from './legacy.cjs';

const counter = new Counter(2);
const add3 = makeAdder(3);
export function run(input = [1, 2, 3], { verbose = false, label: tag = 'run' } = {}) {
  const [first, ...rest] = input;
  const sum = totals(rest, first);
  if (verbose) console.log(tag, describeUser({ name: 'ada', age: 36 }), settings.mode);
  return {
    sum,
    next: counter.next(),
    added: add3(sum),
    delta: difference(sum, first),
    minutes: minutes(sum),
    banner: banner(),
    greeting: lib.greet(tag),
    zone: require('./lazy.js').zone(),
  };
}
run();
`,
  'counter.js': `
export class Counter {
  #step;
  static created = 0;
  constructor(step = 1) { this.#step = step; this.value = 0; Counter.created++; }
  get step() { return this.#step; }
  next() { return (this.value += this.#step); }
}
export function makeAdder(a) {
  let calls = 0;
  return (b) => { calls++; return a + b + calls * 0; };
}
export function totals(list, start = 0) {
  let total = start;
  outer: for (const of of list) {
    for (const get of [of]) {
      if (get < 0) break outer;
      total += get;
    }
  }
  return total;
}
export function difference(a, b) { return a - b; }
`,
  'user.js': `
export const settings = {
  mode: 'strict',
  get timeZone() { return Intl.DateTimeFormat().resolvedOptions().timeZone; },
  get home() { return process.env.HOME; },
};
export function describe({ name, age }) {
  const async = age > 30 ? 'senior' : 'junior';
  try {
    return name.toUpperCase() + ' (' + async + ')';
  } catch (err) {
    return 'unknown: ' + err.message;
  }
}
export function minutes(hours) { return hours * 60; }
export function banner() { return 'Welcome to the strata test program, have a nice day'; }
`,
  'legacy.cjs': `
var prefix = 'hello ';
module.exports = {
  greet: function (name) { var of = name || 'nobody'; return prefix + of; },
};
`,
  'lazy.js': `
export function zone() {
  const { timeZone: tz } = Intl.DateTimeFormat().resolvedOptions();
  return tz === 'Asia/Shanghai' ? 'cn' : 'other';
}
`,
};

/** esbuild with the sources held in memory. */
export async function bundle(sources: Sources, options: { format: 'esm' | 'cjs'; minify: boolean }): Promise<string> {
  const result = await esbuild.build({
    entryPoints: ['mem:main.js'],
    bundle: true,
    write: false,
    format: options.format,
    minify: options.minify,
    platform: 'node',
    logLevel: 'silent',
    plugins: [
      {
        name: 'memory',
        setup(build) {
          build.onResolve({ filter: /.*/ }, (args) => ({ path: args.path.replace(/^(mem:|\.\/)/, ''), namespace: 'memory' }));
          build.onLoad({ filter: /.*/, namespace: 'memory' }, (args) => {
            const contents = sources[args.path];
            if (contents === undefined) throw new Error(`no module ${args.path}`);
            return { contents, loader: 'js' };
          });
        },
      },
    ],
  });
  return result.outputFiles[0]!.text;
}

/** Names from the end of the alphabet, so a second build picks other names than terser's default. */
const REVERSED = 'zyxwvutsrqponmlkjihgfedcbaZYXWVUTSRQPONMLKJIHGFEDCBA';
const reversedNames = {
  get(n: number): string {
    let out = '';
    do {
      out += REVERSED[n % REVERSED.length];
      n = Math.floor(n / REVERSED.length);
    } while (n > 0);
    return out;
  },
};

/** Ways to mangle the same code: only the names differ between them. */
export const MANGLINGS: Record<string, MinifyOptions['mangle']> = {
  default: { toplevel: true },
  reversed: { toplevel: true, nth_identifier: reversedNames },
  reserved: { toplevel: true, reserved: ['e', 't', 'n', 'r', 'o', 'i', 'a', 's'] },
};

/** terser, mangling only: no compression, so the code itself is not rewritten. */
export async function mangle(code: string, how: keyof typeof MANGLINGS, module: boolean): Promise<string> {
  const out = await minify(code, { module, compress: false, mangle: MANGLINGS[how], format: { comments: false } });
  if (out.code === undefined) throw new Error('terser produced no code');
  return out.code;
}
