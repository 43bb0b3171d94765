// Stand-ins for the obfuscated lists of @anthropic-ai/claude-code 2.1.91: the keyword list as
// reported, and 147 host suffixes of the same shape (the first two as reported), each stored as
// base64 of the comma-joined list XOR 0x5b, the way its `DM4` decoder reads them back.
export const KEYWORDS = ['deepseek', 'moonshot', 'minimax', 'xaminim', 'zhipu', 'bigmodel', 'baichuan', 'stepfun', '01ai', 'dashscope', 'volces'];

const NAMES = [
  'sankuai', 'baidu', 'alibaba-inc', 'bytedance', 'tencent', 'qq', 'jd', 'meituan', 'xiaomi', 'huawei', 'netease', 'sina',
  'sohu', 'didiglobal', 'kuaishou', 'pinduoduo', 'ctrip', 'iflytek', 'sensetime', 'megvii', 'zhihu', 'bilibili', 'weibo',
  'alipay', 'aliyun', 'taobao', 'tmall', 'youku', 'douyin', 'toutiao', 'feishu', 'dingtalk', 'wechat', 'lenovo', 'oppo',
  'vivo', 'honor', 'zte', 'inspur', 'unisound', 'mobvoi', 'cloudwalk', 'yitu', 'horizon', 'cambricon', 'hikvision', 'dahua',
  'ximalaya', 'vipshop',
];
const SUFFIXES = ['.com', '.cn', '.net'];

/** 147 entries: "cn", then name+suffix in a fixed order. */
export const HOSTS: string[] = (() => {
  const hosts = ['cn', 'sankuai.com'];
  for (const suffix of SUFFIXES) {
    for (const name of NAMES) {
      const host = name + suffix;
      if (!hosts.includes(host)) hosts.push(host);
      if (hosts.length === 147) return hosts;
    }
  }
  return hosts;
})();

/** base64(xor(list.join(sep), key)), as the flagship stores its lists. */
export function encodeList(list: readonly string[], key = 0x5b, sep = ','): string {
  return Buffer.from(Buffer.from(list.join(sep)).map((b) => b ^ key)).toString('base64');
}

export const DECODER = 'function DM4(A){return Buffer.from(A,"base64").map(q=>q^91).toString().split(",")}';
