import { describe } from 'vitest';
import trackingDependency from '../../../../src/classify/manifest/rules/tracking-dependency.js';
import { ruleTester } from '../../../helpers/rule-tester.js';

const base = { name: 'demo', version: '1.0.0', dependencies: { chalk: '^4.0.0' } };

describe('tracking-dependency', () => {
  ruleTester(trackingDependency, {
    valid: [
      { name: 'an ordinary dependency', before: base, after: { ...base, dependencies: { ...base.dependencies, semver: '^7.0.0' } } },
      { name: 'already a dependency (range changed)', before: { ...base, dependencies: { 'posthog-node': '^3.0.0' } }, after: { ...base, dependencies: { 'posthog-node': '^4.0.0' } } },
      { name: 'a dev dependency', before: base, after: { ...base, devDependencies: { 'universal-analytics': '^0.4.0' } } },
    ],
    invalid: [
      { name: 'an analytics SDK', before: base, after: { ...base, dependencies: { ...base.dependencies, 'universal-analytics': '^0.4.20' } }, findings: [{ severity: 'medium', category: 'telemetry', message: 'analytics/telemetry package "universal-analytics" added as a dependency' }] },
      { name: "the project's own telemetry package", before: base, after: { ...base, dependencies: { ...base.dependencies, '@acme/telemetry': '1.0.0' } }, findings: [{ message: 'analytics/telemetry package "@acme/telemetry" added as a dependency' }] },
      { name: 'a machine id helper', before: base, after: { ...base, optionalDependencies: { 'node-machine-id': '^1.1.12' } }, findings: [{ message: 'machine-identifying package "node-machine-id" added as a dependency' }] },
    ],
  });
});
