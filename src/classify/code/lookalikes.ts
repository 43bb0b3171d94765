// Look-alike literals a function picks between as its outcomes: `'` and `’` returned by the
// branches of one function, chosen by a condition. Output that differs only in code points that
// look the same carries a hidden signal.
import { lookAlikeSets, type LookAlikeSet } from '../unicode/index.js';
import type { Node } from './ast.js';
import type { Scope } from './scope.js';

export interface LookalikeChoice {
  /** The function (or unit) whose outcomes they are. */
  scope: Node;
  set: LookAlikeSet;
  nodes: Node[];
}

export class Lookalikes {
  private found: LookalikeChoice[] | undefined;
  private readonly members = new Set<Node>();

  constructor(private readonly scope: Scope) {}

  /** Sets of look-alike string literals that a function returns or picks as alternative outcomes. */
  all(): LookalikeChoice[] {
    if (this.found) return this.found;
    this.found = [];
    const byScope = new Map<Node, Node[]>();
    for (const lit of this.scope.nodes('Literal')) {
      if (typeof lit.value !== 'string' || lit.value.length === 0 || lit.value.length > 64) continue;
      if (!this.isOutcome(lit)) continue;
      const scope = this.scope.functionOf(lit);
      const list = byScope.get(scope) ?? [];
      if (list.length < 256) list.push(lit);
      byScope.set(scope, list);
    }
    for (const [scope, lits] of byScope) {
      if (lits.length < 2) continue;
      for (const set of lookAlikeSets(lits.map((l) => l.value as string))) {
        const members = new Set(set.members.map((m) => m.text));
        const nodes = lits.filter((l) => members.has(l.value));
        for (const node of nodes) this.members.add(node);
        this.found.push({ scope, set, nodes });
      }
    }
    return this.found;
  }

  /** A literal that is one possible outcome: returned, or a branch of a choice. */
  private isOutcome(lit: Node): boolean {
    let cur = lit;
    for (let i = 0; i < 6; i++) {
      const p = this.scope.parent(cur);
      if (!p) return false;
      switch (p.type) {
        case 'ReturnStatement':
          return true;
        case 'ConditionalExpression':
          if (p.test === cur) return false;
          return true;
        case 'LogicalExpression':
          cur = p;
          continue;
        case 'ArrowFunctionExpression':
          return p.body === cur;
        case 'AssignmentExpression':
          return p.right === cur && this.insideIf(p);
        case 'SwitchCase':
          return false;
        default:
          return false;
      }
    }
    return false;
  }

  private insideIf(n: Node): boolean {
    let cur = n;
    for (let i = 0; i < 4; i++) {
      const p = this.scope.parent(cur);
      if (!p) return false;
      if (p.type === 'IfStatement') return p.test !== cur;
      if (p.type !== 'ExpressionStatement' && p.type !== 'BlockStatement' && p.type !== 'SequenceExpression') return false;
      cur = p;
    }
    return false;
  }

  /** Whether a literal is one of the look-alike outcomes (computes them first). */
  has(lit: Node): boolean {
    this.all();
    return this.members.has(lit);
  }
}
