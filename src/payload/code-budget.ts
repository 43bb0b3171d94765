// What one version may cost to analyse past its download: a package of 30,000 one-line files,
// or of a few huge ones, would otherwise fill the cache and the report with derived text
// (beautified code, units, diffs). JavaScript past the budget is listed with the reason and not
// analysed; the biggest files come first (see sortFiles), as they are where the code lives.
import type { Payload, PayloadFile } from '../types.js';
import type { PayloadLimits } from './limits.js';

export function applyCodeBudget(payload: Payload, limits: Pick<PayloadLimits, 'maxCodeFiles' | 'maxCodeBytes'>): Payload {
  let files = 0;
  let bytes = 0;
  let over = false;
  const text = new Map(payload.text);
  const kept: PayloadFile[] = payload.files.map((file) => {
    const source = text.get(file.path);
    if (file.kind !== 'js' || file.skipped || source === undefined) return file;
    if (files + 1 > limits.maxCodeFiles) {
      over = true;
      text.delete(file.path);
      return { ...file, skipped: `over the ${limits.maxCodeFiles.toLocaleString('en-US')} JavaScript files analysed per version` };
    }
    if (bytes + source.length > limits.maxCodeBytes) {
      over = true;
      text.delete(file.path);
      return { ...file, skipped: `over the ${Math.round(limits.maxCodeBytes / 1024 / 1024)} MB of JavaScript analysed per version` };
    }
    files += 1;
    bytes += source.length;
    return file;
  });
  return over ? { ...payload, files: kept, text } : payload;
}
