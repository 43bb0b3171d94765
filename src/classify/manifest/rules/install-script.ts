import { installHooks, resolveTargets } from '../../../payload/install-scripts.js';
import type { Severity } from '../../../types.js';
import { defineRule, type RawFinding } from '../rule.js';
import { capabilitiesOf, capabilityWords, RISKY, type Capability } from './script-capabilities.js';

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

function doing(caps: readonly Capability[]): string {
  return caps.length > 0 ? `; it ${capabilityWords(caps)}` : '';
}

export default defineRule({
  meta: {
    id: 'install-script',
    category: 'install-lifecycle',
    severity: 'high',
    description:
      'An install-time script (preinstall, install, postinstall, prepare) was added or changed, or the file it runs was added or changed while the script line stayed the same; the message says what it does (network, downloads, commands, npm install).',
    scope: 'package',
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
        out.push({
          key: `${hook}\0${command}`,
          message: `install script "${hook}" ${changed ? 'changed' : 'added'}${doing(caps)}`,
          evidence: (changed ? `"${hook}": ${JSON.stringify(old.get(hook))} → ${JSON.stringify(command)}` : `"${hook}": ${JSON.stringify(command)}`) + runs,
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
        const said = afterScripts.has(target) ? (gained.length > 0 ? `; it now ${capabilityWords(gained)}` : doing(fileCaps)) : '';
        out.push({
          key: `${hook}\0${command}\0${target}\0${is.sha256}`,
          message: `install script "${hook}" runs ${target}, which was ${was ? 'changed' : 'added'}${said}`,
          evidence: `"${hook}": ${JSON.stringify(command)} (unchanged); ${target}: ${was ? `sha256 ${was.sha256.slice(0, 12)}… → ` : 'new, sha256 '}${is.sha256.slice(0, 12)}…`,
          anchor: `"${hook}":`,
          severity,
        });
      }
    }
    return out;
  },
});
