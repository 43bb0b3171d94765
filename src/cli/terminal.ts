// Every line strata prints goes through here. The text in a line is escaped first (it can carry
// package data), and only then coloured, so strata's own colour codes are the only escape
// sequences that reach the terminal.
import { escapeControls, escapeControlsInJson } from '../text/control-chars.js';
import { colorEnabled, painter, type Style } from './color.js';

/** Part of a line: plain text, or text in a style. */
export type Span = string | { readonly style: Style; readonly text: string };
export type Line = Span | readonly Span[];

export const styled = (style: Style, text: string): Span => ({ style, text });

/** A line as it is printed: each span escaped, then painted. */
export function renderLine(line: Line, paint: (style: Style, text: string) => string): string {
  const spans: readonly Span[] = typeof line === 'string' || !Array.isArray(line) ? [line as Span] : line;
  return spans.map((s) => (typeof s === 'string' ? escapeControls(s) : paint(s.style, escapeControls(s.text)))).join('');
}

export interface Terminal {
  readonly isTTY: boolean;
  line(line: Line): void;
  lines(lines: readonly Line[]): void;
  /** On a terminal, `text` replaces the status line in place (cut to the width). */
  status(text: string): void;
  /** Clears the status line. */
  clearStatus(): void;
  /** A JSON document, as it is (JSON escapes C0 itself), with the rest of the controls escaped. */
  json(text: string): void;
}

export function terminal(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): Terminal {
  const paint = painter(colorEnabled(stream, env));
  const isTTY = stream.isTTY === true;
  return {
    isTTY,
    line: (line) => stream.write(`${renderLine(line, paint)}\n`),
    lines: (lines) => {
      if (lines.length > 0) stream.write(`${lines.map((l) => renderLine(l, paint)).join('\n')}\n`);
    },
    status: (text) => {
      if (isTTY) stream.write(`\r\u001b[K${escapeControls(text).slice(0, (stream.columns || 80) - 1)}`);
    },
    clearStatus: () => {
      if (isTTY) stream.write('\r\u001b[K');
    },
    json: (text) => stream.write(escapeControlsInJson(text)),
  };
}

let out: Terminal | undefined;
let err: Terminal | undefined;
export const stdout = (): Terminal => (out ??= terminal(process.stdout));
export const stderr = (): Terminal => (err ??= terminal(process.stderr));
