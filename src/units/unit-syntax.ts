// Parses one unit alone and, in the same pass, notes the syntax facts the canonical form needs
// beyond scope analysis: shorthand properties and specifiers (they must be expanded, because a
// minifier writes `{a}` or `{a:b}` depending on which names it picked), labels and private names
// (minifiers rename both; they are bound lexically, not by scopes), and the keyword of the unit's
// top-level declarations.
import type * as acorn from 'acorn';
import { ExtensibleParser, tryModes, type Attempt, type RawToken, type SourceType } from './acorn-parser.js';

export type Shorthand = 'property' | 'import' | 'export';

export interface UnitSyntax {
  ast: acorn.Program;
  tokens: RawToken[];
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

class UnitParser extends ExtensibleParser {
  readonly shorthand = new Map<number, Shorthand>();
  readonly labelled: (Span & { name: string; at: number })[] = [];
  readonly labelRefs: { name: string; at: number }[] = [];
  readonly classBodies: Span[] = [];
  readonly privateDecls: { name: string; at: number }[] = [];
  readonly privateRefs: { name: string; at: number }[] = [];

  // Every node passes through finishNode once it is complete: one cheap switch records the facts.
  override finishNode<T extends acorn.Node>(node: T, type: string): T {
    const n = super.finishNode(node, type) as unknown as acorn.AnyNode;
    switch (n.type) {
      // eslint-scope reads `range` of identifiers and function bodies only; acorn's `ranges`
      // option would allocate one for every node and token.
      case 'Identifier':
        n.range = [n.start, n.end];
        break;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        n.body.range = [n.body.start, n.body.end];
        break;
      case 'Property':
        if (n.shorthand) this.shorthand.set(n.key.start, 'property');
        break;
      case 'ImportSpecifier':
        if (n.local === (n.imported as unknown)) this.shorthand.set(n.local.start, 'import');
        break;
      case 'ExportSpecifier':
        if (n.local === n.exported) this.shorthand.set(n.local.start, 'export');
        break;
      case 'LabeledStatement':
        this.labelled.push({ name: n.label.name, at: n.label.start, start: n.start, end: n.end });
        break;
      case 'BreakStatement':
      case 'ContinueStatement':
        if (n.label) this.labelRefs.push({ name: n.label.name, at: n.label.start });
        break;
      case 'ClassBody':
        this.classBodies.push({ start: n.start, end: n.end });
        break;
      case 'PropertyDefinition':
      case 'MethodDefinition':
        if (n.key.type === 'PrivateIdentifier') this.privateDecls.push({ name: n.key.name, at: n.key.start });
        break;
      case 'PrivateIdentifier':
        this.privateRefs.push({ name: n.name, at: n.start });
        break;
      default:
        break;
    }
    return node;
  }
}

/** Labels: a break/continue names the enclosing statement with that label (they cannot nest). */
function resolveLabels(p: UnitParser): Map<number, string> {
  const out = new Map<number, string>();
  const byName = new Map<string, (Span & { at: number })[]>();
  for (const l of p.labelled) {
    out.set(l.at, `L${l.start}`);
    let list = byName.get(l.name);
    if (!list) byName.set(l.name, (list = []));
    list.push(l);
  }
  for (const r of p.labelRefs) {
    const owner = byName.get(r.name)?.find((l) => l.start <= r.at && r.at < l.end);
    out.set(r.at, owner ? `L${owner.start}` : `L?${r.name}`);
  }
  return out;
}

/** Private names: `#x` refers to the innermost enclosing class body that declares `#x`. */
function resolvePrivates(p: UnitParser): Map<number, string> {
  const out = new Map<number, string>();
  if (p.privateRefs.length === 0) return out;
  const bodies = [...p.classBodies].sort((a, b) => a.start - b.start);
  // Enclosing bodies of a position, innermost first (nested spans: the one with the latest start).
  const enclosing = (at: number): Span[] => bodies.filter((b) => b.start <= at && at < b.end).reverse();
  const declared = new Set<string>();
  for (const d of p.privateDecls) {
    const owner = enclosing(d.at)[0];
    if (owner) declared.add(`${owner.start}#${d.name}`);
  }
  for (const r of p.privateRefs) {
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

/** Parses a unit alone (`first` mode first, then the other). */
export function parseUnit(source: string, first: SourceType = 'module'): Attempt<UnitSyntax> {
  return tryModes((options) => {
    const tokens: RawToken[] = [];
    const insertedSemicolons: number[] = [];
    const trailingCommas = new Set<number>();
    const parser = new UnitParser(
      {
        ...options,
        onToken: tokens as acorn.Token[],
        onInsertedSemicolon: (at) => insertedSemicolons.push(at),
        onTrailingComma: (at) => trailingCommas.add(at),
      },
      source,
    );
    const ast = parser.parse();
    return {
      insertedSemicolons,
      trailingCommas,
      ast,
      tokens,
      shorthand: parser.shorthand,
      labels: resolveLabels(parser),
      privates: resolvePrivates(parser),
      declKeywords: declKeywords(ast),
    };
  }, first);
}
