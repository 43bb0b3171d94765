import { describe } from 'vitest';
import analyticsSdk from '../../../../src/classify/code/rules/analytics-sdk.js';
import { codeRuleTester } from '../../../helpers/code-rule-tester.js';

const OLD = 'function a0(n){return n+1}';

describe('analytics-sdk', () => {
  codeRuleTester(analyticsSdk, {
    valid: [
      { name: 'a local module named analytics', before: OLD, after: OLD + 'var Analytics=require("./analytics");function t(){return new Analytics("abcdef1234567890abcdef")}' },
      { name: 'an id that only looks a bit like one', before: OLD, after: OLD + 'var v="UA-1";' },
      { name: 'already set up before', before: OLD + 'var ua=require("universal-analytics");function t(){ua("UA-8594346-29").send()}', after: OLD + 'var ub=require("universal-analytics");function s(){ub("UA-8594346-29").send()}' },
    ],
    invalid: [
      {
        name: 'universal-analytics with its tracking id',
        before: OLD,
        after: OLD + 'function t(){var ua=require("universal-analytics");ua("UA-8594346-29",{uid:"x"}).event("cli","run").send()}',
        findings: [{ severity: 'medium', message: 'analytics SDK universal-analytics set up with the key UA-8594346-29' }],
      },
      {
        name: 'PostHog imported by name',
        before: OLD,
        after: OLD + 'function t(){const {PostHog}=require("posthog-node");return new PostHog("phc_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcd")}',
        findings: [{ severity: 'medium', message: /^analytics SDK posthog-node set up with the key phc_/ }],
      },
      { name: 'a tracking id in a bundled SDK', before: OLD, after: OLD + 'var c={trackingId:"G-ABCD1234EF",transport:"beacon"};', findings: [{ severity: 'medium', message: 'analytics tracking id G-ABCD1234EF' }] },
      { name: 'a telemetry package loaded', before: OLD, after: OLD + 'function t(){return require("gatsby-telemetry").trackCli("x")}', findings: [{ severity: 'low', message: 'uses the analytics SDK gatsby-telemetry' }] },
    ],
  });
});
