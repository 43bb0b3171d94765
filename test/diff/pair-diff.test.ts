import { describe, expect, it } from 'vitest';
import { countTextChanges } from '../../src/diff/line-diff.js';
import { diffFile, diffPair, type DiffSide } from '../../src/diff/pair-diff.js';
import type { PayloadFile } from '../../src/types.js';
import { extractUnits } from '../../src/units/index.js';

const OLD = 'function a(x) {\n  return x + 1;\n}\nconst b = 2;\n';
const NEW = 'function a(y) {\n  return y + 1;\n}\nconst b = 3;\n  const c = 4;\r\n';

function side(version: string, js: Record<string, string>): DiffSide {
  const files: PayloadFile[] = Object.keys(js).map((path) => ({ path, size: js[path]!.length, sha256: version + path, kind: 'js' }));
  return {
    version,
    files,
    texts: new Map(Object.entries(js)),
    js: new Map(Object.entries(js).map(([path, source]) => [path, { source, units: extractUnits(path, source) }])),
  };
}

const OLD_FILES = { 'a.js': OLD, 'gone.js': 'let g = 1;\n' };
const NEW_FILES = { 'a.js': NEW, 'new.js': 'let n = 1;\nlet m = 2;\n' };
const beautify = async (source: string) => source;

describe('countTextChanges', () => {
  it('counts what diffFile reports', () => {
    for (const [a, b] of [[OLD, NEW], [OLD, OLD], [undefined, NEW], [OLD, undefined], ['a\n  b\n', 'a\nb\n']] as const) {
      const file = diffFile('x.js', a, b, false);
      expect(countTextChanges(a, b)).toEqual({ added: file?.linesAdded ?? 0, removed: file?.linesRemoved ?? 0 });
    }
  });
});

describe('diffPair', () => {
  it('has the plain diff of JavaScript counted through countLines, and counts what it cannot', async () => {
    const asked: string[] = [];
    const countLines = async (path: string) => {
      asked.push(path);
      // gone.js is "not in the store": counted by diffPair itself.
      return path === 'gone.js' ? null : countTextChanges(OLD_FILES[path as 'a.js'], NEW_FILES[path as 'a.js' | 'new.js']);
    };
    const counted = await diffPair(side('1', OLD_FILES), side('2', NEW_FILES), { beautify, countLines });
    const here = await diffPair(side('1', OLD_FILES), side('2', NEW_FILES), { beautify });
    expect(asked.sort()).toEqual(['a.js', 'gone.js', 'new.js']);
    expect(counted.stats.naive).toEqual({ linesAdded: 4 + 2, linesRemoved: 3 + 1 });
    expect(counted.stats.naive).toEqual(here.stats.naive);
    expect(counted.files).toEqual(here.files);
  });

  it('counts here with raw, where the plain diff is shown', async () => {
    let asked = false;
    const countLines = async () => {
      asked = true;
      return null;
    };
    const result = await diffPair(side('1', OLD_FILES), side('2', NEW_FILES), { raw: true, beautify, countLines });
    expect(asked).toBe(false);
    expect(result.stats.naive).toEqual({ linesAdded: result.stats.linesAdded, linesRemoved: result.stats.linesRemoved });
  });

  it('reports a failed count', async () => {
    const countLines = async () => {
      throw new Error('worker gone');
    };
    await expect(diffPair(side('1', OLD_FILES), side('2', NEW_FILES), { beautify, countLines })).rejects.toThrow('worker gone');
  });
});
