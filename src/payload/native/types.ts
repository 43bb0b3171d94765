export interface EmbeddedModule {
  /** Path inside the executable, e.g. "/$bunfs/root/src/entrypoints/cli.js" or "B:/~BUN/root/cli.js" as Bun stores it. */
  name: string;
  /**
   * JavaScript source text (pragma `// @bun ...` lines and Bun's CJS wrapper
   * `(function(exports, require, module, __filename, __dirname) {...})` stripped), or null when only
   * bytecode exists (or the module is a binary asset, or over the limits).
   */
  text: string | null;
  /** Byte offset of the module's source inside the executable file (evidence). */
  offset: number;
  /** Stored size in bytes (before decompression, if the format compresses). */
  size: number;
  encoding?: 'latin1' | 'utf8' | 'utf16le';
  /** 'js' | 'json' | 'text' | 'bytecode' | 'snapshot' | 'sourcemap' | 'native-addon' | 'wasm' | 'asset'. */
  kind: string;
}

export interface Extraction {
  container: 'elf' | 'macho' | 'macho-fat' | 'pe' | 'unknown';
  format: 'bun' | 'node-sea' | 'pkg' | 'nexe' | 'deno';
  /** Which layout variant was validated, e.g. "bun: 52-byte records, 32-byte footer, .bun section pointer". */
  layout: string;
  modules: EmbeddedModule[];
  /** Human notes, e.g. "bytecode only, no source". */
  notes: string[];
}
