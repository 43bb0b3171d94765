// How much indentation beautifying a file would add. js-beautify indents every line it makes by
// the nesting depth, so its output grows with depth × lines: a 20 kB file of 10,000 nested `[`
// becomes 200 MB (and 20,000 levels exceed what a string can hold). Such a file is beautified
// without indentation instead: still one construct per line, so its diff stays readable, and
// its size stays linear in the input.
import * as acorn from 'acorn';
import { acornOptions, tt } from '../units/acorn-parser.js';
import { BEAUTIFY_OPTIONS } from './beautify-options.js';

/** Indentation above this many characters (on top of the file's own size) means flat output. */
export const indentationBudget = (sourceChars: number): number => 4 * sourceChars + 8 * 1024 * 1024;

export interface IndentationEstimate {
  /** Deepest bracket nesting seen. */
  depth: number;
  /** Characters of indentation the beautified text would carry, at most (an upper estimate). */
  chars: number;
  /** Whether the estimate comes from JavaScript's tokens (else from the raw characters). */
  tokens: boolean;
}

const INDENT = BEAUTIFY_OPTIONS.indent_size ?? 4;

/** Every bracket, `;` and `,` is taken to start a line indented by the depth there. */
class Tally {
  depth = 0;
  deepest = 0;
  chars = 0;
  open(): void {
    this.chars += this.depth * INDENT;
    if (++this.depth > this.deepest) this.deepest = this.depth;
  }
  close(): void {
    if (this.depth > 0) this.depth -= 1;
    this.chars += this.depth * INDENT;
  }
  line(): void {
    this.chars += this.depth * INDENT;
  }
}

/**
 * An upper estimate, linear in the text, from acorn's tokens: brackets inside strings, regular
 * expressions and comments do not count, so no stray quote or bracket can hide real nesting.
 * Text that does not tokenize is counted character by character (see `estimateFromChars`).
 */
export function estimateIndentation(source: string): IndentationEstimate {
  for (const sourceType of ['module', 'script'] as const) {
    const tally = new Tally();
    try {
      for (const token of acorn.tokenizer(source, acornOptions(sourceType))) {
        const type = token.type;
        if (type === tt.braceL || type === tt.bracketL || type === tt.parenL || type === tt.dollarBraceL) tally.open();
        else if (type === tt.braceR || type === tt.bracketR || type === tt.parenR) tally.close();
        else if (type === tt.semi || type === tt.comma) tally.line();
      }
      return { depth: tally.deepest, chars: tally.chars, tokens: true };
    } catch {
      // Not JavaScript as acorn reads it in this mode: the next mode, then the characters.
    }
  }
  return estimateFromChars(source);
}

/**
 * For text that does not tokenize: every bracket character counts, wherever it is. Brackets in
 * strings can steer this either way, so beautified text from such a file is also measured
 * after the fact (see `overBudget`).
 */
export function estimateFromChars(source: string): IndentationEstimate {
  const tally = new Tally();
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */ || c === 0x28 /* ( */) tally.open();
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */ || c === 0x29 /* ) */) tally.close();
    else if (c === 0x3b /* ; */ || c === 0x2c /* , */) tally.line();
  }
  return { depth: tally.deepest, chars: tally.chars, tokens: false };
}

/** Whether beautified text grew past what the budget allows for its source. */
export const overBudget = (source: string, beautified: string): boolean => beautified.length - source.length > indentationBudget(source.length);

/** Why a file is beautified without indentation. */
export function flatReason(source: string, estimate: IndentationEstimate): string {
  return `nested ${estimate.depth.toLocaleString('en-US')} levels deep: beautified without indentation, which would have added about ${size(estimate.chars)} to a ${size(source.length)} file`;
}

const size = (chars: number): string => (chars >= 1024 * 1024 ? `${(chars / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(chars / 1024)} kB`);
