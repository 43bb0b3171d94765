// Which bundled third-party package each unit belongs to, so a pair can be reported at library
// level first ("removed: undici, ws; added: @aws-sdk; changed product code: N lines"). Read off
// the code, never off a list of the package's dependencies (a bundle has none):
//  - license comments (`/*! ws. MIT License…`, `/*! @azure/msal-node v3.8.1`, `@license React`);
//  - package paths (`node_modules/undici/lib/…`) and version strings (`undici/6.21.0` user agents);
//  - strings only one package writes (`UND_ERR_…` error codes, `__lodash_hash_undefined__`).
// A bundler's module is one package: what one of its units says names the whole module (its
// split pieces too), and a run of unnamed CommonJS modules between two of the same package is
// that package as well.
import type { Unit } from './types.js';
import { unitText } from './unit-text.js';

/** Strings only one package writes, by package. Each is matched in a unit's code as written. */
const KNOWN: ReadonlyArray<readonly [string, RegExp]> = [
  ['undici', /\bUND_ERR_[A-Z_]{3,}|["']undici["']/],
  ['ws', /WebSocket was closed before the connection was established|["']permessage-deflate["']|Sec-WebSocket-Accept/],
  ['yaml', /["'](?:block-map|flow-collection|plain-scalar|block-scalar|quoted-scalar|yaml-1\.1)["']|Document with errors cannot be stringified|Expected a YAML collection/],
  ['js-yaml', /tag:yaml\.org,2002:|JS-YAML/],
  ['tr46', /\btr46\b|["']disallowed_STD3_(?:valid|mapped)["']/],
  ['whatwg-url', /\bwhatwg-url\b|Invalid URL: a URL/],
  ['punycode', /Overflow: input needs wider integers to process/],
  ['node-fetch', /["']node-fetch["']|FetchError: .*system error|\bnode-fetch\//],
  ['form-data', /["']form-data["']|_lastBoundary|getBoundary\(\)\s*\{/],
  [
    '@aws-sdk',
    /\bcom\.amazonaws\.[a-z]+|aws-sdk-js|@aws-sdk\/|X-Amz-[A-Z][a-z]+|AWS SDK Instance Metadata|SSO returns an invalid temporary credential|CREDENTIALS_[A-Z_]{3,}|\bPartitionResult\b|awsssoportal|sso_account_id|EventStreamMarshaller|Truncated event message received/,
  ],
  ['@smithy', /@smithy\/|smithy\.api#|getHttpHandlerExtensionConfiguration|resolveHttpHandlerRuntimeConfig|transformToString|readabletoIterable/],
  ['@azure', /@azure\/[a-z-]+|\bmsal-(?:node|common)\b/],
  ['@grpc/grpc-js', /grpc-js|grpc-status|grpc-message/],
  ['protobufjs', /protobufjs|\bprotobuf\.js\b/],
  ['@opentelemetry', /@opentelemetry\/[a-z-]+|OTEL_EXPORTER_OTLP_|BasicTracerProvider|BatchSpanProcessor|parentbased_(?:always_on|always_off|traceidratio)|InMemorySpanExporter/],
  ['google-auth-library', /google-auth-library|GOOGLE_APPLICATION_CREDENTIALS/],
  ['gaxios', /\bgaxios\b/],
  ['zod', /\bZodError\b|["']invalid_type["'].*["']invalid_union["']/],
  ['ajv', /\bajv\b|strictTypes/],
  ['lodash', /__lodash_hash_undefined__|__lodash_placeholder__/],
  ['react', /Minified React error #|react\.(?:element|transitional\.element|portal|fragment)["']|\breact-reconciler\b/],
  ['highlight.js', /\bhljs\b|highlight\.js/],
  ['marked', /\bmarked\(\)|marked\.js/],
  ['diff', /diffWordsWithSpace|\bjsdiff\b/],
  ['commander', /commander\.(?:unknownOption|missingArgument|helpDisplayed)/],
  ['axios', /\bAxiosError\b|["']axios["']/],
  ['agent-base', /\bagent-base\b|https-proxy-agent|http-proxy-agent|socks-proxy-agent/],
  ['iconv-lite', /iconv-lite/],
  ['vscode-jsonrpc', /vscode-jsonrpc|\$\/cancelRequest/],
  ['@modelcontextprotocol/sdk', /@modelcontextprotocol\/sdk|notifications\/initialized/],
  ['mime-db', /["']application\/vnd\.[\w.+-]+["']\s*:\s*\{\s*["']?source["']?/],
  ['htmlparser2', /htmlparser2|domhandler/],
  ['turndown', /\bturndown\b|TurndownService/],
  ['@sentry', /@sentry\/|sentry_key|__SENTRY__/],
  ['statsig', /\bstatsig\b/i],
  ['shell-quote', /shell-quote/],
  ['nanoid', /useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict/],
  ['semver', /SEMVER_SPEC_VERSION/],
  ['debug', /DEBUG_COLORS|DEBUG_HIDE_DATE/],
  ['picomatch', /\bpicomatch\b/],
  ['chokidar', /\bchokidar\b/],
  ['web-streams-polyfill', /web-streams-polyfill/],
  ['fast-xml-parser', /fast-xml-parser|XMLParser/],
  ['jsonc-parser', /jsonc-parser/],
  ['sharp', /["']sharp["']/],
  ['tree-sitter', /tree-sitter/],
];

/** `/*! name v1.2.3`, `/*! name. MIT License`, `@license name` — the name a legal comment gives. */
const LICENSE = /\/\*!\s*(@?[a-z0-9][\w.-]*(?:\/[a-z0-9][\w.-]*)?)(?:\.|\s+v?\d+\.\d+|\s+-)|@license\s+(@?[a-z0-9][\w.-]*(?:\/[a-z0-9][\w.-]*)?)/i;
/** `// node_modules/<package>/…`: the comment a bundler writes before a package's module (a path in a string may be the product's). */
const PACKAGE_PATH = /(?:\/\/|\/\*)\s*node_modules\/((?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*)\//i;
/** A user agent or banner naming a package and its version: `undici/6.21.0`, `aws-sdk-js/3.4.0`. */
const NAME_VERSION = /["'`](@?[a-z][a-z0-9.-]{2,40}(?:\/[a-z][a-z0-9.-]{1,40})?)\/v?\d+\.\d+\.\d+["'`\s]/;
/** Names of runtimes and browsers, not packages, in such strings. */
const NOT_PACKAGES = new Set(['node', 'npm', 'bun', 'deno', 'mozilla', 'chrome', 'safari', 'firefox', 'applewebkit', 'http', 'https', 'version', 'v8', 'linux', 'darwin', 'win32']);

/** Text a unit's name evidence is looked for in (at most this much of it). */
const MAX_LOOK_CHARS = 256 * 1024;

/** A scoped package's family name for grouping (`@aws-sdk/client-s3` → `@aws-sdk`). */
function family(name: string): string {
  const lower = name.toLowerCase();
  for (const [known] of KNOWN) if (known.startsWith('@') && !known.includes('/') && lower.startsWith(`${known}/`)) return known;
  return lower;
}

const globals = new Map<RegExp, RegExp>();
/** The same pattern, matching every occurrence (made once). */
function globalOf(re: RegExp): RegExp {
  let g = globals.get(re);
  if (!g) globals.set(re, (g = new RegExp(re.source, `${re.flags}g`)));
  return g;
}

/** What a piece of code says about the package it belongs to, and how strongly. */
interface Evidence {
  name: string;
  /** A legal comment or a package path names it (strong); known strings count by occurrences. */
  strong: boolean;
  hits: number;
}

/** The package a piece of code names, if it names one. */
export function libraryOf(code: string): string | undefined {
  return evidenceOf(code)?.name;
}

function evidenceOf(code: string): Evidence | undefined {
  const text = code.length > MAX_LOOK_CHARS ? code.slice(0, MAX_LOOK_CHARS) : code;
  const license = LICENSE.exec(text);
  if (license) return { name: family(license[1] ?? license[2]!), strong: true, hits: 1 };
  const path = PACKAGE_PATH.exec(text);
  if (path) return { name: family(path[1]!), strong: true, hits: 1 };
  for (const [name, re] of KNOWN) {
    if (!re.test(text)) continue;
    let hits = 0;
    for (const _ of text.matchAll(globalOf(re))) if (++hits >= 8) break;
    return { name, strong: false, hits };
  }
  const banner = NAME_VERSION.exec(text);
  if (banner && !NOT_PACKAGES.has(banner[1]!.split('/')[0]!.toLowerCase())) return { name: family(banner[1]!), strong: true, hits: 1 };
  return undefined;
}

/** The unit a unit's module is: the outermost wrapper it is in, or itself. */
function rootOf(units: readonly Unit[], u: Unit): number {
  let at = u.index;
  for (let guard = 0; guard < 16; guard++) {
    const p = units[at]!.parent;
    if (p === undefined) return at;
    at = p;
  }
  return at;
}

/** A bundler's module: a factory (CommonJS or lazy ESM), kept whole or split. */
const isModule = (u: Unit): boolean => u.factory !== undefined;
/**
 * A CommonJS module: what a name reaches through these is a package's (an app written as ES
 * modules, as bundled apps are, has its own code in lazy ESM modules or at the top level).
 */
const isCommonJs = (u: Unit): boolean => u.factory === 'commonjs';

/** Unnamed modules between two of one package that are taken to be that package too, at most. */
const MAX_GAP = 32;
/** Known strings must occur this often in a module to name it (a product module may mention one error code). */
const MIN_HITS = 2;

/**
 * Sets `library` on the units of one file (in place). `text` is the file; units are in source
 * order. Leading comments (between a unit and the one before it) count as the unit's.
 */
export function attributeLibraries(text: string, units: Unit[]): void {
  // What each top-level unit (with its pieces) says.
  const said = new Map<number, Evidence>();
  const add = (root: number, e: Evidence) => {
    const prev = said.get(root);
    if (!prev) said.set(root, { ...e });
    else if (prev.name === e.name) {
      prev.hits += e.hits;
      prev.strong ||= e.strong;
    } else if (e.strong && !prev.strong) said.set(root, { ...e });
  };
  let prevEnd = 0;
  for (const u of units) {
    const leading = text.slice(Math.max(prevEnd, u.start - 4096), u.start);
    prevEnd = u.closing ? u.closing.end : u.end;
    const e = evidenceOf(leading + unitText(text, u));
    if (e) add(rootOf(units, u), e);
  }
  const named = new Map<number, string>();
  for (const [root, e] of said) if (e.strong || e.hits >= MIN_HITS) named.set(root, e.name);
  // A package's CommonJS modules require each other: a CommonJS module a named one uses, and no
  // one has named, is that package's too (its own files, or the packages it bundles in turn).
  // Product code is never required by a package, so it is never reached.
  const moduleByName = new Map<string, number>();
  for (const u of units) if (u.parent === undefined && isCommonJs(u)) for (const n of u.declares) moduleByName.set(n, u.index);
  if (moduleByName.size > 0) {
    const uses = (root: number): number[] => {
      const out = new Set<number>();
      const u = units[root]!;
      const end = lastPieceEnd(units, root);
      const code = text.slice(u.start, end);
      for (const m of code.matchAll(/[A-Za-z_$][\w$]*/g)) {
        const target = moduleByName.get(m[0]);
        if (target !== undefined && target !== root) out.add(target);
        if (out.size >= 4096) break;
      }
      return [...out];
    };
    const queue = [...named.keys()].filter((r) => isCommonJs(units[r]!));
    for (let i = 0; i < queue.length && i < 200_000; i++) {
      const from = queue[i]!;
      const name = named.get(from)!;
      for (const t of uses(from)) {
        if (named.has(t)) continue;
        named.set(t, name);
        queue.push(t);
      }
    }
  }
  // A run of unnamed modules between two modules of the same package is that package (bundlers
  // emit a package's modules together). Any code of the file's own between them breaks the run.
  let last: string | undefined;
  const gap: number[] = [];
  for (const u of units) {
    if (u.parent !== undefined) continue;
    const name = named.get(u.index);
    if (!isModule(u)) {
      last = undefined;
      gap.length = 0;
      continue;
    }
    if (!name) {
      gap.push(u.index);
      continue;
    }
    if (last === name && gap.length <= MAX_GAP) for (const g of gap) named.set(g, name);
    gap.length = 0;
    last = name;
  }
  for (const u of units) {
    const name = named.get(rootOf(units, u));
    if (name) u.library = name;
  }
}

/** Where the last piece of a top-level unit ends (its closing, for a split one). */
function lastPieceEnd(units: readonly Unit[], root: number): number {
  const u = units[root]!;
  return u.closing ? u.closing.end : u.end;
}
