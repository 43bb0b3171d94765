// Units: the pieces a bundle is split into, each with a canonical form that does not change
// when a minifier renames local names. Plain data, so it can be cached and cross threads.

import type { ModuleAlias } from './module-aliases.js';

export type UnitKind =
  /** A bundler module factory (`var X = helper((exports, module) => {…})` and kin), recognised by shape. */
  | 'factory'
  | 'function'
  | 'class'
  | 'variable'
  | 'statement'
  /**
   * What is left of a large statement whose function body was split into units of its own: its
   * head (`var f = function (a) {`) and its closing (`};`), read as one text.
   */
  | 'wrapper'
  /** A file that could not be parsed: the whole text is one unit, compared as text. */
  | 'unparsed';

/** The two families of lazy-module helpers bundlers emit: `__commonJS`-like and `__esm`-like. */
export type HelperFamily = 'commonjs' | 'esm';

export interface Unit {
  /** Position in the file's unit list (source order). */
  index: number;
  kind: UnitKind;
  /** For kind 'factory': which family of helper builds it. */
  factory?: HelperFamily;
  /** Byte-free character offsets of the unit in the original (un-beautified) file text. */
  start: number;
  end: number;
  /** For kind 'wrapper': its closing, after the body's units; the unit's text is start..end then this. */
  closing?: { start: number; end: number };
  /** Index of the 'wrapper' unit whose body this unit is in (absent at the file's top level). */
  parent?: number;
  /**
   * For one declarator of a declaration list split into units: the list's keyword. The unit's
   * range is the declarator (`a = 1`); its text reads `var a = 1` (unit-text.ts). Its canonical
   * form is the declarator's, without the keyword.
   */
  keyword?: 'var' | 'let' | 'const';
  /** The bundled third-party package this unit belongs to, when its code says so (libraries.ts). */
  library?: string;
  /** Names this unit declares at the file's top level, as written in this build. */
  declares: string[];
  /**
   * Canonical token text: local bindings, labels and private names renamed by first occurrence
   * (`$0`, `$1`, `#$2`, …), references to other top-level units too but with their own sigil
   * (`@3`; one numbering for all), property names, globals and strings kept, formatting and
   * trivial minifier rewrites (`!0`/`true`, quote style, `let`/`var` at top level, optional
   * semicolons and commas, `(a) =>`/`a =>`) erased. Tokens are joined by single spaces.
   *
   * Set by `extractUnits`; left out of the cached form (pipeline/units-codec.ts), where it was
   * more than half the bytes of a 13 MB bundle's units while the diff needs only `hash`:
   * `canonicalize` gives it again for one unit.
   */
  canonical?: string;
  /** sha256 (hex, 32 chars) of `canonical`. */
  hash: string;
  /**
   * For each canonical placeholder `$i`, the name it stands for in this build. Aligning two
   * units' `names` by index maps the new build's names back to the old build's.
   */
  names: string[];
  /** String literals and template chunks of 24+ characters (decoded values, each once), used as matching anchors. */
  anchors: string[];
  /** MinHash signature over canonical token shingles, for similarity matching. */
  minhash: number[];
  /** Number of canonical tokens (a size for ranking and thresholds). */
  tokens: number;
  /**
   * Set (to the reason) when the unit could not be parsed and scope-analysed on its own, so its
   * canonical form comes from tokens alone: names are then numbered by spelling, not by binding,
   * and every name that is not a well-known global counts as renamable.
   */
  fallback?: string;
}

export interface FileUnits {
  path: string;
  /** sha256 of the file text the units were computed from. */
  sha256: string;
  units: Unit[];
  /** Set when the file could not be parsed as JavaScript; it is then a single 'unparsed' unit. */
  parseError?: string;
  /**
   * Set when the whole file was one wrapper whose body statements became the units: Bun's
   * CommonJS wrapper (`(function (exports, require, module, __filename, __dirname) {…})`) or an IIFE.
   */
  wrapper?: 'cjs' | 'iife';
  /**
   * Top-level names that stand for a module or one of its exports, with the canonical tokens
   * written for them (`["mod:path", ".", "join"]`, `["require"]`): see module-aliases.ts.
   */
  moduleAliases?: Record<string, ModuleAlias>;
}

/**
 * Bump when units change shape or meaning, or their cached form (pipeline/units-codec.ts): it is
 * part of their cache key.
 */
export const UNITS_FORMAT = 22;
