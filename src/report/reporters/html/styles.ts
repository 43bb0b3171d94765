// The pages' styles: one sheet inline in every page (no file, no network).
export const STYLE = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg-soft: #f6f8fa; --link: #0550ae; }
* { box-sizing: border-box; }
pre.words { white-space: pre-wrap; word-break: break-word; background: var(--bg-soft); padding: 12px; border: 1px solid var(--line); }
pre.words del { background: #ffebe9; color: #82071e; }
pre.words ins { background: #dafbe1; color: #116329; text-decoration: underline; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: #fff; }
header.page, main, footer.page { max-width: 96rem; margin: 0 auto; padding: 0 1.25rem; }
header.page { padding-top: 1rem; }
footer.page { color: var(--muted); font-size: 0.85rem; padding-bottom: 2rem; border-top: 1px solid var(--line); margin-top: 2rem; }
h1 { font-size: 1.6rem; margin: 0.5rem 0; overflow-wrap: anywhere; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.75rem; padding-bottom: 0.25rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; overflow-wrap: anywhere; }
h4, h5 { margin: 0; font-size: 1rem; }
.finding-head { margin: 0; font-size: 1rem; }
.evidence > :is(h4, h5), .decoded > :is(h4, h5) { font-size: 0.85rem; color: var(--muted); margin: 0.5rem 0 0; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
a { color: var(--link); }
a:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: 0.25rem 0.5rem; z-index: 10; }
nav.toc ul { list-style: none; padding: 0; margin: 0.5rem 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.9em; }
pre { background: var(--bg-soft); border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 0.75rem; margin: 0.25rem 0; overflow: auto; max-height: 30rem; white-space: pre-wrap; overflow-wrap: anywhere; }
pre.command { white-space: pre-wrap; }
code.path, code.hash, code.version, .table-wrap td { overflow-wrap: anywhere; unicode-bidi: isolate; }
.muted, .note { color: var(--muted); }
.note { font-size: 0.85rem; margin: 0.25rem 0; }
.cp { color: #8a1c1c; background: #fff0f0; border: 1px dotted #8a1c1c; border-radius: 3px; font-size: 0.85em; }
.meta { color: var(--muted); margin: 0.25rem 0; }
dl.summary { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: 0.5rem 1rem; margin: 0; }
dl.summary div { background: var(--bg-soft); border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 0.75rem; }
dl.summary dt { color: var(--muted); font-size: 0.85rem; }
dl.summary dd { margin: 0; font-size: 1.2rem; font-weight: 600; }
dl.summary div.wide { grid-column: 1 / -1; }
dl.summary div.wide dd { font-size: 1rem; font-weight: normal; }
.table-wrap { overflow-x: auto; margin: 0.5rem 0 1rem; }
table { border-collapse: collapse; min-width: 100%; }
caption { text-align: left; color: var(--muted); padding: 0.25rem 0; caption-side: top; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: var(--bg-soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.plus { color: #116329; font-variant-numeric: tabular-nums; }
.minus { color: #a40e26; font-variant-numeric: tabular-nums; }
.sev { display: inline-block; border-radius: 4px; padding: 0 0.4rem; font-size: 0.8rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.02em; border: 1px solid transparent; white-space: nowrap; }
.sev-count { font-weight: 600; }
.sev-critical { background: #6e0b0b; color: #fff; border-color: #6e0b0b; }
.sev-high { background: #b42318; color: #fff; border-color: #b42318; }
.sev-medium { background: #fdeaa7; color: #5c3b00; border-color: #c48a00; }
.sev-low { background: #ddeafc; color: #153e75; border-color: #6a96d1; }
.sev-info { background: #eef0f2; color: #3b434b; border-color: #a9b1b9; }
.tag { display: inline-block; border-radius: 4px; padding: 0 0.4rem; font-size: 0.8rem; border: 1px solid var(--line); background: var(--bg-soft); }
.tag-warn { background: #fff4d6; border-color: #c48a00; color: #5c3b00; }
.tag-bad { background: #ffebe9; border-color: #cf222e; color: #82071e; }
.status-added { color: #116329; }
.status-removed { color: #a40e26; }
.finding { border: 1px solid var(--line); border-left: 6px solid #a9b1b9; border-radius: 6px; padding: 0.5rem 0.75rem; margin: 0.75rem 0; }
.finding-critical { border-left-color: #6e0b0b; }
.finding-high { border-left-color: #b42318; }
.finding-medium { border-left-color: #c48a00; }
.finding-low { border-left-color: #6a96d1; }
.finding p { margin: 0.25rem 0; }
.finding .category { color: var(--muted); }
.decoded ul { margin: 0; padding-left: 1.25rem; }
.file { margin: 1.5rem 0; }
/* Long pages: the browser lays out a file's diff only when it scrolls into view. */
.file > .d2h-wrapper { content-visibility: auto; contain-intrinsic-size: auto 40rem; }
.file-head { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; align-items: baseline; border-bottom: 1px solid var(--line); padding-bottom: 0.25rem; }
.file-head h3 { margin: 0; }
.placeholder { border: 1px dashed #8c959f; background: var(--bg-soft); border-radius: 6px; padding: 0.75rem 1rem; margin: 0.5rem 0; }
/* diff2html's header names each section (a unit of code: file § kind name #index); the
   "Viewed" box needs a script. */
.d2h-file-collapse { display: none; }
.d2h-file-header { background: var(--bg-soft); }
.d2h-wrapper { margin-top: 0.5rem; }

:root { --sev-critical: #6e0b0b; --sev-high: #b42318; --sev-medium: #c48a00; --sev-low: #3b6fb6; --sev-info: #8c959f; --sev-none: #ffffff; }
/* Timeline */
.timeline { position: relative; }
.axis-input { position: absolute; opacity: 0; width: 1px; height: 1px; margin: 0; }
.axis-switch { display: inline-flex; border: 1px solid var(--line); border-radius: 6px; overflow: hidden; margin: 0.25rem 0; }
.axis-switch label { padding: 0.2rem 0.75rem; cursor: pointer; background: #fff; user-select: none; }
.axis-switch label + label { border-left: 1px solid var(--line); }
#axis-time:checked ~ .axis-switch label[for="axis-time"], #axis-semver:checked ~ .axis-switch label[for="axis-semver"] { background: var(--link); color: #fff; }
#axis-time:focus-visible ~ .axis-switch label[for="axis-time"], #axis-semver:focus-visible ~ .axis-switch label[for="axis-semver"] { outline: 2px solid var(--link); outline-offset: 2px; }
#axis-time:disabled ~ .axis-switch label[for="axis-time"] { color: var(--muted); cursor: not-allowed; text-decoration: line-through; }
#axis-time:checked ~ .layout-semver, #axis-semver:checked ~ .layout-time, #axis-semver:checked ~ .layout-time-note { display: none; }
.timeline-pane { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; background: #fff; margin: 0.5rem 0; }
.lanes-box { max-height: 70vh; overflow-y: auto; overflow-x: hidden; width: max-content; min-width: 100%; }
.timeline-svg { display: block; font: 11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.timeline-svg text { fill: var(--fg); }
.timeline-svg .grid line { stroke: #eaeef2; }
.timeline-svg .grid text.tick { fill: var(--muted); }
.timeline-svg .row-heads text { fill: var(--muted); font-weight: 600; }
.timeline-svg .axis { stroke: #8c959f; stroke-width: 1.5; }
.timeline-svg .axis-break rect { fill: #fff; }
.timeline-svg .vlabels text { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 10px; }
.mark circle { stroke: #1f2328; stroke-width: 1; fill: var(--sev-none); }
.mark.mark-first circle { stroke-dasharray: 2 2; }
.mark a:hover circle, .mark a:focus circle { stroke: var(--link); stroke-width: 3; }
.mark a:focus { outline: none; }
.sev-critical circle, .lane.sev-critical .lane-bar { fill: var(--sev-critical); }
.sev-high circle, .lane.sev-high .lane-bar { fill: var(--sev-high); }
.sev-medium circle, .lane.sev-medium .lane-bar { fill: var(--sev-medium); }
.sev-low circle, .lane.sev-low .lane-bar { fill: var(--sev-low); }
.sev-info circle, .lane.sev-info .lane-bar { fill: var(--sev-info); }
.lane-guides { stroke: #f0f2f4; }
.lane .lane-bar { fill: var(--sev-info); opacity: 0.85; }
.lane .lane-join { stroke: #59636e; stroke-width: 1.5; }
.lane .lane-before, .lane .lane-after { fill: #59636e; }
.lane .lane-removed-link { stroke: #59636e; stroke-dasharray: 3 3; }
.lane .lane-removed { stroke: #1f2328; stroke-width: 2; }
.lane a text { fill: var(--link); text-decoration: underline; }
.sym-packaging { fill: #6f42c1; stroke: #fff; }
.sym-out-of-order { fill: #c48a00; stroke: #5c3b00; }
.sym-deprecated { fill: #fff; stroke: #82071e; stroke-width: 1.5; }
.sym-deprecated-bar { stroke: #82071e; stroke-width: 1.5; }
.sym-gap { fill: none; stroke: #1f2328; stroke-width: 1.5; }
.legend-list { list-style: none; padding: 0; margin: 0.25rem 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; font-size: 0.85rem; }
.legend-list li { display: flex; align-items: center; gap: 0.35rem; }
.events-list li { margin: 0.1rem 0; }
.legend-svg { flex: none; overflow: visible; vertical-align: middle; margin-right: 0.35rem; }
.events-list { list-style: none; padding: 0; margin: 0.25rem 0; }
.event-kind { color: var(--muted); }
/* Findings */
.finding-pair { font-weight: normal; color: var(--muted); font-size: 0.9rem; }
.finding :is(.why, .added, .payloads, .present, .evidence) > :is(h4, h5) { font-size: 0.85rem; color: var(--muted); margin: 0.6rem 0 0.15rem; }
.reasons { margin: 0.25rem 0; padding-left: 1.25rem; }
.rule-doc { font-size: 0.9rem; }
pre.code { padding: 0.5rem 0; }
pre.code .ln { display: inline-block; min-width: 100%; padding: 0 0.75rem 0 1.5rem; position: relative; }
pre.code .ln.add { background: #eefbf1; }
pre.code .ln.gap { color: var(--muted); }
pre.code .ln.hl { background: #fff4d6; box-shadow: inset 3px 0 0 #c48a00; }
pre.code .ln.hl::before { content: "▶"; position: absolute; left: 0.4rem; color: #9a6700; font-size: 0.75em; top: 0.15em; }
.tok-s { color: #0a3069; }
.tok-c { color: #59636e; font-style: italic; }
.tok-n { color: #0550ae; }
.tok-k { color: #cf222e; }
figure.payload { margin: 0.4rem 0; border: 1px solid #c48a00; border-radius: 6px; padding: 0.4rem 0.6rem; background: #fffbf0; }
figure.payload figcaption { font-size: 0.85rem; color: var(--muted); }
pre.payload-text { background: #fff; max-height: 40rem; }
ol.payload-list { margin: 0.25rem 0; padding-left: 2rem; columns: 14rem auto; font-size: 0.9rem; }
.present-list { display: flex; flex-wrap: wrap; gap: 0.25rem; }
dl.where { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 0.75rem; margin: 0.25rem 0; font-size: 0.85rem; }
dl.where div { display: contents; }
dl.where dt { color: var(--muted); }
dl.where dd { margin: 0; overflow-wrap: anywhere; }
dl.ev { margin: 0; font-size: 0.85rem; }
dl.ev dt { color: var(--muted); float: left; clear: left; margin-right: 0.4rem; }
dl.ev dd { margin: 0 0 0.1rem; overflow-wrap: anywhere; }
/* Pair pages */
nav.pairs-nav { display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; margin: 0.25rem 0; }
.flagged { border: 2px solid var(--sev-high); border-radius: 6px; padding: 0.5rem 0.75rem; margin: 1rem 0; }
.flagged.flag-critical { border-color: var(--sev-critical); }
.flagged.flag-medium { border-color: var(--sev-medium); }
.flagged.flag-low, .flagged.flag-info { border-color: var(--sev-low); }
.annotation { background: #fff8f7; border-left: 4px solid var(--sev-high); padding: 0.4rem 0.6rem; margin: 0.25rem 0 0.5rem; }
.annotation ul { margin: 0.25rem 0; padding-left: 1.25rem; }
.hidden-units { background: var(--bg-soft); border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 0.75rem; }
@media print {
  body { font-size: 10pt; }
  .skip, nav.toc, nav.back { display: none; }
  header.page, main, footer.page { max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; }
  .finding, tr, .placeholder { break-inside: avoid; }
  .file > .d2h-wrapper { content-visibility: visible; }
  pre { max-height: none; overflow: visible; }
  .table-wrap { overflow: visible; }
  a { color: inherit; }
  .sev { border-color: #000; }
  .d2h-file-side-diff, .d2h-code-wrapper { overflow: visible !important; }
  .d2h-code-line-ctn { white-space: pre-wrap; word-break: break-all; }
  .axis-switch, .axis-input { display: none; }
  .timeline-pane { overflow: visible; border: none; }
  .timeline-svg { width: 100%; height: auto; }
  .lanes-box { max-height: none; overflow: visible; width: auto; }
  pre.code .ln.hl { box-shadow: inset 3px 0 0 #000; }
}
`;
