// Character names for the characters this module reports: confusables with ASCII prototypes,
// printable ASCII, invisible characters; tags, variation selectors and private-use characters
// are named by rule.
import { CONFUSABLE_RUNS, CONFUSABLE_SINGLES, OTHER_NAMES } from './confusables-data.js';

let names: Map<number, string> | undefined;

function nameTable(): Map<number, string> {
  if (names) return names;
  names = new Map(OTHER_NAMES);
  for (const [first, count, proto, prefix] of CONFUSABLE_RUNS) {
    for (let k = 0; k < count; k++) names.set(first + k, prefix + String.fromCharCode(proto + k).toUpperCase());
  }
  for (const [cp, , name] of CONFUSABLE_SINGLES) names.set(cp, name);
  return names;
}

export function codePointLabel(cp: number): string {
  return 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
}

/** The character's name, or undefined when this module has no name for it. */
export function characterName(cp: number): string | undefined {
  const known = nameTable().get(cp);
  if (known) return known;
  if (cp >= 0xfe00 && cp <= 0xfe0f) return `VARIATION SELECTOR-${cp - 0xfe00 + 1}`;
  if (cp >= 0xe0100 && cp <= 0xe01ef) return `VARIATION SELECTOR-${cp - 0xe0100 + 17}`;
  if (cp === 0xe0001) return 'LANGUAGE TAG';
  if (cp === 0xe007f) return 'CANCEL TAG';
  if (cp >= 0xe0020 && cp <= 0xe007e) {
    const base = nameTable().get(cp - 0xe0000);
    return base ? `TAG ${base}` : undefined;
  }
  return undefined;
}

/** "U+2019 RIGHT SINGLE QUOTATION MARK"; "U+XXXX" for a character without a name here. */
export function describeCodePoint(cp: number): string {
  const name = characterName(cp);
  return name ? `${codePointLabel(cp)} ${name}` : codePointLabel(cp);
}
