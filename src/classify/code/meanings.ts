// What an API, a property, an env var, a helper package, a file or a command reveals about the
// machine, its user or where they are, as tables the analysis reads when it evaluates a value
// (values.ts). A new source of such facts is a row here, not a branch in the analysis. How values
// flow (through names, returns, string methods) is not here: that is values.ts.
import type { Tag, TagKind } from './tags.js';

/** A fact as a table cell: its kind, or its kind with a label and words for where it was read. */
export type Meaning = TagKind | { readonly kind: TagKind; readonly label?: string; readonly via?: string };

export interface Fact {
  kind: TagKind;
  label?: string;
  via?: string;
}

// ── calls ──────────────────────────────────────────────────────────────────────────────────────

/**
 * Which calls of a name mean the fact (any call of it when a row has no `on`):
 * - `date`: a method of the current date (`new Date().getMonth()`);
 * - `path`: exactly this callee (`Date.now()`, not `performance.now()`);
 * - `objects`: a method of one of these objects (`axios.get()`), and with `plain` a call of the
 *   bare name too (`fetch()`);
 * - `module`: a function of this module (`os.hostname()`), and with `orGlobal` a bare call of a
 *   name nothing in the code declares or imports (the runtime's own).
 */
export type CallSite =
  | 'date'
  | { readonly path: string }
  | { readonly objects: readonly string[]; readonly plain?: boolean }
  | { readonly module: string; readonly orGlobal?: boolean };

export interface CallMeaning {
  readonly kind: TagKind;
  readonly label?: string;
  readonly via?: string;
  readonly on?: CallSite;
}

const HTTP_CLIENTS = ['axios', 'got', 'ky', 'superagent', 'needle', 'http', 'https'];
/** The request functions that are called bare (`fetch(url)`, `got(url)`) or on axios. */
const HTTP_FUNCTION: CallSite = { objects: ['axios'], plain: true };

/**
 * Calls whose value is a fact, by the name called. Functions of a known module are in
 * MODULE_CALLS, which is read first (`os.release()`, `machineIdSync()`).
 */
export const CALLS: ReadonlyMap<string, CallMeaning> = new Map<string, CallMeaning>([
  ['hostname', { kind: 'hostname', via: 'os.hostname()', on: { module: 'os', orGlobal: true } }],
  ['userInfo', { kind: 'userinfo' }],
  ['networkInterfaces', { kind: 'netif', via: 'os.networkInterfaces()' }],
  ['cpus', { kind: 'hardware', via: 'os.cpus()' }],
  ['totalmem', { kind: 'hardware', via: 'os.totalmem()' }],
  ['homedir', { kind: 'home' }],
  ['getTimezoneOffset', { kind: 'utc-offset', via: 'Date#getTimezoneOffset()' }],
  // `new Date().toString()` ends with the zone's name: "(China Standard Time)".
  ['toString', { kind: 'timezone', via: 'Date#toString() (zone name)', on: 'date' }],
  ['toTimeString', { kind: 'timezone', via: 'Date#toTimeString() (zone name)', on: 'date' }],
  ['resolvedOptions', { kind: 'intl' }],
  ['now', { kind: 'date', label: 'time', via: 'Date.now()', on: { path: 'Date.now' } }],
  ['getMonth', { kind: 'date', label: 'month', via: 'new Date().getMonth()', on: 'date' }],
  ['getUTCMonth', { kind: 'date', label: 'month', via: 'new Date().getUTCMonth()', on: 'date' }],
  ['getDate', { kind: 'date', label: 'day', via: 'new Date().getDate()', on: 'date' }],
  ['getUTCDate', { kind: 'date', label: 'day', via: 'new Date().getUTCDate()', on: 'date' }],
  ['getDay', { kind: 'date', label: 'weekday', via: 'new Date().getDay()', on: 'date' }],
  ['getUTCDay', { kind: 'date', label: 'weekday', via: 'new Date().getUTCDay()', on: 'date' }],
  ['getFullYear', { kind: 'date', label: 'year', via: 'new Date().getFullYear()', on: 'date' }],
  ['getUTCFullYear', { kind: 'date', label: 'year', via: 'new Date().getUTCFullYear()', on: 'date' }],
  ['getYear', { kind: 'date', label: 'year', via: 'new Date().getYear()', on: 'date' }],
  ['getHours', { kind: 'date', label: 'hour', via: 'new Date().getHours()', on: 'date' }],
  ['getUTCHours', { kind: 'date', label: 'hour', via: 'new Date().getUTCHours()', on: 'date' }],
  ['getTime', { kind: 'date', label: 'time', via: 'new Date().getTime()', on: 'date' }],
  ['valueOf', { kind: 'date', label: 'time', via: 'new Date().valueOf()', on: 'date' }],
  ['createHash', { kind: 'hash' }],
  ['createHmac', { kind: 'hash' }],
  ['fetch', { kind: 'network-response', via: 'fetch()', on: HTTP_FUNCTION }],
  ['axios', { kind: 'network-response', via: 'axios()', on: HTTP_FUNCTION }],
  ['got', { kind: 'network-response', via: 'got()', on: HTTP_FUNCTION }],
  ['ky', { kind: 'network-response', via: 'ky()', on: HTTP_FUNCTION }],
  ['superagent', { kind: 'network-response', via: 'superagent()', on: HTTP_FUNCTION }],
  ['needle', { kind: 'network-response', via: 'needle()', on: HTTP_FUNCTION }],
  ['request', { kind: 'network-response', via: 'request()', on: { objects: HTTP_CLIENTS, plain: true } }],
  ['get', { kind: 'network-response', via: 'get()', on: { objects: HTTP_CLIENTS } }],
  ['post', { kind: 'network-response', via: 'post()', on: { objects: HTTP_CLIENTS } }],
]);

export function callMeaning(name: string): CallMeaning | undefined {
  return CALLS.get(name);
}

type Table = Readonly<Record<string, Readonly<Record<string, Meaning>>>>;

/**
 * Functions of a module that return a fact, by module (without `node:`) and export. `default` is
 * the module called itself (`isDocker()`), `*` any of its functions.
 */
export const MODULE_CALLS: Table = {
  os: {
    hostname: 'hostname',
    userInfo: 'userinfo',
    networkInterfaces: 'netif',
    cpus: 'hardware',
    totalmem: 'hardware',
    freemem: 'hardware',
    homedir: 'home',
    platform: 'platform',
    type: 'platform',
    release: 'platform',
    arch: 'platform',
    version: 'platform',
    machine: 'platform',
  },
  'node-machine-id': { machineIdSync: 'machine-id', machineId: 'machine-id' },
  'is-docker': { default: 'container' },
  'is-inside-container': { default: 'container' },
  getmac: { default: 'mac', getMac: 'mac' },
  macaddress: { one: 'mac', all: 'mac', oneSync: 'mac', allSync: 'mac' },
  address: { mac: 'mac', ip: 'netif', ipv6: 'netif' },
  'internal-ip': { v4: 'netif', v6: 'netif', internalIpV4: 'netif', internalIpV6: 'netif', internalIpV4Sync: 'netif', internalIpV6Sync: 'netif' },
  'public-ip': { v4: 'public-ip', v6: 'public-ip', publicIp: 'public-ip', publicIpv4: 'public-ip', publicIpv6: 'public-ip' },
  systeminformation: { '*': 'hardware' },
  'os-name': { default: 'platform' },
  username: { default: 'username', sync: 'username', username: 'username', usernameSync: 'username' },
  fullname: { default: 'username' },
  'git-user-name': { default: 'git-identity' },
  'git-username': { default: 'git-identity' },
  'git-user-email': { default: 'git-identity' },
  'os-locale': { default: 'locale', osLocale: 'locale', osLocaleSync: 'locale' },
};

// ── values and properties ──────────────────────────────────────────────────────────────────────

/** Values a module exports that are facts themselves (`require('is-ci')` is a boolean). */
export const MODULE_VALUES: Table = {
  'is-ci': { default: 'ci' },
  'ci-info': { isCI: 'ci', name: 'ci', isPR: 'ci', id: 'ci' },
  'is-wsl': { default: 'container' },
};

const PAGE_LOCATION = { hostname: 'page-host', host: 'page-host', origin: 'page-host', href: 'page-host' } as const;
const NAVIGATOR_LANGUAGE = { kind: 'locale', via: 'navigator.language' } as const;

/** Properties of globals, by the object's path; `via` defaults to the path and property. */
export const GLOBAL_PROPERTIES: Table = {
  process: { version: 'runtime', versions: 'runtime', platform: 'platform', arch: 'platform' },
  navigator: {
    userAgent: 'platform',
    platform: 'platform',
    hardwareConcurrency: 'hardware',
    deviceMemory: 'hardware',
    language: NAVIGATOR_LANGUAGE,
    languages: NAVIGATOR_LANGUAGE,
    userLanguage: NAVIGATOR_LANGUAGE,
  },
  location: PAGE_LOCATION,
  'window.location': PAGE_LOCATION,
  'document.location': PAGE_LOCATION,
  'globalThis.location': PAGE_LOCATION,
  'self.location': PAGE_LOCATION,
  document: { domain: 'page-host', URL: 'page-host' },
  'window.document': { domain: 'page-host', URL: 'page-host' },
};

/**
 * Properties of a value by what it holds (the kind of fact it already is), read in this order:
 * `resolvedOptions().timeZone`, the `mac` of a network interface, `os.userInfo().username`.
 */
export const HELD_PROPERTIES: Table = {
  intl: { timeZone: { kind: 'timezone', via: 'Intl time zone' }, locale: { kind: 'locale', via: 'Intl locale' } },
  netif: { mac: 'mac' },
  userinfo: { username: { kind: 'username', via: 'os.userInfo()' }, homedir: 'home' },
};

// ── environment variables ──────────────────────────────────────────────────────────────────────

/**
 * Env vars whose value is a fact, in the order their tags are listed. Every env var is also an
 * `env` value of its name. `unnamed`: the fact carries no `via`, as for `os.homedir()`.
 */
export const ENV_FACTS: ReadonlyArray<{ readonly name: RegExp; readonly kind: TagKind; readonly unnamed?: boolean }> = [
  { name: /^TZ$/, kind: 'timezone' },
  { name: /^(?:LANG|LANGUAGE|LC_ALL|LC_MESSAGES|LC_CTYPE|LC_TIME)$/, kind: 'locale' },
  { name: /^(?:USER|USERNAME|LOGNAME|USERDOMAIN)$/, kind: 'username' },
  { name: /^(?:COMPUTERNAME|HOSTNAME)$/, kind: 'hostname' },
  { name: /^(?:HOME|USERPROFILE)$/, kind: 'home', unnamed: true },
  // What is-ci and ci-info read first.
  {
    name: /^(?:CI|CONTINUOUS_INTEGRATION|BUILD_NUMBER|RUN_ID|GITHUB_ACTIONS|GITLAB_CI|TRAVIS|CIRCLECI|JENKINS_URL|TF_BUILD|BUILDKITE|CODEBUILD_BUILD_ID|TEAMCITY_VERSION|BITBUCKET_BUILD_NUMBER|APPVEYOR|DRONE)$/,
    kind: 'ci',
  },
];

/** Env var names that hold an endpoint, a proxy or a host (not ordinary settings). */
export const URL_ENV = /(?:^|_)(?:BASE_?URL|API_?URL|URL|ENDPOINT|HOST|HOSTNAME|PROXY|ORIGIN|DOMAIN|SERVER)(?:_|$)/i;

/** Env var names that hold secrets. */
export const SECRET_ENV = /(?:TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|AUTH|CREDENTIALS?)(?:_|$)/i;

// ── files and commands ─────────────────────────────────────────────────────────────────────────

/** Files whose reading, or a check that they exist, reveals a fact. */
export const FILE_FACTS: ReadonlyArray<readonly [RegExp, TagKind]> = [
  [/^\/\.dockerenv$|^\/run\/\.containerenv$|^\/proc\/(?:self|1)\/cgroup$|^\/proc\/self\/mountinfo$/, 'container'],
  [/(?:^|\/)(?:etc\/machine-id|var\/lib\/dbus\/machine-id)$/, 'machine-id'],
  [/^\/sys\/class\/net\/[^/]+\/address$/, 'mac'],
  [/^\/proc\/version$|^\/etc\/os-release$|^\/etc\/lsb-release$/, 'platform'],
];

/** Shell commands (run through child_process) that read identity. */
export const IDENTITY_COMMANDS: ReadonlyArray<readonly [RegExp, 'git-identity' | 'username' | 'hostname' | 'machine-id' | 'mac' | 'hardware']> = [
  [/\bgit\s+config\b[^|;&]*\buser\.(?:email|name)\b/, 'git-identity'],
  [/^\s*whoami\b|\bid\s+-un\b/, 'username'],
  [/^\s*hostname\b|\bscutil\s+--get\s+(?:ComputerName|HostName|LocalHostName)\b/, 'hostname'],
  [/\bIOPlatformUUID\b|\bioreg\b[^|;&]*IOPlatformExpertDevice|\bwmic\s+csproduct\s+get\s+uuid|\bMachineGuid\b|machine-id\b|\bdmidecode\b|\bsystem_profiler\s+SPHardwareDataType/i, 'machine-id'],
  [/\bgetmac\b|\bifconfig\b[^|;&]*\bether\b|\bip\s+link\b/, 'mac'],
];

/** A command that reads a keychain rather than a credential file. */
export const KEYCHAIN_COMMAND = /\bsecurity\s+find-(?:generic|internet)-password\b/;

// ── calls by what they do with their arguments ─────────────────────────────────────────────────

/** Calls that read a file or check that it exists. */
export const FILE_PROBE_CALLS: ReadonlySet<string> = new Set([
  'readFileSync', 'readFile', 'createReadStream', 'readJsonSync', 'readJson', 'readJSON',
  'existsSync', 'exists', 'statSync', 'stat', 'lstatSync', 'lstat', 'accessSync', 'access', 'pathExists', 'pathExistsSync',
]);

/** Calls that read a file's content. */
export const READ_CALLS: ReadonlySet<string> = new Set(['readFileSync', 'readFile', 'createReadStream', 'readJsonSync', 'readJson', 'readJSON']);

/** Calls that write a file at their first argument. */
export const WRITE_CALLS: ReadonlySet<string> = new Set([
  'writeFileSync', 'writeFile', 'appendFileSync', 'appendFile', 'createWriteStream', 'outputFile', 'outputFileSync', 'writeJson', 'writeJsonSync',
]);

/** Calls that write a file at their second argument (copy and move). */
export const WRITE_SECOND_CALLS: ReadonlySet<string> = new Set(['copyFileSync', 'copyFile', 'renameSync', 'rename', 'cpSync', 'cp']);

/** Code that may write files, as text (a check before a costly resolve of another unit). */
export const WRITE_TEXT = /\b(?:writeFile|appendFile|createWriteStream|outputFile|writeJson|copyFile|rename|cp)(?:Sync)?\s*\(/;

/** Calls that run a command (its text is read for what it reveals). */
export const EXEC_CALLS: ReadonlySet<string> = new Set(['execSync', 'exec', 'execFileSync', 'execFile', 'spawnSync', 'spawn', 'execa', 'execaSync', 'execaCommand', 'execaCommandSync']);

/** Calls that decode their argument: the value keeps what the argument holds. */
export const DECODE_CALLS: ReadonlySet<string> = new Set(['atob', 'unescape', 'decodeURIComponent', 'fromCharCode']);

// ── lookups ────────────────────────────────────────────────────────────────────────────────────

export function fileFact(path: string): TagKind | undefined {
  if (path.length > 256) return undefined;
  for (const [re, kind] of FILE_FACTS) if (re.test(path)) return kind;
  return undefined;
}

/** A cell of a table (own keys only: names in code such as `constructor` are not rows). */
function cell(table: Table, row: string, column: string): Fact | undefined {
  const r = Object.hasOwn(table, row) ? table[row]! : undefined;
  const m = r && Object.hasOwn(r, column) ? r[column]! : undefined;
  return m === undefined ? undefined : typeof m === 'string' ? { kind: m } : m;
}

/** The fact a module's function returns, if the table knows it. */
export function moduleCall(module: string, name: string): TagKind | undefined {
  return (cell(MODULE_CALLS, module, name) ?? cell(MODULE_CALLS, module, '*'))?.kind;
}

export function moduleValue(module: string, name: string): TagKind | undefined {
  return cell(MODULE_VALUES, module, name)?.kind;
}

export function globalProperty(objectPath: string, prop: string): Fact | undefined {
  return cell(GLOBAL_PROPERTIES, objectPath, prop);
}

/** The fact a property of a value is, given which kinds of fact the value holds. */
export function heldProperty(prop: string, holds: (kind: TagKind) => boolean): Fact | undefined {
  for (const kind of Object.keys(HELD_PROPERTIES) as TagKind[]) {
    const fact = holds(kind) ? cell(HELD_PROPERTIES, kind, prop) : undefined;
    if (fact) return fact;
  }
  return undefined;
}

/** The tag of a fact a table row gives. */
export function factTag(f: Fact): Tag {
  const t: Tag = { kind: f.kind };
  if (f.label !== undefined) t.label = f.label;
  if (f.via !== undefined) t.via = f.via;
  return t;
}
