import { PUBLIC_IP_HOSTS } from '../known.js';
import { message } from '../../messages.js';
import { defineCodeRule } from '../rule.js';
import { namedHostMatches } from './util.js';

export default defineCodeRule({
  meta: {
    id: 'public-ip-lookup',
    category: 'host-fingerprint',
    severity: 'low',
    description: "The code names a service that returns the machine's public IP address.",
    weight: 10,
    messages: ['public-ip-lookup/named', 'public-ip-lookup/names'],
  },
  match(ctx) {
    return namedHostMatches(ctx, PUBLIC_IP_HOSTS, {
      key: 'ip',
      message: (host, hidden) => message('public-ip-lookup/named', { host, hidden }),
      reason: (host) => message('public-ip-lookup/names', { host }),
      hiddenSeverity: 'medium',
    });
  },
});
