import { PUBLIC_IP_HOSTS } from '../known.js';
import { defineCodeRule } from '../rule.js';
import { namedHostMatches } from './util.js';

export default defineCodeRule({
  meta: {
    id: 'public-ip-lookup',
    category: 'host-fingerprint',
    severity: 'low',
    description: "The code names a service that returns the machine's public IP address.",
    weight: 10,
  },
  match(ctx) {
    return namedHostMatches(ctx, PUBLIC_IP_HOSTS, {
      key: 'ip',
      message: (host) => `public IP lookup via ${host}`,
      reason: (host) => `names ${host}, which returns the public IP address`,
      hiddenSeverity: 'medium',
    });
  },
});
