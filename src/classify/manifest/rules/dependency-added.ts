import npa from 'npm-package-arg';
import type { Severity } from '../../../types.js';
import { defineRule, type RawFinding } from '../rule.js';
import { stringMap } from './manifest-fields.js';

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
        const where = source.kind === 'registry' ? '' : ` from ${source.kind === 'url' ? 'a URL' : `a ${source.kind} source`}`;
        out.push({
          key: `${field}\0${name}\0${identity}`,
          message: `${field === 'dependencies' ? 'dependency' : field.replace(/ies$/, 'y')} "${name}" added${where}`,
          evidence: `${field}: "${name}": ${JSON.stringify(spec)}${previous !== undefined ? ` (was ${JSON.stringify(previous)})` : ''}`,
          anchor: `"${name}": ${JSON.stringify(spec)}`,
          severity: source.severity,
        });
      }
    }
    return out;
  },
});
