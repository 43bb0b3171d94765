// Progress on stderr: one rewritten line on a terminal, a line per step elsewhere (CI logs).
// Names, versions and file names come from packages: the terminal writer escapes them.
import type { ProgressEvent } from '../pipeline/context.js';
import type { Terminal } from './terminal.js';

export function createProgress(term: Terminal, enabled: boolean): { onProgress: (e: ProgressEvent) => void; done(): void } {
  const tty = term.isTTY;
  let shown = false;
  const show = (text: string, always = false) => {
    if (!enabled) return;
    if (tty) {
      term.status(text);
      shown = true;
    } else if (always) {
      term.line(text);
    }
  };
  return {
    onProgress(e) {
      switch (e.type) {
        case 'versions':
          show(`${e.package}: ${e.versions.length} version${e.versions.length === 1 ? '' : 's'} (${e.versions[0]} … ${e.versions.at(-1)})`, true);
          break;
        case 'version-ready':
          show(`[${e.done}/${e.total}] ${e.version} ready${e.fromCache ? ' (cache)' : ''}`, true);
          break;
        case 'version-failed':
          show(`${e.version} could not be analysed: ${e.reason}`, true);
          break;
        case 'beautify':
          show(`beautifying ${e.version} ${e.file} (${Math.round(e.bytes / 1024)} KiB)`);
          break;
        case 'code-ready':
          if (e.files > 0) show(`  ${e.version}: ${e.files} JavaScript file${e.files === 1 ? '' : 's'} beautified and split into units`, true);
          break;
        case 'platform':
          show(`following the code into ${e.version} (${e.platform})`, true);
          break;
        case 'pair-done':
          show(`[${e.done}/${e.total}] diffed ${e.from} → ${e.to}${e.fromCache ? ' (cache)' : ''}`, true);
          break;
      }
    },
    done() {
      if (tty && shown) term.clearStatus();
    },
  };
}
