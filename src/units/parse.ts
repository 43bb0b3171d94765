// Splits a file into its top-level statements in one streaming parse: each statement is
// summarised (range, kind, declared names, helper shapes), handed to an optional analyser while
// its AST exists, and then dropped, so the whole-file AST never exists. On the 13 MB flagship
// bundle this halves acorn's parse time and cuts the heap from ~400 MB to ~50 MB. Only a
// statement that may wrap the whole file is kept until the next one shows that it does not; if
// it is a wrapper, its body's statements become the file's.
import type * as acorn from 'acorn';
import { tryModes, type SourceType } from './acorn-parser.js';
import {
  CJS_WRAPPER_PARAMS,
  declaredHelpers,
  declaredNames,
  factoryCallee,
  isDirective,
  statementKind,
  wrapperOf,
  type Wrapper,
} from './shapes.js';
import { isSplit, piecesOf } from './descend.js';
import { assignedModule, moduleBindings, type ModuleBinding } from './module-aliases.js';
import type { HelperFamily, UnitKind } from './types.js';
import { CollectingParser, programOf, share, syntaxOf, type Collected, type SharedSyntax, type UnitSyntax } from './unit-syntax.js';

export interface TopLevelStatement<T = never> {
  /** UTF-16 offsets into the file text. */
  start: number;
  end: number;
  kind: UnitKind;
  declares: string[];
  /** For kind 'factory': the family of the helper it calls. */
  factory?: HelperFamily;
  /** For kind 'wrapper' (descend.ts): its closing, after the units of its body. */
  closing?: { start: number; end: number };
  /** Index (in the file's statement list) of the wrapper whose body this piece is in. */
  parent?: number;
  /** For one declarator of a split declaration list: the list's keyword (see unit-text.ts). */
  keyword?: 'var' | 'let' | 'const';
  /** What the analyser made of the statement while it was parsed, if it was given one. */
  analysis?: T;
}

/**
 * Work to do on each top-level statement while its AST exists, so that nothing needs to parse it
 * again (for an unwrapped wrapper: on each statement of its body, after the parse). Not called
 * for statements longer than `maxChars`, nor for a wrapper's body when the wrapper is longer
 * than MAX_WRAPPER_TOKEN_CHARS: their tokens are not held.
 */
export interface StatementAnalyser<T> {
  maxChars: number;
  analyse(syntax: UnitSyntax, sourceType: SourceType): T | undefined;
}

export interface RecognisedHelper {
  name: string;
  family: HelperFamily;
  /** Index of the statement that declares it. */
  statement: number;
}

export interface ParsedFile<T = never> {
  ok: true;
  sourceType: SourceType;
  statements: TopLevelStatement<T>[];
  helpers: RecognisedHelper[];
  wrapper?: 'cjs' | 'iife';
  /**
   * Names the wrapper function binds for its body (an IIFE's renamable parameters). The fixed
   * CommonJS names (`exports`, `require`, …) are left out: unwrapped code sees them as globals.
   */
  wrapperParams: string[];
  /**
   * Names bound to a module, in file order: by top-level declarations, and by assignments
   * anywhere (`var a; … a = require("m")` inside a lazy module initialiser).
   */
  moduleBindings: ModuleBinding[];
}

export interface ParseFailure {
  ok: false;
  error: string;
  /** The input nests deeper than the parser's stack allows. */
  overflow: boolean;
}

/**
 * Whether the file's first statement may span the whole file (a wrapper, an IIFE, a webpack 4
 * bundle): its AST is then built whole, where other files stream statement by statement. Read
 * from the head only (after a hashbang, comments and directives): the first statement opens with
 * a parenthesis or a unary operator. A false "yes" only costs parallelism.
 */
export function mayBeOneStatement(text: string): boolean {
  const head = text.slice(0, 64 * 1024);
  const rest = head.replace(/^#![^\n]*/, '').replace(/^(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|(['"])use [a-z ]+\1;?)*/, '');
  return /^(?:[;(!~+-]|void\b)/.test(rest);
}

/** Wrappers inside wrappers are unwrapped too, up to this depth. */
const MAX_UNWRAP = 8;

/**
 * Tokens of the file's first statement are held up to this far (other statements: the
 * analyser's `maxChars`): it may be a wrapper, whose body statements are analysed from them.
 * A 13 MB wrapped bundle holds ~100 MB of tokens beside its ~400 MB AST.
 */
const MAX_WRAPPER_TOKEN_CHARS = 16 * 1024 * 1024;

interface Pending<T> extends TopLevelStatement<T> {
  /** A statement split into pieces (descend.ts): they stand in for it in the file's list. */
  pieces?: TopLevelStatement<T>[];
  callee?: string;
  /** Names it declares bound to a module (`import`, `var x = require(…)`). */
  moduleBindings?: ModuleBinding[];
  helpers: { name: string; family: HelperFamily }[];
}

function summarise<T>(stmt: acorn.AnyNode): Pending<T> {
  const callee = factoryCallee(stmt);
  const p: Pending<T> = {
    start: stmt.start,
    end: stmt.end,
    kind: statementKind(stmt),
    declares: declaredNames(stmt),
    helpers: declaredHelpers(stmt),
  };
  if (callee !== undefined) p.callee = callee;
  const bindings = moduleBindings(stmt);
  if (bindings.length > 0) p.moduleBindings = bindings;
  return p;
}

/**
 * A name list with a set beside it. acorn checks every declaration against its scope's lists
 * with `indexOf`; a bundle's top level declares ~16k names, which makes that quadratic (0.6 s of
 * the flagship's parse).
 */
class NameList extends Array<string> {
  readonly #names = new Set<string>();

  override push(...names: string[]): number {
    for (const n of names) this.#names.add(n);
    return super.push(...names);
  }

  override indexOf(name: string, from?: number): number {
    return this.#names.has(name) ? super.indexOf(name, from) : -1;
  }
}

class TopLevelParser<T> extends CollectingParser {
  readonly pending: Pending<T>[] = [];
  /** Assignments of a module to a name, anywhere in the file. */
  readonly moduleAssignments: ModuleBinding[] = [];
  /** The first non-directive statement, while it may still be the file's only one. */
  held: acorn.Statement | null = null;
  /** The held statement's tokens and facts, for its body's statements if it is a wrapper. */
  heldCollected: Collected | undefined;
  /** Names the split statements' functions bind for their bodies. */
  readonly splitParams: string[] = [];
  private nonDirective = 0;
  private inPrologue = true;

  constructor(
    options: acorn.Options,
    input: string,
    private readonly sourceType: SourceType,
    private readonly analyser: StatementAnalyser<T> | undefined,
  ) {
    super(options, input);
  }

  // The file's scope, and a wrapper function's right inside it, are the ones that grow large.
  override enterScope(flags: number): void {
    super.enterScope(flags);
    const stack = this.scopeStack;
    const scope = stack[stack.length - 1];
    if (stack.length <= 2 && scope && Array.isArray(scope.var) && scope.var.length === 0) {
      scope.var = new NameList();
      scope.lexical = new NameList();
      scope.functions = new NameList();
    }
  }

  override finishNode<N extends acorn.Node>(node: N, type: string): N {
    const n = super.finishNode(node, type);
    if (type === 'AssignmentExpression') {
      const b = assignedModule(n as unknown as acorn.AnyNode);
      if (b) this.moduleAssignments.push(b);
    }
    return n;
  }

  override parseStatement(context: string | null, topLevel?: boolean, exports?: unknown): acorn.Statement {
    if (topLevel) {
      const hold = !this.analyser ? 0 : this.nonDirective === 0 ? MAX_WRAPPER_TOKEN_CHARS : this.analyser.maxChars;
      this.limitTokens(this.start + hold);
    }
    const node = super.parseStatement(context, topLevel, exports);
    if (!topLevel) return node;
    const pending = summarise<T>(node);
    this.pending.push(pending);
    const collected = this.takeCollected();
    if (!(this.inPrologue && isDirective(node))) {
      this.inPrologue = false;
      this.nonDirective++;
      // A statement that may wrap the whole file is kept, with its tokens, until another
      // statement shows it does not; then it is analysed like any other.
      const held = this.held;
      this.held = this.nonDirective === 1 && wrapperOf(node) ? node : null;
      if (this.held) {
        this.heldCollected = collected;
        return stub(node);
      }
      if (held) {
        const first = this.pending[this.pending.length - 2]!;
        analyseOrSplit(this.analyser, first, held, this.heldCollected && share(this.heldCollected), true, this.sourceType, this.splitParams);
        this.heldCollected = undefined;
      }
    }
    analyseOrSplit(this.analyser, pending, node, collected && share(collected), true, this.sourceType, this.splitParams);
    if (collected) this.recycle(collected);
    return stub(node);
  }
}

function analyseStatement<T>(analyser: StatementAnalyser<T> | undefined, pending: TopLevelStatement<T>, syntax: UnitSyntax, sourceType: SourceType): void {
  if (!analyser || pending.end - pending.start > analyser.maxChars) return;
  const analysis = analyser.analyse(syntax, sourceType);
  if (analysis !== undefined) pending.analysis = analysis;
}

/**
 * Analyses a statement while its AST exists, or, when it is split (descend.ts), each of its
 * pieces over the statement's tokens (`shared`, when they were collected: `whole` says they were
 * collected for exactly this statement). A wrapper piece is left to be drafted from its text.
 */
function analyseOrSplit<T>(
  analyser: StatementAnalyser<T> | undefined,
  pending: Pending<T>,
  node: acorn.Statement,
  shared: SharedSyntax | undefined,
  whole: boolean,
  sourceType: SourceType,
  params: string[],
): void {
  const fits = shared !== undefined && analyser !== undefined && pending.end - pending.start <= analyser.maxChars;
  if (!isSplit(node as acorn.AnyNode)) {
    if (fits) analyseStatement(analyser, pending, syntaxOf(shared!, programOf(node, sourceType), whole), sourceType);
    return;
  }
  pending.pieces = piecesOf(node, params).map((p) => {
    const s: TopLevelStatement<T> = { start: p.start, end: p.end, kind: p.kind, declares: p.declares };
    if (p.closing) s.closing = p.closing;
    if (p.parent !== undefined) s.parent = p.parent;
    if (p.keyword) s.keyword = p.keyword;
    if (fits && p.node) analyseStatement(analyser, s, syntaxOf(shared!, programOf(p.node, sourceType), false), sourceType);
    return s;
  });
}

/** What acorn keeps in the Program body instead of the statement (its directive check stops at it). */
function stub(node: acorn.Statement): acorn.Statement {
  return { type: 'EmptyStatement', start: node.start, end: node.end } as acorn.EmptyStatement;
}

/**
 * Parses `text` (module first, then script) and returns its top-level statements, unwrapped,
 * each with what `analyser` made of it while its AST existed.
 */
export function parseFile<T = never>(text: string, analyser?: StatementAnalyser<T>): ParsedFile<T> | ParseFailure {
  const attempt = tryModes((options, sourceType) => {
    const parser = new TopLevelParser<T>(options, text, sourceType, analyser);
    parser.parse();
    return { pending: parser.pending, held: parser.held, collected: parser.heldCollected, assignments: parser.moduleAssignments, splitParams: parser.splitParams };
  });
  if (!attempt.ok) return { ok: false, error: attempt.error, overflow: attempt.overflow };

  let { pending, held } = attempt.value;
  const { collected } = attempt.value;
  const shared = held && collected ? share(collected) : undefined;
  let wrapperKind: 'cjs' | 'iife' | undefined;
  const wrapperParams: string[] = [];
  for (let depth = 0; held && depth < MAX_UNWRAP; depth++) {
    const w: Wrapper | undefined = wrapperOf(held);
    if (!w) break;
    wrapperKind ??= w.kind;
    for (const p of w.params) if (!CJS_WRAPPER_PARAMS.has(p)) wrapperParams.push(p);
    // Directives before the wrapper stay units; the wrapper is replaced by its body.
    const outer = pending.filter((p) => p.end <= held!.start);
    const inner = w.body.map((s) => {
      const p = summarise<T>(s);
      analyseOrSplit(analyser, p, s, shared, false, attempt.sourceType, attempt.value.splitParams);
      return p;
    });
    pending = [...outer, ...inner];
    held = soleWrapperCandidate(w.body);
  }
  // A held statement that was not a wrapper after all (the file's only statement, an IIFE with arguments of code) is split like any other.
  if (held) {
    const last = pending[pending.length - 1];
    if (last && last.start === held.start && !last.pieces && last.analysis === undefined) analyseOrSplit(analyser, last, held, shared, true, attempt.sourceType, attempt.value.splitParams);
  }
  wrapperParams.push(...attempt.value.splitParams);
  return finish(pending, attempt.sourceType, wrapperKind, wrapperParams, attempt.value.assignments);
}

/** The body's only non-directive statement, when it may itself be a wrapper. */
function soleWrapperCandidate(body: acorn.Statement[]): acorn.Statement | null {
  let i = 0;
  while (i < body.length && isDirective(body[i]!)) i++;
  return body.length === i + 1 && wrapperOf(body[i]!) ? body[i]! : null;
}

function finish<T>(
  pending: Pending<T>[],
  sourceType: SourceType,
  wrapper: 'cjs' | 'iife' | undefined,
  wrapperParams: string[],
  assignments: ModuleBinding[],
): ParsedFile<T> {
  const helpers: RecognisedHelper[] = [];
  pending.forEach((p, i) => {
    for (const h of p.helpers) helpers.push({ ...h, statement: i });
  });
  const byName = new Map(helpers.map((h) => [h.name, h.family]));
  const statements: TopLevelStatement<T>[] = [];
  for (const p of pending) {
    const family = p.callee !== undefined ? byName.get(p.callee) : undefined;
    if (p.pieces) {
      // A split statement's pieces stand in for it; a split factory keeps its family on its wrapper.
      const base = statements.length;
      p.pieces.forEach((piece, i) => {
        const s = { ...piece };
        if (piece.parent !== undefined) s.parent = base + piece.parent;
        if (i === 0 && piece.kind === 'wrapper' && family) s.factory = family;
        statements.push(s);
      });
      continue;
    }
    const s: TopLevelStatement<T> = { start: p.start, end: p.end, kind: p.kind, declares: p.declares };
    if (p.analysis !== undefined) s.analysis = p.analysis;
    if (family) {
      s.kind = 'factory';
      s.factory = family;
    }
    statements.push(s);
  }
  const moduleBindings = [...pending.flatMap((p) => p.moduleBindings ?? []), ...assignments].sort((a, b) => a.at - b.at);
  const out: ParsedFile<T> = { ok: true, sourceType, statements, helpers, wrapperParams, moduleBindings };
  if (wrapper) out.wrapper = wrapper;
  return out;
}
