// The one place package text reaches a page without ./text.ts: diff2html, which escapes the diff
// content itself. Its stylesheet is read once from the package and inlined.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { html as diff2html, type Diff2HtmlConfig } from 'diff2html';
import { revealHidden, text } from './text.js';

/**
 * diff2html settings for one section's diff. The page's own "Files" table lists every file,
 * including the ones shown as placeholders, so diff2html's file list is off. Word highlighting
 * stops at long lines (minified code).
 */
export const DIFF2HTML_CONFIG: Readonly<Diff2HtmlConfig> = Object.freeze({
  outputFormat: 'side-by-side',
  drawFileList: false,
  matching: 'none',
  maxLineLengthHighlight: 2_000,
});

/** One diff as diff2html renders it, or a placeholder that says why it is not shown. */
export function renderDiff(unified: string): string {
  try {
    const out = diff2html(revealHidden(unified), { ...DIFF2HTML_CONFIG });
    return out.trim() ? out : '<p class="placeholder" role="note">No textual changes to show.</p>';
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return `<p class="placeholder" role="note">This diff could not be rendered: ${text(reason)}</p>`;
  }
}

let diff2htmlCssLoading: Promise<string> | undefined;

/** diff2html's stylesheet, made safe to inline (read once). */
export function loadDiff2htmlCss(): Promise<string> {
  diff2htmlCssLoading ??= (async () => {
    const require = createRequire(import.meta.url);
    const css = await readFile(require.resolve('diff2html/bundles/css/diff2html.min.css'), 'utf8');
    // It goes inside <style>: make sure it cannot end the element.
    return css.replace(/<\/style/gi, '<\\/style');
  })();
  return diff2htmlCssLoading;
}
