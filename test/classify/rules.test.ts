// Every rule is listed once, has a page in docs/rules/ and a test file named after it; every page
// is a rule's. A new rule missing any of these fails here, not in review.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CODE_RULES, MANIFEST_RULES } from '../../src/classify/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const DOCS = path.resolve(here, '../../docs/rules');
const halves = [
  { half: 'manifest', rules: MANIFEST_RULES, fence: 'json' },
  { half: 'code', rules: CODE_RULES, fence: 'js' },
] as const;
const ids = halves.flatMap((h) => h.rules.map((r) => r.meta.id));

describe('rules', () => {
  it('ids are unique across both halves', () => {
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every page in docs/rules/ is a rule', () => {
    const pages = readdirSync(DOCS).filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => f.slice(0, -3));
    expect(pages.sort()).toEqual([...ids].sort());
  });

  for (const { half, rules, fence } of halves) {
    for (const rule of rules) {
      it(`${rule.meta.id} has a page with its category`, () => {
        const text = readFileSync(path.join(DOCS, `${rule.meta.id}.md`), 'utf8');
        expect(text.startsWith(`# ${rule.meta.id}\n`)).toBe(true);
        expect(text).toContain(`- Category: \`${rule.meta.category}\``);
        expect(text).toMatch(new RegExp(`## Fires[\\s\\S]*\`\`\`${fence}[\\s\\S]*## Stays silent`));
      });
      it(`${rule.meta.id} has its test file`, () => {
        expect(existsSync(path.join(here, half, 'rules', `${rule.meta.id}.test.ts`)), `test/classify/${half}/rules/${rule.meta.id}.test.ts`).toBe(true);
      });
    }
  }
});
