// Names and patterns the code rules know: time zones and locales, services by host (analytics,
// IP geolocation, exfiltration and tunnels), credential files, identity commands, shell start-up
// files. Host lists match a host or any sub-domain of it.

/** IANA zone names of the form Area/Location (not Etc/…, not bare UTC). */
export const IANA_ZONE = /^(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)\/[A-Z][A-Za-z_+-]+(?:\/[A-Z][A-Za-z_+-]+)?$/;

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

/** Shell commands (run through child_process) that read identity. */
export const IDENTITY_COMMANDS: ReadonlyArray<readonly [RegExp, 'git-identity' | 'username' | 'hostname' | 'machine-id' | 'mac' | 'hardware']> = [
  [/\bgit\s+config\b[^|;&]*\buser\.(?:email|name)\b/, 'git-identity'],
  [/^\s*whoami\b|\bid\s+-un\b/, 'username'],
  [/^\s*hostname\b|\bscutil\s+--get\s+(?:ComputerName|HostName|LocalHostName)\b/, 'hostname'],
  [/\bIOPlatformUUID\b|\bioreg\b[^|;&]*IOPlatformExpertDevice|\bwmic\s+csproduct\s+get\s+uuid|\bMachineGuid\b|machine-id\b|\bdmidecode\b|\bsystem_profiler\s+SPHardwareDataType/i, 'machine-id'],
  [/\bgetmac\b|\bifconfig\b[^|;&]*\bether\b|\bip\s+link\b/, 'mac'],
];

/** Shell start-up and persistence files. */
export const STARTUP_FILE = /(?:^|[\\/])(?:\.bashrc|\.bash_profile|\.bash_login|\.profile|\.zshrc|\.zprofile|\.zshenv|\.zlogin|config\.fish|Microsoft\.PowerShell_profile\.ps1|profile\.ps1|\.cshrc|\.tcshrc|rc\.local|crontab|LaunchAgents[\\/][^\\/]*\.plist|autostart[\\/][^\\/]*\.desktop)$/;

/** Commands that destroy data. */
export const DESTRUCTIVE_COMMAND = /\brm\s+-(?:[a-z]*r[a-z]*f|[a-z]*f[a-z]*r)[a-z]*\s+(?:--no-preserve-root\s+)?(?:\/|~|\$HOME|\*|\/\*|~\/\*|\.\/?\*?|"\$HOME"|\$\{HOME\})(?:\s|$|["';&|])|\bdel\s+\/[fsq]\b.*\/[sq]|\brd\s+\/s\s+\/q\s+[a-z]:\\?|\bformat\s+[a-z]:|\bmkfs(?:\.\w+)?\s+\/dev\/|\bdd\s+if=\/dev\/(?:zero|urandom)\s+of=\/dev\/|\bRemove-Item\b[^;]*-Recurse[^;]*-Force[^;]*(?:\$HOME|~|C:\\)/i;
