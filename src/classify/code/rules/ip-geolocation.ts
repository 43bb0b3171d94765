import { GEOLOCATION_HOSTS } from '../known.js';
import { message } from '../../messages.js';
import { defineCodeRule } from '../rule.js';
import { namedHostMatches } from './util.js';

export default defineCodeRule({
  meta: {
    id: 'ip-geolocation',
    category: 'geo-gating',
    severity: 'medium',
    description: 'The code names an IP geolocation service: it can find out which country the machine is in.',
    weight: 30,
    messages: ['ip-geolocation/named', 'ip-geolocation/names', 'ip-geolocation/hidden'],
  },
  match(ctx) {
    return namedHostMatches(ctx, GEOLOCATION_HOSTS, {
      key: 'geoip',
      message: (host, hidden) => message('ip-geolocation/named', { host, hidden }),
      reason: (host) => message('ip-geolocation/names', { host }),
      hiddenSeverity: 'high',
      hiddenReason: message('ip-geolocation/hidden', {}),
    });
  },
});
