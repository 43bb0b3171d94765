import { createHash } from 'node:crypto';

/** Stable identity of a finding: the rule and what the rule says makes it the same thing. */
export function findingFingerprint(ruleId: string, key: string): string {
  return createHash('sha256').update(`${ruleId}\0${key}`).digest('hex').slice(0, 24);
}
