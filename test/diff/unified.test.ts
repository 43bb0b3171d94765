import { describe, it, expect } from 'vitest';
import { parse } from 'diff2html';
import { countChanges, diffLines } from '../../src/diff/line-diff.js';
import { buildHunks, formatUnified } from '../../src/diff/unified.js';
import type { FileStatus } from '../../src/types.js';

function unified(path: string, oldLines: string[], newLines: string[], status: FileStatus = 'modified', context?: number): string {
  return formatUnified({ path, oldLines, newLines, ops: diffLines(oldLines, newLines), status, context });
}

const letters = (s: string): string[] => s.split('');

describe('buildHunks', () => {
  it('merges changes up to 2 × context equal lines apart and splits beyond', () => {
    // Changes at old index 1 and 8: 6 equal lines between them.
    const a = letters('abcdefghijklm');
    const near = letters('aBcdefghIjklm');
    expect(buildHunks(diffLines(a, near), 3)).toHaveLength(1);
    // 7 equal lines between them.
    const far = letters('aBcdefghiJklm');
    const hunks = buildHunks(diffLines(a, far), 3);
    expect(hunks.map(({ oldStart, oldCount, newStart, newCount }) => ({ oldStart, oldCount, newStart, newCount }))).toEqual([
      { oldStart: 0, oldCount: 5, newStart: 0, newCount: 5 },
      { oldStart: 6, oldCount: 7, newStart: 6, newCount: 7 },
    ]);
  });

  it('takes Infinity as the whole file in one hunk', () => {
    const hunks = buildHunks(diffLines(letters('abcdefghijklmnop'), letters('aBcdefghijklmnoP')), Infinity);
    expect(hunks).toHaveLength(1);
    expect(hunks[0]).toMatchObject({ oldStart: 0, oldCount: 16, newStart: 0, newCount: 16 });
  });

  it('has no hunks without changes, and no context with context 0', () => {
    expect(buildHunks(diffLines(['a', 'b'], ['a', 'b']))).toEqual([]);
    const hunks = buildHunks(diffLines(letters('abc'), letters('aXc')), 0);
    expect(hunks).toEqual([
      {
        oldStart: 1,
        oldCount: 1,
        newStart: 1,
        newCount: 1,
        ops: [
          { kind: 'delete', oldStart: 1, newStart: 1, count: 1 },
          { kind: 'insert', oldStart: 2, newStart: 1, count: 1 },
        ],
      },
    ]);
  });
});

describe('formatUnified', () => {
  it('writes git-style text', () => {
    const text = unified('lib/x.js', letters('abcdefghijk'), letters('abXdefghijYk'));
    expect(text).toBe(
      [
        'diff --git a/lib/x.js b/lib/x.js',
        '--- a/lib/x.js',
        '+++ b/lib/x.js',
        '@@ -1,6 +1,6 @@',
        ' a',
        ' b',
        '-c',
        '+X',
        ' d',
        ' e',
        ' f',
        '@@ -8,4 +8,5 @@',
        ' h',
        ' i',
        ' j',
        '+Y',
        ' k',
        '',
      ].join('\n'),
    );
  });

  it('writes added and removed files against /dev/null', () => {
    expect(unified('new.js', [], ['1', '2'], 'added')).toBe(
      'diff --git a/new.js b/new.js\nnew file mode 100644\n--- /dev/null\n+++ b/new.js\n@@ -0,0 +1,2 @@\n+1\n+2\n',
    );
    expect(unified('old.js', ['1'], [], 'removed')).toBe(
      'diff --git a/old.js b/old.js\ndeleted file mode 100644\n--- a/old.js\n+++ /dev/null\n@@ -1 +0,0 @@\n-1\n',
    );
    expect(unified('empty.js', [], [], 'added')).toBe('diff --git a/empty.js b/empty.js\nnew file mode 100644\n');
  });

  it('writes the header of an insertion or deletion hunk like diff -u', () => {
    expect(unified('f', letters('abcdef'), letters('abcXYdef'), 'modified', 0)).toContain('@@ -3,0 +4,2 @@\n');
    // with context the hunk has lines on both sides
    expect(unified('f', letters('abcdef'), letters('abcXYdef'), 'modified', 1)).toBe(
      'diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -3,2 +3,4 @@\n c\n+X\n+Y\n d\n',
    );
  });

  it('shows the new text of lines that are equal but for whitespace', () => {
    const text = unified('w.js', ['if (a) {', '  x();', '}'], ['  if (a) {', '    y();', '  }']);
    expect(text).toBe('diff --git a/w.js b/w.js\n--- a/w.js\n+++ b/w.js\n@@ -1,3 +1,3 @@\n   if (a) {\n-  x();\n+    y();\n   }\n');
  });

  it('keeps line structure when a line holds a bare carriage return', () => {
    const text = unified('cr.js', ['a', 'b'], ['a', 'b\rc']);
    expect(text.endsWith('-b\n+b\u240dc\n')).toBe(true);
    expect(parse(text)[0]!.addedLines).toBe(1);
  });

  it('quotes paths with control characters', () => {
    const text = unified('odd\nname".js', ['a'], ['b']);
    expect(text.split('\n').slice(0, 3)).toEqual([
      'diff --git "a/odd\\nname\\".js" "b/odd\\nname\\".js"',
      '--- "a/odd\\nname\\".js"',
      '+++ "b/odd\\nname\\".js"',
    ]);
  });
});

describe('formatUnified read back by diff2html', () => {
  it('gives the right names and line counts for modified, added and removed files', () => {
    const oldA = Array.from({ length: 200 }, (_, i) => `line ${i}`);
    const newA = oldA.filter((_, i) => i % 17 !== 3).map((l, i) => (i % 23 === 0 ? `${l} changed` : l));
    newA.splice(50, 0, 'inserted 1', 'inserted 2');
    const opsA = diffLines(oldA, newA);
    const counts = countChanges(opsA);
    const text =
      formatUnified({ path: 'src/a.js', oldLines: oldA, newLines: newA, ops: opsA, status: 'modified' }) +
      unified('src/new file.js', [], ['x', 'y', 'z'], 'added') +
      unified('gone.js', ['p', 'q'], [], 'removed');
    const files = parse(text);
    expect(
      files.map((f) => ({
        oldName: f.oldName,
        newName: f.newName,
        added: f.addedLines,
        deleted: f.deletedLines,
        isNew: f.isNew ?? false,
        isDeleted: f.isDeleted ?? false,
      })),
    ).toEqual([
      { oldName: 'src/a.js', newName: 'src/a.js', added: counts.added, deleted: counts.removed, isNew: false, isDeleted: false },
      { oldName: '/dev/null', newName: 'src/new file.js', added: 3, deleted: 0, isNew: true, isDeleted: false },
      { oldName: 'gone.js', newName: '/dev/null', added: 0, deleted: 2, isNew: false, isDeleted: true },
    ]);
    expect(counts.removed).toBeGreaterThan(10);
    // Line numbers in the parsed blocks agree with the hunks.
    const firstBlock = files[0]!.blocks[0]!;
    expect(firstBlock.oldStartLine).toBe(1);
    expect(firstBlock.newStartLine).toBe(1);
  });

  it('round-trips a large diff', () => {
    const oldLines = Array.from({ length: 100_000 }, (_, i) => `  v${i} = ${i};`);
    const newLines = oldLines.map((l, i) => (i % 10 === 0 ? `  w${i} = ${i};` : l));
    const ops = diffLines(oldLines, newLines);
    expect(countChanges(ops)).toEqual({ added: 10_000, removed: 10_000 });
    const text = formatUnified({ path: 'big.js', oldLines, newLines, ops, status: 'modified' });
    const [file] = parse(text);
    expect(file!.addedLines).toBe(10_000);
    expect(file!.deletedLines).toBe(10_000);
    // Changes 9 equal lines apart (more than 2 × 3): one hunk each.
    expect(file!.blocks).toHaveLength(10_000);
  });
});
