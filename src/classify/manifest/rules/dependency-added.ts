import npa from 'npm-package-arg';
import type { Severity } from '../../../types.js';
import { message } from '../../messages.js';
import { defineRule, type RawFinding } from '../rule.js';
import { entrySpan, stringMap } from './manifest-fields.js';

// Fields whose packages are installed for the package's consumers (devDependencies are not).
const FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies'];

/** Where a dependency comes from: the registry, or somewhere that bypasses it. */
function sourceOf(name: string, spec: string): { kind: string; severity: Severity } {
  try {
    const parsed = npa.resolve(name, spec);
    if (parsed.type === 'git') return { kind: 'git', severity: 'high' };
    if (parsed.type === 'remote') return { kind: 'url', severity: 'high' };
    if (parsed.type === 'file' || parsed.type === 'directory') return { kind: 'file', severity: 'medium' };
    if (parsed.type === 'alias') return { kind: 'alias', severity: 'medium' };
  } catch {
    return { kind: 'invalid', severity: 'medium' };
  }
  return { kind: 'registry', severity: 'low' };
}

export default defineRule({
  meta: {
    id: 'dependency-added',
    category: 'dependency-change',
    severity: 'low',
    description: 'A dependency was added, or an existing one now comes from a git repository, a URL or a file.',
    scope: 'manifest',
    messages: ['dependency-added/added'],
  },
  match({ before, after }) {
    const out: RawFinding[] = [];
    for (const field of FIELDS) {
      const old = stringMap(before, field);
      for (const [name, spec] of Object.entries(stringMap(after, field))) {
        const source = sourceOf(name, spec);
        // A registry dependency is the same dependency whatever its range; others are their spec.
        const identity = source.kind === 'registry' ? 'registry' : spec;
        const previous = old[name];
        if (previous !== undefined && (sourceOf(name, previous).kind === 'registry' ? 'registry' : previous) === identity) continue;
        const entry = `"${name}": ${JSON.stringify(spec)}`;
        const evidence = `${field}: ${entry}${previous !== undefined ? ` (was ${JSON.stringify(previous)})` : ''}`;
        out.push({
          key: `${field}\0${name}\0${identity}`,
          message: message('dependency-added/added', { field, name, source: source.kind }),
          evidence,
          spans: entrySpan(evidence, entry),
          anchor: entry,
          severity: source.severity,
        });
      }
    }
    return out;
  },
});
