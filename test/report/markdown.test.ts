import { describe, expect, it } from 'vitest';
import { MARKDOWN_LIMIT, mdCode, mdFence, mdText, renderMarkdown } from '../../src/report/reporters/markdown.js';
import { flagshipReport, syntheticReport } from './report-fixtures.js';

const HOSTILE = '<script>alert(1)</script> | `rm -rf` **bold** [link](https://evil.example) @octocat\n# heading\u202E';

describe('markdown for a pull-request comment', () => {
  it('has a summary table, the findings that matter with their payloads, lifecycles and the command', () => {
    const { report } = flagshipReport();
    const md = renderMarkdown(report);
    expect(md.length).toBeLessThan(MARKDOWN_LIMIT);
    expect(md).toMatch(/^## npm-strata: `@anthropic-ai\/claude-code` `>=2\.1\.89 <=2\.1\.113`/);
    expect(md).toContain('**3 findings** (1 critical, 1 high, 1 low) in 8 versions, 7 pairs');
    expect(md).toContain('| Release | Published | Files | Lines | Findings |');
    expect(md).toContain('| `2.1.90` → `2.1.91` | 2026-04-03 | 1 | +14 −2 | 1 critical, 1 high |');
    // Most severe first.
    expect(md.indexOf('`prompt-steganography`')).toBeLessThan(md.indexOf('`timezone-gate`'));
    expect(md).toContain('#### 2. **HIGH** `timezone-gate` (geo-gating) in `2.1.91`');
    expect(md).toContain('**Decoded payload 1** (`base64` → `xor:0x5b` → `split:","`)');
    expect(md).toContain('deepseek,moonshot,zhipu,minimax,baichuan');
    expect(md).toContain('**Present in:** `2.1.91` … `2.1.94` (3 versions); introduced in `2.1.91`, removed in `2.1.95`');
    expect(md).toContain('`2.1.113` packaging change: code moved into a platform package @&#8203;anthropic-ai/claude-code-linux-x64@&#8203;2.1.113 (bun)');
    expect(md).toContain('`2.1.96` published out of order: published after a higher version');
    expect(md).toContain('`2.1.94` gap before it: 2.1.93 is not in the registry');
    expect(md).toContain('### Lifecycle');
    expect(md).toContain('| `install-script` | medium | before the range | still present |');
    expect(md).toContain('```sh\nstrata audit @anthropic-ai/claude-code 2.1.89..2.1.113\n```');
    expect(md).not.toContain('Truncated');
  });

  it('escapes everything a package controls', () => {
    const { report } = flagshipReport();
    const f = report.findings[1]!;
    f.message = HOSTILE;
    f.file = 'lib/`x`|<b>.js';
    f.evidence = '```\n</details><script>alert(2)</script>\n```';
    f.payloads = [{ steps: ['base64'], text: '````\n<img src=x onerror=alert(3)>' }];
    f.reasons = [HOSTILE];
    report.versions[2]!.deprecated = HOSTILE;
    const md = renderMarkdown(report);
    // No raw HTML outside code: every < is escaped or inside a fence or span.
    const outsideCode = md.replace(/^ *(`{3,})[a-z]*\n[\s\S]*?\n *\1$/gm, '').replace(/(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
    expect(outsideCode).not.toMatch(/<(script|img|b)\b/i);
    expect(outsideCode.replace(/<\/?details>|<summary>|<\/summary>/g, '')).not.toContain('<');
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt; \\| \\`rm -rf\\` \\*\\*bold\\*\\* \\[link\\](https://evil.example) @&#8203;octocat # heading⟦U+202E⟧');
    // The code fences are longer than any backtick run inside them.
    expect(md).toContain('````js\n```\n</details><script>alert(2)</script>\n```\n````');
    expect(md).toContain('`````text\n  ````');
    expect(md).not.toContain('\u202E');
  });

  it('inline helpers', () => {
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x`')).toBe('`` `x` ``');
    expect(mdCode('a|b', true)).toBe('`a\\|b`');
    expect(mdCode('a\nb')).toBe('`a b`');
    expect(mdText('1. not a list')).toBe('1\\. not a list');
    expect(mdText('- not a list')).toBe('\\- not a list');
    expect(mdText('x & y < z')).toBe('x &amp; y &lt; z');
    expect(mdFence('```inner```')).toBe('````\n```inner```\n````');
  });

  it('stays under 65,536 characters with 1,000 findings, and says what it left out', () => {
    const { report } = syntheticReport({ versions: 200, findings: 1_000 });
    const md = renderMarkdown(report);
    expect(md.length).toBeLessThan(MARKDOWN_LIMIT);
    expect(md.length).toBeGreaterThan(MARKDOWN_LIMIT * 0.8);
    const note = /> \*\*Truncated:\*\* ([\d,]+) findings(?: and ([\d,]+) lifecycle rows)? not shown here/.exec(md);
    expect(note).not.toBeNull();
    const left = Number(note![1]!.replace(/,/g, ''));
    const detailed = md.match(/^#### \d+\. /gm)?.length ?? 0;
    const rows = md.match(/^\| (critical|high|medium|low|info) \| /gm)?.length ?? 0;
    expect(detailed).toBeGreaterThan(0);
    expect(detailed + rows + left).toBe(1_000);
    // The most severe come first: the first detailed finding is critical.
    expect(md).toMatch(/#### 1\. \*\*CRITICAL\*\*/);
    // Fences stay balanced after truncation.
    expect((md.match(/^`{3,}/gm)?.length ?? 0) % 2).toBe(0);
    // The reproduce section is always there.
    expect(md).toContain('### Reproduce');
  });

  it('keeps under a smaller limit too', () => {
    const { report } = syntheticReport({ versions: 100, findings: 300, hostile: '`|<x>' });
    for (const max of [4_000, 10_000, 30_000]) {
      const md = renderMarkdown(report, { maxChars: max });
      expect(md.length, `max ${max}`).toBeLessThan(max);
      expect(md).toContain('Truncated');
    }
  });

  it('a range without findings says so', () => {
    const { report } = flagshipReport();
    const md = renderMarkdown({ ...report, findings: [], pairs: report.pairs.map((p) => ({ ...p, findings: [] })), lifecycle: [] });
    expect(md).toContain('**0 findings** (none)');
    expect(md).not.toContain('### Findings');
  });
});
