// Every code rule, by id. Adding a rule is adding a file here and a page in docs/rules/.
import type { CodeRule } from '../rule.js';
import busyLoop from './busy-loop.js';
import credentialRead from './credential-read.js';
import decoderFunction from './decoder-function.js';
import destructiveFs from './destructive-fs.js';
import dynamicEval from './dynamic-eval.js';
import encodedLiteral from './encoded-literal.js';
import envHostMatch from './env-host-match.js';
import exfilEndpoint from './exfil-endpoint.js';
import gatedFormat from './gated-format.js';
import hiddenUnicode from './hidden-unicode.js';
import hostFingerprint from './host-fingerprint.js';
import ipGeolocation from './ip-geolocation.js';
import localeGate from './locale-gate.js';
import lookalikeChoice from './lookalike-choice.js';
import obfuscatorOutput from './obfuscator-output.js';
import publicIpLookup from './public-ip-lookup.js';
import sensitiveSink from './sensitive-sink.js';
import shellStartupEdit from './shell-startup-edit.js';
import telemetryEndpoint from './telemetry-endpoint.js';
import timezoneGate from './timezone-gate.js';

export const CODE_RULES: readonly CodeRule[] = [
  timezoneGate,
  localeGate,
  ipGeolocation,
  envHostMatch,
  hostFingerprint,
  publicIpLookup,
  telemetryEndpoint,
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
  shellStartupEdit,
  busyLoop,
];
