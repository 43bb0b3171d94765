import { EXFIL_HOSTS } from '../known.js';
import { defineCodeRule } from '../rule.js';
import { namedHostMatches } from './util.js';

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
    return namedHostMatches(ctx, EXFIL_HOSTS, {
      key: 'exfil',
      message: (host) => `data collection endpoint ${host}`,
      reason: (host) => `names ${host}, a known exfiltration or tunnelling endpoint`,
      hiddenSeverity: 'critical',
      hiddenReason: 'the endpoint is hidden in an encoded literal',
    });
  },
});
