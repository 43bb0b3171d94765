import { matchHost, TELEMETRY_HOSTS } from '../known.js';
import { defineCodeRule, type CodeMatch } from '../rule.js';
import { stringsOf, toPayload } from './util.js';

export default defineCodeRule({
  meta: {
    id: 'telemetry-endpoint',
    category: 'telemetry',
    severity: 'low',
    description: 'The code names a usage-analytics or telemetry endpoint (Google Analytics, Segment, Mixpanel, Amplitude, PostHog, Statsig, Datadog, Sentry…).',
    weight: 10,
  },
  match(ctx) {
    const out = new Map<string, CodeMatch>();
    for (const s of stringsOf(ctx)) {
      const host = matchHost(s.text, TELEMETRY_HOSTS);
      if (!host || out.has(host)) continue;
      const m: CodeMatch = {
        key: `tele\0${host}`,
        node: { start: s.start, end: s.end },
        message: `telemetry endpoint ${host}${s.decoded ? ' (in a decoded literal)' : ''}`,
        reasons: [`names the analytics/telemetry endpoint ${host}`],
      };
      if (s.decoded) {
        m.severity = 'medium';
        m.payloads = [toPayload(s.decoded)];
        m.chain = ['obfuscation'];
        m.reasons.push('the endpoint is hidden in an encoded literal');
      }
      if (s.raw) m.anchor = s.raw;
      out.set(host, m);
    }
    return [...out.values()];
  },
});
