import { describe, expect, it } from 'vitest';
import { StrataError } from '../../src/errors.js';
import { jsonDepth } from '../../src/payload/manifest.js';
import { versionFailure } from '../../src/pipeline/version-failure.js';
import { isTransient, retryPolicy } from '../../src/registry/tarball-fetch.js';

describe('versionFailure: what is recorded on a version and what stops the run', () => {
  it('records what is about the version', () => {
    for (const code of ['ESTRATA_INTEGRITY', 'ESTRATA_UNSAFE_TARBALL', 'ESTRATA_TOO_LARGE', 'ESTRATA_BAD_INPUT', 'ESTRATA_NOT_FOUND', 'ESTRATA_OFFLINE_MISS'] as const) {
      expect(versionFailure(new StrataError(code, `x@1.0.0: ${code}\nsecond line`), undefined)).toMatchObject({ code, message: `x@1.0.0: ${code}` });
    }
    const gone = new StrataError('ESTRATA_REGISTRY', 'registry request for x@1.0.0 failed: 410 Gone', { cause: Object.assign(new Error('gone'), { statusCode: 410 }) });
    expect(versionFailure(gone, undefined)).toMatchObject({ code: 'ESTRATA_REGISTRY' });
    const mismatch = new StrataError('ESTRATA_REGISTRY', 'registry request for x@1.0.0 failed: mismatched package name', { cause: Object.assign(new Error('m'), { code: 'EMANIFESTMISMATCH' }) });
    expect(versionFailure(mismatch, undefined)).toMatchObject({ code: 'ESTRATA_REGISTRY' });
    const overflow = versionFailure(new RangeError('Maximum call stack size exceeded'), undefined);
    expect(overflow).toMatchObject({ code: 'RangeError', message: 'too deeply nested to analyse (Maximum call stack size exceeded)' });
    expect(versionFailure(new TypeError('x is not a function'), undefined)).toMatchObject({ message: 'unexpected error while analysing it: x is not a function' });
  });

  it('stops the run on an interrupt, the registry, the disk or the configuration', () => {
    const aborted = new AbortController();
    aborted.abort();
    expect(versionFailure(new StrataError('ESTRATA_INTEGRITY', 'x'), aborted.signal)).toBeNull();
    expect(versionFailure(new DOMException('aborted', 'AbortError'), undefined)).toBeNull();
    const unavailable = new StrataError('ESTRATA_REGISTRY', 'cannot reach', { cause: Object.assign(new Error('503'), { statusCode: 503 }) });
    expect(versionFailure(unavailable, undefined)).toBeNull();
    expect(versionFailure(new StrataError('ESTRATA_REGISTRY', 'refused access (401)', { cause: Object.assign(new Error('401'), { statusCode: 401 }) }), undefined)).toBeNull();
    expect(versionFailure(new StrataError('ESTRATA_REGISTRY', 'did not deliver in time', { cause: new DOMException('late', 'TimeoutError') }), undefined)).toBeNull();
    expect(versionFailure(new StrataError('ESTRATA_REGISTRY', 'cannot reach: ECONNREFUSED', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }), undefined)).toBeNull();
    expect(versionFailure(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC', syscall: 'write', errno: -28 }), undefined)).toBeNull();
    expect(versionFailure(new StrataError('ESTRATA_CONFIG', 'bad npmrc'), undefined)).toBeNull();
  });
});

describe('tarball retries', () => {
  it('retries the network and "later" statuses, nothing else', () => {
    for (const err of [{ code: 'ECONNRESET' }, { code: 'E503' }, { statusCode: 429 }, { code: 'FETCH_ERROR', cause: { code: 'ETIMEDOUT' } }, { code: 'ERESPONSETIMEOUT' }]) expect(isTransient(err)).toBe(true);
    for (const err of [{ code: 'EINTEGRITY' }, { code: 'E404' }, { statusCode: 410 }, { code: 'Z_DATA_ERROR' }, { code: 'ETARGET' }, new Error('x'), null]) expect(isTransient(err)).toBe(false);
  });

  it("takes npm's retry settings", () => {
    expect(retryPolicy({ retry: { retries: 1, factor: 2, minTimeout: 10, maxTimeout: 20 } })).toEqual({ retries: 1, factor: 2, minTimeout: 10, maxTimeout: 20 });
    expect(retryPolicy({ fetchRetries: 0 })).toEqual({ retries: 0, factor: 10, minTimeout: 10_000, maxTimeout: 60_000 });
  });
});

describe('jsonDepth', () => {
  it('counts nesting outside strings, and stops past the limit', () => {
    expect(jsonDepth('{"a":[1,{"b":"[[[{{{"}],"c":"\\"["}')).toBe(3);
    expect(jsonDepth('1')).toBe(0);
    expect(jsonDepth('['.repeat(1_000_000), 10)).toBe(11);
  });
});
