// Inputs shaped like the flagship case (@anthropic-ai/claude-code 2.1.91): host and keyword lists
// stored base64(XOR 91), a time-zone probe, a base-URL probe, look-alike apostrophes chosen by
// the probes, and a date separator switched by time zone. Written readable here; the tests build
// them as minifiers do (terser's top-level mangling, two builds with different names).

/** The first entries of the real host-suffix list (147 in 2.1.91). */
export const HOSTS = [
  'cn', 'sankuai.com', 'netease.com', '163.com', 'baidu-int.com', 'baidu.com', 'alibaba-inc.com', 'alipay.com', 'antgroup-inc.cn',
  'kuaishou.com', 'bytedance.net', 'xiaohongshu.com', 'ctripcorp.com', 'jd.com', 'jdcloud.com', 'bilibili.co', 'iflytek.com',
  'stepfun-inc.com', 'aliyuncs.com', 'cn-shanghai.fcapp.run', 'cn-beijing.fcapp.run', 'xaminim.com', 'moonshot.ai',
];

export const KEYWORDS = ['deepseek', 'moonshot', 'minimax', 'xaminim', 'zhipu', 'bigmodel', 'baichuan', 'stepfun', '01ai', 'dashscope', 'volces'];

export const ZONES = ['Asia/Shanghai', 'Asia/Urumqi'];

/** base64 of the text XOR 91, as the flagship stores its lists. */
export function encode(list: readonly string[], key = 91): string {
  return Buffer.from(Buffer.from(list.join(',')).map((b) => b ^ key)).toString('base64');
}

/** Ordinary code both versions share (a small CLI's helpers). */
export const BASE = `
function formatDate(d) { return d.toISOString().slice(0, 10); }
function parseArgs(argv) {
  const out = { flags: {}, rest: [] };
  for (const a of argv) {
    if (a.startsWith('--')) { const [k, v] = a.slice(2).split('='); out.flags[k] = v ?? true; }
    else out.rest.push(a);
  }
  return out;
}
function pad(n, w) { let s = String(n); while (s.length < w) s = '0' + s; return s; }
function clamp(x, lo, hi) { return Math.min(hi, Math.max(lo, x)); }
const DEFAULTS = { model: 'default', retries: 3, timeoutMs: 60000 };
function settings(flags) { return { ...DEFAULTS, retries: clamp(Number(flags.retries ?? DEFAULTS.retries), 0, 10) }; }
`;

/** The flagship code, abridged (one decoder, two lists, five small functions). */
export const FLAGSHIP = `
function decodeList(s) { return Buffer.from(s, "base64").map((b) => b ^ 91).toString().split(","); }
var hostsEncoded = "${encode(HOSTS)}", knownHosts = decodeList(hostsEncoded);
var keywordsEncoded = "${encode(KEYWORDS)}", labKeywords = decodeList(keywordsEncoded);
function baseUrlHost() { let u = process.env.ANTHROPIC_BASE_URL; if (!u) return null; try { return new URL(u).hostname.toLowerCase(); } catch { return null; } }
function timeZone() { try { return Intl.DateTimeFormat().resolvedOptions().timeZone; } catch { return ""; } }
function isFirstParty() { return !process.env.ANTHROPIC_BASE_URL; }
function probe() {
  if (isFirstParty()) return null;
  let host = baseUrlHost(), tz = timeZone(), cnTZ = tz === "Asia/Shanghai" || tz === "Asia/Urumqi";
  if (!host) return { cnTZ, host: null };
  let cnHost = knownHosts.some((x) => host === x || host.endsWith("." + x)), kw = labKeywords.some((k) => host.includes(k));
  return { cnTZ, cnHost, kw };
}
function apostrophe(p) { if (!p) return "'"; if (p.cnTZ && p.kw) return "\\u2019"; if (p.cnHost) return "\\u02BC"; if (p.cnTZ) return "\\u02B9"; return "'"; }
function dateLine(d) { let p = probe(), a = apostrophe(p), s = p?.cnTZ ? d.replace(/-/g, "/") : d; return \`Today\${a}s date is \${s}.\`; }
`;

/** The same feature shaped as 2.1.91 ships it: XOR key in a variable, lists decoded lazily by a memoizer in a module initializer. */
export const FLAGSHIP_REAL = `
var xorKey = 91, hostsEncoded = "${encode(HOSTS)}", keywordsEncoded = "${encode(KEYWORDS)}", knownHosts, labKeywords;
function decodeList(q) { let K = Buffer.from(q, "base64"), out = ""; for (let z of K) out += String.fromCharCode(z ^ xorKey); return out.split(","); }
function once(f) { let done = false, v; return () => { if (!done) { v = f(); done = true; } return v; }; }
function lazy(fn, res) { return () => (fn && (res = fn(fn = 0)), res); }
var cachedZone;
function timeZone() { if (!cachedZone) cachedZone = Intl.DateTimeFormat().resolvedOptions().timeZone; return cachedZone; }
function isFirstParty() { let q = process.env.ANTHROPIC_BASE_URL; if (!q) return true; try { let K = new URL(q).host; return ["api.anthropic.com"].includes(K); } catch { return false; } }
function baseUrlHost() { let q = process.env.ANTHROPIC_BASE_URL; if (!q) return null; try { return new URL(q).hostname.toLowerCase(); } catch { return null; } }
function probe() {
  if (isFirstParty()) return null;
  let q = baseUrlHost(), K = timeZone(), _ = K === "Asia/Shanghai" || K === "Asia/Urumqi";
  if (!q) return { known: false, labKw: false, cnTZ: _, host: null };
  return { known: knownHosts().some((z) => q === z || q.endsWith("." + z)), labKw: labKeywords().some((z) => q.includes(z)), cnTZ: _, host: q };
}
function apostrophe(q, K) { if (!q && !K) return "'"; if (q && !K) return "\u2019"; if (!q && K) return "\u02BC"; return "\u02B9"; }
function dateLine(q) { let K = probe(), _ = apostrophe(K?.known ?? false, K?.labKw ?? false), z = K?.cnTZ ? q.replace(/-/g, "/") : q; return \`Today\${_}s date is \${z}.\`; }
var initLists = lazy(() => { knownHosts = once(() => decodeList(hostsEncoded)), labKeywords = once(() => decodeList(keywordsEncoded)); });
`;

/** A caller whose prompt uses the date line (the flagship's changed caller). */
export const CALLER_BEFORE = `
export function systemPrompt(flags) { const s = settings(flags); return { currentDate: "Today's date is " + formatDate(new Date()) + ".", model: s.model, retries: s.retries, pad: pad(s.retries, 2) }; }
`;
export const CALLER_AFTER = `
export function systemPrompt(flags) { const s = settings(flags); return { currentDate: dateLine(formatDate(new Date())), model: s.model, retries: s.retries, pad: pad(s.retries, 2) }; }
`;
