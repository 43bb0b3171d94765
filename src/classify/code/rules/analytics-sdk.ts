import type { Severity } from '../../../types.js';
import { calleeName, stringValue, unwrap, type Node } from '../ast.js';
import { perFile } from '../file-memo.js';
import { TRACKING_ID } from '../known.js';
import { isAnalyticsPackage } from '../../tracking-packages.js';
import { message } from '../../messages.js';
import { defineCodeRule, type CodeMatch } from '../rule.js';
import { ofKind } from '../tags.js';
import { statementOf } from './util.js';

const LOADED = /(?:require\(\s*|\bfrom\s*|import\(\s*)["']([^"'\n]{1,214})["']/g;
/** Whether a file loads an analytics package. */
const loadsAnalyticsPackage = perFile((fileSource) => {
  for (const m of fileSource.matchAll(LOADED)) if (isAnalyticsPackage(m[1]!)) return true;
  return false;
});

/** A key an SDK is set up with: a tracking id, or a long token-like literal. */
function keyLike(s: string | undefined): s is string {
  return s !== undefined && (TRACKING_ID.test(s) || (s.length >= 16 && s.length <= 128 && /^[\w-]+$/.test(s) && /\d/.test(s) && /[a-z]/i.test(s)));
}

export default defineCodeRule({
  meta: {
    id: 'analytics-sdk',
    category: 'telemetry',
    severity: 'medium',
    description:
      'An analytics or telemetry SDK (universal-analytics, Segment, PostHog, Mixpanel, Amplitude, Application Insights, RudderStack, a *-telemetry package…) set up with a key, or an analytics tracking id (UA-…, G-…, phc_…) written in the code.',
    weight: 30,
    messages: ['analytics-sdk/sdk-key', 'analytics-sdk/sdk', 'analytics-sdk/key', 'analytics-sdk/tracking-id', 'analytics-sdk/id-form', 'analytics-sdk/uses', 'analytics-sdk/loads'],
  },
  match({ analysis, fileSource }) {
    const out: CodeMatch[] = [];
    // SDKs are known by the module a value comes from: only files that load one are looked at so.
    const sdkFile = loadsAnalyticsPackage(fileSource);
    // SDK constructors and set-up calls: `new PostHog("phc_…")`, `ua("UA-…")`, `Mixpanel.init("…")`.
    const sdkKeys = new Map<string, { sdk: string; key: string; node: Node }>();
    const used = new Map<string, Node>();
    for (const n of [...analysis.nodes('CallExpression'), ...analysis.nodes('NewExpression')]) {
      const callee = unwrap(n.callee);
      if (calleeName(n) === 'require' && n.type === 'CallExpression') {
        const m = stringValue(n.arguments[0])?.replace(/^node:/, '');
        if (m && isAnalyticsPackage(m) && !used.has(m)) used.set(m, n);
        continue;
      }
      if (!sdkFile) continue;
      const target = callee.type === 'MemberExpression' ? callee.object : callee;
      const sdk = ofKind(analysis.tags(target), 'module', 'module-export')
        .map((t) => (t.label ?? '').split('#')[0]!)
        .find(isAnalyticsPackage);
      if (!sdk) continue;
      const key = n.arguments.map((x: Node) => stringValue(x)).find(keyLike);
      if (key && !sdkKeys.has(sdk)) sdkKeys.set(sdk, { sdk, key, node: n });
    }
    for (const d of analysis.nodes('ImportDeclaration')) {
      const m = String(d.source?.value ?? '');
      if (isAnalyticsPackage(m) && !used.has(m)) used.set(m, d);
    }
    for (const { sdk, key, node } of sdkKeys.values()) {
      out.push({
        key: `sdk\0${sdk}\0${key}`,
        node: statementOf(analysis, node),
        message: message('analytics-sdk/sdk-key', { sdk, key }),
        spans: [{ start: node.start, end: node.end, role: 'call' }],
        reasons: [message('analytics-sdk/sdk', { sdk }), message('analytics-sdk/key', { key })],
        anchor: JSON.stringify(key),
        packageWide: key,
      });
    }
    // Tracking ids written anywhere in the unit (an SDK bundled in, or a hand-written beacon).
    const ids = new Map<string, Node>();
    for (const lit of analysis.nodes('Literal')) {
      if (typeof lit.value === 'string' && TRACKING_ID.test(lit.value) && !ids.has(lit.value)) ids.set(lit.value, lit);
    }
    for (const [id, lit] of ids) {
      if ([...sdkKeys.values()].some((k) => k.key === id)) continue;
      out.push({
        key: `id\0${id}`,
        node: statementOf(analysis, lit),
        message: message('analytics-sdk/tracking-id', { id }),
        spans: [{ start: lit.start, end: lit.end, role: 'literal' }],
        reasons: [message('analytics-sdk/id-form', { id })],
        anchor: lit.raw,
        packageWide: id,
      });
      if (out.length >= 4) break;
    }
    if (out.length === 0) {
      for (const [sdk, node] of used) {
        const severity: Severity = 'low';
        out.push({
          key: `uses\0${sdk}`,
          node: statementOf(analysis, node),
          message: message('analytics-sdk/uses', { sdk }),
          spans: [{ start: node.start, end: node.end, role: 'import' }],
          reasons: [message('analytics-sdk/loads', { sdk })],
          severity,
          packageWide: sdk,
        });
        if (out.length >= 2) break;
      }
    }
    return out;
  },
});
