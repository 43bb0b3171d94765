import { calleeName } from '../ast.js';
import { STARTUP_FILE } from '../known.js';
import { message } from '../../messages.js';
import { defineCodeRule, type CodeMatch } from '../rule.js';
import { pathText, statementOf } from './util.js';

const WRITE_FIRST = new Set(['writeFileSync', 'writeFile', 'appendFileSync', 'appendFile', 'createWriteStream', 'outputFile', 'outputFileSync']);
const WRITE_SECOND = new Set(['copyFileSync', 'copyFile', 'symlinkSync', 'symlink', 'renameSync', 'rename']);
const EXEC = new Set(['execSync', 'exec', 'spawnSync', 'spawn']);
const SHELL_REDIRECT = /(?:>>?|\btee\s+(?:-a\s+)?)\s*["']?(\S*(?:\.bashrc|\.bash_profile|\.profile|\.zshrc|\.zprofile|\.zshenv|config\.fish))|\bcrontab\s+(?:-\s*$|-[a-z]*\s+-|[^-\s])/;

export default defineCodeRule({
  meta: {
    id: 'shell-startup-edit',
    category: 'sabotage',
    severity: 'high',
    description: 'Shell start-up or persistence files are written (.bashrc, .zshrc, .profile, fish config, PowerShell profile, crontab, LaunchAgents): code that runs in every new shell.',
    weight: 40,
    messages: ['shell-startup-edit/writes', 'shell-startup-edit/call'],
  },
  match({ analysis }) {
    const out: CodeMatch[] = [];
    const seen = new Set<string>();
    for (const n of analysis.nodes('CallExpression')) {
      const name = calleeName(n);
      if (!name) continue;
      let file: string | undefined;
      if (WRITE_FIRST.has(name) || WRITE_SECOND.has(name)) {
        const p = pathText(analysis, n.arguments[WRITE_SECOND.has(name) ? 1 : 0]);
        if (p && STARTUP_FILE.test(p)) file = p;
      } else if (EXEC.has(name)) {
        const cmd = analysis.commandText(n);
        const m = cmd ? SHELL_REDIRECT.exec(cmd) : null;
        if (m) file = m[1] ?? 'crontab';
      }
      if (!file) continue;
      const base = file.split(/[\\/]/).pop() ?? file;
      if (seen.has(base)) continue;
      seen.add(base);
      out.push({
        key: `startup\0${base}`,
        node: statementOf(analysis, n),
        message: message('shell-startup-edit/writes', { file: base }),
        spans: [{ start: n.start, end: n.end, role: 'call' }],
        reasons: [message('shell-startup-edit/call', { call: name, path: file })],
      });
    }
    return out;
  },
});
