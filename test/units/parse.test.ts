import { describe, expect, it } from 'vitest';
import { mayBeOneStatement, parseFile } from '../../src/units/parse.js';

const none = { maxChars: 0, analyse: () => undefined };

describe('mayBeOneStatement', () => {
  // It decides whether a large file may be split beside another one: a "no" for a file that is
  // one statement would put two whole-bundle ASTs in memory at once.
  const wrapped = [
    '#!/usr/bin/env node\n// banner\n"use strict";(function(){var a=1;a++})()',
    '/* license */ !function(e){e.x=1}({})',
    '// @bun @bytecode @bun-cjs\n(function(exports, require, module, __filename, __dirname) {var a=1})',
    ';(() => { var a = 1 })()',
    'void function(){ var a = 1 }()',
  ];
  it.each(wrapped)('says yes for a file whose first statement may span it: %s', (src) => {
    expect(mayBeOneStatement(src)).toBe(true);
    expect(parseFile(src, none).ok).toBe(true);
  });

  const streamed = ['import a from "b";\nvar c = 1;', 'var a=1;(function(){})()', '"use strict";\nexport const x = 1;'];
  it.each(streamed)('says no for a file of many statements: %s', (src) => {
    expect(mayBeOneStatement(src)).toBe(false);
    const parsed = parseFile(src, none);
    expect(parsed.ok && parsed.statements.length).toBeGreaterThan(1);
  });
});
