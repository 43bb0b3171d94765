// A unit's text, as every stage reads it: its range of the file; for a 'wrapper' unit its closing
// after it (the head and the end of a statement whose body became units of their own); for one
// declarator of a split declaration list, the list's keyword before it, so that it reads (and
// parses) as the declaration it is.
export interface UnitSpan {
  start: number;
  end: number;
  closing?: { start: number; end: number };
  keyword?: 'var' | 'let' | 'const';
}

export function unitText(fileText: string, unit: UnitSpan): string {
  const head = fileText.slice(unit.start, unit.end);
  const body = unit.closing ? head + fileText.slice(unit.closing.start, unit.closing.end) : head;
  return unit.keyword ? `${unit.keyword} ${body}` : body;
}

/** How many characters of `unitText` come before the unit's range (its keyword and a space). */
export function unitTextShift(unit: UnitSpan): number {
  return unit.keyword ? unit.keyword.length + 1 : 0;
}

/**
 * The canonical form of a declarator unit drafted while the file was parsed (over the
 * declarator's own tokens, without its keyword) made the same as one drafted from its text, and
 * as a declaration of that one name written alone: with the keyword, which canonical forms write
 * `var` whatever it was.
 */
export function withKeyword(canonical: string, unit: UnitSpan): string {
  return unit.keyword && !canonical.startsWith('var ') ? `var ${canonical}` : canonical;
}
