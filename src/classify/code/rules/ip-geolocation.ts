import { GEOLOCATION_HOSTS } from '../known.js';
import { defineCodeRule } from '../rule.js';
import { namedHostMatches } from './util.js';

export default defineCodeRule({
  meta: {
    id: 'ip-geolocation',
    category: 'geo-gating',
    severity: 'medium',
    description: 'The code names an IP geolocation service: it can find out which country the machine is in.',
    weight: 30,
  },
  match(ctx) {
    return namedHostMatches(ctx, GEOLOCATION_HOSTS, {
      key: 'geoip',
      message: (host) => `IP geolocation service ${host}`,
      reason: (host) => `names the IP geolocation service ${host}`,
      hiddenSeverity: 'high',
      hiddenReason: 'the host is hidden in an encoded literal',
    });
  },
});
