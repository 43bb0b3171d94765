import { describe, expect, it } from 'vitest';
import { escapeControls, escapeControlsInJson } from '../../src/text/control-chars.js';
import { renderLine, styled, terminal } from '../../src/cli/terminal.js';
import { painter } from '../../src/cli/color.js';

// Anything a terminal acts on: C0 (with ESC and BEL), DEL, C1 (0x9b is a one-byte CSI), bidi.
const RAW = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('escapeControls', () => {
  it('writes escape sequences as visible text', () => {
    expect(escapeControls('a\u001bb')).toBe('a\\x1bb');
    expect(escapeControls('\u001b[2J\u001b[31mred\u001b[0m')).toBe('\\x1b[2J\\x1b[31mred\\x1b[0m');
    expect(escapeControls('\u001b]0;pwned\u0007')).toBe('\\x1b]0;pwned\\x07');
    // An OSC 8 hyperlink that would show "docs" and point elsewhere.
    const link = '\u001b]8;;https://evil.example/\u001b\\docs\u001b]8;;\u001b\\';
    expect(escapeControls(link)).toBe('\\x1b]8;;https://evil.example/\\x1b\\docs\\x1b]8;;\\x1b\\');
    expect(escapeControls('safe\rforged')).toBe('safe\\rforged');
    expect(escapeControls('\u009b2J \u0085 \u007f \u0000')).toBe('\\x9b2J \\x85 \\x7f \\x00');
  });

  it('escapes bidi overrides and isolates that reorder text', () => {
    expect(escapeControls('evil\u202Egpj.js')).toBe('evil\\u202egpj.js');
    expect(escapeControls('\u2066a\u2067b\u2068c\u2069 \u202a\u202b\u202c\u202d')).toBe('\\u2066a\\u2067b\\u2068c\\u2069 \\u202a\\u202b\\u202c\\u202d');
  });

  it('keeps one line, unless asked for several', () => {
    expect(escapeControls('a\nb\tc')).toBe('a\\nb\\tc');
    expect(escapeControls('a\nb\tc\r\u001b', { multiline: true })).toBe('a\nb\tc\\r\\x1b');
  });

  it('leaves ordinary Unicode alone', () => {
    const text = 'café 漢字 カタカナ 한국어 👩‍👩‍👧 ❤️ Ωμέγα العربية → … — “quoted” C:\\path\\x1b';
    expect(escapeControls(text)).toBe(text);
    expect(escapeControls(text, { multiline: true })).toBe(text);
  });

  it('escapes inside JSON strings and keeps the document', () => {
    const doc = { name: 'x\u009b2J\u202e\u001b', list: ['é', '\u0085'] };
    const json = JSON.stringify(doc, null, 2);
    const safe = escapeControlsInJson(json);
    expect(safe).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(JSON.parse(safe)).toEqual(doc);
  });
});

describe('terminal lines', () => {
  it('colours after escaping: the only escape codes are the painter\'s', () => {
    const text = renderLine(['  ', styled('red', 'high\u001b[2J'), ' pkg\u001b]0;pwned\u0007'], painter(true));
    expect(text).toBe('  \u001b[31mhigh\\x1b[2J\u001b[0m pkg\\x1b]0;pwned\\x07');
    expect(renderLine('plain\u009b', painter(false))).toBe('plain\\x9b');
  });

  it('escapes every line and the status line written to a stream', () => {
    const written: string[] = [];
    const stream = { isTTY: true, columns: 200, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    const term = terminal(stream, { NO_COLOR: '1' });
    term.line('a\u001b[2Jb');
    term.lines(['c\u0007', [styled('bold', 'd\u202e')]]);
    term.status('e\u001b]0;t\u0007');
    term.clearStatus();
    expect(written).toEqual(['a\\x1b[2Jb\n', 'c\\x07\nd\\u202e\n', '\r\u001b[Ke\\x1b]0;t\\x07', '\r\u001b[K']);
    expect(written.slice(0, 2).join('').replace(/\n/g, '')).not.toMatch(RAW);
  });
});
