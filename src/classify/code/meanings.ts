// What an API or a helper package reveals about the machine, its user or where they are, as one
// table the analysis reads when it evaluates a call, a property, a module's value or a file read.
// A new source of such facts is a row here, not a branch in the analysis.
import type { TagKind } from './tags.js';

type Table = Readonly<Record<string, Readonly<Record<string, TagKind>>>>;

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

/** Values a module exports that are facts themselves (`require('is-ci')` is a boolean). */
export const MODULE_VALUES: Table = {
  'is-ci': { default: 'ci' },
  'ci-info': { isCI: 'ci', name: 'ci', isPR: 'ci', id: 'ci' },
  'is-wsl': { default: 'container' },
};

/** Properties of globals, by the object's path. */
export const GLOBAL_PROPERTIES: Table = {
  process: { version: 'runtime', versions: 'runtime', platform: 'platform', arch: 'platform' },
  navigator: {
    userAgent: 'platform',
    platform: 'platform',
    hardwareConcurrency: 'hardware',
    deviceMemory: 'hardware',
  },
  location: { hostname: 'page-host', host: 'page-host', origin: 'page-host', href: 'page-host' },
  'window.location': { hostname: 'page-host', host: 'page-host', origin: 'page-host', href: 'page-host' },
  'document.location': { hostname: 'page-host', host: 'page-host', origin: 'page-host', href: 'page-host' },
  'globalThis.location': { hostname: 'page-host', host: 'page-host', origin: 'page-host', href: 'page-host' },
  'self.location': { hostname: 'page-host', host: 'page-host', origin: 'page-host', href: 'page-host' },
  document: { domain: 'page-host', URL: 'page-host' },
  'window.document': { domain: 'page-host', URL: 'page-host' },
};

/** Files whose reading, or a check that they exist, reveals a fact. */
export const FILE_FACTS: ReadonlyArray<readonly [RegExp, TagKind]> = [
  [/^\/\.dockerenv$|^\/run\/\.containerenv$|^\/proc\/(?:self|1)\/cgroup$|^\/proc\/self\/mountinfo$/, 'container'],
  [/(?:^|\/)(?:etc\/machine-id|var\/lib\/dbus\/machine-id)$/, 'machine-id'],
  [/^\/sys\/class\/net\/[^/]+\/address$/, 'mac'],
  [/^\/proc\/version$|^\/etc\/os-release$|^\/etc\/lsb-release$/, 'platform'],
];

/** Calls that read a file or check that it exists. */
export const FILE_PROBE_CALLS: ReadonlySet<string> = new Set([
  'readFileSync', 'readFile', 'createReadStream', 'readJsonSync', 'readJson', 'readJSON',
  'existsSync', 'exists', 'statSync', 'stat', 'lstatSync', 'lstat', 'accessSync', 'access', 'pathExists', 'pathExistsSync',
]);

export function fileFact(path: string): TagKind | undefined {
  if (path.length > 256) return undefined;
  for (const [re, kind] of FILE_FACTS) if (re.test(path)) return kind;
  return undefined;
}

/** A cell of a table (own keys only: names in code such as `constructor` are not rows). */
function cell(table: Table, row: string, column: string): TagKind | undefined {
  const r = Object.hasOwn(table, row) ? table[row]! : undefined;
  return r && Object.hasOwn(r, column) ? r[column] : undefined;
}

/** The fact a module's function returns, if the table knows it. */
export function moduleCall(module: string, name: string): TagKind | undefined {
  return cell(MODULE_CALLS, module, name) ?? cell(MODULE_CALLS, module, '*');
}

export function moduleValue(module: string, name: string): TagKind | undefined {
  return cell(MODULE_VALUES, module, name);
}

export function globalProperty(objectPath: string, prop: string): TagKind | undefined {
  return cell(GLOBAL_PROPERTIES, objectPath, prop);
}
