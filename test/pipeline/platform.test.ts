// A package that becomes a stub (claude-code at 2.1.113): its code moves into a Bun-compiled
// executable inside platform packages. Through the loopback registry and the real pacote, the
// audit must follow the code there, diff it unit by unit against the old cli.js, record where it
// came from, cache only the extracted modules, and carry on past a broken executable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/index.js';
import { binIsStub, declaresPlatform, parsePlatform, platformDependency } from '../../src/payload/platform.js';
import { buildBunGraph, elfSectionData, machoSection } from '../payload/native/build-bun.js';
import { startRegistry, type ExtraVersion, type TestRegistry } from '../helpers/registry.js';
import { packTarball } from '../helpers/tarball.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

/** The program's code: enough functions that a moved copy is recognisably the same code. */
const functions = Array.from(
  { length: 30 },
  (_, i) => `function step${i}(input, options) {\n  const total = input.length * ${i + 2};\n  if (options && options.verbose) console.log("step ${i} of the pipeline handles", total, "items");\n  return input.map((item) => item + ${i});\n}`,
).join('\n');
const CLI_V1 = `#!/usr/bin/env node\n"use strict";\n${functions}\nmodule.exports = { step0 };\n`;
/** 1.1.0's entry module: the same code, CommonJS-wrapped by Bun, renamed, plus one new function. */
const ADDED = 'function zoneCheck() {\n  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;\n  return zone === "Asia/Shanghai" || zone === "Asia/Urumqi";\n}';
const MODULE_V2 = `// @bun @bytecode @bun-cjs\n(function(exports, require, module, __filename, __dirname) {${functions.replace(/\binput\b/g, 'q').replace(/\boptions\b/g, 'K')}\n${ADDED}\nmodule.exports = { step0 };\n})\n`;
const ENTRY = '/$bunfs/root/src/entrypoints/cli.js';

const STUB = '#!/bin/sh\necho "the platform package was not installed" >&2\nexit 1\n';
const PLATFORMS = ['linux-x64', 'darwin-arm64'] as const;

function manifest(version: string, extra: Record<string, unknown>): string {
  return JSON.stringify({ name: 'stubbed-cli', version, ...extra }, null, 2);
}

function mainVersion(version: string, files: Record<string, string>, extra: Record<string, unknown>): ExtraVersion {
  const entries = [{ path: 'package.json', data: manifest(version, extra) }, ...Object.entries(files).map(([path, data]) => ({ path, data, mode: 0o755 }))];
  return { name: 'stubbed-cli', version, tarball: packTarball(entries), manifest: extra };
}

function platformVersion(platform: (typeof PLATFORMS)[number], version: string, binary: Uint8Array): ExtraVersion {
  const [os, cpu] = platform.split('-');
  const meta = { os: [os], cpu: [cpu] };
  const entries = [
    { path: 'package.json', data: JSON.stringify({ name: `stubbed-cli-${platform}`, version, ...meta }) },
    { path: 'bin/cli', data: Buffer.from(binary), mode: 0o755 },
  ];
  return { name: `stubbed-cli-${platform}`, version, tarball: packTarball(entries), manifest: meta };
}

const optionalDependencies = (version: string) => Object.fromEntries(PLATFORMS.map((p) => [`stubbed-cli-${p}`, version]));
const stubManifest = (version: string) => ({ bin: { cli: 'bin/cli.exe' }, optionalDependencies: optionalDependencies(version) });

const linuxGraph = buildBunGraph({ modules: [{ name: ENTRY, contents: MODULE_V2 }, { name: '/$bunfs/root/chunk-a1b2c3d4.js', contents: '// @bun\nexport const answer = 42;\n' }] });
const darwinGraph = buildBunGraph({ modules: [{ name: ENTRY, contents: MODULE_V2.replace('Asia/Urumqi', 'Asia/Harbin') }] });
const linuxElf = elfSectionData(linuxGraph).bytes;
/** 1.2.0's executable: its module table points far outside the graph. */
const brokenElf = (() => {
  const bytes = Buffer.from(linuxElf);
  const trailer = bytes.lastIndexOf('\n---- Bun! ----\n');
  bytes.writeUInt32LE(0xfffffff0, trailer - 32 + 8); // Offsets.modules_ptr.offset
  return bytes;
})();

let registry: TestRegistry;
let ws: Workspace;

beforeAll(async () => {
  registry = await startRegistry({
    packages: [],
    extra: [
      mainVersion('1.0.0', { 'cli.js': CLI_V1 }, { bin: { cli: 'cli.js' } }),
      mainVersion('1.1.0', { 'bin/cli.exe': STUB }, stubManifest('1.1.0')),
      mainVersion('1.2.0', { 'bin/cli.exe': STUB }, stubManifest('1.2.0')),
      platformVersion('linux-x64', '1.1.0', linuxElf),
      platformVersion('darwin-arm64', '1.1.0', machoSection(darwinGraph)),
      platformVersion('linux-x64', '1.2.0', brokenElf),
      platformVersion('darwin-arm64', '1.2.0', machoSection(darwinGraph)),
    ],
  });
  ws = createWorkspace(registry);
});
afterAll(async () => {
  await registry.close();
  ws.cleanup();
});

const opts = (extra: Record<string, unknown> = {}) => ({ cwd: ws.dir, env: ws.env, cacheDir: ws.cacheDir, threads: 1, ...extra });
const platformTarballs = () => registry.requests.filter((r) => /stubbed-cli-[a-z0-9-]+-1\.\d\.0\.tgz$/.test(r.url));

describe('following a stub into its platform package', () => {
  it('diffs the old cli.js against the module inside the linux-x64 executable, unit by unit', async () => {
    const { report } = await audit('stubbed-cli', '1.0.0..1.2.0', opts());
    const v = Object.fromEntries(report.versions.map((x) => [x.version, x]));

    expect(v['1.0.0']!.packaging).toMatchObject({ code: 'package', jsFiles: 1 });
    expect(v['1.0.0']!.native).toBeUndefined();

    // 1.1.0: the code came out of the ELF's .bun section, with its provenance.
    const embedded = v['1.1.0']!.files.find((f) => f.path === `linux-x64:${ENTRY}`)!;
    expect(embedded).toMatchObject({ kind: 'js', embedded: { binary: 'linux-x64:bin/cli', module: ENTRY } });
    expect(embedded.embedded!.offset).toBeGreaterThan(0);
    expect(v['1.1.0']!.files.some((f) => f.path === 'linux-x64:/$bunfs/root/chunk-a1b2c3d4.js')).toBe(true);
    expect(v['1.1.0']!.files.some((f) => f.path.startsWith('darwin-arm64:'))).toBe(false);
    expect(v['1.1.0']!.packaging).toMatchObject({ code: 'platform-package', format: 'bun', jsFiles: 2 });
    const native = v['1.1.0']!.native!;
    expect(native.platform).toBe('linux-x64');
    expect(native.package).toMatchObject({ name: 'stubbed-cli-linux-x64', version: '1.1.0', integrity: expect.stringMatching(/^sha512-/) });
    expect(native.binaries).toEqual([
      expect.objectContaining({ path: 'linux-x64:bin/cli', size: linuxElf.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), container: 'elf', format: 'bun', modules: 2 }),
    ]);

    // The move is not a rewrite: the 30 functions match by unit, only the new one is added.
    const pair = report.pairs[0]!;
    expect(pair.stats.units!.matched).toBeGreaterThanOrEqual(30);
    expect(pair.stats.units!.added).toBeLessThanOrEqual(3);
    expect(pair.stats.naive!.linesRemoved).toBeGreaterThan(150);
    expect(pair.stats.linesRemoved).toBeLessThan(20);
    expect(pair.stats.linesAdded).toBeLessThan(30);
    // The time-zone check the executable added is reported, in the embedded module.
    const geo = pair.findings.find((f) => f.category === 'geo-gating');
    expect(geo).toMatchObject({ file: `linux-x64:${ENTRY}` });

    // 1.2.0: a broken executable is recorded on the version, and the audit still finished.
    expect(v['1.2.0']!.native!.binaries[0]!.error).toMatch(/^payload not extractable: /);
    expect(v['1.2.0']!.files.some((f) => f.path.startsWith('linux-x64:/'))).toBe(false);
    expect(report.pairs).toHaveLength(2);
  });

  it('caches only the extracted modules: a second run, offline, fetches no platform package', async () => {
    const before = platformTarballs().length;
    expect(before).toBe(2);
    const { report } = await audit('stubbed-cli', '1.0.0..1.2.0', opts({ offline: true }));
    expect(platformTarballs().length).toBe(before);
    expect(report.versions[1]!.files.some((f) => f.path === `linux-x64:${ENTRY}`)).toBe(true);
  });

  it('follows the platform that was asked for, or none', async () => {
    const darwin = await audit('stubbed-cli', '1.0.0..1.1.0', opts({ platform: 'darwin-arm64' }));
    const files = darwin.report.versions[1]!.files.map((f) => f.path);
    expect(files).toContain(`darwin-arm64:${ENTRY}`);
    expect(darwin.report.versions[1]!.native!.binaries[0]).toMatchObject({ container: 'macho', format: 'bun' });

    const none = await audit('stubbed-cli', '1.0.0..1.1.0', opts({ platform: 'none' }));
    expect(none.report.versions[1]!.native).toBeUndefined();
    expect(none.report.versions[1]!.packaging.code).toBe('none');
    await expect(audit('stubbed-cli', '1.0.0..1.1.0', opts({ platform: 'linux-sparc' }))).rejects.toThrow(/unknown platform "linux-sparc"/);
  });
});

describe('platform package detection', () => {
  const linux = parsePlatform('linux-x64')!;
  it('reads platform ids', () => {
    expect(parsePlatform('linux-x64-musl')).toEqual({ id: 'linux-x64-musl', os: 'linux', cpu: 'x64', libc: 'musl' });
    expect(parsePlatform('darwin-arm64')).toMatchObject({ os: 'darwin', cpu: 'arm64' });
    expect(parsePlatform('linux')).toBeNull();
    expect(parsePlatform('../x64')).toBeNull();
  });
  it('picks the optional dependency named for the platform, glibc before musl', () => {
    const m = {
      optionalDependencies: { 'x-linux-x64-musl': '1.0.0', 'x-linux-x64': '1.0.0', '@esbuild/linux-arm64': '1.0.0' },
    };
    expect(platformDependency(m, linux)).toEqual({ name: 'x-linux-x64', spec: '1.0.0' });
    expect(platformDependency(m, parsePlatform('linux-x64-musl')!)).toEqual({ name: 'x-linux-x64-musl', spec: '1.0.0' });
    expect(platformDependency(m, parsePlatform('linux-arm64')!)).toEqual({ name: '@esbuild/linux-arm64', spec: '1.0.0' });
    expect(platformDependency({ optionalDependencies: { fsevents: '2' } }, linux)).toBeNull();
  });
  it('tells a stub from a program', () => {
    const files = [
      { path: 'bin/cli.exe', size: 80, kind: 'other' },
      { path: 'cli.js', size: 200_000, kind: 'js' },
      { path: 'launcher.js', size: 900, kind: 'js' },
    ];
    expect(binIsStub({ bin: { c: 'bin/cli.exe' } }, files)).toBe(true);
    expect(binIsStub({ bin: './launcher.js' }, files)).toBe(true);
    expect(binIsStub({ bin: { c: 'cli.js' } }, files)).toBe(false);
  });
  it('checks the os and cpu a platform package declares', () => {
    expect(declaresPlatform({ os: ['linux'], cpu: ['x64'] }, linux)).toBe(true);
    expect(declaresPlatform({ os: ['darwin'], cpu: ['x64'] }, linux)).toBe(false);
    expect(declaresPlatform({ os: ['!win32'] }, linux)).toBe(true);
    expect(declaresPlatform({}, linux)).toBe(true);
  });
});
