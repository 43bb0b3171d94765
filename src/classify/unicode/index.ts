// Hidden characters and look-alikes: what a text really contains behind what it shows.
export { unescapeJsString } from './unescape.js';
export { findHiddenChars, type HiddenChar, type HiddenKind, type FindHiddenOptions } from './hidden.js';
export { skeleton, lookAlikeSets, prototypeOf, type LookAlikeSet, type LookAlikeOptions } from './confusables.js';
export { describeCodePoint, characterName } from './names.js';
export { CONFUSABLES_VERSION, NAMES_VERSION } from './confusables-data.js';
