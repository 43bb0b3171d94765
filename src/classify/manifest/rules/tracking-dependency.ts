import { FINGERPRINT_PACKAGES, isAnalyticsPackage } from '../../tracking-packages.js';
import { message } from '../../messages.js';
import { defineRule, type RawFinding } from '../rule.js';
import { entrySpan, stringMap } from './manifest-fields.js';

// Fields whose packages are installed for the package's consumers (devDependencies are not).
const FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies'];

export default defineRule({
  meta: {
    id: 'tracking-dependency',
    category: 'telemetry',
    severity: 'medium',
    description:
      'A dependency whose job is usage analytics or telemetry (universal-analytics, Segment, PostHog, Mixpanel, Amplitude, Application Insights, a *-telemetry package…) or identifying the machine (node-machine-id, getmac, systeminformation) was added.',
    scope: 'manifest',
    messages: ['tracking-dependency/analytics', 'tracking-dependency/machine-id'],
  },
  match({ before, after }) {
    const out: RawFinding[] = [];
    const had = new Set(FIELDS.flatMap((f) => Object.keys(stringMap(before, f))));
    for (const field of FIELDS) {
      for (const [name, spec] of Object.entries(stringMap(after, field))) {
        if (had.has(name)) continue;
        const analytics = isAnalyticsPackage(name);
        if (!analytics && !FINGERPRINT_PACKAGES.has(name)) continue;
        const entry = `"${name}": ${JSON.stringify(spec)}`;
        const evidence = `${field}: ${entry}`;
        out.push({
          key: `${name}`,
          message: message(analytics ? 'tracking-dependency/analytics' : 'tracking-dependency/machine-id', { name, field }),
          evidence,
          spans: entrySpan(evidence, entry),
          anchor: entry,
        });
      }
    }
    return out;
  },
});
