// Loaded with `node --import` into a benchmarked process: records its peak RSS (worker threads
// included) into the file named by STRATA_BENCH_RSS_FILE when it exits.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.STRATA_BENCH_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
});
