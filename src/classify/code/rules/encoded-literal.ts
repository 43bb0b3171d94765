import type { Decoded } from '../../decode/index.js';
import type { Severity } from '../../../types.js';
import type { Analysis } from '../analysis.js';
import { calleeName, type Node } from '../ast.js';
import { EXFIL_HOSTS, GEOLOCATION_HOSTS, matchHost, TELEMETRY_HOSTS } from '../known.js';
import { defineCodeRule, type CodeMatch } from '../rule.js';
import { hashKey } from '../shape.js';
import { preview, raiseSeverity, toPayload } from './util.js';

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
function telling(d: Decoded): string | undefined {
  const items = d.list ?? [];
  if (items.length >= 3 && items.filter((x) => /^[\w-]+(?:\.[\w-]+)+$/.test(x)).length >= 2) return 'a list of host names';
  if (items.length >= 3 && items.every((x) => /^[\w.-]{2,40}$/.test(x))) return 'a list of keywords';
  const host = matchHost(d.text, [...EXFIL_HOSTS, ...GEOLOCATION_HOSTS, ...TELEMETRY_HOSTS]);
  if (host) return `the endpoint ${host}`;
  if (CODE_WORDS.test(d.text)) return 'code or a URL';
  return undefined;
}

export default defineCodeRule({
  meta: {
    id: 'encoded-literal',
    category: 'obfuscation',
    severity: 'medium',
    description:
      'A literal is stored encoded (base64, hex, XOR, char codes, escapes) and decoded by the code: the decoded value is shown in full, and a decoded host or keyword list is evidence in itself.',
    weight: 30,
  },
  match(ctx) {
    const a = ctx.analysis;
    const sites: Array<{ d: Decoded; node: { start: number; end: number }; decoder?: string; byCode: boolean }> = [];
    for (const d of ctx.decoded) {
      const lit = a.nodes('Literal').find((n) => n.start === d.source.start) ?? a.nodes('TemplateLiteral').find((n) => n.start === d.source.start);
      const use = lit ? decoderCall(a, lit) : undefined;
      // Decoded by the code: passed to a decoder, or an idiom around it (an explicit XOR key, a split).
      const byCode = use !== undefined || d.steps.some((s) => /^(?:xor:|split:)/.test(s));
      sites.push({ d, node: use ? use.call : d.source, ...(use ? { decoder: use.name } : {}), byCode });
    }
    for (const [name, list] of a.decode.byName) {
      const use = a.nodes('Identifier').map((id) => (id.name === name ? decoderCall(a, id) : undefined)).find((u) => u !== undefined);
      if (!use) continue;
      for (const d of list) sites.push({ d, node: use.call, decoder: use.name, byCode: true });
    }
    const out = new Map<string, CodeMatch>();
    for (const { d, node, decoder, byCode } of sites) {
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
      const what = d.list ? `list of ${d.list.length} entries` : `string (${d.text.length} chars)`;
      const reasons = [
        `${byCode ? `decoded by ${decoder ? `${decoder}()` : 'the code'}` : 'decodes'}: ${d.steps.join(' → ')}`,
        `decoded ${what}: ${d.list ? preview(d.list, 8) : JSON.stringify(d.text.length > 120 ? `${d.text.slice(0, 119)}…` : d.text)}`,
      ];
      if (why) reasons.push(`the decoded value is ${why}`);
      const decoderSource = decoder ? a.decode.decoders.get(decoder) : undefined;
      if (decoderSource) reasons.push(`decoder: ${decoderSource.length > 200 ? `${decoderSource.slice(0, 199)}…` : decoderSource}`);
      const text = a.text(node);
      const m: CodeMatch = { key, node, message: `encoded ${what} (${d.steps.join(' → ')})`, reasons, payloads: [toPayload(d)], severity, score: why ? 10 : 0 };
      if (decoderSource) m.evidence = `${text.length > 200 ? `${text.slice(0, 199)}…` : text}\n// decoder: ${decoderSource}`;
      out.set(key, m);
    }
    return [...out.values()];
  },
});
