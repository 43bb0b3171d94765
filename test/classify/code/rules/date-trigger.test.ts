import { describe } from 'vitest';
import dateTrigger from '../../../../src/classify/code/rules/date-trigger.js';
import { codeRuleTester } from '../../../helpers/code-rule-tester.js';

const OLD = 'function a0(n){return n+1}';

describe('date-trigger', () => {
  codeRuleTester(dateTrigger, {
    valid: [
      { name: 'elapsed time', before: OLD, after: OLD + 'function f(start){return Date.now()-start>3600000}' },
      { name: 'a date the caller passes', before: OLD, after: OLD + 'function f(d){return d.getMonth()===1&&d.getDate()===29}' },
      { name: 'a timeout against a variable', before: OLD, after: OLD + 'function f(t){return Date.now()>t}' },
    ],
    invalid: [
      {
        name: 'a holiday easter egg',
        before: OLD,
        after: OLD + 'function f(p){var now=new Date();var x=now.getMonth()===11&&now.getDate()===25;return x?"Ho Ho Ho!":p.title}',
        findings: [{ severity: 'medium', message: 'behaviour switched on the date (month = 11, day = 25)' }],
      },
      {
        name: 'a time bomb that deletes',
        before: OLD,
        after: OLD + 'var fs=require("fs");function f(){if(Date.now()>1646092800000){fs.rmSync("./src",{recursive:true})}}',
        findings: [{ severity: 'high', message: 'behaviour switched on the date (time against 1646092800000); the code it gates deletes files' }],
      },
    ],
  });
});
