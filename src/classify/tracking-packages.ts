// Packages whose job is tracking: usage analytics and telemetry SDKs, and helpers that identify
// the machine. Both halves read them: a manifest that adds one, code that loads one.

/** Packages whose job is usage analytics or telemetry: adding one is adding telemetry. */
export const ANALYTICS_PACKAGES = new Set([
  'universal-analytics', 'analytics-node', '@segment/analytics-node', '@segment/analytics-next', 'analytics', 'posthog-node', 'posthog-js',
  'mixpanel', 'mixpanel-browser', 'amplitude', 'amplitude-js', '@amplitude/analytics-node', '@amplitude/analytics-browser', '@amplitude/node',
  'applicationinsights', '@microsoft/applicationinsights-web', 'rudder-sdk-node', '@rudderstack/rudder-sdk-node', '@expo/rudder-sdk-node',
  'insight', 'keen-tracking', 'heap-api', 'countly-sdk-nodejs', 'countly-sdk-web', 'matomo-tracker', 'piwik-tracker', '@vercel/analytics',
  'react-ga', 'react-ga4', 'ga-4-react', 'vue-gtag', 'vue-analytics', 'universal-ga', 'statsig-node', 'statsig-js', '@statsig/js-client',
  'logrocket', '@fullstory/browser', '@hotjar/browser', '@datadog/browser-rum', 'checkpoint-client', 'aptabase', '@aptabase/web',
]);

/** A package named for telemetry (`gatsby-telemetry`, `@nuxt/telemetry`) or a known analytics SDK. */
export function isAnalyticsPackage(name: string): boolean {
  if (name.startsWith('.') || name.startsWith('/')) return false;
  return ANALYTICS_PACKAGES.has(name) || /(?:^|[-/@.])telemetry(?:$|[-/.])/.test(name);
}

/** Packages whose job is to identify the machine (hardware ids, MAC addresses, the public IP). */
export const FINGERPRINT_PACKAGES = new Set([
  'node-machine-id', 'machine-uuid', 'machine-id', 'getmac', 'macaddress', 'systeminformation', 'public-ip', '@fingerprintjs/fingerprintjs', 'clientjs', 'device-uuid',
]);
