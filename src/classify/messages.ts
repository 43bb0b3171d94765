// Every sentence a finding says, in one place. Rules return message ids with values (facts:
// names, hosts, lists, counts); the engines render them here once, into Finding.message and
// Finding.reasons, so every report format words a finding the same way. Ids are
// `<rule>/<what>`, or `gate/<what>` for the words several rules share.
import { domainToUnicode } from 'node:url';
import type { MessageRef, MessageValue, MessageValues } from '../types.js';

export type { MessageRef, MessageValue, MessageValues };

/** Lists kept in values at most (the whole list, when it matters, is in the finding's payloads). */
export const LIST_CAP = 24;

/** At most LIST_CAP items of a list: values stay small whatever the code holds. */
export function capped(items: readonly string[]): string[] {
  return items.slice(0, LIST_CAP);
}

// Words for the facts rules pass by name.

const EFFECT_WORDS: Record<string, string> = {
  network: 'sends a request',
  'fs-write': 'writes files',
  'fs-delete': 'deletes files',
  exec: 'runs commands',
  page: 'changes the page',
  media: 'plays media',
  storage: 'stores state (localStorage, cookies)',
  navigation: 'navigates away',
  dialog: 'shows a dialog',
  console: 'prints a message',
  exit: 'ends the process',
  eval: 'evaluates code',
};

/** What a usage report carries about the machine and its user (telemetry-send). */
const FACET_WORDS: Record<string, string> = {
  'machine-id': 'machine id',
  mac: 'MAC address',
  hostname: 'host name',
  username: 'user name',
  'git-identity': 'git identity',
  'public-ip': 'public IP',
  netif: 'network interfaces',
  hardware: 'hardware',
  container: 'container/WSL',
  ci: 'CI',
  platform: 'OS',
  runtime: 'runtime version',
  locale: 'locale',
  timezone: 'time zone',
};

/** Facts about the machine read together (host-fingerprint). */
const IDENTITY_WORDS: Record<string, string> = {
  'machine-id': 'machine id',
  mac: 'MAC address',
  'git-identity': 'git user name/email',
  hostname: 'host name',
  username: 'user name',
  hardware: 'hardware details',
  'public-ip': 'public IP address',
  netif: 'network interfaces',
  container: 'container/WSL',
  ci: 'CI',
  platform: 'OS',
  runtime: 'runtime version',
};

/** What an install-time script can do (install-script). */
const CAPABILITY_WORDS: Record<string, string> = {
  network: 'makes network requests',
  download: 'downloads files',
  exec: 'runs commands',
  'package-install': 'installs packages (npm install)',
  home: "reads or writes the user's home folder",
  eval: 'evaluates code',
  environment: 'reads environment variables',
};

/** What a decoded value is, when that is evidence in itself (encoded-literal). */
const TELLING_WORDS: Record<string, string> = {
  'host-list': 'a list of host names',
  'keyword-list': 'a list of keywords',
  code: 'code or a URL',
};

const effectWords = (effects: readonly string[]): string =>
  [...effects]
    .sort()
    .map((e) => EFFECT_WORDS[e] ?? e)
    .join(', ');
const capabilityWords = (caps: readonly string[]): string => caps.map((c) => CAPABILITY_WORDS[c] ?? c).join(', ');
const gates = (effects: readonly string[] | undefined): string => (effects && effects.length > 0 ? `; the code it gates ${effectWords(effects)}` : '');
const s = (n: number): string => (n === 1 ? '' : 's');

/** Quoted items, at most `max`, with the count when there are more. */
function preview(items: readonly string[], max = 6, total = items.length): string {
  const shown = items.slice(0, max).map((x) => JSON.stringify(x.length > 60 ? `${x.slice(0, 59)}…` : x));
  return total > max ? `${shown.join(', ')} … (${total} in all)` : shown.join(', ');
}

/** A text cut to `max` characters with an ellipsis. */
const cut = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** `.xn--p1ai (.рф)`: the punycode and what it spells. */
function domainWords(label: string): string {
  const unicode = label.startsWith('xn--') ? domainToUnicode(label) : '';
  return unicode && unicode !== label ? `.${label} (.${unicode})` : `.${label}`;
}

/** A gate (a probed value compared with a list), as gateValues (code/rules/util.ts) gives it. */
type GateValues = { gate?: string; via?: string; literals: string[]; literalCount: number; hidden?: boolean; unit?: string };

function gateWords(v: GateValues): string {
  const what = v.gate === 'url-host' ? `the host of ${v.via ?? 'a URL'}` : v.gate?.startsWith('env:') ? v.gate.slice(4) : (v.gate ?? 'a value');
  const n = v.literalCount;
  const list = n > 0 ? `: ${preview(v.literals, 6, n)}` : '';
  return `${what} compared with ${n > 0 ? `${n} value${s(n)}` : 'a value'}${v.hidden ? ' (a decoded list)' : ''}${list}${v.unit ? ` in ${v.unit}` : ''}`;
}

/** Where values were read: `Intl time zone, in function Hu6`. */
const readWords = (via: readonly string[], units: readonly string[]): string[] => via.map((w, i) => (units[i] ? `${w}, in ${units[i]}` : w));

/** A value a sensitive request carries (tag kind and its label or API). */
function tagWords(kind: string, detail: string): string {
  switch (kind) {
    case 'env':
      return `env ${detail}`;
    case 'url-host':
      return `host of ${detail || 'a URL'}`;
    case 'credential':
    case 'cred-path':
      return detail || kind;
    default:
      return detail ? `${kind} (${detail})` : kind;
  }
}

/** A decoded value: its entries (a preview of `max`), else its text. */
type DecodedValues = { entries?: string[]; entryCount?: number; text?: string };

/** What env-host-match reads (see subjectOf there). */
type SubjectValues = { subject: string; name?: string; unit?: string };

function subjectWords(v: SubjectValues, withUnit: boolean): string {
  const where = withUnit && v.unit ? ` (read in ${v.unit})` : '';
  switch (v.subject) {
    case 'url-host':
      return `the host of ${v.name}${where}`;
    case 'env':
      return `${v.name}${where}`;
    case 'hostname':
      return "the machine's host name";
    default:
      return "the user's name";
  }
}

/** A message without values. */
type None = Record<string, never>;

/** Type-checks one entry: its values are JSON-safe. */
const entry = <V extends { readonly [name: string]: MessageValue | undefined }>(words: (v: V) => string) => words;

const CATALOGUE = {
  // Shared by the gate rules.
  'gate/only-when': entry((v: GateValues) => `only when ${gateWords(v)}`),
  'gate/effects': entry((v: { effects: string[] }) => `only then the code ${effectWords(v.effects)}`),

  'timezone-gate/compared': entry((v: { zones: string[]; zoneCount: number; named: boolean; effects: string[] }) => {
    const list =
      v.zoneCount === 1 ? v.zones[0] : `${v.zoneCount} ${v.named ? 'zones' : 'offsets'} (${v.zones.slice(0, 3).join(', ')}${v.zoneCount > 3 ? ', …' : ''})`;
    return `${v.named ? 'time zone' : 'UTC offset'} compared with ${list}${gates(v.effects)}`;
  }),
  'timezone-gate/reads': entry((v: { via: string[]; units: string[] }) => `reads the time zone (${readWords(v.via, v.units).join(', ') || 'time zone'})`),
  'timezone-gate/reads-unknown': entry((_: None) => 'compares a value whose source is outside the analysed units with time zone names'),
  'timezone-gate/compares': entry((v: { zones: string[]; zoneCount: number }) => `compares it with ${preview(v.zones, 12, v.zoneCount)}`),

  'locale-gate/compared': entry(
    (v: { languages: string[]; languageCount: number; effects: string[] }) =>
      `language compared with ${preview(v.languages, 4, v.languageCount)}${gates(v.effects)}`,
  ),
  'locale-gate/reads': entry((v: { via: string[] }) => `reads the language (${v.via.join(', ')})`),
  'locale-gate/compares': entry((v: { languages: string[]; languageCount: number }) => `compares it with ${preview(v.languages, 12, v.languageCount)}`),

  'domain-gate/checked': entry(
    (v: { domains: string[]; effects: string[] }) => `host checked for country domains ${v.domains.map(domainWords).join(', ')}${gates(v.effects)}`,
  ),
  'domain-gate/reads': entry((v: { via: string[] }) => `reads the host (${v.via.join(', ')})`),
  'domain-gate/checks': entry((v: { domains: string[] }) => `checks it for the country domains ${v.domains.map(domainWords).join(', ')}`),

  'ip-geolocation/named': entry((v: { host: string; hidden: boolean }) => `IP geolocation service ${v.host}${v.hidden ? ' (in a decoded literal)' : ''}`),
  'ip-geolocation/names': entry((v: { host: string }) => `names the IP geolocation service ${v.host}`),
  'ip-geolocation/hidden': entry((_: None) => 'the host is hidden in an encoded literal'),

  'public-ip-lookup/named': entry((v: { host: string; hidden: boolean }) => `public IP lookup via ${v.host}`),
  'public-ip-lookup/names': entry((v: { host: string }) => `names ${v.host}, which returns the public IP address`),

  'telemetry-endpoint/named': entry((v: { host: string; hidden: boolean }) => `telemetry endpoint ${v.host}${v.hidden ? ' (in a decoded literal)' : ''}`),
  'telemetry-endpoint/names': entry((v: { host: string }) => `names the analytics/telemetry endpoint ${v.host}`),
  'telemetry-endpoint/hidden': entry((_: None) => 'the endpoint is hidden in an encoded literal'),

  'exfil-endpoint/named': entry((v: { host: string; hidden: boolean }) => `data collection endpoint ${v.host}${v.hidden ? ' (in a decoded literal)' : ''}`),
  'exfil-endpoint/names': entry((v: { host: string }) => `names ${v.host}, a known exfiltration or tunnelling endpoint`),
  'exfil-endpoint/hidden': entry((_: None) => 'the endpoint is hidden in an encoded literal'),

  'env-host-match/matched': entry(
    (v: SubjectValues & { hidden: boolean; entryCount: number }) =>
      `${subjectWords(v, false)} matched against ${v.hidden ? 'a hidden list' : 'a list'} (${v.entryCount} entries)`,
  ),
  'env-host-match/reads': entry((v: SubjectValues) => `reads ${subjectWords(v, true)}`),
  'env-host-match/against-hidden': entry(
    (v: { sizes: number[] }) => `matches it against ${v.sizes.length} decoded list${s(v.sizes.length)} (${v.sizes.map((n) => `${n} entries`).join(', ')})`,
  ),
  'env-host-match/against': entry((v: { entries: string[]; entryCount: number }) => `matches it against ${preview(v.entries, 8, v.entryCount)}`),
  'env-host-match/by': entry((v: { how: string[] }) => `by ${v.how.join(', ')}`),

  'host-fingerprint/read': entry(
    (v: { kinds: string[]; hashed: boolean }) => `${v.hashed ? 'hashed ' : ''}host fingerprint: ${v.kinds.map((k) => IDENTITY_WORDS[k] ?? k).join(', ')}`,
  ),
  'host-fingerprint/reads': entry((v: { kinds: string[] }) => `reads ${v.kinds.map((k) => IDENTITY_WORDS[k] ?? k).join(', ')}`),
  'host-fingerprint/hashed': entry((_: None) => 'hashes them into one identifier'),
  'host-fingerprint/combined': entry((_: None) => 'puts them together in one value'),

  'telemetry-send/sent': entry(
    (v: { url: string; facets: string[] }) =>
      `usage data sent to ${v.url}${v.facets.length > 0 ? `: ${v.facets.map((k) => FACET_WORDS[k] ?? k).join(', ')}` : ''}`,
  ),
  'telemetry-send/request': entry(
    (v: { api: string; method?: string; url?: string }) => `${v.api} ${v.method === 'GET' ? 'requests' : 'sends to'} ${v.url ?? 'a URL built elsewhere'}`,
  ),
  'telemetry-send/collector-url': entry((_: None) => 'the URL names a usage collector (telemetry, analytics, events, metrics…)'),
  'telemetry-send/carries': entry((v: { facets: string[] }) => `what it sends carries: ${v.facets.map((k) => FACET_WORDS[k] ?? k).join(', ')}`),
  'telemetry-send/switch': entry((v: { names: string[] }) => `can be turned off with ${v.names.join(', ')}`),
  'telemetry-send/collector': entry((v: { url: string }) => `usage collector ${cut(v.url, 120)}`),
  'telemetry-send/collector-named': entry((v: { host: string }) => `names ${v.host}, a telemetry or analytics collector by its name`),
  'telemetry-send/switch-read': entry((v: { names: string[] }) => `telemetry switch read: ${v.names.join(', ')}`),
  'telemetry-send/switch-reads': entry(
    (v: { names: string[] }) => `reads ${v.names.map((n) => `process.env.${n}`).join(', ')}, the switch of a telemetry or analytics feature`,
  ),

  'analytics-sdk/sdk-key': entry((v: { sdk: string; key: string }) => `analytics SDK ${v.sdk} set up with the key ${v.key}`),
  'analytics-sdk/sdk': entry((v: { sdk: string }) => `uses ${v.sdk}, an analytics/telemetry SDK`),
  'analytics-sdk/key': entry((v: { key: string }) => `sets it up with ${v.key}`),
  'analytics-sdk/tracking-id': entry((v: { id: string }) => `analytics tracking id ${v.id}`),
  'analytics-sdk/id-form': entry((v: { id: string }) => `${v.id} is the form of an analytics tracking id`),
  'analytics-sdk/uses': entry((v: { sdk: string }) => `uses the analytics SDK ${v.sdk}`),
  'analytics-sdk/loads': entry((v: { sdk: string }) => `loads ${v.sdk}, an analytics/telemetry SDK`),

  'sensitive-sink/sent': entry((v: { kinds: string[]; sink: string }) => `${v.kinds.map((k) => k.replace(/^credential:/, '')).join(', ')} sent with ${v.sink}`),
  'sensitive-sink/sends': entry(
    (v: { sink: string; tags: string[]; details: string[] }) =>
      `${v.sink} sends ${[...new Set(v.tags.map((k, i) => tagWords(k, v.details[i] ?? '')))].join(', ')}`,
  ),

  'credential-read/reads': entry((v: { files: string[] }) => `reads ${v.files.join(', ')}`),
  'credential-read/network': entry((_: None) => 'the same code makes network requests'),
  'credential-read/env-scan': entry((_: None) => 'searches the environment for secrets'),
  'credential-read/env-patterns': entry(
    (v: { patterns: string[]; patternCount: number }) => `matches environment variable names against ${preview(v.patterns, 6, v.patternCount)}`,
  ),
  'credential-read/env-secrets': entry((v: { names: string[]; nameCount: number }) => `reads ${v.nameCount} secret environment variables`),
  'credential-read/env-names': entry((v: { names: string[]; nameCount: number }) => `reads ${preview(v.names, 10, v.nameCount)}`),

  'encoded-literal/decoded': entry(
    (v: { steps: string[]; entryCount?: number; length: number }) =>
      `encoded ${v.entryCount !== undefined ? `list of ${v.entryCount} entries` : `string (${v.length} chars)`} (${v.steps.join(' → ')})`,
  ),
  'encoded-literal/by': entry(
    (v: { steps: string[]; byCode: boolean; decoder?: string }) =>
      `${v.byCode ? `decoded by ${v.decoder ? `${v.decoder}()` : 'the code'}` : 'decodes'}: ${v.steps.join(' → ')}`,
  ),
  'encoded-literal/value': entry((v: DecodedValues & { length: number }) =>
    v.entries
      ? `decoded list of ${v.entryCount} entries: ${preview(v.entries, 8, v.entryCount)}`
      : `decoded string (${v.length} chars): ${JSON.stringify(cut(v.text ?? '', 120))}`,
  ),
  'encoded-literal/telling': entry(
    (v: { what: string; host?: string }) => `the decoded value is ${v.what === 'endpoint' ? `the endpoint ${v.host}` : (TELLING_WORDS[v.what] ?? v.what)}`,
  ),
  'encoded-literal/decoder': entry((v: { source: string }) => `decoder: ${cut(v.source, 200)}`),

  'decoder-function/reveals': entry(
    (v: { name: string; count: number; steps: string[] }) => `decoder ${v.name}() reveals ${v.count} encoded literal${s(v.count)} (${v.steps.join(', ')})`,
  ),
  'decoder-function/decodes': entry((v: { name: string; steps: string[] }) => `${v.name}() decodes its argument: ${v.steps.join(' → ')}`),
  'decoder-function/value': entry(
    (v: DecodedValues) =>
      `decodes to ${v.entries ? `${v.entryCount} entries: ${preview(v.entries, 6, v.entryCount)}` : JSON.stringify((v.text ?? '').slice(0, 120))}`,
  ),

  'obfuscator-output/shaped': entry(
    (v: { names: number; rotation: boolean }) => `obfuscator output (${v.names} _0x names${v.rotation ? ', rotated string array' : ''})`,
  ),
  'obfuscator-output/names': entry((v: { count: number }) => `${v.count} identifiers named like _0x1a2b (javascript-obfuscator)`),
  'obfuscator-output/rotation': entry((_: None) => 'a string array rotated at start-up (push/shift in a while(!![]) loop with parseInt checks)'),
  'obfuscator-output/table': entry((v: { count: number }) => `string table of ${v.count} entries`),

  'dynamic-eval/runs': entry(
    (v: { kind: string; source: string }) =>
      `${v.kind} runs ${v.source === 'fetched' ? 'code fetched from the network' : v.source === 'decoded' ? 'decoded code' : 'code built at run time'}`,
  ),
  'dynamic-eval/executes': entry((v: { kind: string }) => `${v.kind}(…) executes a value computed at run time`),
  'dynamic-eval/decoded': entry((_: None) => 'the value was decoded from an encoded literal'),
  'dynamic-eval/fetched': entry((_: None) => 'the value comes from a network response'),
  'dynamic-eval/passed': entry((v: { name: string }) => `a network response is passed straight to ${v.name}`),

  'hidden-unicode/in-string': entry(
    (v: { count: number; kinds: string[]; decoded: boolean }) =>
      `${v.count} hidden character${s(v.count)} (${v.kinds.join(', ')}) in a ${v.decoded ? 'decoded ' : ''}string`,
  ),
  'hidden-unicode/contains': entry((v: { char: string }) => `contains ${v.char}`),
  'hidden-unicode/in-code': entry(
    (v: { count: number; kinds: string[] }) => `${v.count} hidden character${s(v.count)} (${v.kinds.join(', ')}) in code or comments`,
  ),
  'hidden-unicode/contains-outside': entry((v: { char: string }) => `contains ${v.char} outside any string`),

  'lookalike-choice/chosen': entry((v: { texts: string[] }) => `look-alike characters chosen by a condition: ${v.texts.join(' ')}`),
  'lookalike-choice/literals': entry(
    (v: { texts: string[]; names: string[] }) =>
      `${v.texts.length} literals that look the same (${v.texts.map((t, i) => `${JSON.stringify(t)} ${v.names[i] ?? ''}`).join('; ')})`,
  ),
  'lookalike-choice/branches': entry((_: None) => 'each is the outcome of a different branch'),
  'lookalike-choice/chosen-by': entry((v: GateValues) => `chosen by ${gateWords(v)}`),

  'gated-format/switched': entry(
    (v: { gates: string[]; changes: string[] }) =>
      `output switched by ${v.gates.map((l) => (l === 'url-host' ? 'configured host' : l.replace(/^env:/, ''))).join(' and ')}: ${v.changes.join(', ')}`,
  ),
  'gated-format/condition': entry((v: GateValues) => `condition: ${gateWords(v)}`),
  'gated-format/changes': entry((v: { changes: string[] }) => `changes the output: ${v.changes.join(', ')}`),
  'gated-format/lookalikes': entry(
    (v: { unit?: string }) => `the same output also carries look-alike characters chosen by a condition (${v.unit ?? 'this unit'})`,
  ),

  'destructive-fs/removes': entry((v: { what: string; gated: boolean }) => `destructive file operation: ${v.what}${v.gated ? ' (behind a gate)' : ''}`),
  'destructive-fs/removes-what': entry((v: { what: string }) => `removes ${v.what}`),

  'page-lock/locks': entry((v: { gated: boolean }) => `locks the page (pointer-events: none on the whole page)${v.gated ? ' behind a gate' : ''}`),
  'page-lock/never-reset': entry((_: None) => 'sets pointer-events: none on the page body or root and never resets it'),

  'forced-media/plays': entry((v: { url: string; gated: boolean }) => `plays ${cut(v.url, 100)} on its own${v.gated ? ' behind a gate' : ''}`),
  'forced-media/remote': entry((_: None) => 'media from a hard-coded remote address'),
  'forced-media/unasked': entry((_: None) => 'played without a click or key press'),

  'user-folder-write/writes': entry((v: { folders: string[]; file?: string }) => {
    const file = v.file && !v.folders.some((f) => f.endsWith(v.file!)) ? ` (${v.file})` : '';
    return `writes into the user's ${v.folders.map((f) => `~/${f}`).join(', ')}${file}`;
  }),
  'user-folder-write/call': entry(
    (v: { call: string; paths: string[]; folders: string[] }) => `${v.call}() writes ${v.paths.slice(0, 3).join(', ') || v.folders.join(', ')}`,
  ),
  'user-folder-write/via-function': entry(
    (v: { call: string; folders: string[] }) => `${v.call}() writes the file it is given, here a path into ${v.folders.join(', ')}`,
  ),

  'date-trigger/switched': entry((v: { parts: string[]; hows: string[]; literals: string[]; effects: string[] }) => {
    const when = v.parts.map((p, i) => `${p} ${v.hows[i] === 'order' ? 'against' : '='} ${v.literals[i]}`).join(', ');
    return `behaviour switched on the date (${when})${gates(v.effects)}`;
  }),
  'date-trigger/reads': entry((v: { parts: string[] }) => `reads the current ${v.parts.join(', ')}`),
  'date-trigger/compares': entry((v: { values: string[] }) => `compares it with ${v.values.join(', ')}`),

  'shell-startup-edit/writes': entry((v: { file: string }) => `writes the shell start-up file ${v.file}`),
  'shell-startup-edit/call': entry((v: { call: string; path: string }) => `${v.call}() writes ${v.path}`),

  'busy-loop/endless': entry((v: { gated: boolean }) => `endless empty loop${v.gated ? ' behind a gate' : ''}`),
  'busy-loop/loop': entry((_: None) => 'a loop whose condition is always true and whose body is empty'),

  // Manifest rules.
  'bin-added/added': entry((v: { name: string; target: string }) => `command "${v.name}" added`),
  'bin-added/changed': entry((v: { name: string; target: string; was: string }) => `command "${v.name}" now runs another file`),

  'code-wiped/wiped': entry(
    (v: { bytesBefore: number; bytesAfter: number; filesBefore: number; filesAfter: number }) =>
      `the release removes nearly all of the package's code: ${v.bytesBefore.toLocaleString('en-US')} → ${v.bytesAfter.toLocaleString('en-US')} bytes of JavaScript (${v.filesBefore} → ${v.filesAfter} files)`,
  ),

  'dependency-added/added': entry((v: { field: string; name: string; source: string }) => {
    const where = v.source === 'registry' ? '' : ` from ${v.source === 'url' ? 'a URL' : `a ${v.source} source`}`;
    return `${v.field === 'dependencies' ? 'dependency' : v.field.replace(/ies$/, 'y')} "${v.name}" added${where}`;
  }),

  'install-script/hook': entry(
    (v: { hook: string; changed: boolean; does: string[] }) =>
      `install script "${v.hook}" ${v.changed ? 'changed' : 'added'}${v.does.length > 0 ? `; it ${capabilityWords(v.does)}` : ''}`,
  ),
  'install-script/target': entry((v: { hook: string; target: string; changed: boolean; read: boolean; gained: string[]; does: string[] }) => {
    const said = !v.read ? '' : v.gained.length > 0 ? `; it now ${capabilityWords(v.gained)}` : v.does.length > 0 ? `; it ${capabilityWords(v.does)}` : '';
    return `install script "${v.hook}" runs ${v.target}, which was ${v.changed ? 'changed' : 'added'}${said}`;
  }),

  'tracking-dependency/analytics': entry((v: { name: string; field: string }) => `analytics/telemetry package "${v.name}" added as a dependency`),
  'tracking-dependency/machine-id': entry((v: { name: string; field: string }) => `machine-identifying package "${v.name}" added as a dependency`),
};

export type MessageId = keyof typeof CATALOGUE;
export type ValuesOf<K extends MessageId> = Parameters<(typeof CATALOGUE)[K]>[0];

/** Every id in the catalogue. */
export const MESSAGE_IDS: readonly MessageId[] = Object.keys(CATALOGUE) as MessageId[];

export function isMessageId(id: string): id is MessageId {
  return Object.hasOwn(CATALOGUE, id);
}

/** A message as data. Values left undefined are dropped, so what is kept is JSON as it is. */
export function message<K extends MessageId>(messageId: K, values: ValuesOf<K>): MessageRef {
  const kept: Record<string, MessageValue> = {};
  for (const [k, v] of Object.entries(values as Record<string, MessageValue | undefined>)) if (v !== undefined) kept[k] = v;
  return { messageId, values: kept };
}

/** The words of a message. An id the catalogue does not have (a newer report) is shown as it is. */
export function renderMessage(ref: MessageRef): string {
  if (!isMessageId(ref.messageId)) return ref.messageId;
  return (CATALOGUE[ref.messageId] as (v: MessageValues) => string)(ref.values);
}
