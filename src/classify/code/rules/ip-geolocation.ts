import { GEOLOCATION_HOSTS, matchHost } from '../known.js';
import { defineCodeRule, type CodeMatch } from '../rule.js';
import { toPayload, stringsOf } from './util.js';

export default defineCodeRule({
  meta: {
    id: 'ip-geolocation',
    category: 'geo-gating',
    severity: 'medium',
    description: 'The code names an IP geolocation service: it can find out which country the machine is in.',
    weight: 30,
  },
  match(ctx) {
    const out = new Map<string, CodeMatch>();
    for (const s of stringsOf(ctx)) {
      const host = matchHost(s.text, GEOLOCATION_HOSTS);
      if (!host || out.has(host)) continue;
      const m: CodeMatch = {
        key: `geoip\0${host}`,
        node: { start: s.start, end: s.end },
        message: `IP geolocation service ${host}${s.decoded ? ' (in a decoded literal)' : ''}`,
        reasons: [`names the IP geolocation service ${host}`],
      };
      if (s.decoded) {
        m.severity = 'high';
        m.payloads = [toPayload(s.decoded)];
        m.chain = ['obfuscation'];
        m.reasons.push('the host is hidden in an encoded literal');
      }
      if (s.raw) m.anchor = s.raw;
      out.set(host, m);
    }
    return [...out.values()];
  },
});
