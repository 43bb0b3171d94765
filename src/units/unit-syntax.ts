// The syntax a unit's canonical form is built from: its AST, its tokens, and the facts that
// scope analysis does not give: shorthand properties and specifiers (they must be expanded,
// because a minifier writes `{a}` or `{a:b}` depending on which names it picked), labels and
// private names (minifiers rename both; they are bound lexically, not by scopes), where
// semicolons were inserted and which commas trail, and the keyword of top-level declarations.
// The same collecting parser serves a unit parsed alone and the statements of a whole file.
import type * as acorn from 'acorn';
import { ExtensibleParser, MAYBE_RESERVED, tryModes, type Attempt, type SourceType } from './acorn-parser.js';
import { TokenColumns, type TokenView } from './tokens.js';

export type Shorthand = 'property' | 'import' | 'export';

export interface UnitSyntax {
  /** A Program holding the unit's statements (for a file's statement, a Program made for it). */
  ast: acorn.Program;
  tokens: TokenView;
  /** Identifier start → the shorthand it stands in (`{a}`, `import {a}`, `export {a}`). */
  shorthand: Map<number, Shorthand>;
  /** Label identifier start → key of the labelled statement it names. */
  labels: Map<number, string>;
  /** Private name start → key of the class and name it refers to. */
  privates: Map<number, string>;
  /** Starts of the `var`/`let`/`const` keywords of top-level declarations. */
  declKeywords: Set<number>;
  /** Where automatic semicolon insertion ended a statement (ascending offsets). */
  insertedSemicolons: number[];
  /** Starts of trailing commas, which change nothing (`[a,]`, `f(a,)`; never the hole in `[a,,]`). */
  trailingCommas: Set<number>;
}

interface Span {
  start: number;
  end: number;
}

/** What the parser's hooks collect, until `take` hands it over and starts afresh. */
export class Collected {
  constructor(readonly tokens: TokenColumns = new TokenColumns()) {}
  insertedSemicolons: number[] = [];
  trailingCommas = new Set<number>();
  shorthand = new Map<number, Shorthand>();
  labelled: (Span & { name: string; at: number })[] = [];
  labelRefs: { name: string; at: number }[] = [];
  classBodies: Span[] = [];
  privateDecls: { name: string; at: number }[] = [];
  privateRefs: { name: string; at: number }[] = [];
  /** Stop holding tokens past this offset (a statement too large to analyse). */
  tokenLimit = Infinity;
  tokensCut = false;
}

/**
 * An acorn parser that records the facts above as it goes. Tokens and callbacks go to the
 * current collection; `take` closes it for the code parsed so far (a unit, or a file's
 * top-level statement) and opens the next.
 */
export class CollectingParser extends ExtensibleParser {
  private collected: Collected;

  constructor(options: acorn.Options, input: string) {
    const box = { current: new Collected() };
    super(
      {
        ...options,
        onInsertedSemicolon: (at: number) => box.current.insertedSemicolons.push(at),
        onTrailingComma: (at: number) => box.current.trailingCommas.add(at),
      },
      input,
    );
    this.collected = box.current;
    this.box = box;
  }

  private readonly box: { current: Collected };
  /** Token columns of an analysed statement, reused for the next one. */
  private spare: TokenColumns | undefined;

  // Tokens are recorded where acorn would call `onToken`, which allocates a Token object for each.
  override next(ignoreEscapeSequenceInKeyword?: boolean): void {
    const c = this.collected;
    if (this.start < c.tokenLimit) c.tokens.record(this.type, this.start, this.end, this.value);
    else c.tokensCut = true;
    super.next(ignoreEscapeSequenceInKeyword);
  }

  // acorn's check walks the scope stack three times for every identifier (generator? async?
  // class field?); only a few names can fail it.
  override checkUnreserved(ref: { start: number; end: number; name: string }): void {
    if (MAYBE_RESERVED.has(ref.name)) super.checkUnreserved(ref);
  }

  /** Hands back facts whose analysis is done: their token columns serve the next statement. */
  recycle(c: Collected): void {
    c.tokens.reset();
    this.spare = c.tokens;
  }

  /** Tokens from `offset` on are not kept for the current collection. */
  limitTokens(offset: number): void {
    this.collected.tokenLimit = offset;
  }

  /** The facts collected since the last call; undefined if tokens were cut. */
  takeCollected(): Collected | undefined {
    const c = this.collected;
    this.collected = this.box.current = new Collected(this.spare);
    this.spare = undefined;
    return c.tokensCut ? undefined : c;
  }

  /** The facts collected since the last call, as the syntax of `program`; undefined if tokens were cut. */
  take(program: acorn.Program): UnitSyntax | undefined {
    const c = this.takeCollected();
    return c && syntaxOf(share(c), program, true);
  }

  // Every node passes through finishNode once it is complete: one cheap switch records the facts.
  override finishNode<T extends acorn.Node>(node: T, type: string): T {
    const n = super.finishNode(node, type) as unknown as acorn.AnyNode;
    const c = this.collected;
    switch (n.type) {
      case 'Property':
        if (n.shorthand) c.shorthand.set(n.key.start, 'property');
        break;
      case 'ImportSpecifier':
        if (n.local === (n.imported as unknown)) c.shorthand.set(n.local.start, 'import');
        break;
      case 'ExportSpecifier':
        if (n.local === n.exported) c.shorthand.set(n.local.start, 'export');
        break;
      case 'LabeledStatement':
        c.labelled.push({ name: n.label.name, at: n.label.start, start: n.start, end: n.end });
        break;
      case 'BreakStatement':
      case 'ContinueStatement':
        if (n.label) c.labelRefs.push({ name: n.label.name, at: n.label.start });
        break;
      case 'ClassBody':
        c.classBodies.push({ start: n.start, end: n.end });
        break;
      case 'PropertyDefinition':
      case 'MethodDefinition':
        if (n.key.type === 'PrivateIdentifier') c.privateDecls.push({ name: n.key.name, at: n.key.start });
        break;
      case 'PrivateIdentifier':
        c.privateRefs.push({ name: n.name, at: n.start });
        break;
      default:
        break;
    }
    return node;
  }
}

/**
 * Collected facts with labels and private names resolved: everything is keyed by offset, so the
 * facts of a whole wrapper serve each statement of its body.
 */
export interface SharedSyntax {
  tokens: TokenColumns;
  insertedSemicolons: number[];
  trailingCommas: Set<number>;
  shorthand: Map<number, Shorthand>;
  labels: Map<number, string>;
  privates: Map<number, string>;
}

export function share(c: Collected): SharedSyntax {
  return {
    tokens: c.tokens,
    insertedSemicolons: c.insertedSemicolons,
    trailingCommas: c.trailingCommas,
    shorthand: c.shorthand,
    labels: resolveLabels(c),
    privates: resolvePrivates(c),
  };
}

/**
 * The syntax of `program` from shared facts: all of them when they were collected for exactly
 * this program (`whole`), else the tokens and inserted semicolons within its range.
 */
export function syntaxOf(shared: SharedSyntax, program: acorn.Program, whole: boolean): UnitSyntax {
  const cols = shared.tokens;
  const semis = shared.insertedSemicolons;
  return {
    ast: program,
    tokens: whole ? cols.view() : cols.view(cols.indexAt(program.start), cols.indexAt(program.end)),
    shorthand: shared.shorthand,
    labels: shared.labels,
    privates: shared.privates,
    declKeywords: declKeywords(program),
    // A semicolon inserted after the statement's last token sits at its end.
    insertedSemicolons: whole ? semis : semis.slice(lowerBound(semis, program.start), lowerBound(semis, program.end + 1)),
    trailingCommas: shared.trailingCommas,
  };
}

/** First index whose value is at least `offset` (the list is in ascending order). */
function lowerBound(list: number[], offset: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Labels: a break/continue names the enclosing statement with that label (they cannot nest). */
function resolveLabels(c: Collected): Map<number, string> {
  const out = new Map<number, string>();
  const byName = new Map<string, (Span & { at: number })[]>();
  for (const l of c.labelled) {
    out.set(l.at, `L${l.start}`);
    let list = byName.get(l.name);
    if (!list) byName.set(l.name, (list = []));
    list.push(l);
  }
  for (const r of c.labelRefs) {
    const owner = byName.get(r.name)?.find((l) => l.start <= r.at && r.at < l.end);
    out.set(r.at, owner ? `L${owner.start}` : `L?${r.name}`);
  }
  return out;
}

/** Private names: `#x` refers to the innermost enclosing class body that declares `#x`. */
function resolvePrivates(c: Collected): Map<number, string> {
  const out = new Map<number, string>();
  if (c.privateRefs.length === 0) return out;
  const bodies = [...c.classBodies].sort((a, b) => a.start - b.start);
  // Enclosing bodies of a position, innermost first (nested spans: the one with the latest start).
  const enclosing = (at: number): Span[] => bodies.filter((b) => b.start <= at && at < b.end).reverse();
  const declared = new Set<string>();
  for (const d of c.privateDecls) {
    const owner = enclosing(d.at)[0];
    if (owner) declared.add(`${owner.start}#${d.name}`);
  }
  for (const r of c.privateRefs) {
    const owner = enclosing(r.at).find((b) => declared.has(`${b.start}#${r.name}`));
    out.set(r.at, owner ? `P${owner.start}#${r.name}` : `P?#${r.name}`);
  }
  return out;
}

function declKeywords(ast: acorn.Program): Set<number> {
  const out = new Set<number>();
  for (const s of ast.body) {
    const d = s.type === 'ExportNamedDeclaration' && s.declaration ? s.declaration : s;
    if (d.type === 'VariableDeclaration' && (d.kind === 'var' || d.kind === 'let' || d.kind === 'const')) out.add(d.start);
  }
  return out;
}

/** A Program around one statement of a file, for scope analysis of that statement alone. */
export function programOf(stmt: acorn.Statement | acorn.ModuleDeclaration, sourceType: SourceType): acorn.Program {
  return { type: 'Program', start: stmt.start, end: stmt.end, body: [stmt], sourceType } as acorn.Program;
}

/** Parses a unit alone (`first` mode first, then the others). */
export function parseUnit(source: string, first: SourceType = 'module'): Attempt<UnitSyntax> {
  return tryModes((options) => {
    const parser = new CollectingParser(options, source);
    return parser.take(parser.parse())!;
  }, first);
}
