// A tiny package's code for monitoring tests: an ordinary release, and one that adds a time-zone
// gate (a high finding), packed as real tarballs.
import { packTarball } from './tarball.js';

export const ORDINARY = 'function pad(s, n) { s = String(s); while (s.length < n) s = " " + s; return s; }\nmodule.exports = pad;\n';
export const GATED = `${ORDINARY}function region() { var z = Intl.DateTimeFormat().resolvedOptions().timeZone; return z === "Europe/Moscow" || z === "Europe/Minsk"; }\nmodule.exports.region = region;\n`;

export function releaseTarball(name: string, version: string, code: string): Buffer {
  return packTarball([
    { path: 'package.json', data: JSON.stringify({ name, version, main: 'index.js' }) },
    { path: 'index.js', data: code },
  ]);
}
