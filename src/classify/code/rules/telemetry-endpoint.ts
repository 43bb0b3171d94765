import { TELEMETRY_HOSTS } from '../known.js';
import { message } from '../../messages.js';
import { defineCodeRule } from '../rule.js';
import { namedHostMatches } from './util.js';

export default defineCodeRule({
  meta: {
    id: 'telemetry-endpoint',
    category: 'telemetry',
    severity: 'low',
    description: 'The code names a usage-analytics or telemetry endpoint (Google Analytics, Segment, Mixpanel, Amplitude, PostHog, Statsig, Datadog, Sentry…).',
    weight: 10,
    messages: ['telemetry-endpoint/named', 'telemetry-endpoint/names', 'telemetry-endpoint/hidden'],
  },
  match(ctx) {
    return namedHostMatches(ctx, TELEMETRY_HOSTS, {
      key: 'tele',
      message: (host, hidden) => message('telemetry-endpoint/named', { host, hidden }),
      reason: (host) => message('telemetry-endpoint/names', { host }),
      hiddenSeverity: 'medium',
      hiddenReason: message('telemetry-endpoint/hidden', {}),
      packageWide: true,
    });
  },
});
