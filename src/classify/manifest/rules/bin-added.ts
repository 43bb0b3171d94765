import { message } from '../../messages.js';
import { defineRule, type RawFinding } from '../rule.js';
import { binMap, entrySpan } from './manifest-fields.js';

export default defineRule({
  meta: {
    id: 'bin-added',
    category: 'install-lifecycle',
    severity: 'medium',
    description: 'A command (bin entry) was added to the PATH of installers, or an existing one now runs another file.',
    scope: 'manifest',
    messages: ['bin-added/added', 'bin-added/changed'],
  },
  match({ before, after }) {
    const old = binMap(before);
    const out: RawFinding[] = [];
    for (const [name, target] of Object.entries(binMap(after))) {
      if (old[name] === target) continue;
      const entry = `"${name}": ${JSON.stringify(target)}`;
      const evidence = `bin: ${entry}${old[name] !== undefined ? ` (was ${JSON.stringify(old[name])})` : ''}`;
      out.push({
        key: `${name}\0${target}`,
        message: old[name] === undefined ? message('bin-added/added', { name, target }) : message('bin-added/changed', { name, target, was: old[name] }),
        evidence,
        spans: entrySpan(evidence, entry),
        anchor: entry,
      });
    }
    return out;
  },
});
