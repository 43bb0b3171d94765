// Every code rule has its page in docs/rules/, which states its category.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CODE_RULES } from '../../../src/classify/code/index.js';

const DOCS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/rules');

describe('code rule docs', () => {
  it('rule ids are unique', () => {
    const ids = CODE_RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
  for (const rule of CODE_RULES) {
    it(`${rule.meta.id} has a page with its category`, () => {
      const text = readFileSync(path.join(DOCS, `${rule.meta.id}.md`), 'utf8');
      expect(text.startsWith(`# ${rule.meta.id}\n`)).toBe(true);
      expect(text).toContain(`- Category: \`${rule.meta.category}\``);
      expect(text).toMatch(/## Fires[\s\S]*```js[\s\S]*## Stays silent/);
    });
  }
});
