// What an install-time script can do, read off its text: a description for the message, not a
// proof (the code rules analyse the script's JavaScript in full when it changes). The words for
// each are in src/classify/messages.ts.
export type Capability = 'network' | 'download' | 'exec' | 'package-install' | 'home' | 'eval' | 'environment';

const PATTERNS: ReadonlyArray<readonly [Capability, RegExp]> = [
  ['network', /require\(\s*["'](?:node:)?(?:https?|net|tls|dgram|node-fetch|axios|got|request|undici|needle|superagent)["']\s*\)|from\s+["'](?:node:)?(?:https?|net|node-fetch|axios|got|undici)["']|\bfetch\s*\(|\bhttps?\.(?:get|request)\s*\(|\b(?:curl|wget|Invoke-WebRequest|iwr)\b/],
  ['exec', /child_process|\bexec(?:Sync|File|FileSync)?\s*\(|\bspawn(?:Sync)?\s*\(|\bexeca\b/],
  ['package-install', /\b(?:npm|pnpm|yarn|bun)\s+(?:i|install|add)\b/],
  ['home', /\bhomedir\s*\(|process\.env\.(?:HOME|USERPROFILE)\b|\$HOME\b|~\//],
  ['eval', /\beval\s*\(|new\s+Function\s*\(/],
  ['environment', /process\.env\b/],
];

/** Capabilities a script text shows, in a stable order. */
export function capabilitiesOf(text: string): Capability[] {
  const t = text.length > 1024 * 1024 ? text.slice(0, 1024 * 1024) : text;
  const out = new Set<Capability>();
  for (const [cap, re] of PATTERNS) if (re.test(t)) out.add(cap);
  if (out.has('network') && /createWriteStream|writeFile|\.pipe\s*\(|\bcurl\b[^\n]*-[oO]|\bwget\b|>\s*\S+/.test(t)) out.add('download');
  return [...out];
}

/** Capabilities that make an install script more than a build step. */
export const RISKY: ReadonlySet<Capability> = new Set<Capability>(['network', 'download', 'package-install', 'home', 'eval']);
