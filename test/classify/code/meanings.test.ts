// The tables of what APIs reveal (meanings.ts), read through the analysis: every row of the call,
// module and property tables is tried as code, so a new row is tested as soon as it is written.
import { describe, expect, it } from 'vitest';
import { Analysis } from '../../../src/classify/code/analysis.js';
import { parseSource } from '../../../src/classify/code/ast.js';
import { CALLS, GLOBAL_PROPERTIES, HELD_PROPERTIES, MODULE_CALLS, MODULE_VALUES, type Meaning } from '../../../src/classify/code/meanings.js';
import type { Tag } from '../../../src/classify/code/tags.js';

/** The tags of the last statement's expression, in a unit of its own. */
function tagsOf(code: string): Tag[] {
  const parsed = parseSource(code);
  if (!parsed.ok) throw new Error(parsed.error);
  const analysis = new Analysis(code, parsed.ast, () => undefined);
  const last = parsed.ast.body.at(-1);
  return [...analysis.tags(last.expression)];
}

const kinds = (code: string) => tagsOf(code).map((t) => t.kind);
const kindOf = (m: Meaning) => (typeof m === 'string' ? m : m.kind);

/** An expression holding each kind HELD_PROPERTIES reads properties of. */
const HOLDING: Record<string, string> = {
  intl: 'Intl.DateTimeFormat().resolvedOptions()',
  netif: 'require("os").networkInterfaces().eth0[0]',
  userinfo: 'require("os").userInfo()',
};

describe('meanings: every table row, as code', () => {
  for (const [name, row] of CALLS) {
    const on = row.on;
    const call =
      on === undefined ? `x.${name}()`
      : on === 'date' ? `new Date().${name}()`
      : 'path' in on ? `${on.path}()`
      : 'objects' in on ? `${on.objects[0]}.${name}(u)`
      : `${on.module}.${name}()`;
    it(`${call} → ${row.kind}`, () => {
      expect(tagsOf(call)).toContainEqual(expect.objectContaining({ kind: row.kind, ...(row.label ? { label: row.label } : {}) }));
    });
  }
  for (const [module, fns] of Object.entries(MODULE_CALLS)) {
    for (const [fn, m] of Object.entries(fns)) {
      // The module called itself is known through the name it is bound to.
      const call = fn === 'default' ? `const m = require("${module}"); m()` : `require("${module}").${fn === '*' ? 'anyFunction' : fn}()`;
      it(`${call} → ${kindOf(m)}`, () => expect(kinds(call)).toContain(kindOf(m)));
    }
  }
  for (const [module, values] of Object.entries(MODULE_VALUES)) {
    for (const [value, m] of Object.entries(values)) {
      const read = value === 'default' ? `require("${module}")` : `require("${module}").${value}`;
      it(`${read} → ${kindOf(m)}`, () => expect(kinds(read)).toContain(kindOf(m)));
    }
  }
  for (const [object, props] of Object.entries(GLOBAL_PROPERTIES)) {
    for (const [prop, m] of Object.entries(props)) {
      it(`${object}.${prop} → ${kindOf(m)}`, () => expect(kinds(`${object}.${prop}`)).toContain(kindOf(m)));
    }
  }
  for (const [held, props] of Object.entries(HELD_PROPERTIES)) {
    for (const [prop, m] of Object.entries(props)) {
      it(`(${held}).${prop} → ${kindOf(m)}`, () => {
        expect(HOLDING[held], `an expression holding ${held}: add one to HOLDING`).toBeDefined();
        expect(kinds(`${HOLDING[held]}.${prop}`)).toContain(kindOf(m));
      });
    }
  }
});

describe('meanings: where a row does not apply', () => {
  it.each([
    ['performance.now()', 'date'],
    ['cache.get(u)', 'network-response'],
    ['d.getMonth()', 'date'],
    ['x.toString()', 'timezone'],
    ['process.env.FOO', 'home'],
  ])('%s is not %s', (code, kind) => {
    expect(kinds(code)).not.toContain(kind);
  });

  it('a bare hostname() is the runtime only when nothing declares it', () => {
    expect(kinds('hostname()')).toContain('hostname');
    expect(kinds('function hostname(){return "x"}hostname()')).not.toContain('hostname');
  });
});

describe('meanings: env vars, files and commands', () => {
  it.each([
    ['process.env.TZ', 'timezone'],
    ['process.env.LC_ALL', 'locale'],
    ['process.env.LOGNAME', 'username'],
    ['process.env.COMPUTERNAME', 'hostname'],
    ['process.env.USERPROFILE', 'home'],
    ['process.env.GITLAB_CI', 'ci'],
    ['require("fs").existsSync("/.dockerenv")', 'container'],
    ['require("fs").readFileSync("/etc/machine-id")', 'machine-id'],
    ['require("child_process").execSync("whoami")', 'username'],
    ['require("child_process").execSync("git config user.email")', 'git-identity'],
  ])('%s → %s', (code, kind) => {
    expect(kinds(code)).toContain(kind);
  });

  it('names where an env fact was read, except the home folder (as os.homedir())', () => {
    expect(tagsOf('process.env.TZ')).toContainEqual({ kind: 'timezone', via: 'process.env.TZ' });
    expect(tagsOf('process.env.HOME')).toContainEqual({ kind: 'home' });
  });
});
