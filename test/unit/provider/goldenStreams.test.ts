import * as assert from 'node:assert/strict';
import { ResponsesProvider } from '../../../src/core/provider/responsesProvider';
import type { StreamResult } from '../../../src/core/provider/types';
import { applyPartEventToTurn } from '../../../src/core/turn/partList';
import { toolLabel } from '../../../src/core/turn/toolLabels';
import type { PartEvent, TurnPart } from '../../../src/core/turn/turnParts';
import { RecordedStreamServer, recordedEvents, recordedStreamNames } from './recordedStreams';
import { DeltaRecorder, RecordingLogger, requestFor, settingsFor } from './support';

/**
 * Real recorded streams (test/fixtures/recorded, sources in SOURCES.md) replayed over loopback HTTP through the
 * real ResponsesProvider and openai SDK. For each: the parts and their order, the answer exactly as the final
 * message says (never glued to commentary), citations kept with their indices, reasoning paragraphs, usage,
 * and how the stream ended.
 */

interface Golden {
  status: StreamResult['status'];
  /** Part kinds in order; `reasoning×13` style counts keep long lists readable. */
  kinds: string;
  errorKind?: string;
  incompleteReason?: string;
  /** Summary paragraphs over all reasoning parts. */
  paragraphs?: number;
  citations?: number;
  tools?: string[];
  usage: 'none' | { input: number; output: number; reasoning: number; cached?: number };
}

const GOLDEN: Record<string, Golden> = {
  'gpt-4.1-server-side-compaction-item': {
    status: 'completed', kinds: 'text tool', tools: ['Compacted the conversation'],
    usage: { input: 872, output: 1254, reasoning: 0 },
  },
  'gpt-5-nano-error-insufficient-quota-then-response-failed': {
    status: 'error', kinds: '', errorKind: 'insufficient_quota', usage: 'none',
  },
  'gpt-5-nano-incomplete-max-output-tokens-partial-text': {
    status: 'incomplete', kinds: 'reasoning text', errorKind: 'incomplete', incompleteReason: 'max_output_tokens', paragraphs: 0,
    usage: { input: 321, output: 284, reasoning: 256 },
  },
  'gpt-5-nano-incomplete-max-output-tokens-reasoning-only': {
    status: 'incomplete', kinds: 'reasoning', errorKind: 'incomplete', incompleteReason: 'max_output_tokens', paragraphs: 0,
    usage: { input: 38, output: 64, reasoning: 64 },
  },
  'gpt-5-nano-reasoning-summary': {
    status: 'completed', kinds: 'reasoning text', paragraphs: 1, usage: { input: 9, output: 199, reasoning: 192 },
  },
  'gpt-5-nano-web-search-url-citations': {
    status: 'completed', kinds: `${'reasoning tool '.repeat(12)}reasoning text`, paragraphs: 0, citations: 8,
    tools: [
      'Searched the web: OpenAI news January 2026',
      'Opened page: https://openai.com/index/introducing-gpt-5/',
    ],
    usage: { input: 50032, output: 4737, reasoning: 4032, cached: 4224 },
  },
  'gpt-5-nano-web-search-action-sources': {
    status: 'completed', kinds: `${'reasoning tool '.repeat(4)}reasoning text`, paragraphs: 0, citations: 6,
    tools: ['Searched the web: Berlin news today', 'Searched the web', 'Searched the web', 'Searched the web'],
    usage: { input: 60093, output: 4080, reasoning: 3648, cached: 34560 },
  },
  'gpt-5.2-web-search-url-citation': {
    status: 'completed', kinds: 'tool tool text', citations: 1,
    tools: [
      'Searched the web: tallest mountain in Alberta highest peak Alberta Mount Columbia elevation',
      'Searched the web: Mount Columbia highest point in Alberta 3747 m highest mountain in Alberta',
    ],
    usage: { input: 12243, output: 140, reasoning: 100 },
  },
  'gpt-5.5-phase-commentary-then-function-call': {
    status: 'completed', kinds: 'reasoning commentary tool', tools: ['Called tool: get_capital'],
    usage: { input: 63, output: 69, reasoning: 26 },
  },
  'gpt-5.5-phase-final-answer-after-tool-output': {
    status: 'completed', kinds: 'text', usage: { input: 147, output: 16, reasoning: 0 },
  },
  'gpt-5.6-luna-phase-commentary-and-final-answer': {
    status: 'completed', kinds: 'reasoning commentary reasoning commentary reasoning text', paragraphs: 0,
    usage: { input: 749, output: 229, reasoning: 174 },
  },
  'o3-mini-reasoning-summary-multipart': {
    status: 'completed', kinds: 'reasoning text', paragraphs: 4, usage: { input: 13, output: 1680, reasoning: 1408 },
  },
};

type Recorded = Record<string, unknown> & { type: string };

/** The answer as the recording's own items state it: the last message not marked commentary. */
function finalMessageOf(events: Recorded[]): { text: string; annotations: unknown[] } | undefined {
  const done = events
    .filter((e) => e.type === 'response.output_item.done')
    .map((e) => e.item as { type: string; phase?: string; content?: Array<{ type: string; text?: string; annotations?: unknown[] }> })
    .filter((item) => item.type === 'message' && item.phase !== 'commentary');
  const last = done.at(-1);
  const content = last?.content?.find((c) => c.type === 'output_text');
  return content ? { text: content.text ?? '', annotations: content.annotations ?? [] } : undefined;
}

function commentaryTextsOf(events: Recorded[]): string[] {
  return events
    .filter((e) => e.type === 'response.output_item.done')
    .map((e) => e.item as { type: string; phase?: string; content?: Array<{ text?: string }> })
    .filter((item) => item.type === 'message' && item.phase === 'commentary')
    .map((item) => item.content?.map((c) => c.text ?? '').join('') ?? '')
    .filter((text) => text.length > 0);
}

function summaryParagraphsOf(events: Recorded[]): string[] {
  return events
    .filter((e) => e.type === 'response.output_item.done' && (e.item as { type: string }).type === 'reasoning')
    .flatMap((e) => ((e.item as { summary?: Array<{ text: string }> }).summary ?? []).map((s) => s.text));
}

function describeKinds(parts: readonly TurnPart[]): string {
  return parts.map((p) => p.kind).join(' ');
}

describe('golden streams: recorded Responses streams through ResponsesProvider and the SDK', () => {
  const server = new RecordedStreamServer();
  before(() => server.start());
  after(() => server.stop());

  it('every recording in test/fixtures/recorded has expectations here, and the other way round', () => {
    assert.deepEqual(recordedStreamNames(), Object.keys(GOLDEN).sort());
  });

  for (const [name, golden] of Object.entries(GOLDEN)) {
    it(name, async () => {
      const events = recordedEvents(name);
      const provider = new ResponsesProvider(settingsFor(server.baseURLFor(name)), new RecordingLogger());
      const deltas = new DeltaRecorder();
      const heard: PartEvent[] = [];
      const turn = { parts: [] as TurnPart[], assistantText: '', reasoningSummary: '' };
      const result = await provider.stream(requestFor('replay'), {
        onDelta: deltas.onDelta,
        onPart: (event) => {
          heard.push(event);
          applyPartEventToTurn(turn, event);
        },
      });

      assert.equal(result.status, golden.status);
      assert.equal(result.error?.kind, golden.errorKind);
      assert.equal(result.incompleteReason, golden.incompleteReason);
      if (golden.errorKind) assert.ok(result.error?.title, 'a named error the user can read');
      const parts = result.parts ?? [];
      assert.equal(describeKinds(parts), golden.kinds.trim());
      assert.deepEqual(turn.parts, parts, 'the part events rebuild exactly the parts of the result');

      // The answer is the final message, character for character: no commentary glued to it.
      const final = finalMessageOf(events);
      assert.equal(result.text, final?.text ?? '');
      assert.equal(turn.assistantText, result.text);
      for (const commentary of commentaryTextsOf(events)) assert.ok(!result.text.includes(commentary), 'commentary is not in the answer');
      const textParts = parts.filter((p) => p.kind === 'text');
      if (final) assert.equal(textParts.at(-1)?.text, final.text);

      // Citations: intact, in order, and pointing into the text they annotate.
      const annotations = textParts.flatMap((p) => p.annotations);
      assert.equal(annotations.length, golden.citations ?? 0);
      if (final) assert.deepEqual(annotations, final.annotations, 'annotations are kept exactly as sent');
      for (const annotation of annotations) {
        const { start_index: start, end_index: end, url } = annotation as unknown as { start_index: number; end_index: number; url: string };
        assert.equal(annotation.type, 'url_citation');
        assert.ok(start < end && end <= result.text.length, `indices ${start}..${end} fall inside the text`);
        assert.ok(result.text.slice(start, end).includes(new URL(url).hostname.replace(/^www\./, '')), `the cited span names ${url}`);
      }

      // Reasoning: one paragraph per summary part, the time it took, and nothing else mixed in.
      const reasoningParts = parts.filter((p) => p.kind === 'reasoning');
      const paragraphs = reasoningParts.flatMap((p) => p.paragraphs).filter((p) => p.length > 0);
      assert.equal(paragraphs.length, golden.paragraphs ?? 0);
      assert.deepEqual(paragraphs, summaryParagraphsOf(events));
      assert.equal(result.reasoning, paragraphs.join('\n\n'));
      for (const part of reasoningParts) assert.ok(part.durationMs !== undefined && part.durationMs >= 0, 'reasoning time is recorded');

      const tools = parts.filter((p) => p.kind === 'tool').map((p) => (p.kind === 'tool' ? toolLabel(p) : ''));
      if (golden.tools) assert.deepEqual(tools.slice(0, golden.tools.length), golden.tools);

      if (golden.usage === 'none') {
        assert.equal(result.usage, undefined);
      } else {
        const { input, output, reasoning, cached = 0 } = golden.usage;
        assert.deepEqual(result.usage, { inputTokens: input, cachedTokens: cached, outputTokens: output, reasoningTokens: reasoning, totalTokens: input + output });
      }
      assert.match(result.responseId ?? '', /^resp_/);
    });
  }

  it('the phase-less web search answer streams as one part that grows: deltas go to the answer, not a new part', async () => {
    const name = 'gpt-5.2-web-search-url-citation';
    const provider = new ResponsesProvider(settingsFor(server.baseURLFor(name)), new RecordingLogger());
    const heard: PartEvent[] = [];
    await provider.stream(requestFor('replay'), { onDelta() {}, onPart: (event) => heard.push(event) });
    const textIndex = 2;
    assert.deepEqual(heard.filter((e) => e.index === textIndex).map((e) => e.type), ['added', 'delta', 'delta', 'delta', 'delta', 'annotation']);
  });
});
