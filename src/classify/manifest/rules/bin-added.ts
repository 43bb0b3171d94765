import { defineRule, type RawFinding } from '../rule.js';
import { binMap } from './manifest-fields.js';

export default defineRule({
  meta: {
    id: 'bin-added',
    category: 'install-lifecycle',
    severity: 'medium',
    description: 'A command (bin entry) was added to the PATH of installers, or an existing one now runs another file.',
    scope: 'manifest',
  },
  match({ before, after }) {
    const old = binMap(before);
    const out: RawFinding[] = [];
    for (const [name, target] of Object.entries(binMap(after))) {
      if (old[name] === target) continue;
      out.push({
        key: `${name}\0${target}`,
        message: old[name] === undefined ? `command "${name}" added` : `command "${name}" now runs another file`,
        evidence: `bin: "${name}": ${JSON.stringify(target)}${old[name] !== undefined ? ` (was ${JSON.stringify(old[name])})` : ''}`,
        anchor: `"${name}": ${JSON.stringify(target)}`,
      });
    }
    return out;
  },
});
