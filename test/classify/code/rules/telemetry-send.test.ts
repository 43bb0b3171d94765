import { describe } from 'vitest';
import telemetrySend from '../../../../src/classify/code/rules/telemetry-send.js';
import { codeRuleTester } from '../../../helpers/code-rule-tester.js';

const OLD = 'var os=require("os");function a0(n){return n+1}';

describe('telemetry-send', () => {
  codeRuleTester(telemetrySend, {
    valid: [
      {
        name: 'a user agent with the OS and runtime, to an ordinary API',
        before: OLD,
        after: OLD + 'function c(x){return fetch("https://api.example.com/v1/items",{method:"POST",headers:{"user-agent":`sdk node/${process.version} ${os.platform()}`},body:JSON.stringify(x)})}',
      },
      { name: 'a GET of an events page', before: OLD, after: OLD + 'function c(){return fetch("https://api.example.com/repos/x/events")}' },
      { name: 'a docs link about telemetry', before: OLD, after: OLD + 'function n(){console.log("See https://example.org/telemetry")}' },
      {
        name: 'telemetry that was already there, under other names',
        before: OLD + 'function r(e){return fetch("https://telemetry.example.dev/v1",{method:"POST",body:JSON.stringify({e,p:os.platform()})})}',
        after: OLD + 'function s(q){return fetch("https://telemetry.example.dev/v1",{method:"POST",body:JSON.stringify({e:q,p:os.platform()})})}',
      },
    ],
    invalid: [
      {
        name: "to the project's own collector, with machine facts",
        before: OLD,
        after: OLD + 'function r(e){return fetch("https://telemetry.example.dev/api/v1/record",{method:"POST",body:JSON.stringify({e,platform:os.platform(),node:process.version,ci:!!process.env.CI})})}',
        findings: [{ severity: 'medium', message: 'usage data sent to https://telemetry.example.dev/api/v1/record: CI, OS, runtime version' }],
      },
      {
        name: 'machine facts to any endpoint, through node-fetch and a machine id helper',
        before: OLD,
        after:
          OLD +
          'var _f=require("node-fetch"),{machineIdSync}=require("node-machine-id");function r(u,e){return (0,_f.default)("https://api.example.com/v2/ping",{method:"POST",body:JSON.stringify({id:machineIdSync(),os:os.release()})})}',
        findings: [{ severity: 'medium', message: /machine id, OS/ }],
      },
      {
        name: 'http.request with write: host name and user name',
        before: OLD,
        after: OLD + 'var https=require("https");function r(){var q=https.request({hostname:"stats.example.net",path:"/collect",method:"POST"});q.write(JSON.stringify({h:os.hostname(),u:os.userInfo().username}));q.end()}',
        findings: [{ severity: 'high', message: 'usage data sent to //stats.example.net/collect: host name, user name' }],
      },
      { name: 'a telemetry switch read', before: OLD, after: OLD + 'function enabled(){return !process.env.NEXT_TELEMETRY_DISABLED}', findings: [{ severity: 'low', message: 'telemetry switch read: NEXT_TELEMETRY_DISABLED' }] },
      {
        name: "a collector's URL written down for a shared helper",
        before: OLD,
        after: OLD + 'var TELEMETRY_ENDPOINT="https://telemetry.example.dev/api/v1/record";',
        findings: [{ severity: 'medium', message: 'usage collector https://telemetry.example.dev/api/v1/record' }],
      },
    ],
  });
});
