// One unit's code analysed, as the rules see it. The parts, each in its own file:
// - scope.ts: what a name refers to (bindings, references, free names, returns);
// - values.ts: what each expression holds (tags), calls.ts what a call returns, and meanings.ts
//   what each API, property, env var, module, file and command reveals (tables);
// - comparisons.ts: what values are compared against, and the gates that makes;
// - lookalikes.ts: look-alike literals chosen as outcomes;
// - written.ts: strings and commands as written.
// This class builds them for one unit and is the one object rules read.
import type { Decoded } from '../decode/index.js';
import { walk, type Node, type Walked } from './ast.js';
import type { Comparison } from './comparisons.js';
import type { LookalikeChoice } from './lookalikes.js';
import { Scope, type Binding } from './scope.js';
import type { Tags } from './tags.js';
import { Values, type DecodeInfo, type External, type Resolve } from './values.js';
import { commandText, looseString } from './written.js';

export class Analysis {
  readonly walked: Walked;
  readonly scope: Scope;
  private readonly values: Values;

  constructor(
    readonly source: string,
    readonly ast: Node,
    resolveExternal: Resolve,
    /** The source of the unit that declares another unit's name (a text check before a costly resolve). */
    sourceOfName: (name: string) => string | undefined = () => undefined,
  ) {
    this.walked = walk(ast);
    this.scope = new Scope(this.walked, ast);
    this.values = new Values(source, this.scope, resolveExternal, sourceOfName);
  }

  /** Decoded literals around the unit; set once, before any value is read. */
  setDecode(info: DecodeInfo): void {
    this.values.setDecode(info);
  }

  get decode(): DecodeInfo {
    return this.values.decode;
  }

  /** Part of the unit was not walked or not followed (node or evaluation budget). */
  get truncated(): boolean {
    return this.walked.truncated || this.values.exhausted;
  }

  // ── the tree and its names ─────────────────────────────────────────────────────────────────

  nodes(type: string): readonly Node[] {
    return this.scope.nodes(type);
  }

  parent(n: Node): Node | undefined {
    return this.scope.parent(n);
  }

  text(n: { start: number; end: number }): string {
    return this.values.text(n);
  }

  /** The function a node is in (the program for top-level code). */
  functionOf(n: Node): Node {
    return this.scope.functionOf(n);
  }

  /** The binding of an identifier (a reference or a declaration), if this unit declares it. */
  bindingOf(id: Node): Binding | undefined {
    return this.scope.bindingOf(id);
  }

  /** Names the unit declares at its top (its program scope). */
  topLevelBindings(): Map<string, Binding> {
    return this.scope.topLevelBindings();
  }

  /** Assignments to names this unit does not declare (other units' top-level names, globals). */
  get freeAssign(): ReadonlyMap<string, Node[]> {
    return this.scope.freeAssign;
  }

  /** Names read but not declared here: other units' top-level names and globals. */
  get freeNames(): ReadonlySet<string> {
    return this.scope.freeNames;
  }

  // ── values ─────────────────────────────────────────────────────────────────────────────────

  /** What an expression holds. */
  tags(n: Node | null | undefined): Tags {
    return this.values.tags(n);
  }

  /** What a function returns (an arrow's expression body counts). */
  returnTags(fn: Node): Tags {
    return this.values.returnTags(fn);
  }

  /** What a name this unit does not declare holds. */
  freeTags(name: string): Tags {
    return this.values.freeTags(name);
  }

  /** What another unit's top-level name holds, as seen from this unit. */
  external(name: string): External | undefined {
    return this.values.external(name);
  }

  /** The decoded literal that starts at this node, if any. */
  decodedAt(n: Node): Decoded | undefined {
    return this.values.decodedAt(n);
  }

  /** Parameters of a function that flow into the path of a file write inside it. */
  writesParams(fn: Node): number[] {
    return this.values.writesParams(fn);
  }

  /** Whether the unit declaring another unit's name writes files at all (its text names a write call). */
  mayWriteFiles(name: string): boolean {
    return this.values.mayWriteFiles(name);
  }

  /** What a top-level name declared or assigned by this unit holds, for the units that use it. */
  exportOf(name: string, label: string): External | undefined {
    return this.values.exportOf(name, label);
  }

  /** Whether a top-level name of this unit is declared with a value (not `var x;`). */
  hasValue(name: string): boolean {
    return this.values.hasValue(name);
  }

  // ── comparisons, outcomes, text ────────────────────────────────────────────────────────────

  /** Every comparison in the unit, in source order. */
  comparisons(): Comparison[] {
    return this.values.comparisons.all();
  }

  /** The comparison a node makes, if it is one. */
  comparisonAt(n: Node): Comparison | null {
    return this.values.comparisons.at(n);
  }

  /** Sets of look-alike string literals that a function returns or picks as alternative outcomes. */
  lookalikeChoices(): LookalikeChoice[] {
    return this.values.lookalikes.all();
  }

  /** A string as written, with interpolations as `…` (templates, concatenations). */
  looseString(n: Node, depth = 0): string | undefined {
    return looseString(this.scope, n, depth);
  }

  /** The command a child_process call runs, as far as it is written out. */
  commandText(n: Node): string | undefined {
    return commandText(this.scope, n);
  }
}
