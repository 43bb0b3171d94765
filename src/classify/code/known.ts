// Names and patterns the code rules know: time zones and locales, services by host (analytics,
// IP geolocation, exfiltration and tunnels), credential files, shell start-up files. Host lists
// match a host or any sub-domain of it. What APIs reveal is in meanings.ts.

/** IANA zone names of the form Area/Location (not Etc/…, not bare UTC). */
export const IANA_ZONE = /^(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)\/[A-Z][A-Za-z_+-]+(?:\/[A-Z][A-Za-z_+-]+)?$/;

/** A time zone's long name, as `Intl` and `Date#toString` write it: `China Standard Time`, `Moscow Standard Time`. */
export const ZONE_NAME = /^[A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*)* (?:Standard|Daylight|Summer|Winter) Time$/;

/** A locale with a region or script (`zh-CN`, `zh_Hans`, `ru_RU.UTF-8`); bare languages are too ordinary to count. */
export const REGIONAL_LOCALE = /^[a-z]{2,3}[-_](?:[A-Z]{2}|[A-Z][a-z]{3}|\d{3})(?:[-_][A-Z]{2})?(?:\.[\w-]+)?$/;

export const LOOPBACK = /^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|::1|\[::1\]|[\w.-]*\.local|[\w.-]*\.localhost)$/i;

/** Usage analytics and telemetry SDK endpoints. */
export const TELEMETRY_HOSTS = [
  'google-analytics.com', 'analytics.google.com', 'googletagmanager.com', 'stats.g.doubleclick.net', 'api.segment.io', 'cdn.segment.com',
  'api.mixpanel.com', 'api-js.mixpanel.com', 'api.amplitude.com', 'api2.amplitude.com', 'heapanalytics.com', 'api.heap.io',
  'app.posthog.com', 'us.i.posthog.com', 'eu.i.posthog.com', 'api.statsig.com', 'featuregates.org', 'events.statsigapi.net',
  'http-intake.logs.datadoghq.com', 'browser-intake-datadoghq.com', 'rum.browser-intake-datadoghq.com', 'api.honeycomb.io',
  'in.logs.betterstack.com', 'api.bugsnag.com', 'sessions.bugsnag.com', 'ingest.sentry.io', 'plausible.io', 'api.rudderstack.com',
  'clarity.ms', 'api.keen.io', 'api.getkoala.com', 'track.customer.io', 'api.intercom.io', 'telemetry.nextjs.org', 'dc.services.visualstudio.com',
  'vortex.data.microsoft.com', 'mobile.events.data.microsoft.com', 'notify.bugsnag.com', 'rs.fullstory.com', 'api.logrocket.com',
];

/** Services that tell where an IP address is. */
export const GEOLOCATION_HOSTS = [
  'ipinfo.io', 'ip-api.com', 'ipapi.co', 'ipapi.com', 'ipapi.is', 'ipgeolocation.io', 'api.ipgeolocation.io', 'freegeoip.app', 'freegeoip.net',
  'geolocation-db.com', 'geoip-db.com', 'ipwho.is', 'ipwhois.app', 'ipwhois.io', 'api.ipdata.co', 'extreme-ip-lookup.com', 'api.country.is',
  'ip2location.io', 'api.ip2location.io', 'get.geojs.io', 'geojs.io', 'api.myip.com', 'ifconfig.co', 'db-ip.com', 'api.db-ip.com',
  'ipregistry.co', 'api.ipregistry.co', 'iplocation.net', 'geoip.maxmind.com', 'geolite.info', 'ipstack.com', 'api.ipstack.com',
  'ip.nf', 'ipapi.co', 'api.bigdatacloud.net', 'reallyfreegeoip.org', 'ip.sb', 'api.ip.sb', 'ipleak.net', 'ident.me', 'geo.ipify.org',
];

/** Services that only echo the public IP address. */
export const PUBLIC_IP_HOSTS = ['api.ipify.org', 'api64.ipify.org', 'icanhazip.com', 'ifconfig.me', 'checkip.amazonaws.com', 'ipecho.net', 'myexternalip.com', 'wtfismyip.com', 'ipv4.icanhazip.com', 'checkip.dyndns.org'];

/** Request catchers, out-of-band testing hosts, paste sites' write APIs, chat webhooks, tunnels. */
export const EXFIL_HOSTS = [
  'webhook.site', 'pipedream.net', 'm.pipedream.net', 'requestbin.com', 'requestbin.net', 'requestcatcher.com', 'hookbin.com', 'beeceptor.com',
  'burpcollaborator.net', 'oastify.com', 'interact.sh', 'oast.pro', 'oast.live', 'oast.site', 'oast.online', 'oast.fun', 'oast.me',
  'canarytokens.com', 'dnslog.cn', 'ceye.io', 'ngrok.io', 'ngrok-free.app', 'ngrok.app', 'ngrok.dev', 'loca.lt', 'localtunnel.me', 'serveo.net',
  'trycloudflare.com', 'transfer.sh', 'bore.pub', 'localhost.run', 'lhr.life', 'pastebin.com', 'paste.ee', 'hastebin.com', 'ptpb.pw',
  'discord.com/api/webhooks', 'discordapp.com/api/webhooks', 'api.telegram.org/bot', 'hooks.slack.com/services', 'ntfy.sh',
  'eo1.burpcollaborator.net', 'xss.ht', 'postb.in', 'ptsv2.com', 'ptsv3.com', 'free.beeceptor.com', 'webhook.cool', 'typedwebhook.tools',
];

/** Which host list entry a text names, if any: the host itself or a sub-domain, in a URL or alone. */
export function matchHost(text: string, hosts: readonly string[]): string | undefined {
  if (text.length > 4096 || !text.includes('.')) return undefined;
  const lower = text.toLowerCase();
  for (const h of hosts) {
    let at = lower.indexOf(h);
    while (at >= 0) {
      const before = at === 0 ? '' : lower[at - 1]!;
      const after = lower[at + h.length] ?? '';
      if ((before === '' || /[^a-z0-9-]/.test(before) || before === '.') && (after === '' || /[^a-z0-9-]/.test(after))) return h;
      at = lower.indexOf(h, at + 1);
    }
  }
  return undefined;
}

/** Files that hold credentials, with a short name for each. */
export const CREDENTIAL_PATHS: ReadonlyArray<readonly [RegExp, string]> = [
  [/(?:^|[\\/])\.npmrc$/, 'npm token (.npmrc)'],
  [/(?:^|[\\/])\.yarnrc(?:\.yml)?$/, 'yarn config (.yarnrc)'],
  [/(?:^|[\\/])\.ssh(?:[\\/](?:id_[\w-]+|identity|authorized_keys|known_hosts|config))?[\\/]?$/, 'SSH keys (~/.ssh)'],
  [/(?:^|[\\/])id_(?:rsa|dsa|ecdsa|ed25519)(?:\.pub)?$/, 'SSH keys (~/.ssh)'],
  [/(?:^|[\\/])\.aws(?:[\\/](?:credentials|config))?[\\/]?$/, 'AWS credentials (~/.aws)'],
  [/(?:^|[\\/])\.git-credentials$/, 'git credentials (.git-credentials)'],
  [/(?:^|[\\/])\.docker[\\/]config\.json$/, 'Docker registry auth (~/.docker/config.json)'],
  [/(?:^|[\\/])\.kube[\\/]config$/, 'Kubernetes config (~/.kube/config)'],
  [/(?:^|[\\/])gcloud[\\/](?:credentials\.db|application_default_credentials\.json|access_tokens\.db)$/, 'Google Cloud credentials'],
  [/(?:^|[\\/])\.azure[\\/](?:accessTokens\.json|msal_token_cache\.json)$/, 'Azure credentials'],
  [/(?:^|[\\/])\.netrc$/, 'netrc'],
  [/(?:^|[\\/])\.pypirc$/, 'PyPI token (.pypirc)'],
  [/(?:^|[\\/])\.gnupg(?:[\\/]|$)/, 'GnuPG keys'],
  [/(?:^|[\\/])(?:Login Data|Cookies|Local State)$/, 'browser saved passwords or cookies'],
  [/(?:^|[\\/])\.config[\\/]gh[\\/]hosts\.yml$/, 'GitHub CLI token'],
  [/(?:^|[\\/])\.vault-token$/, 'Vault token'],
  [/(?:^|[\\/])\.env$/, '.env file'],
  [/(?:^|[\\/])(?:wallet\.dat|keystore|\.ethereum|\.electrum|Exodus|\.config[\\/]solana[\\/]id\.json)(?:[\\/]|$)/, 'crypto wallet'],
];

export function credentialKind(text: string): string | undefined {
  if (text.length > 512) return undefined;
  const t = text.trim().replace(/^~/, '');
  for (const [re, name] of CREDENTIAL_PATHS) if (re.test(t)) return name;
  return undefined;
}

/** A path under someone's home folder: `~` (the home folder as the code reads it) or a home written out. */
const HOME_BASE = /^(?:~|[A-Za-z]:[\\/]Users[\\/][^\\/]+|\/(?:home|Users)\/[^/]+)[\\/]/;
/** The user's own folders: what they see and keep, not an application's settings. */
const PERSONAL = /^(?:OneDrive[^\\/]*[\\/])?(?:Desktop|Documents|Downloads|Pictures|Music|Videos|Рабочий стол)(?:[\\/]|$)/i;

/** The personal folder (`Desktop`, `OneDrive/Desktop`…) a path as written points into, if any. */
export function personalFolderOf(path: string): string | undefined {
  if (path.length > 1024 || !HOME_BASE.test(path)) return undefined;
  const m = PERSONAL.exec(path.replace(HOME_BASE, ''));
  return m ? m[0].replace(/[\\/]$/, '').replace(/\\/g, '/') : undefined;
}

/** Shell start-up and persistence files. */
export const STARTUP_FILE = /(?:^|[\\/])(?:\.bashrc|\.bash_profile|\.bash_login|\.profile|\.zshrc|\.zprofile|\.zshenv|\.zlogin|config\.fish|Microsoft\.PowerShell_profile\.ps1|profile\.ps1|\.cshrc|\.tcshrc|rc\.local|crontab|LaunchAgents[\\/][^\\/]*\.plist|autostart[\\/][^\\/]*\.desktop)$/;

/** Commands that destroy data. */
export const DESTRUCTIVE_COMMAND = /\brm\s+-(?:[a-z]*r[a-z]*f|[a-z]*f[a-z]*r)[a-z]*\s+(?:--no-preserve-root\s+)?(?:\/|~|\$HOME|\*|\/\*|~\/\*|\.\/?\*?|"\$HOME"|\$\{HOME\})(?:\s|$|["';&|])|\bdel\s+\/[fsq]\b.*\/[sq]|\brd\s+\/s\s+\/q\s+[a-z]:\\?|\bformat\s+[a-z]:|\bmkfs(?:\.\w+)?\s+\/dev\/|\bdd\s+if=\/dev\/(?:zero|urandom)\s+of=\/dev\/|\bRemove-Item\b[^;]*-Recurse[^;]*-Force[^;]*(?:\$HOME|~|C:\\)/i;

/** ISO 639-1 language codes. */
const LANGUAGES = new Set(
  ('aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ' +
    'ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt ' +
    'lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn ' +
    'so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu').split(' '),
);

export function isLanguageCode(s: string): boolean {
  return LANGUAGES.has(s);
}

/** A regex literal as the analysis writes it (`/source/flags`), split; undefined for other text. */
function regexParts(literal: string): { source: string; flags: string } | undefined {
  const m = /^\/(.+)\/([a-z]*)$/s.exec(literal);
  return m ? { source: m[1]!, flags: m[2]! } : undefined;
}

/**
 * The languages a literal compared with a locale names: `ru`, `ru-RU`, `ru_RU.UTF-8`, or a short
 * regex made of language codes (`/^ru\b/`, `/^(ru|be)(-|$)/i`). Anything else names none.
 */
export function languagesOf(literal: string): string[] {
  const re = regexParts(literal);
  if (!re) {
    const m = /^([a-z]{2})(?:$|[-_])/i.exec(literal);
    return m && literal.length <= 16 && isLanguageCode(m[1]!.toLowerCase()) ? [m[1]!.toLowerCase()] : [];
  }
  if (re.source.length > 80) return [];
  // Escapes (\b, \s) are not letters of a code; script subtags (Hans, Cyrl) may stand beside them.
  const runs = re.source.replace(/\\[a-zA-Z]/g, ' ').match(/[A-Za-z]+/g) ?? [];
  const out: string[] = [];
  for (const run of runs) {
    const lower = run.toLowerCase();
    if (run.length === 2 && isLanguageCode(lower)) out.push(lower);
    else if (!(run.length === 4 || (run.length === 2 && /^[A-Z]{2}$/.test(run)))) return [];
  }
  return [...new Set(out)];
}

/** Country-code domains too often used for other things (start-ups, file extensions, words) to say where someone is. */
const GENERIC_COUNTRY_DOMAINS = new Set(['io', 'co', 'me', 'tv', 'ai', 'ly', 'gg', 'sh', 'to', 'fm', 'cc', 'ws', 'md', 'py', 'rs', 'pl', 'ps', 'in', 'is', 'it', 'be', 'am', 'so', 'nu', 'la', 'im', 'vc', 'gl', 'cx']);

function countryLabel(label: string): string | undefined {
  const l = label.toLowerCase();
  if (/^xn--[a-z0-9-]{2,59}$/.test(l)) return l;
  return /^[a-z]{2}$/.test(l) && !GENERIC_COUNTRY_DOMAINS.has(l) ? l : undefined;
}

/**
 * The country-code top-level domains a literal compared with a host names: `.ru`, `ru`, or a
 * regex that ends a host with them (`/\.(ru|su|by|xn--p1ai)$/`).
 */
export function countryDomainsOf(literal: string): string[] {
  const re = regexParts(literal);
  if (!re) {
    const m = /^\.([a-z]{2}|xn--[a-z0-9-]+)$/i.exec(literal);
    const label = m ? countryLabel(m[1]!) : undefined;
    return label ? [label] : [];
  }
  if (re.source.length > 200) return [];
  const out = new Set<string>();
  // After an escaped dot: one label, or a group of alternatives.
  for (const m of re.source.matchAll(/\\\.(?:\((?:\?:)?([a-z0-9|-]+)\)|([a-z0-9-]+))(?=\$|\\b|\)|\||\/|$)/gi)) {
    for (const alt of (m[1] ?? m[2] ?? '').split('|')) {
      const label = countryLabel(alt);
      if (label) out.add(label);
    }
  }
  return [...out];
}

/** Analytics tracking ids written in code: Google Analytics (UA-…, G-…), PostHog project keys. */
export const TRACKING_ID = /^(?:UA-\d{4,10}-\d{1,4}|G-[A-Z0-9]{8,12}|phc_[A-Za-z0-9]{30,50})$/;
