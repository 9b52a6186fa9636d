import * as assert from 'node:assert/strict';
import { ChatCompletionsProvider } from '../../../../src/core/provider/chat/chatCompletionsProvider';
import { applyPartEventToTurn } from '../../../../src/core/turn/partList';
import type { PartEvent } from '../../../../src/core/turn/turnParts';
import { DeltaRecorder, RecordingLogger, requestFor, settingsFor } from '../support';
import { RecordedChatServer, recordedChatStreamNames, recordedChunks } from './recordedChatStreams';

/**
 * Recorded Chat Completions streams from OpenAI, Azure OpenAI and DeepSeek (test/fixtures/recorded/chat, sources in
 * SOURCES.md) replayed through ChatCompletionsProvider and the real SDK. The expected text and reasoning are read
 * from the recordings themselves, so the test checks that nothing is dropped, doubled or glued; the usage figures
 * are the ones each server reported.
 */

interface Golden {
  model: string;
  kinds: string;
  usage: { input: number; output: number; reasoning: number; cached: number; total: number };
}

const GOLDEN: Record<string, Golden> = {
  'openai-gpt-4.1-nano-text-with-usage': {
    model: 'gpt-4.1-nano', kinds: 'text', usage: { input: 16, output: 300, reasoning: 0, cached: 0, total: 316 },
  },
  // Azure's first chunk has no choices, only prompt_filter_results, and every chunk carries content_filter_results.
  'azure-gpt-5-nano-content-filter-results-with-usage': {
    model: 'gpt-5-nano', kinds: 'text', usage: { input: 15, output: 78, reasoning: 64, cached: 0, total: 93 },
  },
  // DeepSeek sends reasoning_content first, and its usage on the chunk that finishes rather than a chunk of its own.
  'deepseek-reasoner-reasoning-content': {
    model: 'deepseek-reasoner', kinds: 'reasoning text', usage: { input: 18, output: 219, reasoning: 205, cached: 0, total: 237 },
  },
};

/** What the recording says, read straight from its chunks: the content and reasoning text of choice 0. */
function recordedText(name: string): { text: string; reasoning: string } {
  let text = '';
  let reasoning = '';
  for (const chunk of recordedChunks(name)) {
    for (const choice of (chunk.choices ?? []) as Array<{ delta?: { content?: string | null; reasoning_content?: string | null } }>) {
      text += choice.delta?.content ?? '';
      reasoning += choice.delta?.reasoning_content ?? '';
    }
  }
  return { text, reasoning };
}

describe('golden streams: recorded Chat Completions streams through ChatCompletionsProvider and the SDK', () => {
  const server = new RecordedChatServer();
  before(() => server.start());
  after(() => server.stop());

  it('every recording in test/fixtures/recorded/chat has expectations here, and the other way round', () => {
    assert.deepEqual(recordedChatStreamNames(), Object.keys(GOLDEN).sort());
  });

  for (const [name, golden] of Object.entries(GOLDEN)) {
    it(`${name}: text, reasoning, parts and usage as recorded`, async () => {
      const provider = new ChatCompletionsProvider(settingsFor(server.baseURLFor(name)), new RecordingLogger());
      const recorder = new DeltaRecorder();
      const events: PartEvent[] = [];
      const result = await provider.stream(requestFor('replayed', { model: golden.model }), { onDelta: recorder.onDelta, onPart: (e) => events.push(e) });
      const expected = recordedText(name);
      assert.ok(expected.text.length > 0, 'the recording has an answer');
      assert.equal(result.status, 'completed', JSON.stringify(result.error));
      assert.equal(result.text, expected.text);
      assert.equal(result.reasoning, expected.reasoning);
      assert.equal(recorder.joined('text'), expected.text);
      assert.equal(recorder.joined('reasoning'), expected.reasoning);
      assert.equal(result.parts?.map((p) => p.kind).join(' '), golden.kinds);
      const { usage } = golden;
      assert.deepEqual(result.usage, { inputTokens: usage.input, outputTokens: usage.output, reasoningTokens: usage.reasoning, cachedTokens: usage.cached, totalTokens: usage.total });
      assert.equal(result.responseId, undefined);
      // The part events rebuild exactly the turn the result describes, as the conversation and webview rebuild it.
      const turn = { assistantText: '', reasoningSummary: '' };
      for (const event of events) assert.ok(applyPartEventToTurn(turn, event));
      assert.equal(turn.assistantText, result.text);
      assert.equal(turn.reasoningSummary, result.reasoning);
    });
  }
});
