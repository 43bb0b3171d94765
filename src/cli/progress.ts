// Progress on stderr: one rewritten line on a terminal, a line per step elsewhere (CI logs).
import type { ProgressEvent } from '../pipeline/context.js';

export function createProgress(stream: NodeJS.WriteStream, enabled: boolean): { onProgress: (e: ProgressEvent) => void; done(): void } {
  const tty = stream.isTTY === true;
  let shown = false;
  const show = (text: string, always = false) => {
    if (!enabled) return;
    if (tty) {
      stream.write(`\r\u001b[K${text.slice(0, (stream.columns || 80) - 1)}`);
      shown = true;
    } else if (always) {
      stream.write(`${text}\n`);
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
      if (tty && shown) stream.write('\r\u001b[K');
    },
  };
}
