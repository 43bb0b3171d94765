// Delivering an alert to a webhook: one POST of JSON with an `Idempotency-Key` header, retried a
// few times on network errors and 5xx answers, bounded in time.
import { StrataError } from '../errors.js';
import type { Severity } from '../types.js';

export interface AlertPayload {
  package: string;
  from: string;
  to: string;
  /** New findings only: fingerprints not alerted on before for this package. */
  findings: { fingerprint: string; ruleId: string; severity: Severity; category: string; message: string; file: string; line: number | null }[];
  /** Where the reports of the pair were written, when they were. */
  report?: string;
}

const ATTEMPTS = 3;
const TIMEOUT_MS = 15_000;

export async function deliverWebhook(url: string, key: string, payload: AlertPayload): Promise<{ status: number }> {
  let last = '';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key, 'user-agent': 'npm-strata' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'error',
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status < 500) {
        if (res.status >= 400) throw new StrataError('ESTRATA_WEBHOOK', `webhook ${new URL(url).host} refused the alert (HTTP ${res.status})`);
        return { status: res.status };
      }
      last = `HTTP ${res.status}`;
    } catch (err) {
      if (err instanceof StrataError) throw err;
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
  }
  throw new StrataError('ESTRATA_WEBHOOK', `webhook ${new URL(url).host} did not take the alert after ${ATTEMPTS} attempts (${last})`);
}
