import { defineRule, type RawFinding } from '../rule.js';
import { stringMap } from './manifest-fields.js';

// Scripts npm runs on the consumer's machine during install.
const INSTALL_HOOKS = ['preinstall', 'install', 'postinstall', 'prepare'];

export default defineRule({
  meta: {
    id: 'install-script',
    category: 'install-lifecycle',
    severity: 'high',
    description: 'An install-time script (preinstall, install, postinstall, prepare) was added or changed.',
    scope: 'manifest',
  },
  match({ before, after }) {
    const old = stringMap(before, 'scripts');
    const now = stringMap(after, 'scripts');
    const out: RawFinding[] = [];
    for (const hook of INSTALL_HOOKS) {
      const command = now[hook];
      if (command === undefined || old[hook] === command) continue;
      const changed = old[hook] !== undefined;
      out.push({
        key: `${hook}\0${command}`,
        message: changed ? `install script "${hook}" changed` : `install script "${hook}" added`,
        evidence: changed ? `"${hook}": ${JSON.stringify(old[hook])} → ${JSON.stringify(command)}` : `"${hook}": ${JSON.stringify(command)}`,
        anchor: `"${hook}":`,
      });
    }
    return out;
  },
});
