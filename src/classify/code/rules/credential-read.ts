import { memberPath, propertyName } from '../ast.js';
import { defineCodeRule, type CodeMatch } from '../rule.js';
import { SECRET_ENV } from '../meanings.js';
import { ofKind } from '../tags.js';
import { capped, message } from '../../messages.js';
import { sinkOf } from './sensitive-sink.js';
import { spansOf, statementOf } from './util.js';

const READ_OR_EXEC = /^(?:readFileSync|readFile|createReadStream|readJsonSync|readJson|readJSON|execSync|exec|execFileSync|execFile|spawnSync|spawn)$/;

export default defineCodeRule({
  meta: {
    id: 'credential-read',
    category: 'credential-access',
    severity: 'medium',
    description:
      'Files that hold credentials are read (.npmrc, ~/.ssh keys, ~/.aws/credentials, .git-credentials, Docker and cloud tokens, browser password stores, wallets), or environment variable names are searched for secrets.',
    weight: 35,
    messages: ['credential-read/reads', 'credential-read/network', 'credential-read/env-scan', 'credential-read/env-patterns', 'credential-read/env-secrets', 'credential-read/env-names'],
  },
  match({ analysis }) {
    const out: CodeMatch[] = [];
    const labels = new Set<string>();
    const calls = [];
    for (const call of analysis.nodes('CallExpression')) {
      const name = call.callee?.type === 'MemberExpression' ? call.callee.property?.name : call.callee?.name;
      if (typeof name !== 'string' || !READ_OR_EXEC.test(name)) continue;
      const creds = ofKind(analysis.tags(call), 'credential');
      if (creds.length === 0) continue;
      for (const c of creds) labels.add(c.label ?? 'credentials');
      calls.push(call);
    }
    const hasSink = () => analysis.nodes('CallExpression').some((c) => sinkOf(analysis, c) !== undefined);
    if (calls.length > 0) {
      const list = [...labels].sort();
      const sink = hasSink();
      out.push({
        key: `cred\0${list.join(',')}`,
        node: statementOf(analysis, calls[0]!),
        message: message('credential-read/reads', { files: list }),
        spans: spansOf(calls, 'read'),
        reasons: [message('credential-read/reads', { files: list }), ...(sink ? [message('credential-read/network', {})] : [])],
        ...(sink || list.length >= 3 ? { severity: 'high' as const } : {}),
        ...(sink ? { chain: ['exfiltration' as const] } : {}),
      });
    }
    // Scanning the environment's names for secrets: `Object.keys(process.env).filter(k => /token|secret/i.test(k))`.
    for (const c of analysis.comparisons()) {
      if (!c.subjectTags.some((t) => t.kind === 'env-dump' || (t.kind === 'env' && t.label === '*'))) continue;
      const secretPatterns = c.literals.filter((l) => /token|secret|passw|api_?key|access_?key|npm_|aws_/i.test(l));
      if (secretPatterns.length === 0) continue;
      out.push({
        key: `envscan\0${[...secretPatterns].sort().join(',')}`,
        node: statementOf(analysis, c.node),
        message: message('credential-read/env-scan', {}),
        spans: [{ start: c.node.start, end: c.node.end, role: 'comparison' }],
        reasons: [message('credential-read/env-patterns', { patterns: capped(secretPatterns), patternCount: secretPatterns.length })],
        severity: hasSink() ? 'high' : 'medium',
      });
      break;
    }
    // Many distinct secret variables read in one place.
    const secrets = new Set<string>();
    const reads: Array<{ start: number; end: number }> = [];
    for (const m of analysis.nodes('MemberExpression')) {
      if (memberPath(m.object) !== 'process.env') continue;
      const name = propertyName(m);
      if (name && SECRET_ENV.test(name)) {
        secrets.add(name);
        reads.push(m);
      }
      if (secrets.size > 64) break;
    }
    if (secrets.size >= 4) {
      const list = [...secrets].sort();
      const names = { names: capped(list), nameCount: list.length };
      out.push({
        key: `envsecrets\0${list.join(',')}`,
        node: { start: 0, end: Math.min(analysis.source.length, 400) },
        message: message('credential-read/env-secrets', names),
        spans: spansOf(reads, 'read'),
        reasons: [message('credential-read/env-names', names)],
        severity: 'low',
      });
    }
    return out;
  },
});
