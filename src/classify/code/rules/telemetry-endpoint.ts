import { TELEMETRY_HOSTS } from '../known.js';
import { defineCodeRule } from '../rule.js';
import { namedHostMatches } from './util.js';

export default defineCodeRule({
  meta: {
    id: 'telemetry-endpoint',
    category: 'telemetry',
    severity: 'low',
    description: 'The code names a usage-analytics or telemetry endpoint (Google Analytics, Segment, Mixpanel, Amplitude, PostHog, Statsig, Datadog, Sentry…).',
    weight: 10,
  },
  match(ctx) {
    return namedHostMatches(ctx, TELEMETRY_HOSTS, {
      key: 'tele',
      message: (host) => `telemetry endpoint ${host}`,
      reason: (host) => `names the analytics/telemetry endpoint ${host}`,
      hiddenSeverity: 'medium',
      hiddenReason: 'the endpoint is hidden in an encoded literal',
      packageWide: true,
    });
  },
});
