import { describe } from 'vitest';
import userFolderWrite from '../../../../src/classify/code/rules/user-folder-write.js';
import { codeRuleTester } from '../../../helpers/code-rule-tester.js';

const OLD = 'var fs=require("fs"),path=require("path"),os=require("os");function a0(n){return n+1}';

describe('user-folder-write', () => {
  codeRuleTester(userFolderWrite, {
    valid: [
      { name: 'settings under a dot-folder', before: OLD, after: OLD + 'function w(){fs.writeFileSync(path.join(os.homedir(),".config","tool","settings.json"),"{}")}' },
      { name: 'the Desktop read, not written', before: OLD, after: OLD + 'function r(){return fs.readdirSync(path.join(os.homedir(),"Desktop"))}' },
      { name: 'a project folder named Documents', before: OLD, after: OLD + 'function w(d){fs.writeFileSync(path.join(d,"Documents","x.md"),"")}' },
    ],
    invalid: [
      {
        name: 'path.join from the home folder',
        before: OLD,
        after: OLD + 'function w(){fs.writeFileSync(path.join(os.homedir(),"Desktop","NOTE.txt"),"hi")}',
        findings: [{ severity: 'high', message: "writes into the user's ~/Desktop (NOTE.txt)" }],
      },
      {
        name: 'a list of desktops in a loop',
        before: OLD,
        after: OLD + 'function w(){var ds=[path.join(os.homedir(),"Desktop"),path.join(os.homedir(),"OneDrive","Desktop")];for(var d of ds){fs.appendFileSync(path.join(d,"x.txt"),"1")}}',
        findings: [{ severity: 'high', message: "writes into the user's ~/Desktop, ~/OneDrive/Desktop (x.txt)" }],
      },
      {
        name: 'a bundled helper: the path built in one unit, written by a function of another',
        before: OLD,
        after:
          OLD +
          'var Desktops=`${os.homedir}/Desktop/`;function deliver(p,m){try{fs.writeFile(p,m,function(){})}catch(e){}}' +
          'if(!fs.existsSync(Desktops+"LOVE.txt")){deliver(`${Desktops}LOVE.txt`,"peace")}',
        findings: [{ severity: 'high', message: "writes into the user's ~/Desktop" }],
      },
      {
        name: 'behind a time-zone gate',
        before: OLD,
        after: OLD + 'function w(){if(Intl.DateTimeFormat().resolvedOptions().timeZone==="Europe/Moscow"){fs.writeFileSync(`${os.homedir()}/Documents/README.txt`,"x")}}',
        findings: [{ severity: 'critical', message: "writes into the user's ~/Documents (README.txt)" }],
      },
    ],
  });
});
