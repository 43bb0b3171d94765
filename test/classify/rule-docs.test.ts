// The examples in docs/rules/<rule>.md run as tests: a block marked `flagged` must make the rule
// report, a block marked `ignored` must leave it silent. The format is in docs/rules/README.md.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CODE_RULES, MANIFEST_RULES } from '../../src/classify/index.js';
import { classifySources, type Sources } from '../helpers/code-rule-tester.js';
import { runRule, type ManifestCase } from '../helpers/rule-tester.js';

const DOCS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/rules');

interface Example {
  lang: string;
  /** `flagged`, `ignored`, or undefined for a block without a marker. */
  marker: string | undefined;
  text: string;
  line: number;
}

/** Fenced blocks of a page, with their info string's language and marker. */
function examplesOf(markdown: string): Example[] {
  const out: Example[] = [];
  for (const m of markdown.matchAll(/^```(\w*)(?:[ \t]+(\S+))?[ \t]*\n([\s\S]*?)^```[ \t]*$/gm)) {
    out.push({ lang: m[1]!, marker: m[2], text: m[3]!, line: markdown.slice(0, m.index).split('\n').length });
  }
  return out;
}

/** A header line of an example: `// before`, `// after`, or a file of either side (`// after: install.js`). */
const HEADER = /^\/\/ (before|after)(?::[ \t]*(.+?))?[ \t]*$/;

/** JavaScript examples: `// before` and `// after` lines split the sides; without them the block is new code. */
function codeSides(text: string): { before: Sources; after: Sources } {
  const lines = text.split('\n');
  const at = (side: string) => lines.findIndex((l) => l === `// ${side}`);
  const b = at('before');
  const a = at('after');
  if (a < 0) return { before: null, after: text };
  return { before: b >= 0 ? lines.slice(b + 1, a).join('\n') : null, after: lines.slice(a + 1).join('\n') };
}

const BASE = { name: 'demo', version: '1.0.0' };
const SIZE = /^(.+?) \((\d+) (bytes|KiB)\)$/;

/**
 * package.json examples: `// before` and `// after` start each side's manifest (merged onto a
 * minimal one; a side not written is that minimal manifest), `// before: path` and `// after: path`
 * a file of that side, its text below it or, written `path (48 KiB)`, a file of that size.
 * Without headers the block is the later manifest.
 */
function manifestCase(text: string): ManifestCase {
  const sections: Array<{ side: 'before' | 'after'; file?: string; lines: string[] }> = [];
  const loose: string[] = [];
  for (const line of text.split('\n')) {
    const h = HEADER.exec(line);
    if (h) sections.push({ side: h[1] as 'before' | 'after', ...(h[2] ? { file: h[2] } : {}), lines: [] });
    else (sections.at(-1)?.lines ?? loose).push(line);
  }
  if (sections.length === 0) return { before: BASE, after: { ...BASE, ...JSON.parse(text) } };
  expect(loose.join('').trim(), 'text before the first header').toBe('');
  const c: ManifestCase = { before: BASE, after: BASE };
  for (const s of sections) {
    const body = s.lines.join('\n').trim();
    if (s.file === undefined) {
      c[s.side] = { ...BASE, ...(body ? JSON.parse(body) : {}) };
      continue;
    }
    // A header is a path, with a size or not: prose after `// before:` is a mistake, not a file.
    expect(s.file, 'a file header').toMatch(/^[\w./@-]+(?: \(\d+ (?:bytes|KiB)\))?$/);
    const files = (c[s.side === 'before' ? 'beforeFiles' : 'afterFiles'] ??= {});
    const sized = SIZE.exec(s.file);
    if (sized && body === '') files[sized[1]!] = ' '.repeat(Number(sized[2]) * (sized[3] === 'KiB' ? 1024 : 1));
    else files[s.file] = `${body}\n`;
  }
  return c;
}

function pageOf(id: string): string {
  return readFileSync(path.join(DOCS, `${id}.md`), 'utf8');
}

function checkMarkers(examples: Example[], lang: string): void {
  for (const e of examples) {
    expect(e.marker, `block at line ${e.line}: mark it \`${lang} flagged\` or \`${lang} ignored\``).toMatch(/^(?:flagged|ignored)$/);
    expect(e.lang, `block at line ${e.line}`).toBe(lang);
  }
  expect(examples.filter((e) => e.marker === 'flagged').length, 'flagged examples').toBeGreaterThan(0);
}

describe('rule docs: code rule examples', () => {
  for (const rule of CODE_RULES) {
    const examples = examplesOf(pageOf(rule.meta.id));
    it(`${rule.meta.id}: every example is marked, at least one is flagged`, () => checkMarkers(examples, 'js'));
    for (const e of examples.filter((x) => x.marker === 'flagged' || x.marker === 'ignored')) {
      it(`${rule.meta.id}: the ${e.marker} example at line ${e.line}`, async () => {
        const { before, after } = codeSides(e.text);
        const { introduced } = await classifySources(before, after, [rule]);
        const found = introduced.map((f) => `${f.ruleId}: ${f.message}`);
        if (e.marker === 'flagged') expect(found.length, 'findings').toBeGreaterThan(0);
        else expect(found).toEqual([]);
      });
    }
  }
});

describe('rule docs: manifest rule examples', () => {
  for (const rule of MANIFEST_RULES) {
    const examples = examplesOf(pageOf(rule.meta.id));
    it(`${rule.meta.id}: every example is marked, at least one is flagged`, () => checkMarkers(examples, 'json'));
    for (const e of examples.filter((x) => x.marker === 'flagged' || x.marker === 'ignored')) {
      it(`${rule.meta.id}: the ${e.marker} example at line ${e.line}`, () => {
        const { introduced } = runRule(rule, manifestCase(e.text));
        const found = introduced.map((f) => `${f.ruleId}: ${f.message}`);
        if (e.marker === 'flagged') expect(found.length, 'findings').toBeGreaterThan(0);
        else expect(found).toEqual([]);
      });
    }
  }
});

describe('rule docs: the example format itself', () => {
  it('splits code examples at // before and // after', () => {
    expect(codeSides('a()\n')).toEqual({ before: null, after: 'a()\n' });
    expect(codeSides('// before\na()\n// after\nb()')).toEqual({ before: 'a()', after: 'b()' });
  });
  it('reads manifests, files and sized files', () => {
    const c = manifestCase('// before\n{ "bin": "a.js" }\n// before: a.js (3 KiB)\n// after\n{}\n// after: a.js\nx()');
    expect(c.before).toEqual({ ...BASE, bin: 'a.js' });
    expect(c.after).toEqual(BASE);
    expect(c.beforeFiles?.['a.js']).toHaveLength(3072);
    expect(c.afterFiles).toEqual({ 'a.js': 'x()\n' });
  });
  it('finds marked and unmarked blocks', () => {
    const md = '# x\n\n```js flagged\na()\n```\n\n```js\nb()\n```\n';
    expect(examplesOf(md).map((e) => [e.lang, e.marker, e.line])).toEqual([
      ['js', 'flagged', 3],
      ['js', undefined, 7],
    ]);
  });
});
