// Every code rule, by id. Adding a rule is adding a file here, a page in docs/rules/ and a test in
// test/classify/code/rules/.
import type { CodeRule } from '../rule.js';
import analyticsSdk from './analytics-sdk.js';
import busyLoop from './busy-loop.js';
import dateTrigger from './date-trigger.js';
import credentialRead from './credential-read.js';
import decoderFunction from './decoder-function.js';
import destructiveFs from './destructive-fs.js';
import domainGate from './domain-gate.js';
import dynamicEval from './dynamic-eval.js';
import encodedLiteral from './encoded-literal.js';
import envHostMatch from './env-host-match.js';
import exfilEndpoint from './exfil-endpoint.js';
import forcedMedia from './forced-media.js';
import gatedFormat from './gated-format.js';
import hiddenUnicode from './hidden-unicode.js';
import hostFingerprint from './host-fingerprint.js';
import ipGeolocation from './ip-geolocation.js';
import localeGate from './locale-gate.js';
import lookalikeChoice from './lookalike-choice.js';
import obfuscatorOutput from './obfuscator-output.js';
import pageLock from './page-lock.js';
import publicIpLookup from './public-ip-lookup.js';
import sensitiveSink from './sensitive-sink.js';
import shellStartupEdit from './shell-startup-edit.js';
import telemetryEndpoint from './telemetry-endpoint.js';
import telemetrySend from './telemetry-send.js';
import timezoneGate from './timezone-gate.js';
import userFolderWrite from './user-folder-write.js';

export const CODE_RULES: readonly CodeRule[] = [
  timezoneGate,
  localeGate,
  domainGate,
  ipGeolocation,
  envHostMatch,
  hostFingerprint,
  publicIpLookup,
  telemetryEndpoint,
  telemetrySend,
  analyticsSdk,
  exfilEndpoint,
  sensitiveSink,
  credentialRead,
  encodedLiteral,
  decoderFunction,
  obfuscatorOutput,
  dynamicEval,
  hiddenUnicode,
  lookalikeChoice,
  gatedFormat,
  destructiveFs,
  pageLock,
  forcedMedia,
  userFolderWrite,
  dateTrigger,
  shellStartupEdit,
  busyLoop,
];
