// A pair at library level in every format: the product's change first, each package's folded.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../src/cli/summary.js';
import { libraryWords } from '../../src/report/libraries.js';
import { writeHtmlReport } from '../../src/report/reporters/html.js';
import { renderMarkdown } from '../../src/report/reporters/markdown.js';
import type { LibraryChurn } from '../../src/types.js';
import { flagshipReport, unified } from './report-fixtures.js';

const CHURN: LibraryChurn = { added: ['@aws-sdk'], removed: ['undici', 'ws'], changed: ['yaml'], product: { linesAdded: 12, linesRemoved: 3 }, packages: { linesAdded: 900, linesRemoved: 4000 } };

describe('bundled packages in the report', () => {
  it('are worded once', () => {
    expect(libraryWords(CHURN)).toBe('removed: undici, ws; added: @aws-sdk; changed: yaml; product code +12 −3 lines; bundled packages +900 −4000');
  });

  it('fold each package on the pair page, after the product change, and say so on the index, in Markdown and on the terminal', async () => {
    const { report, diffs } = flagshipReport();
    const i = report.pairs.findIndex((p) => p.to === '2.1.91');
    report.pairs[i]!.stats.libraries = CHURN;
    diffs[i]!.stats.libraries = CHURN;
    diffs[i]!.files[0]!.libraries = [{ name: 'undici', linesAdded: 0, linesRemoved: 2, unified: unified('cli.js § factory Kx #9', ['var UND_ERR_SOCKET = "UND_ERR_SOCKET";', 'module.exports = 1;'], [], 'modified') }];
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'strata-libs-report-'));
    try {
      await writeHtmlReport(report, diffs, tmp);
      const page = await readFile(path.join(tmp, 'pairs', '2.1.90..2.1.91.html'), 'utf8');
      expect(page).toContain('<h2 id="libraries">Bundled packages</h2>');
      expect(page).toMatch(/<details class="library"><summary><code>undici<\/code> in <code class="path">cli\.js<\/code>/);
      expect(page.indexOf('id="files"')).toBeLessThan(page.indexOf('id="libraries"'));
      expect(page).toContain('UND_ERR_SOCKET');
      const index = await readFile(path.join(tmp, 'index.html'), 'utf8');
      expect(index).toContain('packages: removed: undici, ws; added: @aws-sdk');
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
    // (`@` is kept from mentioning a GitHub user.)
    expect(renderMarkdown(report)).toContain('### Bundled packages\n\n- `2.1.90` → `2.1.91`: removed: undici, ws; added: @&#8203;aws-sdk');
    expect(formatSummary(report, null, (_s, t) => t)).toContain('2.1.90 → 2.1.91 packages: removed: undici, ws; added: @aws-sdk');
  });
});
