import * as assert from 'node:assert/strict';
import { chatLogprobsToTokens, roundLogprob, tokenLogprobsSchema, tokensText, toTokenLogprobs } from '../../../src/core/turn/logprobs';
import { turnPartSchema } from '../../../src/core/turn/turnParts';

describe('token logprobs: from the wire to the stored tuples', () => {
  it('reads a Responses content part (with bytes): rounded, chosen token not repeated, alternatives best first', () => {
    const wire = [
      { token: 'Hello', bytes: [72, 101, 108, 108, 111], logprob: -0.0001234, top_logprobs: [
        { token: 'Hello', bytes: [72], logprob: -0.0001234 },
        { token: 'Hi', bytes: [72, 105], logprob: -9.51234 },
        { token: 'Hey', bytes: [72], logprob: -8.25 },
      ] },
      { token: ',', bytes: [44], logprob: -1.23456789, top_logprobs: [] },
    ];
    assert.deepEqual(toTokenLogprobs(wire), [['Hello', 0, [['Hey', -8.25], ['Hi', -9.512]]], [',', -1.235]]);
  });

  it('reads a Responses delta event list (no bytes, top_logprobs optional)', () => {
    assert.deepEqual(toTokenLogprobs([{ token: ' world', logprob: -0.5 }]), [[' world', -0.5]]);
  });

  it('reads Chat Completions logprobs of a chunk choice, as the chat provider will hand them over', () => {
    // A streamed chat.completion.chunk choice, as the API sends it with logprobs: true, top_logprobs: 2.
    const chunk = JSON.parse(`{"index":0,"delta":{"content":" Paris"},"logprobs":{"content":[
      {"token":" Paris","logprob":-0.00002,"bytes":[32,80,97,114,105,115],"top_logprobs":[
        {"token":" Paris","logprob":-0.00002,"bytes":[32,80,97,114,105,115]},
        {"token":" Lyon","logprob":-11.2,"bytes":[32,76,121,111,110]}]}],"refusal":null},"finish_reason":null}`);
    assert.deepEqual(chatLogprobsToTokens(chunk.logprobs), [[' Paris', 0, [[' Lyon', -11.2]]]]);
    assert.deepEqual(chatLogprobsToTokens(null), [], 'a chunk without logprobs adds nothing');
    assert.deepEqual(chatLogprobsToTokens({ content: null, refusal: null }), []);
  });

  it('skips entries it cannot read instead of failing the answer, and floors "impossible"', () => {
    assert.deepEqual(toTokenLogprobs([{ token: 'a' }, { logprob: -1 }, 'x', { token: 'b', logprob: Number.NaN }, { token: 'c', logprob: -9999 }]), [['c', -100]]);
    assert.deepEqual(toTokenLogprobs(undefined), []);
    assert.equal(roundLogprob(-0.0004), 0);
    assert.equal(Object.is(roundLogprob(-0.0004), -0), false, 'never -0 in an export');
  });

  it('keeps at most 20 alternatives', () => {
    const top = Array.from({ length: 25 }, (_, i) => ({ token: `t${i}`, logprob: -i - 1 }));
    assert.equal(toTokenLogprobs([{ token: 'x', logprob: -0.1, top_logprobs: top }])[0][2]?.length, 20);
  });

  it('a message part keeps its tokens through the schema; a damaged list is dropped, the text kept', () => {
    const part = turnPartSchema.parse({ kind: 'text', text: 'Hi!', annotations: [], logprobs: [['Hi', -0.1, [['Hello', -2.5]]], ['!', -0.3]] });
    assert.equal(part.kind === 'text' && tokensText(part.logprobs ?? []), 'Hi!');
    const damaged = turnPartSchema.parse({ kind: 'text', text: 'Hi!', annotations: [], logprobs: [['Hi', 'high']] });
    assert.equal(damaged.kind === 'text' && damaged.text, 'Hi!');
    assert.equal(damaged.kind === 'text' && damaged.logprobs, undefined);
    assert.equal(tokenLogprobsSchema.parse(undefined), undefined);
  });
});
