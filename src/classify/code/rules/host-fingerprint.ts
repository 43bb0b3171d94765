import type { Node } from '../ast.js';
import { message } from '../../messages.js';
import { defineCodeRule, type CodeMatch } from '../rule.js';
import { has, type TagKind, type Tags } from '../tags.js';
import { statementOf } from './util.js';

/**
 * How much each fact says about the machine: hardware ids the most; what every user agent says
 * (OS, runtime version) the least, so a user agent alone is no fingerprint.
 */
const WEIGHT: Partial<Record<TagKind, number>> = {
  'machine-id': 2, mac: 2, 'git-identity': 2, hostname: 1, username: 1, hardware: 1, 'public-ip': 1, netif: 1, container: 1, ci: 1, platform: 0.5, runtime: 0.5,
};

/** Words a unit that reads identity has in its own code (identity read elsewhere and combined here still names one of them). */
const HINT =
  /hostname|userInfo|networkInterfaces|machine-?id|machineId|IOPlatform|MachineGuid|cpus|totalmem|user\.(?:email|name)|whoami|USERNAME|LOGNAME|COMPUTERNAME|createHash|ipify|icanhazip|\.mac\b|docker|is-wsl|isWsl|is-ci|ci-info|isCI|cgroup|systeminformation|getmac|macaddress|hardwareConcurrency|deviceMemory/;

const COMBINERS = new Set(['ObjectExpression', 'ArrayExpression', 'TemplateLiteral', 'BinaryExpression', 'CallExpression']);

function identityKinds(tags: Tags): TagKind[] {
  return [...new Set(tags.filter((t) => WEIGHT[t.kind] !== undefined).map((t) => t.kind))].sort();
}

const weightOf = (kinds: TagKind[]) => kinds.reduce((s, k) => s + (WEIGHT[k] ?? 0), 0);

export default defineCodeRule({
  meta: {
    id: 'host-fingerprint',
    category: 'host-fingerprint',
    severity: 'medium',
    description:
      'Identifiers of the machine or its user (host name, user name, MAC addresses, machine id, hardware, git identity, container and CI detection, OS and runtime) read together or hashed: a fingerprint of the host.',
    weight: 25,
    messages: ['host-fingerprint/read', 'host-fingerprint/reads', 'host-fingerprint/hashed', 'host-fingerprint/combined'],
  },
  match({ analysis, source }) {
    if (!HINT.test(source)) return [];
    // The expression that combines the most identity (an object, a list, a string, a hash update).
    let best: { node: Node; kinds: TagKind[]; hashed: boolean } | undefined;
    for (const type of COMBINERS) {
      for (const n of analysis.nodes(type)) {
        if (type === 'BinaryExpression' && n.operator !== '+') continue;
        const tags = analysis.tags(n);
        const kinds = identityKinds(tags);
        if (kinds.length === 0) continue;
        const hashed = has(tags, 'hash');
        const score = weightOf(kinds) + (hashed ? 2 : 0);
        const bestScore = best ? weightOf(best.kinds) + (best.hashed ? 2 : 0) : -1;
        if (score > bestScore || (score === bestScore && best && n.end - n.start < best.node.end - best.node.start)) best = { node: n, kinds, hashed };
      }
    }
    if (!best) return [];
    const weight = weightOf(best.kinds);
    // A hash of the OS and runtime version is a cache key, not an identity.
    const identifying = weightOf(best.kinds.filter((k) => k !== 'platform' && k !== 'runtime'));
    const strongAlone = best.kinds.includes('machine-id');
    if (weight < 3 && !(best.hashed && identifying >= 1) && !strongAlone) return [];
    const kinds: string[] = best.kinds;
    const m: CodeMatch = {
      key: `fp\0${best.kinds.join(',')}\0${best.hashed ? 'hashed' : ''}`,
      node: statementOf(analysis, best.node),
      message: message('host-fingerprint/read', { kinds, hashed: best.hashed }),
      spans: [{ start: best.node.start, end: best.node.end, role: best.hashed ? 'hash' : 'combination' }],
      reasons: [
        message('host-fingerprint/reads', { kinds }),
        ...(best.hashed ? [message('host-fingerprint/hashed', {})] : best.kinds.length > 1 ? [message('host-fingerprint/combined', {})] : []),
      ],
    };
    if (best.hashed && identifying >= 2) m.severity = 'high';
    return [m];
  },
});
