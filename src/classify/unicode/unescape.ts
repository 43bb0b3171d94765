// JavaScript string-literal escapes, decoded as the engine would, without evaluating anything.

const SIMPLE: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v' };

function isHex(s: string): boolean {
  return s.length > 0 && /^[0-9a-fA-F]+$/.test(s);
}

/**
 * Decodes JS string-literal escapes (\uXXXX, \u{...}, \xXX, \n…, line continuations) into the
 * actual characters. `raw` is the literal's body, with or without its quotes (a leading and
 * trailing matching quote or backtick are dropped). A malformed escape is kept as written. Legacy
 * octal escapes (\1, \101; sloppy mode only) are decoded as the engine does; \8 and \9 are the
 * digits.
 */
export function unescapeJsString(raw: string): string {
  let body = raw;
  if (body.length >= 2) {
    const q = body[0];
    if ((q === '"' || q === "'" || q === '`') && body[body.length - 1] === q) body = body.slice(1, -1);
  }
  if (!body.includes('\\')) return body;
  let out = '';
  let i = 0;
  while (i < body.length) {
    const slash = body.indexOf('\\', i);
    if (slash < 0 || slash === body.length - 1) {
      out += body.slice(i);
      break;
    }
    out += body.slice(i, slash);
    const c = body[slash + 1]!;
    i = slash + 2;
    if (c in SIMPLE) {
      out += SIMPLE[c];
    } else if (c === 'x') {
      const h = body.slice(i, i + 2);
      if (h.length === 2 && isHex(h)) {
        out += String.fromCharCode(parseInt(h, 16));
        i += 2;
      } else out += '\\x';
    } else if (c === 'u') {
      if (body[i] === '{') {
        const close = body.indexOf('}', i);
        const h = close > i ? body.slice(i + 1, close) : '';
        const cp = isHex(h) && h.length <= 8 ? parseInt(h, 16) : -1;
        if (cp >= 0 && cp <= 0x10ffff) {
          out += String.fromCodePoint(cp);
          i = close + 1;
        } else out += '\\u';
      } else {
        const h = body.slice(i, i + 4);
        if (h.length === 4 && isHex(h)) {
          out += String.fromCharCode(parseInt(h, 16));
          i += 4;
        } else out += '\\u';
      }
    } else if (c >= '0' && c <= '7') {
      // Legacy octal: up to three digits, value at most 0o377.
      let digits = c;
      const maxLen = c <= '3' ? 3 : 2;
      while (digits.length < maxLen && body[i] !== undefined && body[i]! >= '0' && body[i]! <= '7') digits += body[i++];
      out += String.fromCharCode(parseInt(digits, 8));
    } else if (c === '\r') {
      // Line continuation: the escaped line terminator (\r\n counts as one) disappears.
      if (body[i] === '\n') i++;
    } else if (c === '\n' || c === '\u2028' || c === '\u2029') {
      // Line continuation.
    } else {
      out += c;
    }
  }
  return out;
}
