// The timeline of the index page: inline SVG drawn here, on the server, in two layouts (by
// publish date, and in semver order) that a CSS-only switch shows one at a time. Every version
// is a mark sized by how much its release changed and coloured by the highest severity it
// introduced; every lifecycle is a lane from the first version it is present in to the last;
// packaging changes and anomalies are markers above the marks. Everything from the package is
// escaped (`attr`, `text`); nothing here runs a script.
import semver from 'semver';
import type { Lifecycle, Severity } from '../../../types.js';
import { changeAt, highestSeverity, severityAt, versionEvents, type VersionEvent, type VersionEventKind } from '../../facts.js';
import type { Report, ReportVersion } from '../../model.js';
import { attr, escapeHtml, num, plural, severityBadge, severityOf, shorten, text, utcDay, versionCode } from './text.js';

/** Geometry, in CSS pixels. */
const G = {
  labelColumn: 200,
  left: 216,
  right: 40,
  minStep: 18,
  maxStep: 64,
  tickY: 16,
  eventY: 44,
  markY: 92,
  maxRadius: 12,
  minRadius: 3,
  labelY: 112,
  labelChars: 14,
  headH: 200,
  laneH: 18,
  laneHCompact: 12,
  bottom: 20,
} as const;

export interface TimelineInput {
  report: Report;
  /** Page of the pair that ends at each version. */
  pageOf(version: string): string | undefined;
  /** Link (relative, or `#id`) to the finding a lane stands for. */
  hrefOf(lifecycle: Lifecycle): string | undefined;
}

interface Layout {
  id: 'time' | 'semver';
  title: string;
  /** x of each version, by index in report.versions. */
  xs: number[];
  width: number;
  ticks: { x: number; label: string }[];
  /** Pairs of x between which a gap (missing versions) is drawn on the axis. */
  breaks: { x: number; text: string }[];
  note?: string;
}

// ---------------------------------------------------------------------------------------------
// Layouts

function plotWidth(n: number): number {
  return Math.max(880, Math.min(n - 1, 400) * 26);
}

function semverLayout(versions: readonly ReportVersion[]): Layout {
  const order = versions.map((v, i) => ({ v: v.version, i }));
  order.sort((a, b) => {
    const va = semver.valid(a.v);
    const vb = semver.valid(b.v);
    if (va && vb) return semver.compare(va, vb) || a.i - b.i;
    if (va) return -1;
    if (vb) return 1;
    return a.i - b.i;
  });
  const n = versions.length;
  const step = n > 1 ? Math.max(G.minStep, Math.min(G.maxStep, plotWidth(n) / (n - 1))) : 0;
  const xs = new Array<number>(n).fill(G.left);
  order.forEach((o, k) => {
    xs[o.i] = G.left + k * step;
  });
  const breaks: Layout['breaks'] = [];
  order.forEach((o, k) => {
    const gap = versions[o.i]!.gapBefore;
    if (gap && k > 0) breaks.push({ x: G.left + (k - 0.5) * step, text: gap });
  });
  return { id: 'semver', title: 'In semver order', xs, width: G.left + (n - 1) * step + G.right, ticks: [], breaks };
}

const DAY = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

type TickUnit = { name: string; approx: number; first(t: number): number; next(t: number): number; label(t: number): string };

function startOfUtcDay(t: number): number {
  return Math.floor(t / DAY) * DAY;
}

function addMonths(t: number, months: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
}

const TICK_UNITS: TickUnit[] = [
  { name: 'day', approx: DAY, first: (t) => startOfUtcDay(t) + DAY, next: (t) => t + DAY, label: (t) => new Date(t).toISOString().slice(0, 10) },
  {
    name: 'week',
    approx: 7 * DAY,
    first: (t) => {
      const d = startOfUtcDay(t) + DAY;
      const dow = (new Date(d).getUTCDay() + 6) % 7; // Monday = 0
      return dow === 0 ? d : d + (7 - dow) * DAY;
    },
    next: (t) => t + 7 * DAY,
    label: (t) => new Date(t).toISOString().slice(0, 10),
  },
  {
    name: 'month',
    approx: 30.4 * DAY,
    first: (t) => addMonths(t, 1),
    next: (t) => addMonths(t, 1),
    label: (t) => `${MONTHS[new Date(t).getUTCMonth()]} ${new Date(t).getUTCFullYear()}`,
  },
  {
    name: 'quarter',
    approx: 91.3 * DAY,
    first: (t) => {
      const d = new Date(addMonths(t, 1));
      const m = d.getUTCMonth();
      return addMonths(d.getTime(), (3 - (m % 3)) % 3);
    },
    next: (t) => addMonths(t, 3),
    label: (t) => `${MONTHS[new Date(t).getUTCMonth()]} ${new Date(t).getUTCFullYear()}`,
  },
  { name: 'year', approx: 365.25 * DAY, first: (t) => Date.UTC(new Date(t).getUTCFullYear() + 1, 0, 1), next: (t) => Date.UTC(new Date(t).getUTCFullYear() + 1, 0, 1), label: (t) => String(new Date(t).getUTCFullYear()) },
];

/**
 * x by publish time, with at least `minStep` between successive marks (a burst of releases on
 * one day stays readable; the axis ticks follow the same piecewise mapping, so dates stay true).
 * Versions without a publish date come last. Null when fewer than two versions have a date.
 */
function timeLayout(versions: readonly ReportVersion[]): Layout | null {
  const dated = versions
    .map((v, i) => ({ i, t: v.publishedAt ? Date.parse(v.publishedAt) : NaN }))
    .filter((d) => Number.isFinite(d.t))
    .sort((a, b) => a.t - b.t || a.i - b.i);
  if (dated.length < 2) return null;
  const t0 = dated[0]!.t;
  const t1 = dated.at(-1)!.t;
  const span = Math.max(t1 - t0, 1);
  const target = plotWidth(versions.length);
  const xs = new Array<number>(versions.length).fill(G.left);
  const points: { t: number; x: number }[] = [];
  let prev = -Infinity;
  for (const d of dated) {
    const raw = G.left + ((d.t - t0) / span) * target;
    const x = Math.max(raw, prev + G.minStep);
    xs[d.i] = x;
    points.push({ t: d.t, x });
    prev = x;
  }
  const undated = versions.map((_, i) => i).filter((i) => !dated.some((d) => d.i === i));
  for (const i of undated) {
    prev += G.minStep * 1.5;
    xs[i] = prev;
  }
  // The piecewise-linear map from time to x, for the ticks.
  const xAt = (t: number): number | null => {
    if (t < t0 || t > t1) return null;
    for (let k = 1; k < points.length; k++) {
      const a = points[k - 1]!;
      const b = points[k]!;
      if (t <= b.t) return b.t === a.t ? b.x : a.x + ((t - a.t) / (b.t - a.t)) * (b.x - a.x);
    }
    return points.at(-1)!.x;
  };
  const last = points.at(-1)!.x;
  const maxTicks = Math.max(2, Math.floor((last - G.left) / 90));
  const unit = TICK_UNITS.find((u) => span / u.approx <= maxTicks) ?? TICK_UNITS.at(-1)!;
  const ticks: Layout['ticks'] = [];
  let lastTickX = -Infinity;
  for (let t = unit.first(t0), guard = 0; t <= t1 && guard < 2000; t = unit.next(t), guard++) {
    const x = xAt(t);
    if (x === null || x - lastTickX < 64) continue;
    ticks.push({ x, label: unit.label(t) });
    lastTickX = x;
  }
  const note = undated.length ? `${plural(undated.length, 'version has', 'versions have')} no publish date and ${undated.length === 1 ? 'is' : 'are'} drawn at the right end.` : undefined;
  const layout: Layout = { id: 'time', title: 'By publish date', xs, width: prev + G.right, ticks, breaks: [] };
  if (note) layout.note = note;
  return layout;
}

// ---------------------------------------------------------------------------------------------
// Drawing

const f1 = (n: number): string => (Math.round(n * 10) / 10).toString();

/** Log scale: releases differ by orders of magnitude (a one-line fix, a new bundle). */
function radiusFor(change: number | undefined, max: number): number {
  if (change === undefined) return 4;
  if (max <= 0 || change <= 0) return G.minRadius;
  return G.minRadius + (G.maxRadius - G.minRadius) * (Math.log1p(Math.min(change, max)) / Math.log1p(max));
}

/** The symbol of an event kind, centred on (x, y). Shared by the timeline and its legend. */
function eventSymbol(kind: VersionEventKind, x: number, y: number): string {
  switch (kind) {
    case 'packaging':
      return `<path class="sym sym-packaging" d="M${f1(x)} ${f1(y - 7)}L${f1(x + 7)} ${f1(y)}L${f1(x)} ${f1(y + 7)}L${f1(x - 7)} ${f1(y)}Z"/>`;
    case 'out-of-order':
      return `<path class="sym sym-out-of-order" d="M${f1(x - 6)} ${f1(y - 5)}L${f1(x + 6)} ${f1(y - 5)}L${f1(x)} ${f1(y + 6)}Z"/>`;
    case 'deprecated':
      return `<circle class="sym sym-deprecated" cx="${f1(x)}" cy="${f1(y)}" r="5.5"/><path class="sym-deprecated-bar" d="M${f1(x - 4)} ${f1(y + 4)}L${f1(x + 4)} ${f1(y - 4)}"/>`;
    case 'gap':
      return `<path class="sym sym-gap" d="M${f1(x - 6)} ${f1(y + 5)}L${f1(x - 1)} ${f1(y - 5)}M${f1(x + 1)} ${f1(y + 5)}L${f1(x + 6)} ${f1(y - 5)}"/>`;
  }
}

const EVENT_NAMES: Record<VersionEventKind, string> = {
  packaging: 'Packaging change',
  'out-of-order': 'Published out of semver order',
  deprecated: 'Deprecated',
  gap: 'Gap before it',
};

function markTitle(v: ReportVersion, change: number | undefined, findings: number, sev: Severity | null): string {
  const parts = [v.version];
  const day = utcDay(v.publishedAt);
  parts.push(day ? `published ${day}` : 'no publish date');
  parts.push(change === undefined ? 'first version of the range' : `${num(change)} lines changed`);
  if (findings) parts.push(`${plural(findings, 'finding', 'findings')} introduced, highest ${sev}`);
  if (v.deprecated !== undefined) parts.push('deprecated');
  if (v.outOfOrder) parts.push('published out of semver order');
  return parts.join(' · ');
}

function laneTitle(l: Lifecycle): string {
  const from = l.introducedIn === null ? `present before ${l.presentIn[0] ?? 'the range'}` : `introduced in ${l.introducedIn}`;
  const to = l.removedIn === null ? 'still present at the end of the range' : `removed in ${l.removedIn}`;
  return `${l.ruleId} (${l.category}, ${l.severity}): ${from}; ${to}; present in ${plural(l.presentIn.length, 'version', 'versions')}`;
}

function drawLayout(input: TimelineInput, layout: Layout, lanes: Lifecycle[], events: VersionEvent[]): string {
  const { report } = input;
  const versions = report.versions;
  const index = new Map(versions.map((v, i) => [v.version, i]));
  const changes = changeAt(report);
  const severities = severityAt(report);
  const introducedCount = new Map<string, number>();
  for (const p of report.pairs) introducedCount.set(p.to, (introducedCount.get(p.to) ?? 0) + p.findings.length);
  const maxChange = Math.max(0, ...changes.values());
  const width = Math.max(layout.width, G.left + 200);
  const x = (version: string): number | undefined => {
    const i = index.get(version);
    return i === undefined ? undefined : layout.xs[i];
  };
  const firstX = Math.min(...layout.xs);
  const lastX = Math.max(...layout.xs);

  // The head: ticks, events, marks and version labels.
  const head: string[] = [];
  const titleId = `tl-${layout.id}-title`;
  head.push(
    `<svg class="timeline-svg timeline-head" xmlns="http://www.w3.org/2000/svg" width="${f1(width)}" height="${G.headH}" viewBox="0 0 ${f1(width)} ${G.headH}" role="group" aria-labelledby="${titleId}" data-layout="${layout.id}">`,
    `<title id="${titleId}">Timeline ${escapeHtml(layout.title.toLowerCase())}: ${plural(versions.length, 'version', 'versions')}, ${plural(lanes.length, 'finding lane', 'finding lanes')}</title>`,
  );
  head.push('<g class="grid">');
  for (const t of layout.ticks) {
    head.push(`<line x1="${f1(t.x)}" x2="${f1(t.x)}" y1="${G.tickY + 6}" y2="${G.headH}"/><text class="tick" x="${f1(t.x)}" y="${G.tickY}" text-anchor="middle">${escapeHtml(t.label)}</text>`);
  }
  head.push('</g>');
  head.push(
    '<g class="row-heads">',
    `<text x="8" y="${G.eventY + 4}">Packaging, anomalies</text>`,
    `<text x="8" y="${G.markY + 4}">Versions</text>`,
    `<text x="8" y="${G.headH - 8}" class="row-head-lanes">Findings, first to last version</text>`,
    '</g>',
  );
  head.push(`<line class="axis" x1="${f1(firstX - 8)}" x2="${f1(lastX + 8)}" y1="${G.markY}" y2="${G.markY}"/>`);
  for (const b of layout.breaks) {
    head.push(`<g class="axis-break"><title>${attr(b.text)}</title><rect x="${f1(b.x - 5)}" y="${G.markY - 7}" width="10" height="14"/>${eventSymbol('gap', b.x, G.markY)}</g>`);
  }
  // Events: side by side when one version has several.
  const byVersion = new Map<string, VersionEvent[]>();
  for (const e of events) byVersion.set(e.version, [...(byVersion.get(e.version) ?? []), e]);
  head.push('<g class="events">');
  for (const [version, list] of byVersion) {
    const cx = x(version);
    if (cx === undefined) continue;
    list.forEach((e, k) => {
      const ex = cx + (k - (list.length - 1) / 2) * 15;
      head.push(
        `<g class="event event-${e.kind}" data-version="${attr(version)}" data-kind="${e.kind}"><title>${attr(`${version}: ${EVENT_NAMES[e.kind]}: ${e.text}`)}</title>${eventSymbol(e.kind, ex, G.eventY)}</g>`,
      );
    });
  }
  head.push('</g>');
  head.push('<g class="marks">');
  versions.forEach((v, i) => {
    const cx = layout.xs[i]!;
    const change = changes.get(v.version);
    const isFirst = change === undefined;
    const sev = severities.get(v.version) ?? null;
    const count = introducedCount.get(v.version) ?? 0;
    const r = radiusFor(change, maxChange);
    const title = `<title>${attr(markTitle(v, change, count, sev))}</title>`;
    const circle = `<circle cx="${f1(cx)}" cy="${G.markY}" r="${f1(r)}"/>`;
    const page = input.pageOf(v.version);
    const body = page ? `<a href="${escapeHtml(page)}" aria-label="${attr(`${v.version}: diff page`)}">${title}${circle}</a>` : `${title}${circle}`;
    head.push(
      `<g class="mark sev-${sev ?? 'none'}${isFirst ? ' mark-first' : ''}" data-version="${attr(v.version)}" data-x="${f1(cx)}" data-severity="${sev ?? 'none'}">${body}</g>`,
    );
  });
  head.push('</g>');
  head.push('<g class="vlabels">');
  versions.forEach((v, i) => {
    const cx = layout.xs[i]!;
    const y = G.labelY;
    head.push(`<text x="${f1(cx - 3)}" y="${y}" transform="rotate(55 ${f1(cx - 3)} ${y})">${attr(shorten(v.version, G.labelChars))}</text>`);
  });
  head.push('</g>', '</svg>');

  // The lanes: their own SVG, so that a long list scrolls under a head that stays in view.
  const laneH = lanes.length > 60 ? G.laneHCompact : G.laneH;
  const lanesHeight = Math.max(lanes.length, 1) * laneH + G.bottom;
  const body: string[] = [
    `<svg class="timeline-svg timeline-lanes" xmlns="http://www.w3.org/2000/svg" width="${f1(width)}" height="${lanesHeight}" viewBox="0 0 ${f1(width)} ${lanesHeight}" role="group" aria-label="${attr(`${plural(lanes.length, 'finding lane', 'finding lanes')}, ${layout.title.toLowerCase()}`)}" data-layout="${layout.id}">`,
    '<g class="grid">',
    ...layout.ticks.map((t) => `<line x1="${f1(t.x)}" x2="${f1(t.x)}" y1="0" y2="${lanesHeight}"/>`),
    '</g>',
    '<g class="lanes">',
  ];
  if (lanes.length === 0) body.push(`<text class="muted-text" x="${G.left}" y="12">No findings to follow across versions.</text>`);
  else body.push(`<path class="lane-guides" d="${lanes.map((_, k) => `M${G.left - 8} ${f1(k * laneH + laneH / 2)}H${f1(lastX + 8)}`).join('')}"/>`);
  lanes.forEach((l, k) => {
    const y = k * laneH + laneH / 2;
    const present = l.presentIn.map((v) => x(v)).filter((n): n is number => n !== undefined);
    if (present.length === 0) return;
    const first = l.presentIn[0]!;
    const last = l.presentIn.at(-1)!;
    const x1 = Math.min(...present);
    const x2 = Math.max(...present);
    const sev = severityOf(l.severity) ?? 'none';
    const href = input.hrefOf(l);
    const half = laneH < G.laneH ? 3 : 4;
    const label = `<text class="lane-label" x="8" y="${f1(y + 4)}">${attr(shorten(l.ruleId, 30))}</text>`;
    const parts: string[] = [
      `<g class="lane sev-${sev}" data-fingerprint="${attr(l.fingerprint)}" data-first="${attr(first)}" data-last="${attr(last)}" data-x1="${f1(x1)}" data-x2="${f1(x2)}"${l.removedIn !== null ? ` data-removed-in="${attr(l.removedIn)}"` : ''}>`,
      `<title>${attr(laneTitle(l))}</title>`,
      href ? `<a href="${escapeHtml(href)}">${label}</a>` : label,
    ];
    // The bar in runs of successive versions (in this layout's order) that have the finding; a
    // version inside the span without it (the finding went away and came back, or a version
    // published out of order sits between) breaks the bar, and a thin line joins the runs.
    const presentSet = new Set(l.presentIn);
    const inSpan = versions
      .map((v, i) => ({ x: layout.xs[i]!, has: presentSet.has(v.version) }))
      .filter((p) => p.x >= x1 && p.x <= x2)
      .sort((p, q) => p.x - q.x || Number(q.has) - Number(p.has));
    const runs: { a: number; b: number }[] = [];
    let open: { a: number; b: number } | null = null;
    for (const p of inSpan) {
      if (p.has) {
        if (open) open.b = p.x;
        else runs.push((open = { a: p.x, b: p.x }));
      } else open = null;
    }
    for (let r = 1; r < runs.length; r++) {
      parts.push(`<line class="lane-join" x1="${f1(runs[r - 1]!.b + half)}" x2="${f1(runs[r]!.a - half)}" y1="${f1(y)}" y2="${f1(y)}"/>`);
    }
    for (const r of runs) {
      parts.push(`<rect class="lane-bar" x="${f1(r.a - half)}" y="${f1(y - half)}" width="${f1(r.b - r.a + 2 * half)}" height="${2 * half}" rx="${half}"/>`);
    }
    if (l.introducedIn === null) {
      parts.push(`<path class="lane-before" d="M${f1(x1 - 6)} ${f1(y - 5)}L${f1(x1 - 13)} ${f1(y)}L${f1(x1 - 6)} ${f1(y + 5)}Z"><title>present before the range</title></path>`);
    }
    const xr = l.removedIn === null ? undefined : x(l.removedIn);
    if (xr !== undefined) {
      // In time order the version that removed it may come before a late out-of-order one.
      if (xr > x2 + half) parts.push(`<line class="lane-removed-link" x1="${f1(x2 + half)}" x2="${f1(xr)}" y1="${f1(y)}" y2="${f1(y)}"/>`);
      parts.push(
        `<path class="lane-removed" d="M${f1(xr - 4)} ${f1(y - 4)}L${f1(xr + 4)} ${f1(y + 4)}M${f1(xr - 4)} ${f1(y + 4)}L${f1(xr + 4)} ${f1(y - 4)}"><title>${attr(`removed in ${l.removedIn}`)}</title></path>`,
      );
    } else if (l.removedIn === null) {
      parts.push(`<path class="lane-after" d="M${f1(x2 + 6)} ${f1(y - 5)}L${f1(x2 + 13)} ${f1(y)}L${f1(x2 + 6)} ${f1(y + 5)}Z"><title>still present at the end of the range</title></path>`);
    }
    parts.push('</g>');
    body.push(parts.join(''));
  });
  body.push('</g>', '</svg>');
  return `${head.join('\n')}\n<div class="lanes-box">${body.join('\n')}</div>`;
}

function legend(): string {
  const sev = (['critical', 'high', 'medium', 'low', 'info'] as const)
    .map((s) => `<li><svg class="legend-svg" width="14" height="14" aria-hidden="true"><g class="mark sev-${s}"><circle cx="7" cy="7" r="6"/></g></svg>${severityBadge(s)}</li>`)
    .join('');
  const none = `<li><svg class="legend-svg" width="14" height="14" aria-hidden="true"><g class="mark sev-none"><circle cx="7" cy="7" r="6"/></g></svg>no finding</li>`;
  const events = (Object.keys(EVENT_NAMES) as VersionEventKind[])
    .map((k) => `<li><svg class="legend-svg" width="16" height="16" aria-hidden="true">${eventSymbol(k, 8, 8)}</svg>${escapeHtml(EVENT_NAMES[k])}</li>`)
    .join('');
  return `<div class="legend">
<p class="note">Marks: one per version, area by lines changed since the version before, colour by the highest severity the version introduced. Lanes: one per finding, from the first version it is present in to the last; ◀ present before the range, ▶ still present at its end, ✕ where it was removed.</p>
<ul class="legend-list">${sev}${none}</ul>
<ul class="legend-list">${events}</ul>
</div>`;
}

function eventsList(events: VersionEvent[]): string {
  if (events.length === 0) return '<p class="note">No packaging changes or anomalies in this range.</p>';
  const items = events.map(
    (e) => `<li class="event-item" data-kind="${e.kind}"><svg class="legend-svg" width="16" height="16" aria-hidden="true">${eventSymbol(e.kind, 8, 8)}</svg>${versionCode(e.version)} <span class="event-kind">${escapeHtml(EVENT_NAMES[e.kind])}:</span> ${text(e.text)}</li>`,
  );
  return `<h3 id="events">Packaging changes and anomalies</h3>\n<ul class="events-list">${items.join('')}</ul>`;
}

/** Lanes in the order they are drawn: by first version, most severe first. */
export function laneOrder(report: Report): Lifecycle[] {
  const index = new Map(report.versions.map((v, i) => [v.version, i]));
  const pos = (l: Lifecycle) => index.get(l.presentIn[0] ?? '') ?? Number.MAX_SAFE_INTEGER;
  const rank = (l: Lifecycle) => ['info', 'low', 'medium', 'high', 'critical'].indexOf(l.severity);
  return report.lifecycle
    .filter((l) => l.presentIn.length > 0)
    .map((l, i) => ({ l, i }))
    .sort((a, b) => pos(a.l) - pos(b.l) || rank(b.l) - rank(a.l) || a.i - b.i)
    .map((e) => e.l);
}

/** The timeline section: the switch, both layouts, the legend and the list of events. */
export function timelineHtml(input: TimelineInput): string {
  const { report } = input;
  if (report.versions.length === 0) return '<p>No versions to draw.</p>';
  const events = versionEvents(report.versions);
  const lanes = laneOrder(report);
  const time = timeLayout(report.versions);
  const sem = semverLayout(report.versions);
  const highest = highestSeverity(report.findings);
  const summary = `<p class="note">${plural(report.versions.length, 'version', 'versions')}, ${plural(lanes.length, 'lane', 'lanes')}${highest ? `; highest severity ${severityBadge(highest)}` : ''}. Select a mark to open the diff of that release.</p>`;
  const timeChecked = time ? ' checked' : '';
  const semChecked = time ? '' : ' checked';
  const switcher = `<input type="radio" name="timeline-axis" id="axis-time" class="axis-input"${timeChecked}${time ? '' : ' disabled'}>
<input type="radio" name="timeline-axis" id="axis-semver" class="axis-input"${semChecked}>
<div class="axis-switch" role="group" aria-label="Order of the versions on the timeline"><label for="axis-time">By publish date</label><label for="axis-semver">Semver order</label></div>`;
  const timePane = time
    ? `<div class="timeline-pane layout-time" id="timeline-time">${drawLayout(input, time, lanes, events)}</div>${time.note ? `<p class="note layout-time-note">${escapeHtml(time.note)}</p>` : ''}`
    : '<div class="timeline-pane layout-time" id="timeline-time"><p class="note">Fewer than two versions have a publish date: the time axis is not available.</p></div>';
  const semPane = `<div class="timeline-pane layout-semver" id="timeline-semver">${drawLayout(input, sem, lanes, events)}</div>`;
  return `<div class="timeline">
${switcher}
${summary}
${timePane}
${semPane}
${legend()}
${eventsList(events)}
</div>`;
}
