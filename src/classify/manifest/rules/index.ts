// Every manifest (package) rule, by id. Adding a rule is adding a file here, a page in docs/rules/
// and a test in test/classify/manifest/rules/.
import binAdded from './bin-added.js';
import codeWiped from './code-wiped.js';
import dependencyAdded from './dependency-added.js';
import installScript from './install-script.js';
import trackingDependency from './tracking-dependency.js';
import type { Rule } from '../rule.js';

export const MANIFEST_RULES: readonly Rule[] = [installScript, codeWiped, trackingDependency, dependencyAdded, binAdded];
