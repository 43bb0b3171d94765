// A report folder that is a mount point (a container volume) cannot be renamed: the report is
// staged inside it and its entries are swapped instead. Mounts are simulated: a folder named
// "mounted" is on another device for stat; one named "bound" is on the same device, but renaming
// it fails as a bind mount's does.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const MOUNTED = 'mounted';
const BOUND = 'bound';

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const stat = async (...args: Parameters<typeof fs.stat>) => {
    const info = await fs.stat(...args);
    if (path.basename(String(args[0])) === MOUNTED) Object.defineProperty(info, 'dev', { value: Number(info.dev) + 1 });
    return info;
  };
  const rename = async (from: string, to: string) => {
    if (path.basename(String(from)) === BOUND) throw Object.assign(new Error(`EXDEV: cross-device link not permitted, rename '${from}'`), { code: 'EXDEV' });
    return fs.rename(from, to);
  };
  return { ...fs, default: { ...fs, stat, rename }, stat, rename };
});

const { writeReportFolder } = await import('../../src/report/output-folder.js');

describe('a report folder that is a mount point', () => {
  let tmp: string;
  let out: string;
  beforeEach(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'strata-mount-'));
    out = path.join(tmp, MOUNTED);
    await mkdir(path.join(out, 'pairs'), { recursive: true });
    await writeFile(path.join(out, 'report.md'), 'old');
    await writeFile(path.join(out, 'pairs', 'a..b.html'), 'old');
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('is replaced entry by entry, staying the same folder', async () => {
    await writeReportFolder(out, async (files) => {
      await files.write('report.json', '{}');
      // Staged inside the folder, not beside it.
      expect((await readdir(out)).filter((n) => n.startsWith('.strata-stage-'))).toHaveLength(1);
      expect(await readdir(tmp)).toEqual([MOUNTED]);
    });
    expect(await readdir(out)).toEqual(['report.json']);
    expect(await readdir(tmp)).toEqual([MOUNTED]);
  });

  it('keeps its entries when writing fails', async () => {
    await expect(writeReportFolder(out, async (files) => {
      await files.write('report.json', '{}');
      throw new Error('failed');
    })).rejects.toThrow('failed');
    expect((await readdir(out)).sort()).toEqual(['pairs', 'report.md']);
    expect(await readFile(path.join(out, 'pairs', 'a..b.html'), 'utf8')).toBe('old');
  });
});

describe('a report folder that is a bind mount on the same device', () => {
  let tmp: string;
  beforeEach(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'strata-bind-'));
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('is written again, staged inside, when it cannot be renamed', async () => {
    const out = path.join(tmp, BOUND);
    await mkdir(out);
    await writeFile(path.join(out, 'report.md'), 'old');
    let fills = 0;
    await writeReportFolder(out, async (files) => {
      fills += 1;
      await files.write('report.json', '{}');
    });
    expect(fills).toBe(2);
    expect(await readdir(out)).toEqual(['report.json']);
    expect(await readdir(tmp)).toEqual([BOUND]);
  });
});
