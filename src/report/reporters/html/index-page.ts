// The index page: summary, timeline, findings, lifecycles, pairs, the evidence of every version
// and the command that reproduces the report.
import { SEVERITIES, type Lifecycle } from '../../../types.js';
import { coverageSummary } from '../../coverage.js';
import { highestSeverity } from '../../facts.js';
import { hasLibraryChurn, libraryWords } from '../../libraries.js';
import type { Report, ReportVersion } from '../../model.js';
import { sortedFindings, unitSectionOf, withUnit, type FindingPlaces, type PageContext } from './context.js';
import { renderFinding } from './finding.js';
import { footerHtml, pageFrame } from './frame.js';
import { STYLE } from './styles.js';
import {
  cells,
  clip,
  escapeHtml,
  findingCounts,
  num,
  pairLabel,
  plural,
  presentList,
  safeHttpUrl,
  severityBadge,
  SEVERITIES_DESC,
  table,
  text,
  utcTime,
  versionCode,
} from './text.js';
import { timelineHtml } from './timeline.js';

/** Where a lane of the timeline (a lifecycle) links to: its finding, else its lifecycle row. */
function laneHref(report: Report, places: FindingPlaces, l: Lifecycle): string {
  const at = l.introducedIn ?? l.presentIn[0];
  const pair = report.pairs.find((p) => p.to === at && p.findings.some((f) => f.fingerprint === l.fingerprint));
  const f = pair?.findings.find((x) => x.fingerprint === l.fingerprint);
  if (f) {
    const id = places.onIndex.get(f);
    if (id) return `#${id}`;
    const page = places.pageOf.get(f);
    const onPair = places.onPair.get(f);
    if (page && onPair) return `${page}#${onPair}`;
  }
  return `#life-${report.lifecycle.indexOf(l) + 1}`;
}

function packagingHtml(v: ReportVersion): string {
  const p = v.packaging;
  const files = v.files ?? [];
  const skipped = files.filter((f) => f.skipped !== undefined);
  const analysed = files.length - skipped.length;
  let where: string;
  if (!p) where = '<span class="muted">—</span>';
  else {
    const label = { package: 'package files', executable: 'native executable', 'platform-package': 'platform package', none: 'no JavaScript' }[p.code] ?? text(p.code);
    where = `${escapeHtml(label)}${p.format ? ` <span class="tag">${text(p.format)}</span>` : ''}${p.codeSplit ? ' <span class="tag">code split</span>' : ''}<br><span class="note">${plural(p.jsFiles, 'JavaScript file', 'JavaScript files')}</span>`;
  }
  let out = `${where}<br><span class="note">${num(analysed)} analysed, ${num(skipped.length)} skipped</span>`;
  const flat = files.filter((f) => f.note !== undefined);
  if (flat.length > 0) {
    out += `<br><span class="note">${plural(flat.length, 'file', 'files')} analysed in a reduced form: ${text(clip(flat[0]!.note!, 200).shown)}${flat.length > 1 ? ' …' : ''}</span>`;
  }
  if (skipped.length > 0) {
    const reasons = new Map<string, number>();
    for (const f of skipped) reasons.set(f.skipped!, (reasons.get(f.skipped!) ?? 0) + 1);
    const top = [...reasons.entries()].sort((a, b) => b[1] - a[1]);
    const shown = top.slice(0, 5).map(([r, n]) => `${text(clip(r, 200).shown)} (${num(n)})`);
    if (top.length > 5) shown.push(`${num(top.length - 5)} other reasons`);
    out += `<br><span class="note">${shown.join('; ')}</span>`;
  }
  return out;
}

function versionStatus(v: ReportVersion): string {
  const parts: string[] = [];
  if (v.error !== undefined) parts.push(`<span class="tag tag-bad">not analysed</span> ${text(clip(v.error, 500).shown)}`);
  if (v.deprecated !== undefined) {
    const msg = clip(v.deprecated, 500).shown;
    parts.push(`<span class="tag tag-bad">deprecated</span> ${text(msg)}`);
  }
  if (v.outOfOrder) parts.push('<span class="tag tag-warn">published out of order</span>');
  if (v.gapBefore) parts.push(`<span class="tag tag-warn">gap before</span> ${text(v.gapBefore)}`);
  return parts.length ? parts.join('<br>') : '<span class="muted">—</span>';
}

function evidenceHtml(v: ReportVersion): string {
  const rows: [string, string][] = [];
  const tarballHref = safeHttpUrl(v.tarball);
  if (v.tarball) {
    rows.push([
      'tarball',
      tarballHref
        ? `<a href="${escapeHtml(tarballHref)}" rel="noreferrer"><code class="path">${text(v.tarball)}</code></a>`
        : `<code class="path">${text(v.tarball)}</code>`,
    ]);
  } else rows.push(['tarball', '<span class="muted">— (local)</span>']);
  rows.push(['integrity', v.integrity ? `<code class="hash">${text(v.integrity)}</code>` : '<span class="muted">—</span>']);
  rows.push(['shasum', v.shasum ? `<code class="hash">${text(v.shasum)}</code>` : '<span class="muted">—</span>']);
  if (v.provenance) {
    const href = safeHttpUrl(v.provenance.url);
    const link = href ? `<a href="${escapeHtml(href)}" rel="noreferrer"><code class="path">${text(v.provenance.url)}</code></a>` : `<code class="path">${text(v.provenance.url)}</code>`;
    rows.push(['provenance', `${link}${v.provenance.predicateType ? ` <span class="note">${text(v.provenance.predicateType)}</span>` : ''}`]);
  }
  const native = v.native;
  if (native) {
    if (native.package) {
      const pkg = native.package;
      const href = safeHttpUrl(pkg.tarball);
      rows.push([
        'platform package',
        `<code class="path">${text(`${pkg.name}@${pkg.version}`)}</code>${native.platform ? ` <span class="note">(${text(native.platform)})</span>` : ''}${pkg.integrity ? `<br><code class="hash">${text(pkg.integrity)}</code>` : ''}${href ? `<br><a href="${escapeHtml(href)}" rel="noreferrer"><code class="path">${text(pkg.tarball!)}</code></a>` : ''}`,
      ]);
    }
    for (const b of native.binaries) {
      const detail = [b.format, b.container, b.layout, b.modules !== undefined ? plural(b.modules, 'module', 'modules') : undefined].filter(Boolean).map((s) => text(String(s))).join(', ');
      rows.push([
        'executable',
        `<code class="path">${text(b.path)}</code> <span class="note">${num(b.size)} bytes${detail ? `, ${detail}` : ''}</span><br>sha256 <code class="hash">${text(b.sha256)}</code>${b.error ? `<br><span class="tag tag-bad">${text(b.error)}</span>` : ''}`,
      ]);
    }
    if (native.error) rows.push(['platform', `<span class="tag tag-bad">${text(native.error)}</span>`]);
  }
  return `<dl class="ev">${rows.map(([k, val]) => `<dt>${k}</dt><dd>${val}</dd>`).join('')}</dl>`;
}

function versionsTable(report: Report): string {
  if (report.versions.length === 0) return '<p>No versions were analysed.</p>';
  const rows = report.versions.map((v) =>
    cells(
      [
        versionCode(v.version),
        utcTime(v.publishedAt),
        v.publisher ? text(v.publisher) : '<span class="muted">—</span>',
        versionStatus(v),
        packagingHtml(v),
        evidenceHtml(v),
      ],
      [],
      ` id="v-${report.versions.indexOf(v) + 1}"`,
    ),
  );
  const order = report.order === 'published' ? 'publish order' : 'semver order';
  return table(
    `${plural(report.versions.length, 'version', 'versions')} in ${escapeHtml(order)}`,
    ['Version', 'Published (UTC)', 'Publisher', 'Status', 'Code', 'Evidence'],
    rows,
    [],
    'versions',
  );
}

function pairsTable(report: Report): string {
  if (report.pairs.length === 0) return '<p>No pairs: fewer than two versions.</p>';
  const numeric = [1, 2, 3];
  const rows = report.pairs.map((p) =>
    cells(
      [
        pairLabel(p.from, p.to),
        num(p.stats.filesChanged),
        `<span class="plus">+${num(p.stats.linesAdded)}</span>`,
        `<span class="minus">−${num(p.stats.linesRemoved)}</span>`,
        findingCounts(p.findings) +
          (hasLibraryChurn(p.stats.libraries) ? `<br><span class="muted">packages: ${text(libraryWords(p.stats.libraries))}</span>` : '') +
          (p.coverage?.length ? `<br><span class="muted">coverage: ${text(coverageSummary(p.coverage))}</span>` : '') +
          (p.skipped?.length ? `<br><span class="muted">across ${text(clip(p.skipped.join(', '), 200).shown)} (not analysed)</span>` : '') +
          (p.error !== undefined ? `<br><span class="tag tag-bad">not analysed</span> ${text(clip(p.error, 300).shown)}` : ''),
        p.page ? `<a href="${escapeHtml(p.page)}">diff<span class="visually-hidden"> ${text(p.from)} to ${text(p.to)}</span></a>` : '<span class="muted">—</span>',
      ],
      numeric,
    ),
  );
  return table(
    `${plural(report.pairs.length, 'pair', 'pairs')} of successive versions`,
    ['From → to', 'Files changed', 'Lines added', 'Lines removed', 'Findings', 'Diff page'],
    rows,
    numeric,
  );
}

function findingsSection(s: PageContext): string {
  const { report, limits } = s;
  const withFindings = report.pairs.filter((p) => p.findings.length > 0);
  if (withFindings.length === 0) return '<p>No findings in this range.</p>';
  const sections = withFindings.map((p) => {
    const pairIndex = report.pairs.indexOf(p);
    const all = sortedFindings(p.findings);
    const shown = all.slice(0, limits.findingsPerPairOnIndex);
    const more =
      all.length > shown.length
        ? `<p class="note">${plural(all.length - shown.length, 'more finding', 'more findings')} on ${p.page ? `<a href="${escapeHtml(p.page)}">the pair page</a>` : 'the pair page'}.</p>`
        : '';
    const link = p.page ? ` <a class="note" href="${escapeHtml(p.page)}">diff page</a>` : '';
    const cards = shown.map((f) =>
      renderFinding(f, {
        report,
        evidenceChars: limits.evidenceChars,
        ruleDocs: s.ruleDocs,
        versionOrder: s.versionOrder,
        level: 4,
        id: s.places.onIndex.get(f)!,
        ...(p.page ? { pairPage: `${p.page}#${s.places.onPair.get(f)!}` } : {}),
        ...withUnit(unitSectionOf(s, pairIndex, f)),
      }),
    );
    return `<section class="pair-findings">
<h3>${pairLabel(p.from, p.to)}${link}</h3>
<p class="note">${findingCounts(all)}</p>
${cards.join('\n')}
${more}
</section>`;
  });
  const quiet = report.pairs.length - withFindings.length;
  const quietNote = quiet > 0 ? `<p class="note">${plural(quiet, 'pair has', 'pairs have')} no findings and ${quiet === 1 ? 'is' : 'are'} not listed here.</p>` : '';
  return sections.join('\n') + quietNote;
}

function lifecycleTable(s: PageContext): string {
  const { report } = s;
  if (report.lifecycle.length === 0) return '<p>No findings to follow across versions.</p>';
  const rows = report.lifecycle.map((l, i) => {
    const href = laneHref(report, s.places, l);
    const rule = `<code class="rule">${text(l.ruleId)}</code>`;
    return cells(
      [
        href.startsWith('#life-') ? rule : `<a href="${escapeHtml(href)}">${rule}</a>`,
        text(l.category),
        severityBadge(l.severity),
        l.introducedIn === null ? '<span class="muted">before range</span>' : versionCode(l.introducedIn),
        l.removedIn === null ? '<span class="tag tag-warn">still present</span>' : versionCode(l.removedIn),
        presentList(l.presentIn, s.versionOrder),
      ],
      [],
      ` id="life-${i + 1}"`,
    );
  });
  return table(
    `${plural(report.lifecycle.length, 'finding', 'findings')} followed across the range`,
    ['Rule', 'Category', 'Severity', 'Introduced in', 'Removed in', 'Present in'],
    rows,
  );
}

function summaryHtml(report: Report): string {
  const s = report.summary;
  const total = SEVERITIES.reduce((n, sev) => n + (s.findingsBySeverity[sev] ?? 0), 0);
  const bySeverity = SEVERITIES_DESC.map((sev) => severityBadge(sev, s.findingsBySeverity[sev] ?? 0)).join(' ');
  const first = report.versions[0];
  const last = report.versions.at(-1);
  const highest = highestSeverity(report.findings);
  const top = sortedFindings(report.findings)[0];
  const lead = top
    ? `<p class="lead">Most severe: ${severityBadge(top.severity)} <code class="rule">${text(top.ruleId)}</code> introduced in ${versionCode(top.to)}: ${text(clip(top.message, 300).shown)}</p>`
    : `<p class="lead">No finding in ${plural(report.versions.length, 'version', 'versions')}${first && last ? ` (${versionCode(first.version)} … ${versionCode(last.version)})` : ''}.</p>`;
  return `${lead}
<dl class="summary">
<div><dt>Versions</dt><dd>${num(s.versions)}</dd></div>
<div><dt>Pairs</dt><dd>${num(s.pairs)}</dd></div>
<div><dt>Lines added</dt><dd class="plus">+${num(s.linesAdded)}</dd></div>
<div><dt>Lines removed</dt><dd class="minus">−${num(s.linesRemoved)}</dd></div>
<div><dt>Findings</dt><dd>${num(total)}</dd></div>
<div><dt>Highest severity</dt><dd>${highest ? severityBadge(highest) : '<span class="muted">none</span>'}</dd></div>
<div class="wide"><dt>Findings by severity</dt><dd>${bySeverity}</dd></div>
</dl>`;
}

function reproduceHtml(report: Report): string {
  return `<pre class="command"><code>${text(report.command)}</code></pre>
<p class="note">Run it with the same registry${report.registry ? ` (<code class="path">${text(report.registry)}</code>)` : ''}: every tarball is checked against the integrity listed under Versions before it is read, so the same command gives the same diffs and findings. The publish times, publishers and integrity values above are the registry's as of ${utcTime(report.generatedAt)}.</p>`;
}

/** index.html. */
export function indexPage(s: PageContext): string {
  const { report } = s;
  const title = `${report.package} ${report.range}`;
  const header = `<h1>${text(report.package)} <code class="version">${text(report.range)}</code></h1>
<p class="meta">Version archaeology: ${plural(report.summary.versions, 'version', 'versions')}, ${report.order === 'published' ? 'in publish order' : 'in semver order'}${report.registry ? `, registry <code class="path">${text(report.registry)}</code>` : ''}.</p>
<nav class="toc" aria-label="Sections"><ul>
<li><a href="#summary">Summary</a></li><li><a href="#timeline">Timeline</a></li><li><a href="#findings">Findings</a></li><li><a href="#lifecycle">Lifecycle</a></li><li><a href="#pairs">Pairs</a></li><li><a href="#versions">Versions and evidence</a></li><li><a href="#reproduce">Reproduce</a></li>
</ul></nav>`;
  const pageOfVersion = new Map(report.pairs.filter((p) => p.page).map((p) => [p.to, p.page!]));
  const body = `<section aria-labelledby="summary"><h2 id="summary">Summary</h2>
${summaryHtml(report)}</section>
<section aria-labelledby="timeline"><h2 id="timeline">Timeline</h2>
${timelineHtml({ report, pageOf: (v) => pageOfVersion.get(v), hrefOf: (l) => laneHref(report, s.places, l) })}</section>
<section aria-labelledby="findings"><h2 id="findings">Findings</h2>
${findingsSection(s)}</section>
<section aria-labelledby="lifecycle"><h2 id="lifecycle">Lifecycle</h2>
${lifecycleTable(s)}</section>
<section aria-labelledby="pairs"><h2 id="pairs">Pairs</h2>
${pairsTable(report)}</section>
<section aria-labelledby="versions"><h2 id="versions">Versions and evidence</h2>
${versionsTable(report)}</section>
<section aria-labelledby="reproduce"><h2 id="reproduce">Reproduce</h2>
${reproduceHtml(report)}</section>`;
  return pageFrame({ title: `strata: ${escapeHtml(title)}`, css: STYLE, header, body, footer: footerHtml(report) });
}
