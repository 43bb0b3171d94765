import { EXFIL_HOSTS } from '../known.js';
import { message } from '../../messages.js';
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
    messages: ['exfil-endpoint/named', 'exfil-endpoint/names', 'exfil-endpoint/hidden'],
  },
  match(ctx) {
    return namedHostMatches(ctx, EXFIL_HOSTS, {
      key: 'exfil',
      message: (host, hidden) => message('exfil-endpoint/named', { host, hidden }),
      reason: (host) => message('exfil-endpoint/names', { host }),
      hiddenSeverity: 'critical',
      hiddenReason: message('exfil-endpoint/hidden', {}),
    });
  },
});
