import * as l10n from '@vscode/l10n';
import { chatLogprobsToTokens } from '../../turn/logprobs';
import { AnswerAccumulator } from '../answerAccumulator';
import { asRecord } from '../eventFields';
import { MalformedStreamFault } from '../streamFaults';
import type { StreamChannel, StreamListener } from '../types';
import { type ChatUsageBody, chatUsage } from './chatFinish';
import { ChatParts } from './chatParts';

/**
 * Folds Chat Completions chunks into the answer's parts, the refusal, the usage and the finish reason, telling the
 * listener of every change as it arrives. Like the Responses accumulator it knows nothing about HTTP: the provider
 * decides what a missing [DONE] or finish_reason means.
 *
 * Only choice 0 is read (Threadline never asks for n > 1). Reasoning text comes under two names: `reasoning_content`
 * (DeepSeek, older vLLM, LM Studio) and `reasoning` (newer vLLM, Ollama, OpenRouter); a server that sends both in one
 * chunk sends the same text twice, so one of them is read. Chunks with no choices (Azure's prompt_filter_results,
 * the final usage chunk) carry nothing to show.
 */
export class ChatChunkAccumulator extends AnswerAccumulator<ChatParts> {
  /** The completion's id: for the log only, since nothing can chain from it. */
  completionId: string | undefined;
  finishReason: string | undefined;
  chunks = 0;

  constructor(listener: StreamListener, now: () => number = Date.now) {
    super(listener, ChatParts, now);
  }

  override get receivedAny(): boolean {
    return this.output.refusal.length > 0 || this.output.parts.length > 0;
  }

  override handle(raw: unknown): void {
    const chunk = asRecord(raw);
    if (!chunk || !Array.isArray(chunk.choices)) throw new MalformedStreamFault(l10n.t('a chunk without choices'));
    this.chunks++;
    if (typeof chunk.id === 'string' && chunk.id) this.completionId ??= chunk.id;
    const usage = asRecord(chunk.usage);
    // DeepSeek puts usage on the chunk that finishes; OpenAI sends it alone after, with no choices.
    if (usage) this.usage = chatUsage(usage as ChatUsageBody);
    const choice = chunk.choices.map(asRecord).find((c) => c !== undefined && (c.index === undefined || c.index === 0));
    if (!choice) return;
    const delta = asRecord(choice.delta);
    if (delta) {
      const reasoning = typeof delta.reasoning_content === 'string' ? delta.reasoning_content : delta.reasoning;
      this.output.reasoningDelta(deltaText(reasoning, 'reasoning'));
      this.output.textDelta(deltaText(delta.content, 'text'));
      this.output.textLogprobs(chatLogprobsToTokens(choice.logprobs));
      this.output.refusalDelta(deltaText(delta.refusal, 'refusal'));
    }
    if (typeof choice.finish_reason === 'string' && choice.finish_reason) this.finishReason = choice.finish_reason;
  }
}

/** Absent and null mean "nothing this time"; anything else that is not a string is not the Chat Completions format. */
function deltaText(value: unknown, channel: StreamChannel): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new MalformedStreamFault(l10n.t('a {0} delta that is not a string', channel));
  return value;
}
