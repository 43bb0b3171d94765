// Characters that change what a text says without showing: bidi controls, zero-width and other
// default-ignorable characters, tag characters, variation selectors, private-use characters.
import { characterName, codePointLabel } from './names.js';

export type HiddenKind = 'bidi' | 'zero-width' | 'tag' | 'variation-selector' | 'invisible' | 'private-use';

export interface HiddenChar {
  /** UTF-16 offset in the text. */
  index: number;
  codePoint: number;
  name: string;
  kind: HiddenKind;
}

export interface FindHiddenOptions {
  /**
   * Also report the hidden characters of ordinary text: an emoji's variation selector, the
   * zero-width joiners inside an emoji sequence, the tags of a subdivision flag, a leading
   * byte-order mark, a joiner between letters of a script that needs it (Persian, Indic…), an
   * ideographic variation selector after an ideograph. Off by default: these are not hidden
   * messages, and a bundle carries thousands of them.
   */
  all?: boolean;
}

const BIDI = new Set([0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);
const ZERO_WIDTH = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x180e]);

// Candidates, found in one regex pass; `u` makes it iterate by code point.
const CANDIDATE = /[\p{Default_Ignorable_Code_Point}\p{Co}\uFFF9-\uFFFB\u2800]/gu;

const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Presentation}|\p{Emoji}/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const IDEOGRAPH = /\p{Ideographic}/u;
const JOINING_LETTER = /[\p{L}\p{M}]/u;
const LATIN_OR_ASCII = /[\p{Script=Latin}\p{ASCII}]/u;
const MONGOLIAN = /\p{Script=Mongolian}/u;
const VISIBLE_BASE = /[\p{L}\p{N}\p{S}\p{P}]/u;

function kindOf(cp: number): HiddenKind {
  if (BIDI.has(cp)) return 'bidi';
  if (ZERO_WIDTH.has(cp)) return 'zero-width';
  if (cp >= 0xe0000 && cp <= 0xe007f) return 'tag';
  if ((cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef) || (cp >= 0x180b && cp <= 0x180d) || cp === 0x180f) {
    return 'variation-selector';
  }
  if ((cp >= 0xe000 && cp <= 0xf8ff) || cp >= 0xf0000) return 'private-use';
  return 'invisible';
}

function nameOf(cp: number, kind: HiddenKind): string {
  const name = characterName(cp);
  if (name) return name;
  if (kind === 'private-use') return `<private-use-${codePointLabel(cp).slice(2)}>`;
  return `<unassigned-${codePointLabel(cp).slice(2)}>`;
}

function isVariationSelector(cp: number | undefined): boolean {
  return cp !== undefined && kindOf(cp) === 'variation-selector';
}

/** The code point that ends at UTF-16 offset `index`. */
function previousCodePoint(text: string, index: number): number | undefined {
  if (index <= 0) return undefined;
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(index - 2);
  }
  return low;
}

/** The code point after `cp`, which starts at UTF-16 offset `index`. */
function nextCodePoint(text: string, index: number, cp: number): number | undefined {
  return text.codePointAt(index + (cp > 0xffff ? 2 : 1));
}

const char = (cp: number | undefined): string => (cp === undefined ? '' : String.fromCodePoint(cp));

/** Whether the character at `index` plays its ordinary part in the text around it. */
function isOrdinary(text: string, index: number, cp: number, kind: HiddenKind): boolean {
  const prev = previousCodePoint(text, index);
  const next = nextCodePoint(text, index, cp);
  if (cp === 0xfeff) return index === 0;
  if (kind === 'variation-selector') {
    // One selector after a visible base is a glyph choice; a second one in a row carries data
    // (variation selectors are a known way to smuggle bytes behind an emoji).
    if (prev === undefined || isVariationSelector(prev)) return false;
    const base = char(prev);
    if (cp === 0xfe0e || cp === 0xfe0f) return EMOJI.test(base);
    if (cp >= 0xe0100) return IDEOGRAPH.test(base);
    if (cp >= 0x180b && cp <= 0x180f) return MONGOLIAN.test(base);
    return VISIBLE_BASE.test(base);
  }
  if (cp === 0x200d) {
    // Emoji ZWJ sequence: pictograph (maybe with a selector or skin tone) ZWJ pictograph.
    let before = prev;
    if (isVariationSelector(before) || (before !== undefined && before >= 0x1f3fb && before <= 0x1f3ff)) {
      const at = index - (before! > 0xffff ? 2 : 1);
      before = previousCodePoint(text, at);
    }
    if (PICTOGRAPHIC.test(char(before)) && PICTOGRAPHIC.test(char(next))) return true;
  }
  if (cp === 0x200c || cp === 0x200d) {
    // Joiners shape letters of Arabic-script and Indic text; Latin and ASCII never need them.
    const a = char(prev);
    const b = char(next);
    return JOINING_LETTER.test(a) && JOINING_LETTER.test(b) && !LATIN_OR_ASCII.test(a) && !LATIN_OR_ASCII.test(b);
  }
  if (kind === 'tag') return isInFlagTagSequence(text, index);
  return false;
}

/** A subdivision flag: U+1F3F4 WAVING BLACK FLAG, tag characters, U+E007F CANCEL TAG. */
function isInFlagTagSequence(text: string, index: number): boolean {
  let start = index;
  for (let steps = 0; steps < 32; steps++) {
    const prev = previousCodePoint(text, start);
    if (prev === 0x1f3f4) break;
    if (prev === undefined || prev < 0xe0020 || prev > 0xe007e) return false;
    start -= 2;
  }
  if (previousCodePoint(text, start) !== 0x1f3f4) return false;
  let end = index;
  for (let steps = 0; steps < 32; steps++) {
    const cp = text.codePointAt(end);
    if (cp === 0xe007f) return true;
    if (cp === undefined || cp < 0xe0020 || cp > 0xe007e) return false;
    end += 2;
  }
  return false;
}

/** Invisible, bidi, tag, variation-selector and private-use characters in a text (already unescaped). */
export function findHiddenChars(text: string, options: FindHiddenOptions = {}): HiddenChar[] {
  const found: HiddenChar[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const index = match.index;
    const cp = match[0].codePointAt(0)!;
    const kind = kindOf(cp);
    if (!options.all && isOrdinary(text, index, cp, kind)) continue;
    found.push({ index, codePoint: cp, name: nameOf(cp, kind), kind });
  }
  return found;
}
