// What a pair page shows of each file's diff. A file's unified text holds one section per unit
// (`diff --git a/<file § kind name #index> …`) or one for the whole file; sections that hold a
// finding go first, annotated, and take the page's budget first. Anything over a limit becomes a
// placeholder that says why, so that no page freezes a browser.
import type { FileDiff, Finding } from '../../../types.js';
import { compareFindings } from '../../../classify/severity.js';
import { num, plural } from './text.js';

/** What a page may render before it shows placeholders instead. */
export interface DiffLimits {
  linesPerFile: number;
  linesPerPage: number;
  charsPerFile: number;
  charsPerPage: number;
}

export interface DiffSection {
  /** Element id on the pair page. */
  anchor: string;
  /** The section's name from its header: the unit label, or the file path. */
  label: string;
  unified: string;
  changed: number;
  findings: Finding[];
  /** Set when the section is not rendered, with the text of the placeholder. */
  placeholder?: string;
}

export interface FilePlan {
  file: FileDiff;
  anchor: string;
  sections: DiffSection[];
  /** Set when the file's diff is not rendered at all, with the text of the placeholder. */
  placeholder?: string;
  /** Findings that belong to the file but to none of its sections in particular. */
  findings: Finding[];
}

/** Changed lines in unified text: lines starting with + or -, without the file headers. */
export function countChangedLines(unified: string): number {
  let n = 0;
  let start = 0;
  while (start < unified.length) {
    let end = unified.indexOf('\n', start);
    if (end === -1) end = unified.length;
    const c = unified.charCodeAt(start);
    if (c === 0x2b /* + */ || c === 0x2d /* - */) {
      const head = unified.slice(start, start + 4);
      if (head !== '+++ ' && head !== '--- ') n += 1;
    }
    start = end + 1;
  }
  return n;
}

/** git's quoted path (`"a/x\"y"`) back to text. */
function unquote(q: string): string {
  const named: Record<string, string> = { t: '\t', n: '\n', r: '\r', '"': '"', '\\': '\\' };
  return q.slice(1, -1).replace(/\\([0-7]{3}|.)/g, (_, e: string) => (e.length === 3 ? String.fromCharCode(parseInt(e, 8)) : (named[e] ?? e)));
}

/** The name in a `diff --git a/NAME b/NAME` header (both sides carry the same name here). */
export function sectionLabel(header: string): string {
  const rest = header.slice('diff --git '.length);
  if (rest.startsWith('"')) {
    const m = /^"((?:[^"\\]|\\.)*)"/.exec(rest);
    if (m) return unquote(m[0]).replace(/^a\//, '');
  }
  // `a/NAME b/NAME`: the two halves have equal length.
  if (rest.startsWith('a/') && rest.length >= 5) {
    const len = (rest.length - 5) / 2;
    if (Number.isInteger(len) && rest.slice(2 + len, 5 + len) === ' b/') return rest.slice(2, 2 + len);
  }
  return rest.replace(/^a\//, '');
}

/** Unified text cut into its `diff --git` sections (text before the first header joins the first). */
export function splitSections(unified: string): { label: string; text: string }[] {
  const starts: number[] = [];
  if (unified.startsWith('diff --git ')) starts.push(0);
  for (let at = unified.indexOf('\ndiff --git '); at !== -1; at = unified.indexOf('\ndiff --git ', at + 1)) starts.push(at + 1);
  if (starts.length === 0) return unified.trim() ? [{ label: '', text: unified }] : [];
  if (starts[0] !== 0) starts[0] = 0;
  return starts.map((s, i) => {
    const end = starts[i + 1] ?? unified.length;
    const body = unified.slice(s, end);
    const nl = body.indexOf('\n');
    const header = nl === -1 ? body : body.slice(0, nl);
    return { label: header.startsWith('diff --git ') ? sectionLabel(header) : '', text: body };
  });
}

const finite = (n: number): number => (Number.isFinite(n) ? n : 0);

/**
 * Plans every file of a pair page: which sections are shown, which are placeholders, and which
 * findings each section carries. Flagged sections (most severe first) take the budget first.
 */
export function planPairDiff(files: readonly FileDiff[], findings: readonly Finding[], limits: DiffLimits): FilePlan[] {
  let sectionCount = 0;
  const plans: FilePlan[] = files.map((file, i) => {
    const anchor = `file-${i + 1}`;
    const stated = finite(file.linesAdded) + finite(file.linesRemoved);
    if (file.unified === undefined) {
      return {
        file,
        anchor,
        sections: [],
        findings: [],
        placeholder: file.omitted ? `Diff not shown: ${file.omitted}` : `No diff text available (${plural(stated, 'line', 'lines')} changed).`,
      };
    }
    if (file.unified.length > limits.charsPerFile && splitSections(file.unified).length <= 1) {
      return {
        file,
        anchor,
        sections: [],
        findings: [],
        placeholder: `Too large to render (${plural(stated, 'line', 'lines')} changed, ${num(file.unified.length)} characters of diff; the limit is ${num(limits.charsPerFile)} characters per file).`,
      };
    }
    const parts = splitSections(file.unified);
    const sections = parts.map((p): DiffSection => ({
      anchor: `sec-${++sectionCount}`,
      label: p.label,
      unified: p.text,
      // A single section is the whole file: its stated count is what the diff found.
      changed: parts.length === 1 ? Math.max(stated, countChangedLines(p.text)) : countChangedLines(p.text),
      findings: [],
    }));
    return { file, anchor, sections, findings: [] };
  });

  // Each finding goes to the section of its unit, else to the section named like its file, else
  // to a file's only section, else to the file as a whole.
  for (const f of findings) {
    let placed = false;
    const candidates = plans.filter((p) => p.file.path === f.file || p.sections.some((s) => s.label === f.unit));
    for (const plan of candidates) {
      const byUnit = f.unit ? plan.sections.find((s) => s.label === f.unit) : undefined;
      const byName = byUnit ?? plan.sections.find((s) => s.label === f.file);
      const only = byName ?? (plan.file.path === f.file && plan.sections.length === 1 ? plan.sections[0] : undefined);
      if (only) {
        only.findings.push(f);
        placed = true;
        break;
      }
    }
    if (!placed) {
      const plan = plans.find((p) => p.file.path === f.file);
      if (plan) plan.findings.push(f);
    }
  }
  for (const p of plans) for (const s of p.sections) s.findings.sort(compareFindings);

  // The budget: flagged sections first (most severe first), then the rest in file order.
  const all = plans.flatMap((p) => p.sections);
  const flagged = all.filter((s) => s.findings.length > 0).sort((a, b) => compareFindings(a.findings[0]!, b.findings[0]!));
  const rest = all.filter((s) => s.findings.length === 0);
  let linesLeft = limits.linesPerPage;
  let charsLeft = limits.charsPerPage;
  for (const s of [...flagged, ...rest]) {
    if (s.unified.length > limits.charsPerFile) {
      s.placeholder = `Too large to render (${plural(s.changed, 'line', 'lines')} changed, ${num(s.unified.length)} characters of diff; the limit is ${num(limits.charsPerFile)} characters per file).`;
      continue;
    }
    if (s.changed > limits.linesPerFile) {
      s.placeholder = `Too large to render (${plural(s.changed, 'line', 'lines')} changed; the limit is ${num(limits.linesPerFile)} lines per file).`;
      continue;
    }
    if (s.changed > linesLeft || s.unified.length > charsLeft) {
      s.placeholder = `Too large to render on this page (${plural(s.changed, 'line', 'lines')} changed; this page already shows as much diff as it can, ${num(limits.linesPerPage)} changed lines at most).`;
      continue;
    }
    linesLeft -= s.changed;
    charsLeft -= s.unified.length;
  }
  return plans;
}

/** Flagged sections of every file, in the order the page shows them. */
export function flaggedSections(plans: readonly FilePlan[]): { plan: FilePlan; section: DiffSection }[] {
  return plans
    .flatMap((plan) => plan.sections.filter((s) => s.findings.length > 0).map((section) => ({ plan, section })))
    .sort((a, b) => compareFindings(a.section.findings[0]!, b.section.findings[0]!));
}
