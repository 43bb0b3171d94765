// One page per rule lives in docs/rules/<ruleId>.md. Reporters quote it: SARIF carries a rule's
// description and help, the HTML page says what the rule matches beside each finding.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RuleDoc {
  id: string;
  /** The first paragraph of "What it matches". */
  summary?: string;
  /** The first paragraph of "Why it matters". */
  why?: string;
  /** The page as written, for SARIF's help.markdown. */
  markdown?: string;
}

/** docs/rules/ of this package: the same place from src/report/ and from dist/report/. */
export const RULE_DOCS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/rules');

const RULE_ID = /^[a-z0-9][a-z0-9-]{0,80}$/;

/** Markdown of one paragraph as plain text: links to their words, code marks and emphasis gone. */
function plain(paragraph: string): string {
  return paragraph
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function firstParagraph(body: string): string | undefined {
  for (const block of body.split(/\n\s*\n/)) {
    const t = block.trim();
    if (t && !t.startsWith('```') && !t.startsWith('#')) return plain(t);
  }
  return undefined;
}

export function parseRuleDoc(id: string, markdown: string): RuleDoc {
  const doc: RuleDoc = { id, markdown };
  const sections = markdown.split(/^##\s+/m).slice(1);
  for (const s of sections) {
    const nl = s.indexOf('\n');
    const heading = (nl < 0 ? s : s.slice(0, nl)).trim().toLowerCase();
    const body = nl < 0 ? '' : s.slice(nl + 1);
    if (heading.startsWith('what it matches') && !doc.summary) {
      const p = firstParagraph(body);
      if (p) doc.summary = p;
    } else if (heading.startsWith('why it matters') && !doc.why) {
      const p = firstParagraph(body);
      if (p) doc.why = p;
    }
  }
  return doc;
}

/** The docs of these rules that exist; a rule without a page (or with an odd id) is left out. */
export async function loadRuleDocs(ids: Iterable<string>, dir: string = RULE_DOCS_DIR): Promise<Map<string, RuleDoc>> {
  const out = new Map<string, RuleDoc>();
  await Promise.all(
    [...new Set(ids)].filter((id) => RULE_ID.test(id)).map(async (id) => {
      try {
        out.set(id, parseRuleDoc(id, await readFile(path.join(dir, `${id}.md`), 'utf8')));
      } catch {
        // No page for this rule: reporters fall back to the finding's own words.
      }
    }),
  );
  return out;
}
