import type { Decoded } from '../../decode/index.js';
import type { Severity } from '../../../types.js';
import type { Analysis } from '../analysis.js';
import { calleeName, type Node } from '../ast.js';
import { EXFIL_HOSTS, GEOLOCATION_HOSTS, matchHost, TELEMETRY_HOSTS } from '../known.js';
import { message, type ValuesOf } from '../../messages.js';
import type { FindingSpan } from '../../../types.js';
import { defineCodeRule, type CodeMatch } from '../rule.js';
import { hashKey } from '../shape.js';
import { decodedValues, raiseSeverity, toPayload } from './util.js';

const DECODE_CALLEES = new Set(['atob', 'from', 'decode', 'fromCharCode', 'decodeURIComponent', 'unescape', 'parseInt']);
const CODE_WORDS = /\b(?:eval|Function|require|child_process|execSync|spawn|process\.env|XMLHttpRequest|fetch|powershell|curl|wget|base64)\b|\.npmrc|\.ssh|https?:\/\//;

/** The decoder call a node is an argument of (a few calls up), with the decoder's name. */
function decoderCall(a: Analysis, n: Node): { call: Node; name: string } | undefined {
  let cur = n;
  for (let i = 0; i < 4; i++) {
    const p = a.parent(cur);
    if (!p) return undefined;
    if (p.type === 'CallExpression' && p.callee !== cur) {
      const name = calleeName(p);
      if (name !== undefined && (a.decode.decoders.has(name) || DECODE_CALLEES.has(name) || a.external(name)?.decoder)) return { call: p, name };
    }
    if (p.type !== 'CallExpression' && p.type !== 'MemberExpression' && p.type !== 'ArrowFunctionExpression') return undefined;
    cur = p;
  }
  return undefined;
}

/** A decoded text that is itself evidence: a list of hosts or keywords, a URL, code, a known endpoint. */
function telling(d: Decoded): ValuesOf<'encoded-literal/telling'> | undefined {
  const items = d.list ?? [];
  if (items.length >= 3 && items.filter((x) => /^[\w-]+(?:\.[\w-]+)+$/.test(x)).length >= 2) return { what: 'host-list' };
  if (items.length >= 3 && items.every((x) => /^[\w.-]{2,40}$/.test(x))) return { what: 'keyword-list' };
  const host = matchHost(d.text, [...EXFIL_HOSTS, ...GEOLOCATION_HOSTS, ...TELEMETRY_HOSTS]);
  if (host) return { what: 'endpoint', host };
  if (CODE_WORDS.test(d.text)) return { what: 'code' };
  return undefined;
}

/** Code, at most `max` characters. */
const clipped = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export default defineCodeRule({
  meta: {
    id: 'encoded-literal',
    category: 'obfuscation',
    severity: 'medium',
    description:
      'A literal is stored encoded (base64, hex, XOR, char codes, escapes) and decoded by the code: the decoded value is shown in full, and a decoded host or keyword list is evidence in itself.',
    weight: 30,
    messages: ['encoded-literal/decoded', 'encoded-literal/by', 'encoded-literal/value', 'encoded-literal/telling', 'encoded-literal/decoder'],
  },
  match(ctx) {
    const a = ctx.analysis;
    type Span = { start: number; end: number };
    const sites: Array<{ d: Decoded; node: Span; decoder?: string; byCode: boolean; spans: FindingSpan[] }> = [];
    const span = (n: Span, role: string): FindingSpan => ({ start: n.start, end: n.end, role });
    for (const d of ctx.decoded) {
      const lit = a.nodes('Literal').find((n) => n.start === d.source.start) ?? a.nodes('TemplateLiteral').find((n) => n.start === d.source.start);
      const use = lit ? decoderCall(a, lit) : undefined;
      // Decoded by the code: passed to a decoder, or an idiom around it (an explicit XOR key, a split).
      const byCode = use !== undefined || d.steps.some((s) => /^(?:xor:|split:)/.test(s));
      const spans = [span(d.source, 'literal'), ...(use ? [span(use.call.callee, 'decoder')] : [])];
      sites.push({ d, node: use ? use.call : d.source, ...(use ? { decoder: use.name } : {}), byCode, spans });
    }
    for (const [name, list] of a.decode.byName) {
      const found = a.nodes('Identifier').map((id) => (id.name === name ? { id, use: decoderCall(a, id) } : undefined)).find((u) => u?.use !== undefined);
      if (!found) continue;
      const use = found.use!;
      for (const d of list) sites.push({ d, node: use.call, decoder: use.name, byCode: true, spans: [span(found.id, 'literal'), span(use.call.callee, 'decoder')] });
    }
    const out = new Map<string, CodeMatch>();
    for (const { d, node, decoder, byCode, spans } of sites) {
      const key = `enc\0${hashKey(d.text)}`;
      if (out.has(key)) continue;
      const xor = d.steps.some((s) => s.startsWith('xor'));
      const onlyEscapes = d.steps.length === 1 && d.steps[0] === 'escapes';
      let severity: Severity = byCode ? (xor ? 'high' : 'medium') : xor ? 'medium' : 'low';
      if (onlyEscapes) severity = d.text.length >= 16 ? 'medium' : 'low';
      const why = telling(d);
      // A short word spelled in char codes is how parsers match tokens (`[68,79,67,84,89,80,69]` is DOCTYPE).
      if (!why && d.text.length < 12 && !xor) severity = 'low';
      if (why && severity !== 'high') severity = raiseSeverity(severity);
      const size = { length: d.text.length, ...(d.list ? { entryCount: d.list.length } : {}) };
      const reasons = [
        message('encoded-literal/by', { steps: d.steps, byCode, decoder }),
        message('encoded-literal/value', { ...size, ...decodedValues(d) }),
      ];
      if (why) reasons.push(message('encoded-literal/telling', why));
      const decoderSource = decoder ? a.decode.decoders.get(decoder) : undefined;
      if (decoderSource) reasons.push(message('encoded-literal/decoder', { source: decoderSource.slice(0, 201) }));
      const m: CodeMatch = { key, node, message: message('encoded-literal/decoded', { steps: d.steps, ...size }), spans, reasons, payloads: [toPayload(d)], severity, score: why ? 10 : 0 };
      if (decoderSource) {
        // The call, then the decoder it uses (defined elsewhere), both as code.
        const call = clipped(a.text(node), 200);
        const inCall = spans.map((s) => ({ ...s, start: s.start - node.start, end: Math.min(call.length, s.end - node.start) })).filter((s) => s.start >= 0 && s.end > s.start);
        m.evidence = { text: `${call}\n// decoder:\n${decoderSource}`, spans: inCall };
      }
      out.set(key, m);
    }
    return [...out.values()];
  },
});
