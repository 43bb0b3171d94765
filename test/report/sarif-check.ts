// The structure SARIF 2.1.0 requires, checked by hand (no schema download here): the log's
// version and $schema, each run's tool.driver with a name and rules, and each result's ruleId,
// message.text and locations with a physical location. Also what code scanning relies on: rule
// ids unique, ruleIndex pointing at the rule of the same id, levels from the SARIF set, regions
// with positive lines, artifact URIs that are valid relative references.

export function sarifProblems(log: unknown): string[] {
  const problems: string[] = [];
  const fail = (where: string, what: string) => problems.push(`${where}: ${what}`);
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObj(log)) return ['log: not an object'];
  if (log.version !== '2.1.0') fail('log.version', `must be "2.1.0", got ${JSON.stringify(log.version)}`);
  if (typeof log.$schema !== 'string' || !/sarif-(schema-)?2\.1\.0/.test(log.$schema)) fail('log.$schema', 'must name the SARIF 2.1.0 schema');
  if (!Array.isArray(log.runs) || log.runs.length === 0) return [...problems, 'log.runs: must be a non-empty array'];
  log.runs.forEach((run: unknown, r) => {
    const at = `runs[${r}]`;
    if (!isObj(run)) return fail(at, 'not an object');
    const tool = run.tool;
    if (!isObj(tool) || !isObj(tool.driver)) return fail(`${at}.tool.driver`, 'missing');
    const driver = tool.driver;
    if (typeof driver.name !== 'string' || !driver.name) fail(`${at}.tool.driver.name`, 'must be a non-empty string');
    if (!Array.isArray(driver.rules)) return fail(`${at}.tool.driver.rules`, 'must be an array');
    const ids = new Set<string>();
    driver.rules.forEach((rule: unknown, i: number) => {
      const rat = `${at}.tool.driver.rules[${i}]`;
      if (!isObj(rule)) return fail(rat, 'not an object');
      if (typeof rule.id !== 'string' || !rule.id) fail(`${rat}.id`, 'must be a non-empty string');
      else if (ids.has(rule.id)) fail(`${rat}.id`, `duplicate id ${rule.id}`);
      else ids.add(rule.id);
      for (const key of ['shortDescription', 'fullDescription', 'help'] as const) {
        const m = rule[key];
        if (m !== undefined && (!isObj(m) || typeof m.text !== 'string' || !m.text)) fail(`${rat}.${key}`, 'must have a non-empty text');
      }
      const cfg = rule.defaultConfiguration;
      if (cfg !== undefined && (!isObj(cfg) || !['none', 'note', 'warning', 'error'].includes(String(cfg.level)))) fail(`${rat}.defaultConfiguration.level`, 'not a SARIF level');
    });
    if (!Array.isArray(run.results)) return fail(`${at}.results`, 'must be an array');
    run.results.forEach((res: unknown, i: number) => {
      const rat = `${at}.results[${i}]`;
      if (!isObj(res)) return fail(rat, 'not an object');
      if (typeof res.ruleId !== 'string' || !res.ruleId) fail(`${rat}.ruleId`, 'must be a non-empty string');
      else if (!ids.has(res.ruleId)) fail(`${rat}.ruleId`, `no rule ${res.ruleId} in tool.driver.rules`);
      if (res.ruleIndex !== undefined) {
        const rule = (driver.rules as Record<string, unknown>[])[res.ruleIndex as number];
        if (!rule || rule.id !== res.ruleId) fail(`${rat}.ruleIndex`, 'does not point at the rule of the same id');
      }
      if (res.level !== undefined && !['none', 'note', 'warning', 'error'].includes(String(res.level))) fail(`${rat}.level`, 'not a SARIF level');
      if (!isObj(res.message) || typeof res.message.text !== 'string' || !res.message.text) fail(`${rat}.message.text`, 'must be a non-empty string');
      if (!Array.isArray(res.locations) || res.locations.length === 0) return fail(`${rat}.locations`, 'must be a non-empty array');
      res.locations.forEach((loc: unknown, j: number) => {
        const lat = `${rat}.locations[${j}]`;
        if (!isObj(loc) || !isObj(loc.physicalLocation)) return fail(`${lat}.physicalLocation`, 'missing');
        const pl = loc.physicalLocation;
        if (!isObj(pl.artifactLocation) || typeof pl.artifactLocation.uri !== 'string' || !pl.artifactLocation.uri) {
          return fail(`${lat}.physicalLocation.artifactLocation.uri`, 'missing');
        }
        const uri = pl.artifactLocation.uri;
        if (!isRelativeReference(uri)) fail(`${lat}.physicalLocation.artifactLocation.uri`, `not a valid relative URI reference: ${uri}`);
        if (pl.region !== undefined) {
          if (!isObj(pl.region)) return fail(`${lat}.physicalLocation.region`, 'not an object');
          const { startLine, charOffset } = pl.region;
          if (startLine !== undefined && !(Number.isInteger(startLine) && (startLine as number) >= 1)) fail(`${lat}.region.startLine`, 'must be an integer ≥ 1');
          if (charOffset !== undefined && !(Number.isInteger(charOffset) && (charOffset as number) >= 0)) fail(`${lat}.region.charOffset`, 'must be an integer ≥ 0');
        }
      });
    });
  });
  return problems;
}

/** RFC 3986 relative reference made of unreserved characters, sub-delims, ':' '@' '/' and %XX escapes, with no scheme. */
export function isRelativeReference(uri: string): boolean {
  if (!/^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/.test(uri)) return false;
  // A colon in the first segment would read as a scheme.
  const first = uri.split('/')[0]!;
  if (first.includes(':')) return false;
  // No authority, no absolute path, no dot segments that climb.
  if (uri.startsWith('/')) return false;
  return !uri.split('/').some((s) => s === '..' || s === '.');
}
