import type { Category, Severity } from '../../../types.js';
import type { Analysis } from '../analysis.js';
import { memberPath, propertyName, type Node } from '../ast.js';
import { collectorHostUrl, collectorUrl, requestsOf, sendsData, urlHost, type Request } from '../requests.js';
import { message } from '../../messages.js';
import { defineCodeRule, type CodeMatch } from '../rule.js';
import { union, type TagKind } from '../tags.js';
import { spansOf, statementOf } from './util.js';

/** What a usage report may carry about the machine and its user. */
export const FACETS: ReadonlySet<TagKind> = new Set<TagKind>([
  'machine-id', 'mac', 'hostname', 'username', 'git-identity', 'public-ip', 'netif', 'hardware', 'container', 'ci', 'platform', 'runtime', 'locale', 'timezone',
]);

/** Facets that single out a machine or a person. */
const IDENTIFYING = new Set<TagKind>(['machine-id', 'mac', 'hostname', 'username', 'git-identity', 'public-ip']);
/** Facets beyond what every user agent says (OS, runtime, language). */
const BEYOND_USER_AGENT = new Set<TagKind>([...IDENTIFYING, 'netif', 'hardware', 'container', 'ci']);

/** Env vars that turn telemetry off (or on): code that reads one is code that has telemetry. */
export const TELEMETRY_SWITCH = /^(?:DO_NOT_TRACK|[A-Z0-9_]*(?:TELEMETRY|ANALYTICS)[A-Z0-9_]*|[A-Z0-9_]*_(?:NO_)?TRACKING(?:_[A-Z0-9_]*)?|CHECKPOINT_DISABLE)$/;

function facetsOf(a: Analysis, r: Request): TagKind[] {
  const tags = union(...r.data.slice(0, 8).map((d) => a.tags(d)));
  return [...new Set(tags.map((t) => t.kind).filter((k) => FACETS.has(k)))].sort();
}

function switches(a: Analysis): { name: string; node: Node }[] {
  const out = new Map<string, Node>();
  for (const n of a.nodes('MemberExpression')) {
    if (memberPath(n.object) !== 'process.env') continue;
    const name = propertyName(n);
    if (name && TELEMETRY_SWITCH.test(name) && !out.has(name)) out.set(name, n);
    if (out.size >= 4) break;
  }
  return [...out].map(([name, node]) => ({ name, node }));
}

export default defineCodeRule({
  meta: {
    id: 'telemetry-send',
    category: 'telemetry',
    severity: 'medium',
    description:
      "Usage data sent home: a request to a collector (a telemetry, analytics, events or metrics endpoint, the project's own included) or a request that carries facts about the machine (machine id, OS, runtime version, CI, container, hardware); or a telemetry opt-out switch read (DO_NOT_TRACK, *_TELEMETRY_DISABLED).",
    weight: 35,
    messages: [
      'telemetry-send/sent',
      'telemetry-send/request',
      'telemetry-send/collector-url',
      'telemetry-send/carries',
      'telemetry-send/switch',
      'telemetry-send/collector',
      'telemetry-send/collector-named',
      'telemetry-send/switch-read',
      'telemetry-send/switch-reads',
    ],
  },
  match({ analysis, fileSource }) {
    const out: CodeMatch[] = [];
    const optOut = switches(analysis);
    const names = optOut.map((s) => s.name);
    const seen = new Set<string>();
    for (const r of requestsOf(analysis, fileSource)) {
      if (!sendsData(r)) continue;
      const facets = facetsOf(analysis, r);
      const collector = collectorUrl(r.url);
      const beyond = facets.filter((k) => BEYOND_USER_AGENT.has(k));
      if (!(collector || (facets.length >= 2 && beyond.length >= 1))) continue;
      const host = urlHost(r.url) ?? r.url ?? 'an endpoint';
      const key = `send\0${host}\0${facets.join(',')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const identifying = facets.filter((k) => IDENTIFYING.has(k));
      const severity: Severity = identifying.length >= 2 ? 'high' : 'medium';
      const chain: Category[] = identifying.length > 0 || beyond.length >= 2 ? ['host-fingerprint'] : [];
      const reasons = [message('telemetry-send/request', { api: r.api, method: r.method, url: r.url })];
      if (collector) reasons.push(message('telemetry-send/collector-url', {}));
      if (facets.length > 0) reasons.push(message('telemetry-send/carries', { facets }));
      if (optOut.length > 0) reasons.push(message('telemetry-send/switch', { names }));
      out.push({
        key,
        node: statementOf(analysis, r.node),
        message: message('telemetry-send/sent', { url: r.url ?? host, facets }),
        spans: [{ start: r.node.start, end: r.node.end, role: 'request' }, ...spansOf(r.data.slice(0, 8), 'data')],
        reasons,
        severity,
        chain,
        score: facets.length,
      });
      if (out.length >= 4) break;
    }
    // A collector's URL written down, sent to by code elsewhere (a shared post helper, a queue).
    if (out.length === 0) {
      for (const lit of [...analysis.nodes('Literal'), ...analysis.nodes('TemplateElement')]) {
        const text = lit.type === 'Literal' ? lit.value : lit.value?.cooked;
        if (typeof text !== 'string' || !collectorHostUrl(text)) continue;
        const host = urlHost(text)!;
        out.push({
          key: `collector\0${host}`,
          node: statementOf(analysis, lit),
          message: message('telemetry-send/collector', { url: text.slice(0, 2048) }),
          spans: [{ start: lit.start, end: lit.end, role: 'literal' }],
          reasons: [message('telemetry-send/collector-named', { host }), ...(optOut.length > 0 ? [message('telemetry-send/switch', { names })] : [])],
          ...(lit.type === 'Literal' ? { anchor: lit.raw } : {}),
          packageWide: host,
        });
        break;
      }
    }
    if (out.length === 0 && optOut.length > 0) {
      out.push({
        key: `switch\0${optOut.map((s) => s.name).sort().join(',')}`,
        node: statementOf(analysis, optOut[0]!.node),
        message: message('telemetry-send/switch-read', { names }),
        spans: spansOf(optOut.map((s) => s.node), 'switch'),
        reasons: [message('telemetry-send/switch-reads', { names })],
        // A switch says telemetry exists (or can be turned off); it sends nothing itself.
        severity: 'low',
        packageWide: optOut.map((s) => s.name),
      });
    }
    return out;
  },
});
