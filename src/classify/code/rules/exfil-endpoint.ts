import { EXFIL_HOSTS, matchHost } from '../known.js';
import { defineCodeRule, type CodeMatch } from '../rule.js';
import { stringsOf, toPayload } from './util.js';

export default defineCodeRule({
  meta: {
    id: 'exfil-endpoint',
    category: 'exfiltration',
    severity: 'high',
    description:
      'The code names a request catcher, out-of-band testing host, chat webhook, paste site or tunnel (webhook.site, pipedream, Burp Collaborator, interact.sh, Discord webhooks, ngrok…): places data is sent to be collected.',
    weight: 45,
  },
  match(ctx) {
    const out = new Map<string, CodeMatch>();
    for (const s of stringsOf(ctx)) {
      const host = matchHost(s.text, EXFIL_HOSTS);
      if (!host || out.has(host)) continue;
      const m: CodeMatch = {
        key: `exfil\0${host}`,
        node: { start: s.start, end: s.end },
        message: `data collection endpoint ${host}${s.decoded ? ' (in a decoded literal)' : ''}`,
        reasons: [`names ${host}, a known exfiltration or tunnelling endpoint`],
      };
      if (s.decoded) {
        m.severity = 'critical';
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
