import type { Category, Severity } from '../../../types.js';
import type { Analysis } from '../analysis.js';
import { calleeName, calleeObject, memberPath, type Node } from '../ast.js';
import { collectorUrl, loadsClientModule, requestOf } from '../requests.js';
import { defineCodeRule, type CodeMatch } from '../rule.js';
import { has, IDENTITY_KINDS, union, type Tag, type TagKind, type Tags } from '../tags.js';
import { message } from '../../messages.js';
import { payloadsOfTags, spansOf, statementOf } from './util.js';

const HTTP_OBJECTS = /^(?:axios|got|ky|superagent|needle|request|https?|undici)$/;
const DNS_CALLS = new Set(['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveTxt', 'resolveAny', 'resolveCname']);

/** The network call a node makes, in words, or undefined. */
export function sinkOf(a: Analysis, call: Node): string | undefined {
  const name = calleeName(call);
  if (name === undefined) return undefined;
  const obj = calleeObject(call);
  const objPath = obj ? (memberPath(obj) ?? '') : '';
  if (!obj && (name === 'fetch' || name === 'axios' || name === 'got' || name === 'sendBeacon')) return `${name}()`;
  if (obj && name === 'sendBeacon') return 'navigator.sendBeacon()';
  if (obj && (name === 'post' || name === 'put' || name === 'patch' || name === 'request' || name === 'get')) {
    if (HTTP_OBJECTS.test(objPath) || has(a.tags(obj), 'module', 'http') || has(a.tags(obj), 'module', 'https')) return `${objPath || 'http'}.${name}()`;
  }
  if (obj && DNS_CALLS.has(name) && (objPath === 'dns' || objPath === 'dns.promises' || has(a.tags(obj), 'module', 'dns'))) return `dns.${name}()`;
  if (name === 'execSync' || name === 'exec' || name === 'spawn' || name === 'spawnSync' || name === 'execFile' || name === 'execFileSync') {
    const cmd = a.commandText(call) ?? '';
    if (/\b(?:curl|wget|nc|ncat|Invoke-WebRequest|iwr)\b/.test(cmd)) return `${name}(${cmd.split(/\s+/)[0]})`;
  }
  return undefined;
}

function sensitiveKinds(tags: Tags): { kinds: string[]; severity: Severity | undefined; categories: Category[] } {
  const kinds = new Set<string>();
  const categories = new Set<Category>();
  for (const t of tags) {
    if (t.kind === 'credential') {
      kinds.add(`credential:${t.label ?? ''}`);
      categories.add('credential-access');
    } else if (t.kind === 'env-dump') {
      kinds.add('env-dump');
      categories.add('environment-probe');
    } else if (IDENTITY_KINDS.has(t.kind)) {
      kinds.add(t.kind);
      categories.add('host-fingerprint');
    }
  }
  const list = [...kinds].sort();
  const identity = list.filter((k) => IDENTITY_KINDS.has(k as TagKind)).length;
  let severity: Severity | undefined;
  if (list.some((k) => k.startsWith('credential:') || k === 'env-dump')) severity = 'critical';
  else if (identity >= 2) severity = 'high';
  else if (identity === 1) severity = 'medium';
  return { kinds: list, severity, categories: [...categories] };
}

export default defineCodeRule({
  meta: {
    id: 'sensitive-sink',
    category: 'exfiltration',
    severity: 'high',
    description:
      'Credentials read from files, the whole environment, or identifiers of the machine flow into a network request (fetch, http, dns, curl).',
    weight: 45,
    messages: ['sensitive-sink/sent', 'sensitive-sink/sends'],
  },
  match({ analysis, fileSource }) {
    const out: CodeMatch[] = [];
    const seen = new Set<string>();
    for (const call of analysis.nodes('CallExpression')) {
      const sink = sinkOf(analysis, call);
      if (!sink) continue;
      const tags = union(...call.arguments.slice(0, 8).map((a: Node) => analysis.tags(a)));
      const { kinds, severity, categories } = sensitiveKinds(tags);
      if (!severity) continue;
      // Machine facts sent to a usage collector are telemetry (telemetry-send says so); secrets are not.
      if (!categories.includes('credential-access') && !categories.includes('environment-probe') && collectorUrl(requestOf(analysis, call, loadsClientModule(fileSource))?.url)) continue;
      const key = `sink\0${sink.replace(/\(.*\)$/, '')}\0${kinds.join(',')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const sensitive = (t: Tag) => t.kind === 'credential' || t.kind === 'env-dump' || IDENTITY_KINDS.has(t.kind);
      const sent = tags.filter(sensitive);
      // What each value is: a credential by its file, an identity by the API that read it.
      const details = sent.map((t) => (t.kind === 'credential' || t.kind === 'cred-path' || t.kind === 'env' ? (t.label ?? '') : (t.via ?? '')));
      const m: CodeMatch = {
        key,
        node: statementOf(analysis, call),
        message: message('sensitive-sink/sent', { kinds, sink }),
        spans: [{ start: call.start, end: call.end, role: 'request' }, ...spansOf(call.arguments.slice(0, 8).filter((a: Node) => analysis.tags(a).some(sensitive)), 'data')],
        reasons: [message('sensitive-sink/sends', { sink, tags: sent.map((t) => t.kind), details })],
        severity,
        chain: categories,
      };
      const payloads = payloadsOfTags(tags);
      if (payloads.length > 0) m.payloads = payloads;
      out.push(m);
    }
    return out;
  },
});
