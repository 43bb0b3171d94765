// Characters that are invisible or reorder text on screen (Trojan Source, zero-width and tag
// characters, variation selectors): report text shows them as ⟦U+XXXX⟧ so nothing hides.
export const HIDDEN_CHARS =
  // eslint-disable-next-line no-misleading-character-class -- combining marks are matched one at a time on purpose
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2028\u2029\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB\u{1D173}-\u{1D17A}\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}]/gu;

export function codePointLabel(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Text with every hidden character spelled out as ⟦U+XXXX⟧. */
export const revealHidden = (value: string): string => value.replace(HIDDEN_CHARS, (c) => `⟦${codePointLabel(c)}⟧`);
