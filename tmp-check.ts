import { audit } from './src/index.js';
import { startRegistry } from './test/helpers/registry.js';
import { createWorkspace } from './test/helpers/workspace.js';
const reg = await startRegistry({});
const ws = createWorkspace(reg);
const { report, diffs } = await audit('demo-pkg', '1.0.0..1.1.0', { cwd: ws.dir, env: ws.env, cacheDir: ws.cacheDir });
for (const p of report.pairs) console.log(p.from, p.to, JSON.stringify(p.stats));
for (const d of diffs) for (const f of d.files) if (f.path.endsWith('.js')) console.log('==', d.to, f.path, f.linesAdded, f.linesRemoved, '\n' + (f.unified ?? f.omitted));
await reg.close(); ws.cleanup();
