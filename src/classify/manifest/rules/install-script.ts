import { installHooks, resolveTargets } from '../../../payload/install-scripts.js';
import type { Severity } from '../../../types.js';
import { message } from '../../messages.js';
import { defineRule, type RawFinding } from '../rule.js';
import { capabilitiesOf, RISKY, type Capability } from './script-capabilities.js';

/** What a hook does: its command line and the script files it runs, read for capabilities. */
function capabilitiesOfHook(command: string, targets: readonly string[], scripts: ReadonlyMap<string, string>): Capability[] {
  const caps = new Set(capabilitiesOf(command));
  for (const t of targets) for (const c of capabilitiesOf(scripts.get(t) ?? '')) caps.add(c);
  return [...caps];
}

/** A script line as npm runs it: surrounding and repeated whitespace mean nothing. */
const sameCommand = (a: string | undefined, b: string): boolean => a !== undefined && a.trim().replace(/\s+/g, ' ') === b.trim().replace(/\s+/g, ' ');

/** A script's text without what does not change what it does: a shebang, comments, 'use strict', whitespace. */
function gist(text: string): string {
  return text
    .replace(/^#!.*/, '')
    .replace(/\/\*[\s\S]*?\*\/|(^|[^:\\])\/\/.*$/gm, '$1')
    .replace(/(["'])use strict\1;?/g, '')
    .replace(/\s+/g, '');
}

export default defineRule({
  meta: {
    id: 'install-script',
    category: 'install-lifecycle',
    severity: 'high',
    description:
      'An install-time script (preinstall, install, postinstall, prepare) was added or changed, or the file it runs was added or changed while the script line stayed the same; the message says what it does (network, downloads, commands, npm install).',
    scope: 'package',
    messages: ['install-script/hook', 'install-script/target'],
  },
  match({ before, after, beforeFiles, afterFiles, beforeScripts, afterScripts }) {
    const old = installHooks(before);
    const now = installHooks(after);
    const out: RawFinding[] = [];
    for (const [hook, command] of now) {
      const targets = resolveTargets(command, (p) => afterFiles.has(p));
      const caps = capabilitiesOfHook(command, targets, afterScripts);
      const runs = targets.length > 0 ? `; runs ${targets.join(', ')}` : '';
      if (!sameCommand(old.get(hook), command)) {
        const changed = old.has(hook);
        const head = changed ? `"${hook}": ${JSON.stringify(old.get(hook))} → ` : `"${hook}": `;
        const line = JSON.stringify(command);
        out.push({
          key: `${hook}\0${command}`,
          message: message('install-script/hook', { hook, changed, does: caps }),
          evidence: `${head}${line}${runs}`,
          // The script line as it is now.
          spans: [{ start: head.length, end: head.length + line.length, role: 'script' }],
          anchor: `"${hook}":`,
        });
        continue;
      }
      // The line is the same: what it runs may not be. (`prepare` runs for git and local installs
      // only, and is a build: the files it names are its inputs and outputs.)
      if (hook === 'prepare') continue;
      for (const target of targets) {
        const was = beforeFiles.get(target);
        const is = afterFiles.get(target)!;
        if (beforeFiles.size === 0 || was?.sha256 === is.sha256) continue;
        const oldText = beforeScripts.get(target);
        const newText = afterScripts.get(target);
        if (was && oldText !== undefined && newText !== undefined && gist(oldText) === gist(newText)) continue;
        const before = capabilitiesOf(oldText ?? '');
        const fileCaps = capabilitiesOf(newText ?? '');
        const gained = fileCaps.filter((c) => !before.includes(c));
        // What it can do decides: new network, downloads, installs, home-folder access or eval are
        // high; other new abilities, a file that was not there, or one not read (a shell script),
        // medium; the same abilities, low.
        const severity: Severity = gained.some((c) => RISKY.has(c)) ? 'high' : gained.length > 0 || !was || newText === undefined ? 'medium' : 'low';
        const head = `"${hook}": ${JSON.stringify(command)} (unchanged); `;
        out.push({
          key: `${hook}\0${command}\0${target}\0${is.sha256}`,
          message: message('install-script/target', { hook, target, changed: was !== undefined, read: afterScripts.has(target), gained, does: fileCaps }),
          evidence: `${head}${target}: ${was ? `sha256 ${was.sha256.slice(0, 12)}… → ` : 'new, sha256 '}${is.sha256.slice(0, 12)}…`,
          spans: [{ start: head.length, end: head.length + target.length, role: 'file' }],
          anchor: `"${hook}":`,
          severity,
        });
      }
    }
    return out;
  },
});
