import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { decodeLiterals, findDecoders, READABLE, type Decoded } from '../../../src/classify/decode/index.js';
import { DECODER, encodeList, HOSTS, KEYWORDS } from './flagship.js';

const require = createRequire(import.meta.url);

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const xorB64 = (s: string, key: number): string => Buffer.from(Buffer.from(s).map((b) => b ^ key)).toString('base64');
const xorChars = (s: string, key: string): string =>
  Array.from(s, (c, i) => String.fromCharCode(c.charCodeAt(0) ^ key.charCodeAt(i % key.length))).join('');
const sourceOf = (code: string, d: Decoded): string => code.slice(d.source.start, d.source.end);

describe('decodeLiterals: the flagship lists', () => {
  const hostLiteral = encodeList(HOSTS);
  const keywordLiteral = encodeList(KEYWORDS);
  const file =
    `var Zq=require("os");${DECODER}var Pp=null;function Kj(){return Pp??=DM4("${hostLiteral}"),Pp}` +
    `function Wv(A){let q=(A||"").toLowerCase();return Kj().some(K=>q.endsWith("."+K)||q===K)}` +
    `var Xk=DM4("${keywordLiteral}");function Hy(A){return Xk.some(q=>A.includes(q))}`;

  it('decodes both calls of the decoder function in the same code', () => {
    const found = decodeLiterals(file);
    expect(found).toHaveLength(2);
    const [hosts, keywords] = found as [Decoded, Decoded];
    expect(hosts.steps).toEqual(['base64', 'xor:0x5b', 'split:","']);
    expect(hosts.list).toHaveLength(147);
    expect(hosts.list!.slice(0, 2)).toEqual(['cn', 'sankuai.com']);
    expect(hosts.readability).toBeGreaterThanOrEqual(READABLE);
    expect(sourceOf(file, hosts)).toBe(`"${hostLiteral}"`);
    expect(keywords.list).toEqual(KEYWORDS);
    expect(keywords.text).toBe(KEYWORDS.join(','));
    expect(sourceOf(file, keywords)).toBe(`"${keywordLiteral}"`);
  });

  it('finds the decoder function and what it does', () => {
    expect(findDecoders(file)).toEqual([
      {
        name: 'DM4',
        params: ['A'],
        inputParam: 0,
        transform: { input: 'base64', xor: { kind: 'byte', key: 91 }, split: ',' },
        source: { start: file.indexOf('function DM4'), end: file.indexOf('var Pp') },
      },
    ]);
  });

  it('applies a decoder found elsewhere in the file to a unit that only calls it', () => {
    const unit = `function Hy(A){return(0,m.DM4)("${keywordLiteral}").some(q=>A.includes(q))}`;
    const found = decodeLiterals(unit, { decoders: findDecoders(file) });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ steps: ['base64', 'xor:0x5b', 'split:","'], list: KEYWORDS });
  });

  it('recovers the key when the decoder is nowhere in sight', () => {
    const unit = `function Hy(A){return m.DM4("${keywordLiteral}").some(q=>A.includes(q))}`;
    const [found] = decodeLiterals(unit);
    expect(found).toMatchObject({ steps: ['base64', 'xor-guess:0x5b'], text: KEYWORDS.join(','), list: KEYWORDS });
  });

  it('follows a literal through a variable into the decoder', () => {
    const code = `${DECODER}var E="${keywordLiteral}";function Hy(A){return DM4(E).some(q=>A.includes(q))}`;
    const found = decodeLiterals(code);
    expect(found).toHaveLength(1);
    expect(found[0]!.steps).toEqual(['base64', 'xor:0x5b', 'split:","']);
    expect(sourceOf(code, found[0]!)).toBe(`"${keywordLiteral}"`);
  });

  it('recognises decoders written as arrow functions and methods', () => {
    const code =
      `const dec=(A)=>Buffer.from(A,"base64").map(q=>q^91).toString().split(","),one=A=>atob(A);` +
      `class K{static d(s){return Buffer.from(s,"base64").map(c=>c^91).toString()}}` +
      `x=dec("${keywordLiteral}");y=K.d("${encodeList(['sankuai.com'])}");z=one("${b64('Asia/Shanghai')}")`;
    expect(findDecoders(code).map((d) => [d.name, d.transform])).toEqual([
      ['dec', { input: 'base64', xor: { kind: 'byte', key: 91 }, split: ',' }],
      ['one', { input: 'base64' }],
      ['d', { input: 'base64', xor: { kind: 'byte', key: 91 } }],
    ]);
    expect(decodeLiterals(code).map((d) => d.text)).toEqual([KEYWORDS.join(','), 'sankuai.com', 'Asia/Shanghai']);
  });

  it('reads the same code beautified', () => {
    const beautified = [
      'function DM4(A) {',
      '    return Buffer.from(A, "base64")',
      '        .map((q) => q ^ 91)',
      '        .toString()',
      '        .split(",");',
      '}',
      `var Xk = DM4(`,
      `    "${keywordLiteral}"`,
      ');',
    ].join('\n');
    expect(decodeLiterals(beautified)[0]?.list).toEqual(KEYWORDS);
  });

  it('reads a fragment that does not parse', () => {
    const fragment = `Buffer.from(A,"base64").map(q=>q^91).toString().split(",")}var Xk=DM4("${keywordLiteral}");if(a){`;
    const found = decodeLiterals(fragment, { decoders: findDecoders(DECODER) });
    expect(found[0]?.list).toEqual(KEYWORDS);
  });
});

describe('decodeLiterals: idioms', () => {
  it('Buffer.from(…, "base64") and atob on a literal', () => {
    const code =
      `a=Buffer.from("${b64('https://collector.example.com/v1')}","base64").toString();b=atob("${b64('navigator.userAgent')}");` +
      `c=decodeURIComponent(escape(window.atob(\`${b64('Asia/Urumqi')}\`)))`;
    const found = decodeLiterals(code);
    expect(found.map((d) => [d.steps, d.text])).toEqual([
      [['base64'], 'https://collector.example.com/v1'],
      [['base64'], 'navigator.userAgent'],
      [['base64'], 'Asia/Urumqi'],
    ]);
  });

  it('decodes a short literal when the code decodes it, even if it reads as nothing in particular', () => {
    const [found] = decodeLiterals(`x=atob("${b64('k9:Qz')}")`);
    expect(found?.text).toBe('k9:Qz');
  });

  it('Buffer.from(…, "hex")', () => {
    const hex = Buffer.from('Asia/Shanghai').toString('hex');
    expect(decodeLiterals(`tz=Buffer.from("${hex}","hex").toString("utf8")`)).toMatchObject([{ steps: ['hex'], text: 'Asia/Shanghai' }]);
  });

  it('.map(c => c ^ K) directly on a decoded literal, with another separator', () => {
    const code = `const L=Buffer.from("${xorB64('Asia/Shanghai|Asia/Urumqi|Asia/Chongqing', 0x21)}","base64").map(c=>c^0x21).toString().split("|")`;
    expect(decodeLiterals(code)).toMatchObject([
      { steps: ['base64', 'xor:0x21', 'split:"|"'], list: ['Asia/Shanghai', 'Asia/Urumqi', 'Asia/Chongqing'] },
    ]);
  });

  it('a charCodeAt/fromCharCode loop over an atob result assigned to a variable', () => {
    const code =
      `function f(){var s=atob("${xorB64('api.moonshot.cn', 55)}"),o="";` +
      'for(var i=0;i<s.length;i++)o+=String.fromCharCode(s.charCodeAt(i)^55);return o}';
    expect(decodeLiterals(code)).toMatchObject([{ steps: ['base64', 'xor:0x37'], text: 'api.moonshot.cn' }]);
  });

  it('a decoder function with the key visible in its body (charCodeAt ^ K)', () => {
    const encoded = Array.from('open.bigmodel.cn', (c) => String.fromCharCode(c.charCodeAt(0) ^ 13)).join('');
    const code = `function d(s){let o="";for(let i=0;i<s.length;i++)o+=String.fromCharCode(s.charCodeAt(i)^13);return o}const h=d(${JSON.stringify(encoded)});`;
    expect(decodeLiterals(code)).toMatchObject([{ steps: ['xor:0x0d'], text: 'open.bigmodel.cn' }]);
  });

  it('a repeating key held in a variable (key.charCodeAt(i % key.length))', () => {
    const encoded = xorChars('https://telemetry.example/collect', 'k3y');
    const code =
      `var K="k3y";function d(s){var o="";for(var i=0;i<s.length;i++)o+=String.fromCharCode(s.charCodeAt(i)^K.charCodeAt(i%K.length));return o}` +
      `fetch(d(${JSON.stringify(encoded)}))`;
    expect(decodeLiterals(code)).toMatchObject([{ steps: ['xor:"k3y"'], text: 'https://telemetry.example/collect' }]);
  });

  it('a repeating key written as a literal', () => {
    const encoded = xorChars('ANTHROPIC_BASE_URL', 'zx');
    const wrapped = `function d(s){var o="";for(var i=0;i<s.length;i++)o+=String.fromCharCode(s.charCodeAt(i)^"zx".charCodeAt(i%"zx".length));return o}d(${JSON.stringify(encoded)})`;
    expect(decodeLiterals(wrapped)).toMatchObject([{ steps: ['xor:"zx"'], text: 'ANTHROPIC_BASE_URL' }]);
  });

  it('a key passed to the decoder as an argument', () => {
    const code =
      'function d(s,k){return s.split("").map(c=>String.fromCharCode(c.charCodeAt(0)^k)).join("")}' +
      `x=d(${JSON.stringify(xorChars('dashscope.aliyuncs.com', '\x2a'))},42);` +
      `y=d(${JSON.stringify(xorChars('api.deepseek.com', 'zq'))},"zq")`;
    expect(decodeLiterals(code).map((d) => [d.steps, d.text])).toEqual([
      [['xor:0x2a'], 'dashscope.aliyuncs.com'],
      [['xor:"zq"'], 'api.deepseek.com'],
    ]);
  });

  it('String.fromCharCode with a list of codes, and a list XORed in place', () => {
    const codes = Array.from('Asia/Urumqi', (c) => c.charCodeAt(0));
    const xored = codes.map((c) => c ^ 7);
    const code = `a=String.fromCharCode(${codes.join(',')});b=String.fromCharCode(...[${xored.join(',')}].map(c=>c^7))`;
    expect(decodeLiterals(code).map((d) => [d.steps, d.text])).toEqual([
      [['fromCharCode'], 'Asia/Urumqi'],
      [['fromCharCode', 'xor:0x07'], 'Asia/Urumqi'],
    ]);
  });

  it('a bare array of codes that spells words', () => {
    const codes = Array.from('HTTPS_PROXY,https_proxy,ALL_PROXY', (c) => c.charCodeAt(0));
    expect(decodeLiterals(`var t=[${codes.join(',')}];`)).toMatchObject([{ steps: ['fromCharCode'], list: ['HTTPS_PROXY', 'https_proxy', 'ALL_PROXY'] }]);
  });

  it('escapes of printable ASCII, but not ordinary escapes', () => {
    const code = String.raw`a="\x41\x4e\x54\x48\x52\x4f\x50\x49\x43_BASE_URL";b="line\n\ttab\u2019s \"quoted\"";c="\u0041\u{42}C"`;
    const found = decodeLiterals(code);
    expect(found.map((d) => [d.steps, d.text])).toEqual([[['escapes'], 'ANTHROPIC_BASE_URL']]);
  });

  it('a standalone base64 or hex literal that reads as text', () => {
    const code = `x=["${b64('Intl.DateTimeFormat().resolvedOptions().timeZone')}","${Buffer.from('process.env.HTTPS_PROXY').toString('hex')}"]`;
    expect(decodeLiterals(code).map((d) => [d.steps, d.text])).toEqual([
      [['base64'], 'Intl.DateTimeFormat().resolvedOptions().timeZone'],
      [['hex'], 'process.env.HTTPS_PROXY'],
    ]);
  });
});

describe('decodeLiterals: stays silent on ordinary code', () => {
  // A real PNG header and a real-looking integrity string.
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.from(Array.from({ length: 60 }, (_, i) => (i * 37) & 0xff))]);
  const integrity = 'sha512-2gDrJmeiVwzRYfhSje3c4H7ZjRsE2hlkIf9+CbyCwdY1rp+pzm6wAMD92Yi2P2mdEsrWZJU0SIUruhDiXY8kuA==';

  it('ignores image data URIs, integrity hashes, hex digests and identifiers', () => {
    const code = [
      `img.src="data:image/png;base64,${png.toString('base64')}";`,
      `const tail="${png.toString('base64')}";`,
      `pkg={integrity:"${integrity}",shasum:"d3aafa1666d13a3a2fa9483bf556f641588d9a02"};`,
      `o={transaction_safe:1,"transaction_safe":"getElementsByTagName",k:"addEventListener"};`,
      `const re=/[^0-9a-f]/g,x=a^1,t=[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15];`,
      `const u="\\u2019\\n";`,
    ].join('\n');
    expect(decodeLiterals(code)).toEqual([]);
  });

  it('finds nothing readable in minified libraries (semver, diff)', () => {
    const sources = [require.resolve('semver/classes/range.js'), require.resolve('semver/classes/semver.js'), require.resolve('diff')];
    for (const file of sources) {
      const minified = transformSync(readFileSync(file, 'utf8'), { minify: true, loader: 'js', format: 'esm' }).code;
      expect(minified.length).toBeGreaterThan(2000);
      expect(findDecoders(minified)).toEqual([]);
      expect(decodeLiterals(minified).filter((d) => d.readability >= READABLE)).toEqual([]);
    }
  });
});

describe('decodeLiterals: bounds', () => {
  it('stops after maxLiterals and skips literals longer than maxBytes', () => {
    const code = `a=atob("${b64('first literal here')}");b=atob("${b64('second literal here')}")`;
    expect(decodeLiterals(code, { maxLiterals: 1 }).map((d) => d.text)).toEqual(['first literal here']);
    expect(decodeLiterals(code, { maxBytes: 8 })).toEqual([]);
  });

  it('takes time linear in the input', () => {
    const block = `function f${'$'}(){return DM4("${encodeList(KEYWORDS)}")+x[1]^y+"plain text"+[1,2,3,4,5,6]}\n`;
    const time = (blocks: number): number => {
      const code = DECODER + block.repeat(blocks);
      let best = Infinity;
      for (let run = 0; run < 2; run++) {
        const t0 = performance.now();
        expect(decodeLiterals(code, { maxLiterals: 1e6 })).toHaveLength(blocks);
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    time(200); // warm up
    expect(time(1600) / time(400)).toBeLessThan(10);
  });
});
