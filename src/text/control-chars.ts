// Text from packages (names, versions, file names, registry answers) can hold escape sequences
// that drive a terminal: clear it, retitle it, forge a hyperlink, overwrite a line with \r, or
// reorder what is read with a bidi override. Before such text is shown it goes through here: every
// control character becomes a visible escape (`\x1b`, `\u202e`), and all other Unicode is kept.

// C0, DEL, C1; the bidi marks, embeddings, overrides and isolates; the line and paragraph separators.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// The same without tab and newline, for fields that may span lines (SARIF texts, Markdown).
const CONTROLS_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const SHORT: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function visible(c: string): string {
  const code = c.charCodeAt(0);
  return SHORT[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/**
 * `text` with every control character written as a visible escape. One line by default: tab and
 * newline are escaped too; with `multiline` they are kept (nothing else is).
 */
export function escapeControls(text: string, options: { multiline?: boolean } = {}): string {
  return text.replace(options.multiline ? CONTROLS_BUT_LINES : CONTROLS, visible);
}

/**
 * JSON text with the control characters that JSON.stringify leaves raw (DEL, C1, bidi, separators)
 * written as `\uXXXX`: the same document once parsed, but nothing left that a terminal acts on. Raw
 * tab, newline and CR are JSON whitespace here (JSON.stringify escapes them inside strings).
 */
export function escapeControlsInJson(json: string): string {
  return json.replace(CONTROLS_BUT_LINES, (c) => (c === '\r' ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
