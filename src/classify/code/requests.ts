// Outgoing requests as data: where a call sends (the URL as far as it is written out), what it
// carries (the body, and the expressions in the URL), by which API. fetch, axios, got, ky,
// needle, request, superagent, http(s).request with write/end, XMLHttpRequest, sendBeacon and
// tracking pixels. Rules read requests to tell telemetry and exfiltration from ordinary traffic.
import type { Analysis } from './analysis.js';
import { calleeName, calleeObject, memberPath, propertyName, stringValue, unwrap, type Node } from './ast.js';
import { perFile } from './file-memo.js';

export interface Request {
  /** The call (or assignment, for a pixel) that sends. */
  node: Node;
  /** The API in words: `fetch()`, `axios.post()`, `https.request()`. */
  api: string;
  /** The URL as written, interpolations as `…`; undefined when not written out here. */
  url?: string;
  method?: string;
  /** What is sent: the body, and the values interpolated into the URL. */
  data: Node[];
}

const CLIENTS = /^(?:axios|got|ky|needle|superagent|request|undici)$/;
/** Packages that are HTTP clients, by what they are called like. */
const CLIENT_MODULES: Readonly<Record<string, string>> = {
  'node-fetch': 'fetch', 'cross-fetch': 'fetch', 'isomorphic-fetch': 'fetch', 'isomorphic-unfetch': 'fetch', 'make-fetch-happen': 'fetch',
  'minipass-fetch': 'fetch', 'undici#fetch': 'fetch', axios: 'axios', got: 'got', ky: 'ky', needle: 'needle', request: 'request', superagent: 'superagent',
};

/** A file that loads one of those packages (by name, so the tags of every callee are not evaluated in files that do not). */
const LOADS_CLIENT = /(?:require\(\s*|from\s*|import\(\s*)["'](?:node-fetch|cross-fetch|isomorphic-fetch|isomorphic-unfetch|make-fetch-happen|minipass-fetch|undici|axios|got|ky|needle|request|superagent)["']/;
/** Whether a file's code loads an HTTP client package. */
export const loadsClientModule = perFile((fileSource) => LOADS_CLIENT.test(fileSource));

/** The HTTP client a callee or object is, by the module it comes from (`(0, _nodeFetch.default)`, an axios instance). */
function clientOf(a: Analysis, n: Node): string | undefined {
  for (const t of a.tags(n)) {
    if ((t.kind === 'module' || t.kind === 'module-export') && t.label && Object.hasOwn(CLIENT_MODULES, t.label)) return CLIENT_MODULES[t.label];
  }
  return undefined;
}
const VERBS = new Set(['post', 'put', 'patch', 'get', 'delete', 'head']);
const BODY_KEYS = new Set(['body', 'data', 'json', 'form', 'formData', 'qs', 'searchParams', 'params']);

function prop(obj: Node | undefined, name: string): Node | undefined {
  if (!obj || obj.type !== 'ObjectExpression') return undefined;
  for (const p of obj.properties) if (p.type === 'Property' && propertyName(p) === name) return p.value;
  return undefined;
}

function bodyOf(obj: Node | undefined): Node[] {
  if (!obj || obj.type !== 'ObjectExpression') return [];
  const out: Node[] = [];
  for (const p of obj.properties) if (p.type === 'Property' && BODY_KEYS.has(propertyName(p) ?? '')) out.push(p.value);
  return out;
}

/** The expressions interpolated into a URL template or concatenation (query values, path ids). */
function urlValues(n: Node | undefined, depth = 0): Node[] {
  if (!n || depth > 6) return [];
  const u = unwrap(n);
  if (u.type === 'TemplateLiteral') return u.expressions;
  if (u.type === 'BinaryExpression' && u.operator === '+') {
    const parts: Node[] = [];
    for (const side of [u.left, u.right]) {
      if (stringValue(side) !== undefined) continue;
      const inner = urlValues(side, depth + 1);
      parts.push(...(inner.length > 0 || unwrap(side).type === 'BinaryExpression' ? inner : [side]));
    }
    return parts;
  }
  return [];
}

function methodOf(a: Analysis, n: Node | undefined): string | undefined {
  const s = n ? a.looseString(n) : undefined;
  return s?.toUpperCase();
}

/** The URL of `http.request(options)`: protocol, host and path properties written out. */
function optionsUrl(a: Analysis, opts: Node | undefined): string | undefined {
  if (!opts) return undefined;
  if (opts.type === 'Identifier') {
    const init = a.bindingOf(opts)?.defs.find((d) => d.kind === 'init');
    if (init?.kind === 'init' && init.expr.type === 'ObjectExpression') return optionsUrl(a, init.expr);
  }
  if (opts.type !== 'ObjectExpression') return a.looseString(opts);
  const host = prop(opts, 'hostname') ?? prop(opts, 'host');
  if (!host) return undefined;
  const h = a.looseString(host) ?? '…';
  const path = prop(opts, 'path');
  return `//${h}${path ? (a.looseString(path) ?? '/…') : ''}`;
}

/**
 * The request a call makes, if it is one. `clientModules`: the file loads an HTTP client
 * package, so callees are also recognised by the module they come from.
 */
export function requestOf(a: Analysis, call: Node, clientModules = false): Request | undefined {
  if (call.type === 'AssignmentExpression') {
    // A tracking pixel: `new Image().src = url`.
    const left = unwrap(call.left);
    if (left.type === 'MemberExpression' && propertyName(left) === 'src' && unwrap(left.object).type === 'NewExpression' && calleeName(unwrap(left.object)) === 'Image') {
      return { node: call, api: 'an image pixel', url: a.looseString(call.right), method: 'GET', data: urlValues(call.right) };
    }
    return undefined;
  }
  if (call.type !== 'CallExpression') return undefined;
  let name = calleeName(call);
  if (name === undefined) return undefined;
  let obj = calleeObject(call);
  let objPath = obj ? (memberPath(obj) ?? '') : '';
  // A client known by its module: `(0, _nodeFetch.default)(url)`, `fetchFn(url)`, `client.post(url)`.
  const direct = clientModules && (obj === undefined || name === 'default') ? clientOf(a, unwrap(call.callee)) : undefined;
  if (direct) {
    name = direct;
    obj = undefined;
    objPath = '';
  } else if (clientModules && obj && !CLIENTS.test(objPath)) {
    const viaObject = clientOf(a, obj);
    if (viaObject) objPath = viaObject;
  }
  const args: Node[] = call.arguments;
  if (!obj && (name === 'fetch' || name === 'ky' || name === 'got' || name === 'request' || name === 'axios' || name === 'needle')) {
    if (name === 'needle') {
      return { node: call, api: 'needle()', url: args[1] && a.looseString(args[1]), method: methodOf(a, args[0]), data: [...(args[2] ? [args[2]] : []), ...urlValues(args[1])] };
    }
    const first = args[0];
    if (first?.type === 'ObjectExpression') {
      const url = prop(first, 'url') ?? prop(first, 'uri');
      return { node: call, api: `${name}()`, url: url && a.looseString(url), method: methodOf(a, prop(first, 'method')), data: [...bodyOf(first), ...urlValues(url)] };
    }
    const init = args[1];
    return { node: call, api: `${name}()`, url: first && a.looseString(first), method: methodOf(a, prop(init, 'method')), data: [...bodyOf(init), ...urlValues(first)] };
  }
  if (obj && VERBS.has(name) && CLIENTS.test(objPath)) {
    const [url, second, third] = args;
    // axios.post(url, data, config); got.post(url, {json}); needle.post(url, data); request.post({url, json}).
    const data = url?.type === 'ObjectExpression' ? bodyOf(url) : second?.type === 'ObjectExpression' && objPath !== 'axios' && objPath !== 'needle' ? bodyOf(second) : second ? [second] : [];
    if (third && objPath === 'axios') data.push(...bodyOf(third));
    const target = url?.type === 'ObjectExpression' ? (prop(url, 'url') ?? prop(url, 'uri')) : url;
    return { node: call, api: `${objPath}.${name}()`, url: target && a.looseString(target), method: name.toUpperCase(), data: [...data, ...urlValues(target)] };
  }
  if (name === 'sendBeacon') {
    return { node: call, api: 'navigator.sendBeacon()', url: args[0] && a.looseString(args[0]), method: 'POST', data: [...args.slice(1, 2), ...urlValues(args[0])] };
  }
  if (name === 'send' && obj) {
    // superagent: `post(url).send(data)`; XMLHttpRequest: `x.open("POST", url); x.send(data)`.
    const inner = unwrap(obj);
    if (inner.type === 'CallExpression' && VERBS.has(calleeName(inner) ?? '')) {
      const url = inner.arguments[0];
      return { node: call, api: 'superagent', url: url && a.looseString(url), method: calleeName(inner)!.toUpperCase(), data: [...args.slice(0, 1), ...urlValues(url)] };
    }
    const open = xhrOpen(a, obj);
    if (open) return { node: call, api: 'XMLHttpRequest', url: open.url, method: open.method, data: [...args.slice(0, 1), ...open.data] };
  }
  if ((name === 'write' || name === 'end') && obj && args[0]) {
    const req = httpRequestCall(a, obj);
    if (req) {
      let first = req.arguments[0];
      if (first?.type === 'Identifier') {
        const init = a.bindingOf(first)?.defs.find((d) => d.kind === 'init');
        if (init?.kind === 'init') first = init.expr;
      }
      return { node: call, api: `${memberPath(unwrap(req.callee)) ?? 'http.request'}()`, url: optionsUrl(a, first), method: methodOf(a, prop(first, 'method')), data: [args[0]] };
    }
  }
  return undefined;
}

/** `https.request(…)` (or `http.request`, `https.get`), directly or through the name it was stored in. */
function httpRequestCall(a: Analysis, n: Node, depth = 0): Node | undefined {
  const u = unwrap(n);
  if (u.type === 'CallExpression') {
    const name = calleeName(u);
    const obj = calleeObject(u);
    const objPath = obj ? (memberPath(obj) ?? '') : '';
    if ((name === 'request' || name === 'get') && (/^https?$/.test(objPath) || (obj && a.tags(obj).some((t) => t.kind === 'module' && /^https?$/.test(t.label ?? ''))))) return u;
    return undefined;
  }
  if (u.type === 'Identifier' && depth < 2) {
    const defs = a.bindingOf(u)?.defs ?? [];
    const init = defs.find((d) => d.kind === 'init');
    return init && init.kind === 'init' ? httpRequestCall(a, init.expr, depth + 1) : undefined;
  }
  return undefined;
}

/** The `open(method, url)` call on the XMLHttpRequest a name holds. */
function xhrOpen(a: Analysis, obj: Node): { method?: string; url?: string; data: Node[] } | undefined {
  const u = unwrap(obj);
  if (u.type !== 'Identifier') return undefined;
  const b = a.bindingOf(u);
  if (!b) return undefined;
  const init = b.defs.find((d) => d.kind === 'init');
  if (!init || init.kind !== 'init' || unwrap(init.expr).type !== 'NewExpression' || calleeName(unwrap(init.expr)) !== 'XMLHttpRequest') return undefined;
  for (const ref of b.refs) {
    const member = a.parent(ref);
    const call = member && a.parent(member);
    if (member?.type === 'MemberExpression' && propertyName(member) === 'open' && call?.type === 'CallExpression' && call.callee === member) {
      const url = call.arguments[1];
      return { method: methodOf(a, call.arguments[0]), url: url && a.looseString(url), data: urlValues(url) };
    }
  }
  return { data: [] };
}

/** Every request the unit makes (bounded); `fileSource`, the unit's file, tells whether to look for client packages. */
export function requestsOf(a: Analysis, fileSource: string, max = 256): Request[] {
  const out: Request[] = [];
  const modules = loadsClientModule(fileSource);
  for (const type of ['CallExpression', 'AssignmentExpression']) {
    for (const n of a.nodes(type)) {
      const r = requestOf(a, n, modules);
      if (r) out.push(r);
      if (out.length >= max) return out;
    }
  }
  return out;
}

/** Whether a request sends data (a body, values in its URL, or a method that carries one). */
export function sendsData(r: Request): boolean {
  return r.data.length > 0 || r.method === 'POST' || r.method === 'PUT' || r.method === 'PATCH';
}

/** Host and path words of a collector: `telemetry.example.com`, `/api/v1/record`, `/collect`, `/track`. */
const COLLECTOR_HOST = /^(?:telemetry|analytics|metrics|stats|events|collect|collector|tracking|track|insights|beacon|checkpoint|usage)\./i;
const COLLECTOR_PATH = /\/(?:telemetry|analytics|metrics|track|tracking|collect|events?|event-log|usage|stats|beacon|insights|record)(?:[/?.]|$)/i;

/** Whether a URL, as written, names a usage collector. */
export function collectorUrl(url: string | undefined): boolean {
  if (!url) return false;
  const m = /^(?:[a-z]+:)?\/\/([^/?#]*)(.*)$/i.exec(url);
  const host = m ? m[1]! : '';
  const path = m ? m[2]! : url;
  return COLLECTOR_HOST.test(host) || COLLECTOR_PATH.test(path);
}

/** Whether a full URL's host is a collector's (`https://telemetry.example.dev/…`): safe to say of a URL merely written down. */
export function collectorHostUrl(text: string): boolean {
  const m = /^https?:\/\/([^/?#\s]+)/i.exec(text);
  return m !== null && text.length <= 2048 && COLLECTOR_HOST.test(m[1]!);
}

/** The host of a written URL, or the URL itself when none can be read. */
export function urlHost(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const m = /^(?:[a-z]+:)?\/\/([^/?#]+)/i.exec(url);
  return m ? m[1]!.toLowerCase() : undefined;
}
