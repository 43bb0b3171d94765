// Splits a file into its top-level statements in one streaming parse: each statement is
// summarised (range, kind, declared names, helper shapes) the moment acorn finishes it and then
// dropped, so the whole-file AST never exists. On the 13 MB flagship bundle this halves the parse
// time and cuts the heap from ~400 MB to ~50 MB. Only a statement that may wrap the whole file
// is kept until the next one shows that it does not.
import type * as acorn from 'acorn';
import { ExtensibleParser, tryModes, type SourceType } from './acorn-parser.js';
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
import type { HelperFamily, UnitKind } from './types.js';

export interface TopLevelStatement {
  /** UTF-16 offsets into the file text. */
  start: number;
  end: number;
  kind: UnitKind;
  declares: string[];
  /** For kind 'factory': the family of the helper it calls. */
  factory?: HelperFamily;
}

export interface RecognisedHelper {
  name: string;
  family: HelperFamily;
  /** Index of the statement that declares it. */
  statement: number;
}

export interface ParsedFile {
  ok: true;
  sourceType: SourceType;
  statements: TopLevelStatement[];
  helpers: RecognisedHelper[];
  wrapper?: 'cjs' | 'iife';
  /**
   * Names the wrapper function binds for its body (an IIFE's renamable parameters). The fixed
   * CommonJS names (`exports`, `require`, …) are left out: unwrapped code sees them as globals.
   */
  wrapperParams: string[];
}

export interface ParseFailure {
  ok: false;
  error: string;
  /** The input nests deeper than the parser's stack allows. */
  overflow: boolean;
}

/** Wrappers inside wrappers are unwrapped too, up to this depth. */
const MAX_UNWRAP = 8;

interface Pending extends TopLevelStatement {
  callee?: string;
  helpers: { name: string; family: HelperFamily }[];
}

function summarise(stmt: acorn.AnyNode): Pending {
  const callee = factoryCallee(stmt);
  const p: Pending = {
    start: stmt.start,
    end: stmt.end,
    kind: statementKind(stmt),
    declares: declaredNames(stmt),
    helpers: declaredHelpers(stmt),
  };
  if (callee !== undefined) p.callee = callee;
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

class TopLevelParser extends ExtensibleParser {
  readonly pending: Pending[] = [];
  /** The first non-directive statement, while it may still be the file's only one. */
  held: acorn.Statement | null = null;
  private nonDirective = 0;
  private inPrologue = true;

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

  override parseStatement(context: string | null, topLevel?: boolean, exports?: unknown): acorn.Statement {
    const node = super.parseStatement(context, topLevel, exports);
    if (!topLevel) return node;
    this.pending.push(summarise(node));
    if (this.inPrologue && isDirective(node)) return stub(node);
    this.inPrologue = false;
    this.nonDirective++;
    this.held = this.nonDirective === 1 && wrapperOf(node) ? node : null;
    return stub(node);
  }
}

/** What acorn keeps in the Program body instead of the statement (its directive check stops at it). */
function stub(node: acorn.Statement): acorn.Statement {
  return { type: 'EmptyStatement', start: node.start, end: node.end } as acorn.EmptyStatement;
}

/** Parses `text` (module first, then script) and returns its top-level statements, unwrapped. */
export function parseFile(text: string): ParsedFile | ParseFailure {
  const attempt = tryModes((options) => {
    const parser = new TopLevelParser(options, text);
    parser.parse();
    return { pending: parser.pending, held: parser.held };
  });
  if (!attempt.ok) return { ok: false, error: attempt.error, overflow: attempt.overflow };

  let { pending, held } = attempt.value;
  let wrapperKind: 'cjs' | 'iife' | undefined;
  const wrapperParams: string[] = [];
  for (let depth = 0; held && depth < MAX_UNWRAP; depth++) {
    const w: Wrapper | undefined = wrapperOf(held);
    if (!w) break;
    wrapperKind ??= w.kind;
    for (const p of w.params) if (!CJS_WRAPPER_PARAMS.has(p)) wrapperParams.push(p);
    // Directives before the wrapper stay units; the wrapper is replaced by its body.
    const outer = pending.filter((p) => p.end <= held!.start);
    const inner = w.body.map((s) => summarise(s));
    pending = [...outer, ...inner];
    held = soleWrapperCandidate(w.body);
  }
  return finish(pending, attempt.sourceType, wrapperKind, wrapperParams);
}

/** The body's only non-directive statement, when it may itself be a wrapper. */
function soleWrapperCandidate(body: acorn.Statement[]): acorn.Statement | null {
  let i = 0;
  while (i < body.length && isDirective(body[i]!)) i++;
  return body.length === i + 1 && wrapperOf(body[i]!) ? body[i]! : null;
}

function finish(pending: Pending[], sourceType: SourceType, wrapper: 'cjs' | 'iife' | undefined, wrapperParams: string[]): ParsedFile {
  const helpers: RecognisedHelper[] = [];
  pending.forEach((p, i) => {
    for (const h of p.helpers) helpers.push({ ...h, statement: i });
  });
  const byName = new Map(helpers.map((h) => [h.name, h.family]));
  const statements = pending.map((p): TopLevelStatement => {
    const s: TopLevelStatement = { start: p.start, end: p.end, kind: p.kind, declares: p.declares };
    const family = p.callee !== undefined ? byName.get(p.callee) : undefined;
    if (family) {
      s.kind = 'factory';
      s.factory = family;
    }
    return s;
  });
  const out: ParsedFile = { ok: true, sourceType, statements, helpers, wrapperParams };
  if (wrapper) out.wrapper = wrapper;
  return out;
}
