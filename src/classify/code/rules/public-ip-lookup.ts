import { matchHost, PUBLIC_IP_HOSTS } from '../known.js';
import { defineCodeRule, type CodeMatch } from '../rule.js';
import { toPayload, stringsOf } from './util.js';

export default defineCodeRule({
  meta: {
    id: 'public-ip-lookup',
    category: 'host-fingerprint',
    severity: 'low',
    description: "The code names a service that returns the machine's public IP address.",
    weight: 10,
  },
  match(ctx) {
    const out = new Map<string, CodeMatch>();
    for (const s of stringsOf(ctx)) {
      const host = matchHost(s.text, PUBLIC_IP_HOSTS);
      if (!host || out.has(host)) continue;
      const m: CodeMatch = {
        key: `ip\0${host}`,
        node: { start: s.start, end: s.end },
        message: `public IP lookup via ${host}`,
        reasons: [`names ${host}, which returns the public IP address`],
      };
      if (s.decoded) {
        m.severity = 'medium';
        m.payloads = [toPayload(s.decoded)];
        m.chain = ['obfuscation'];
      }
      if (s.raw) m.anchor = s.raw;
      out.set(host, m);
    }
    return [...out.values()];
  },
});
