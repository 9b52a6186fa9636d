/**
 * core/provider/chat: the Chat Completions dialect (`POST /v1/chat/completions`), for servers that speak only that
 * API (Gemini's OpenAI endpoint, older vLLM and LM Studio builds, most gateways) and for endpoints set to it.
 *
 * - chatCompletionsProvider.ts: the ModelProvider, one request and its stream through the official SDK;
 * - chatRequest.ts: the request body, shaped by the same rules as the Responses path (requestShaper.ts);
 * - chatChunkAccumulator.ts and chatParts.ts: chunks into parts, refusal, usage and finish reason;
 * - chatFinish.ts: finish_reason and usage in the vocabulary both dialects share;
 * - chatEvents.ts: the stream's chunks, and whether it ended with `data: [DONE]`, which the SDK's Stream does not say.
 *
 * Pure: no `vscode`. It shares the provider floor's contract, stream lifecycle and faults (types.ts,
 * streamingProvider.ts, answerAccumulator.ts, errors.ts, streamFaults.ts) and core/models; only dialect.ts and the
 * host's provider factory import it.
 */
import * as l10n from '@vscode/l10n';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import type { ModelCapabilities } from '../../models/capabilities';
import type { Rejection } from '../../models/learnedParameters';
import { inputLength } from '../requestParams';
import { MalformedStreamFault, StreamBrokenFault } from '../streamFaults';
import { type StreamEnding, StreamingProvider } from '../streamingProvider';
import type { ModelRequest, StreamListener } from '../types';
import { ChatChunkAccumulator } from './chatChunkAccumulator';
import { terminalFor } from './chatFinish';
import { shapeChatRequest } from './chatRequest';
import { ChatEventStream } from './chatEvents';

/** The raw reply, kept beside its chunks: its content type tells a reply that was no event stream at all. */
interface OpenedChat {
  requestId: string | undefined;
  events: ChatEventStream;
  response: Response;
}

/**
 * Streams one answer through `chat.completions.create({ stream: true })`, with the stream lifecycle, refusal
 * learning and faults of the Responses path (StreamingProvider). The server keeps nothing between requests, so
 * there is no response id to chain from, no compaction and nothing stored to delete.
 */
export class ChatCompletionsProvider extends StreamingProvider<ChatCompletionCreateParamsStreaming, Response, OpenedChat, ChatChunkAccumulator> {
  readonly dialect = 'chat' as const;
  readonly keepsState = false;

  protected override accumulator(listener: StreamListener): ChatChunkAccumulator {
    return new ChatChunkAccumulator(listener);
  }

  protected override shape(request: ModelRequest, capabilities: ModelCapabilities, rejected: ReadonlySet<Rejection>) {
    return shapeChatRequest(request, capabilities, rejected);
  }

  protected override requestLine(request: ModelRequest, params: ChatCompletionCreateParamsStreaming): string {
    return `→ POST ${this.host}/chat/completions model=${request.model} messages=${params.messages.length} input=${inputLength(request)} chars`;
  }

  /** The raw response: ChatEventStream reads its body as the SDK's Stream would, and sees [DONE] as well. */
  protected override send(params: ChatCompletionCreateParamsStreaming, signal: AbortSignal): Promise<Response> {
    return this.sdk().chat.completions.create(params, { signal }).asResponse();
  }

  protected override open(response: Response, controller: AbortController): OpenedChat {
    return { requestId: response.headers.get('x-request-id') ?? undefined, events: new ChatEventStream(response, controller), response };
  }

  /**
   * How the body ended decides whether the answer is whole: a reply that was no event stream at all is not this
   * API, and an answer without a finish_reason was cut off, whether or not `[DONE]` followed. A body that ended
   * cleanly after its finish_reason but without `[DONE]` is whole: several OpenAI-compatible servers (older
   * llama.cpp, text-generation-inference, mistral.rs, ik_llama.cpp) never send it. Past those, finish_reason says
   * how it ended (chatFinish.ts).
   */
  protected override ending(accumulator: ChatChunkAccumulator, { response, events }: OpenedChat): StreamEnding {
    const contentType = response.headers.get('content-type') ?? '';
    if (accumulator.chunks === 0 && !/event-stream/i.test(contentType)) {
      throw new MalformedStreamFault(l10n.t('a reply that is not an event stream ({0})', contentType || l10n.t('no content type')));
    }
    if (!accumulator.finishReason) {
      if (!events.sawDone) throw new StreamBrokenFault(accumulator.receivedAny);
      throw new StreamBrokenFault(accumulator.receivedAny, undefined, l10n.t('[DONE] came without a finish_reason'));
    }
    if (!events.sawDone) this.logger.info(`${this.host} ended the stream without data: [DONE] after finish_reason ${accumulator.finishReason}; the answer is whole.`);
    return terminalFor(accumulator.finishReason);
  }

  protected override loggedIds(accumulator: ChatChunkAccumulator): string {
    return `id=${accumulator.completionId ?? '-'} finish=${accumulator.finishReason ?? '-'}`;
  }

  // No resultExtras: a completion's id names nothing the server could continue from, so there is no responseId.
}
