// A hermetic npm registry on 127.0.0.1 for tests: packuments and real .tgz tarballs built at test
// time from the fixture folders under test/fixtures/packages/<name>/<version>/, plus any crafted
// tarballs a test passes in. It speaks enough of the registry protocol for the real pacote:
// full documents with `time`, scoped names both as `/@scope%2fname` and `/@scope/name`, bearer
// tokens, ETag revalidation, and a few faults (wrong integrity, 503s, deprecations).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { listFiles, packFolder } from './tarball.js';

export const FIXTURES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/packages');

/** Publish time of the first version of a fixture package without a times.json entry; later versions follow a day apart. */
export const DEFAULT_FIRST_PUBLISH = '2024-01-01T00:00:00.000Z';
const DAY = 24 * 60 * 60 * 1000;

export const FIXTURE_PUBLISHER = { name: 'fixture-publisher', email: 'publisher@example.invalid' } as const;

export interface RegistryRequest {
  method: string;
  /** Path and query as received, e.g. `/@fixture%2fscoped` or `/demo-pkg/-/demo-pkg-1.1.0.tgz`. */
  url: string;
  authorization?: string;
  accept?: string;
  /** Status code of the answer (0 until it has been sent). */
  status: number;
}

export interface ExtraVersion {
  name: string;
  version: string;
  /** Served byte-for-byte; `dist.integrity`/`dist.shasum` are computed from these bytes. */
  tarball: Buffer;
  /** Merged over `{ name, version }` (and over the fixture's package.json when the version exists there). `dist` fields override the computed ones. */
  manifest?: Record<string, unknown>;
  publishedAt?: string;
}

export interface RegistryFaults {
  /** 'name@version' entries served with a dist.integrity (and dist.shasum) of other bytes. */
  wrongIntegrity?: string[];
  /** The first N requests to the server (of any kind) answer 503. */
  failFirst?: number;
  /** 'name@version' → deprecation message, set as the manifest's `deprecated`. */
  deprecated?: Record<string, string>;
  /** 'name@version' entries listed in the packument whose tarball answers 404. */
  missingTarball?: string[];
  /** 'name@version' → how many of the first requests for its tarball answer 503. */
  failTarball?: Record<string, number>;
  /** 'name@version' entries listed as `null` in the packument's `versions` (as some mirrors do). */
  nullVersions?: string[];
}

export interface RegistryOptions {
  /** Fixture package names to serve (default: every folder under test/fixtures/packages). */
  packages?: string[];
  /** Crafted versions, added to (or replacing versions of) the served packages. */
  extra?: ExtraVersion[];
  /** When set, every request must carry `Authorization: Bearer <token>`, or gets 401. */
  token?: string;
  faults?: RegistryFaults;
  /** Cache-Control of packuments (default 'no-cache': clients revalidate, so every fetch reaches the server) and tarballs. */
  cacheControl?: { packument?: string; tarball?: string };
}

export interface PackumentDoc {
  _id: string;
  name: string;
  description?: string;
  'dist-tags': Record<string, string>;
  versions: Record<string, ManifestDoc>;
  time: Record<string, string>;
  maintainers: Array<{ name: string; email: string }>;
}

export interface ManifestDoc {
  _id: string;
  name: string;
  version: string;
  deprecated?: string;
  dist: { tarball: string; integrity: string; shasum: string; fileCount?: number; unpackedSize?: number };
  [key: string]: unknown;
}

export interface TestRegistry {
  /** `http://127.0.0.1:<port>/`, with the trailing slash. */
  url: string;
  port: number;
  /** npm's per-registry auth key for this server: `//127.0.0.1:<port>/:_authToken`. */
  authKey: string;
  close(): Promise<void>;
  /** Every request received, in order, including those answered 401 or 503. */
  requests: RegistryRequest[];
  /** Writes `<dir>/.npmrc` with `registry=<url>` (and the token line when a token is set); returns its path. */
  npmrc(dir: string): string;
  /** Options for pacote against this server: registry, token, fullMetadata, the cache dir, fast retries. */
  pacoteOptions(cache: string): Record<string, unknown>;
  /** A copy of the packument served for `name`. */
  packument(name: string): PackumentDoc | undefined;
  /** Absolute tarball URL of `name@version`. */
  tarballUrl(name: string, version: string): string;
  /** The exact bytes served for `name@version`. */
  tarball(name: string, version: string): Buffer | undefined;
  /** Publishes a version while the server runs (the packument, its ETag and the tarball change). */
  publish(version: ExtraVersion): void;
  /** How many GET requests reached the tarball of `name@version`, whatever the answer. */
  tarballRequests(name: string, version: string): number;
}

/** The install-v1 form of a packument: what npm needs to install, without times or publishers. */
function abbreviated(doc: PackumentDoc): Buffer {
  const keep = ['name', 'version', 'deprecated', 'dependencies', 'optionalDependencies', 'peerDependencies', 'bin', 'engines', 'dist'];
  const versions = Object.fromEntries(
    Object.entries(doc.versions).map(([v, m]) => [v, Object.fromEntries(Object.entries(m).filter(([k]) => keep.includes(k)))]),
  );
  return Buffer.from(JSON.stringify({ name: doc.name, 'dist-tags': doc['dist-tags'], modified: doc.time.modified, versions }));
}

// ---- fixtures -------------------------------------------------------------------------------

interface FixtureVersion {
  version: string;
  manifest: Record<string, unknown>;
  tarball: Buffer;
  fileCount: number;
  unpackedSize: number;
}

/** Names of every fixture package (scoped ones as `@scope/name`), sorted. */
export function fixturePackages(): string[] {
  const names: string[] = [];
  for (const entry of readdirSync(FIXTURES_DIR, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    if (entry.name.startsWith('@')) {
      for (const sub of readdirSync(path.join(FIXTURES_DIR, entry.name), { withFileTypes: true })) {
        if (sub.isDirectory()) names.push(`${entry.name}/${sub.name}`);
      }
    } else names.push(entry.name);
  }
  return names.sort();
}

/** Versions of a fixture package, in semver order. */
export function fixtureVersions(name: string): string[] {
  const dir = path.join(FIXTURES_DIR, ...name.split('/'));
  if (!existsSync(dir)) throw new Error(`no fixture package ${name} under ${FIXTURES_DIR}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'package.json')))
    .map((d) => d.name)
    .sort(semver.compare);
}

/** Folder holding the files of `name@version`. */
export function fixtureDir(name: string, version: string): string {
  return path.join(FIXTURES_DIR, ...name.split('/'), version);
}

const fixtureCache = new Map<string, FixtureVersion>();

function loadFixtureVersion(name: string, version: string): FixtureVersion {
  const dir = fixtureDir(name, version);
  const cached = fixtureCache.get(dir);
  if (cached) return cached;
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  if (manifest.name !== name || manifest.version !== version) {
    throw new Error(`fixture ${dir}: package.json says ${String(manifest.name)}@${String(manifest.version)}`);
  }
  const files = listFiles(dir);
  const loaded: FixtureVersion = {
    version,
    manifest,
    tarball: packFolder(dir),
    fileCount: files.length,
    unpackedSize: files.reduce((sum, f) => sum + statSync(path.join(dir, f)).size, 0),
  };
  fixtureCache.set(dir, loaded);
  return loaded;
}

/** The packed tarball of a fixture version, exactly as the registry serves it. */
export function fixtureTarball(name: string, version: string): Buffer {
  return loadFixtureVersion(name, version).tarball;
}

function fixtureTimes(name: string): Record<string, string> {
  const file = path.join(FIXTURES_DIR, ...name.split('/'), 'times.json');
  if (!existsSync(file)) return {};
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string | { publishedAt: string }>;
  return Object.fromEntries(Object.entries(raw).map(([v, t]) => [v, typeof t === 'string' ? t : t.publishedAt]));
}

// ---- documents ------------------------------------------------------------------------------

function compareVersions(a: string, b: string): number {
  const va = semver.valid(a);
  const vb = semver.valid(b);
  if (va && vb) return semver.compare(va, vb);
  if (va) return -1;
  if (vb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function unscoped(name: string): string {
  return name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name;
}

function tarballPath(name: string, version: string): string {
  return `/${name}/-/${unscoped(name)}-${version}.tgz`;
}

function sha512(data: Buffer): string {
  return `sha512-${createHash('sha512').update(data).digest('base64')}`;
}

function sha1(data: Buffer): string {
  return createHash('sha1').update(data).digest('hex');
}

interface Entry {
  version: string;
  tarball: Buffer;
  manifest: Record<string, unknown>;
  fileCount?: number;
  unpackedSize?: number;
  publishedAt?: string;
}

function buildPackument(name: string, entries: Entry[], base: string, faults: RegistryFaults): PackumentDoc {
  const sorted = [...entries].sort((a, b) => compareVersions(a.version, b.version));
  const first = Date.parse(DEFAULT_FIRST_PUBLISH);
  const time: Record<string, string> = {};
  sorted.forEach((e, i) => {
    time[e.version] = e.publishedAt ?? new Date(first + i * DAY).toISOString();
  });
  const stamps = Object.values(time).sort();
  const versions: Record<string, ManifestDoc> = {};
  for (const e of sorted) {
    const id = `${name}@${e.version}`;
    if (faults.nullVersions?.includes(id)) {
      (versions as Record<string, ManifestDoc | null>)[e.version] = null;
      continue;
    }
    const wrong = faults.wrongIntegrity?.includes(id) ?? false;
    const hashed = wrong ? Buffer.concat([e.tarball, Buffer.from('\0tampered')]) : e.tarball;
    const { dist: distOverride, ...rest } = e.manifest as { dist?: Record<string, unknown> };
    const manifest: ManifestDoc = {
      name,
      version: e.version,
      ...rest,
      _id: id,
      _npmUser: { ...FIXTURE_PUBLISHER },
      maintainers: [{ ...FIXTURE_PUBLISHER }],
      dist: {
        tarball: base + tarballPath(name, e.version).slice(1),
        integrity: sha512(hashed),
        shasum: sha1(hashed),
        ...(e.fileCount !== undefined ? { fileCount: e.fileCount } : {}),
        ...(e.unpackedSize !== undefined ? { unpackedSize: e.unpackedSize } : {}),
        ...distOverride,
      },
    };
    const deprecated = faults.deprecated?.[id];
    if (deprecated !== undefined) manifest.deprecated = deprecated;
    versions[e.version] = manifest;
  }
  const valid = sorted.map((e) => e.version).filter((v) => semver.valid(v));
  const stable = valid.filter((v) => !semver.prerelease(v));
  const pre = valid.filter((v) => semver.prerelease(v));
  const distTags: Record<string, string> = {};
  const latest = stable.at(-1) ?? valid.at(-1) ?? sorted.at(-1)?.version;
  if (latest !== undefined) distTags.latest = latest;
  const next = pre.at(-1);
  if (next !== undefined) distTags.next = next;
  const latestManifest = latest !== undefined ? (versions[latest] ?? undefined) : undefined;
  return {
    _id: name,
    name,
    ...(typeof latestManifest?.description === 'string' ? { description: latestManifest.description } : {}),
    'dist-tags': distTags,
    versions,
    time: { created: stamps[0] ?? DEFAULT_FIRST_PUBLISH, modified: stamps.at(-1) ?? DEFAULT_FIRST_PUBLISH, ...time },
    maintainers: [{ ...FIXTURE_PUBLISHER }],
  };
}

// ---- server ---------------------------------------------------------------------------------

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(data.length), ...headers });
  res.end(data);
}

export async function startRegistry(options: RegistryOptions = {}): Promise<TestRegistry> {
  const faults = options.faults ?? {};
  const packumentCacheControl = options.cacheControl?.packument ?? 'no-cache';
  const tarballCacheControl = options.cacheControl?.tarball ?? 'public, max-age=31557600, immutable';

  // Gather every version first; the URLs need the port, so documents are built after listen().
  const byName = new Map<string, Map<string, Entry>>();
  const names = options.packages ?? fixturePackages();
  for (const name of names) {
    const times = fixtureTimes(name);
    const versions = new Map<string, Entry>();
    for (const version of fixtureVersions(name)) {
      const f = loadFixtureVersion(name, version);
      versions.set(version, {
        version,
        tarball: f.tarball,
        manifest: f.manifest,
        fileCount: f.fileCount,
        unpackedSize: f.unpackedSize,
        publishedAt: times[version],
      });
    }
    byName.set(name, versions);
  }
  for (const x of options.extra ?? []) {
    let versions = byName.get(x.name);
    if (!versions) byName.set(x.name, (versions = new Map()));
    const over = versions.get(x.version);
    versions.set(x.version, {
      version: x.version,
      tarball: x.tarball,
      manifest: { ...(over?.manifest ?? {}), name: x.name, version: x.version, ...(x.manifest ?? {}) },
      publishedAt: x.publishedAt ?? over?.publishedAt,
    });
  }

  const packuments = new Map<string, { doc: PackumentDoc; body: Buffer; etag: string }>();
  const tarballs = new Map<string, { data: Buffer; etag: string }>();
  /** Tarball path → 'name@version'. */
  const tarballIds = new Map<string, string>();
  const tarballFailures = new Map(Object.entries(faults.failTarball ?? {}));
  const requests: RegistryRequest[] = [];
  let received = 0;

  const server = http.createServer((req, res) => {
    const record: RegistryRequest = { method: req.method ?? 'GET', url: req.url ?? '/', status: 0 };
    if (req.headers.authorization !== undefined) record.authorization = req.headers.authorization;
    if (req.headers.accept !== undefined) record.accept = req.headers.accept;
    requests.push(record);
    res.on('finish', () => {
      record.status = res.statusCode;
    });
    received++;
    // Drain any body; nothing here reads one.
    req.resume();

    if (faults.failFirst !== undefined && received <= faults.failFirst) {
      sendJson(res, 503, { error: 'Service Unavailable' }, { 'retry-after': '0' });
      return;
    }
    if (options.token !== undefined && req.headers.authorization !== `Bearer ${options.token}`) {
      sendJson(res, 401, { error: req.headers.authorization ? 'Invalid token' : 'Authentication required' });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { error: 'Method not allowed' }, { allow: 'GET, HEAD' });
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      sendJson(res, 400, { error: 'Bad request' });
      return;
    }
    const head = req.method === 'HEAD';

    const tgz = tarballs.get(pathname);
    const tgzId = tarballIds.get(pathname);
    if (tgz && tgzId !== undefined && faults.missingTarball?.includes(tgzId)) {
      sendJson(res, 404, { error: 'Not found' });
      return;
    }
    if (tgz && tgzId !== undefined && (tarballFailures.get(tgzId) ?? 0) > 0) {
      tarballFailures.set(tgzId, tarballFailures.get(tgzId)! - 1);
      sendJson(res, 503, { error: 'Service Unavailable' }, { 'retry-after': '0' });
      return;
    }
    if (tgz) {
      if (req.headers['if-none-match'] === tgz.etag) {
        res.writeHead(304, { etag: tgz.etag, 'cache-control': tarballCacheControl });
        res.end();
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': String(tgz.data.length),
        etag: tgz.etag,
        'cache-control': tarballCacheControl,
      });
      res.end(head ? undefined : tgz.data);
      return;
    }

    const doc = packuments.get(pathname.slice(1));
    if (doc) {
      // Like the real registry: the abbreviated ("corgi") document has no publish times and no
      // _npmUser, so code that forgets fullMetadata gets caught by the tests.
      const accept = req.headers.accept ?? '';
      if (accept.startsWith('application/vnd.npm.install-v1+json')) {
        const body = abbreviated(doc.doc);
        res.writeHead(200, { 'content-type': 'application/vnd.npm.install-v1+json', 'content-length': String(body.length), 'cache-control': packumentCacheControl });
        res.end(head ? undefined : body);
        return;
      }
      if (req.headers['if-none-match'] === doc.etag) {
        res.writeHead(304, { etag: doc.etag, 'cache-control': packumentCacheControl });
        res.end();
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': String(doc.body.length),
        etag: doc.etag,
        'last-modified': new Date(doc.doc.time.modified ?? DEFAULT_FIRST_PUBLISH).toUTCString(),
        'cache-control': packumentCacheControl,
      });
      res.end(head ? undefined : doc.body);
      return;
    }

    sendJson(res, 404, { error: 'Not found' });
  });
  server.keepAliveTimeout = 1000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  const authKey = `//127.0.0.1:${port}/:_authToken`;

  const rebuild = (name: string) => {
    const entries = [...byName.get(name)!.values()];
    const doc = buildPackument(name, entries, url, faults);
    const body = Buffer.from(JSON.stringify(doc));
    packuments.set(name, { doc, body, etag: `"${sha1(body)}"` });
    for (const e of entries) {
      tarballs.set(tarballPath(name, e.version), { data: e.tarball, etag: `"${sha1(e.tarball)}"` });
      tarballIds.set(tarballPath(name, e.version), `${name}@${e.version}`);
    }
  };
  for (const name of byName.keys()) rebuild(name);

  let closed: Promise<void> | undefined;
  return {
    url,
    port,
    authKey,
    requests,
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // pacote keeps sockets alive; do not wait for its agent to let go.
        server.closeAllConnections();
      });
      return closed;
    },
    npmrc(dir) {
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, '.npmrc');
      const lines = [`registry=${url}`];
      if (options.token !== undefined) lines.push(`${authKey}=${options.token}`);
      writeFileSync(file, lines.join('\n') + '\n');
      return file;
    },
    pacoteOptions(cache) {
      return {
        registry: url,
        ...(options.token !== undefined ? { [authKey]: options.token } : {}),
        fullMetadata: true,
        cache,
        fetchRetries: 2,
        fetchRetryMintimeout: 10,
        fetchRetryMaxtimeout: 50,
      };
    },
    packument(name) {
      const doc = packuments.get(name)?.doc;
      return doc ? (structuredClone(doc) as PackumentDoc) : undefined;
    },
    tarballUrl(name, version) {
      return url + tarballPath(name, version).slice(1);
    },
    tarball(name, version) {
      return tarballs.get(tarballPath(name, version))?.data;
    },
    tarballRequests(name, version) {
      const wanted = tarballPath(name, version);
      return requests.filter((r) => r.method === 'GET' && decodeURIComponent(new URL(r.url, 'http://127.0.0.1').pathname) === wanted).length;
    },
    publish(x) {
      let versions = byName.get(x.name);
      if (!versions) byName.set(x.name, (versions = new Map()));
      versions.set(x.version, { version: x.version, tarball: x.tarball, manifest: { name: x.name, version: x.version, ...(x.manifest ?? {}) }, publishedAt: x.publishedAt ?? new Date().toISOString() });
      rebuild(x.name);
    },
  };
}
