// bin-added: a command put on the PATH of installers, or an existing one pointed at another file.
import { describe } from 'vitest';
import binAdded from '../../../../src/classify/manifest/rules/bin-added.js';
import { ruleTester } from '../../../helpers/rule-tester.js';

const base = { name: 'demo', version: '1.0.0' };

describe('bin-added', () => {
  ruleTester(binAdded, {
    valid: [
      { name: 'string bin unchanged', before: { ...base, bin: 'cli.js' }, after: { ...base, bin: 'cli.js' } },
      { name: 'string bin written as the equivalent map', before: { ...base, bin: 'cli.js' }, after: { ...base, bin: { demo: 'cli.js' } } },
    ],
    invalid: [
      { name: 'new command', before: base, after: { ...base, bin: { demo: 'cli.js' } }, findings: [{ severity: 'medium', message: 'command "demo" added' }] },
      { name: 'command retargeted', before: { ...base, bin: { demo: 'a.js' } }, after: { ...base, bin: { demo: 'b.js' } }, findings: [{ message: 'command "demo" now runs another file' }], removed: 1 },
    ],
  });
});
