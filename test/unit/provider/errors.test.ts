import * as assert from 'node:assert/strict';
import { APIConnectionError, BadRequestError, RateLimitError } from 'openai';
import { describeError, isPreviousResponseNotFound, missingKeyError } from '../../../src/core/provider/errors';
import { redactSecrets } from '../../../src/core/provider/redact';
import { ResponseIncompleteFault } from '../../../src/core/provider/streamFaults';

const context = { baseURL: 'https://api.example.com/v1', model: 'gpt-x' };

describe('describeError and friends', () => {
  it('reads retry-after as an HTTP date', () => {
    const when = new Date(Date.now() + 65_000).toUTCString();
    const error = new RateLimitError(429, { message: 'slow down', code: 'rate_limit_exceeded' }, undefined, new Headers({ 'retry-after': when }));
    const described = describeError(error, context);
    assert.equal(described.kind, 'rate_limit');
    assert.ok((described.retryAfterSeconds ?? 0) > 55 && (described.retryAfterSeconds ?? 0) <= 66);
  });

  it('falls back to "try again in Ns" in the message when there is no header', () => {
    const error = new RateLimitError(429, { message: 'Limit reached. Please try again in 20s.', code: 'rate_limit_exceeded' }, undefined, new Headers());
    assert.equal(describeError(error, context).retryAfterSeconds, 20);
  });

  it('treats any 400 on previous_response_id as a lost chain', () => {
    const byParam = new BadRequestError(400, { message: 'gone', param: 'previous_response_id' }, undefined, new Headers());
    const byCode = new BadRequestError(400, { message: 'gone', code: 'previous_response_not_found' }, undefined, new Headers());
    const other = new BadRequestError(400, { message: 'bad temperature', param: 'temperature' }, undefined, new Headers());
    assert.ok(isPreviousResponseNotFound(byParam));
    assert.ok(isPreviousResponseNotFound(byCode));
    assert.ok(!isPreviousResponseNotFound(other));
    assert.equal(describeError(byParam, context).kind, 'previous_response_not_found');
    const described = describeError(other, context);
    assert.equal(described.kind, 'bad_request');
    assert.match(described.detail, /bad temperature \(parameter: temperature\)/);
  });

  it('recognises TLS failures behind a proxy', () => {
    const cause = Object.assign(new TypeError('fetch failed'), { cause: { code: 'SELF_SIGNED_CERT_IN_CHAIN' } });
    const described = describeError(new APIConnectionError({ cause }), context);
    assert.equal(described.kind, 'tls');
    assert.match(described.action ?? '', /NODE_EXTRA_CA_CERTS/);
  });

  it('explains content-filter incompletes differently from token limits', () => {
    assert.match(describeError(new ResponseIncompleteFault('content_filter'), context).detail, /content filter/);
  });

  it('redacts keys, bearer tokens and masked echoes in server text', () => {
    const text = 'Incorrect API key provided: sk-proj-abc***wxyz; header Authorization: Bearer abcdef123456; api_key=zzzzzzzzzz';
    const redacted = redactSecrets(text, []);
    assert.ok(!redacted.includes('sk-proj-abc'));
    assert.ok(!redacted.includes('abcdef123456'));
    assert.ok(!redacted.includes('zzzzzzzzzz'));
    assert.equal(redactSecrets('my azure key 0123456789abcdef0123456789abcdef', ['0123456789abcdef0123456789abcdef']), 'my azure key [redacted]');
  });

  it('missingKeyError tells how to set the key and mentions local servers', () => {
    const error = missingKeyError();
    assert.equal(error.kind, 'missing_key');
    assert.match(error.action ?? '', /Run “Threadline: Set API Key”, or set OPENAI_API_KEY/);
    assert.match(error.action ?? '', /Ollama and LM Studio need no key/);
  });
});
