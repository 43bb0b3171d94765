// Versions that go into cache keys and the report: the tool's and the beautifier's.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const TOOL_NAME = 'npm-strata';
export const TOOL_VERSION: string = require('../package.json').version;
export const BEAUTIFIER_VERSION: string = require('js-beautify/package.json').version;
