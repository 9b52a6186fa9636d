import * as l10n from '@vscode/l10n';
import type { ReasoningSummarySetting } from '../models/parameters';
import type { ModelProvider } from '../provider/types';
import type { InputMessage, Logger, ModelRequest, StreamListener, StreamResult, TextFormat } from '../provider/types';
import { formatUserMessage } from './promptInput';
import { buildTranscript, findChainStart, type TokenCounter } from './transcriptInput';
import type { Turn } from './turn';
import type { InputImage } from '../images/imageRef';

/** A turn's notice is stored with it, in the language it was shown in, like the rest of what the turn records. */
export const repairNotice = (): string => l10n.t('The server no longer had this conversation; the recent transcript was re-sent and a new chain started.');
export const statelessNotice = (): string => l10n.t('This server does not keep conversation state, so each turn now re-sends the recent transcript.');

/** Said on the first turn a conversation sends to an endpoint whose dialect keeps no state (Chat Completions). */
export function statelessDialectNotice(resent: { earlierTurns: number; tokens: number }): string {
  const tokens = resent.tokens.toLocaleString('en-US');
  return resent.earlierTurns === 1
    ? l10n.t('This endpoint keeps no conversation state (Chat Completions), so each turn re-sends the recent conversation within the token budget. This turn sent 1 earlier turn, {0} tokens in all.', tokens)
    : l10n.t('This endpoint keeps no conversation state (Chat Completions), so each turn re-sends the recent conversation within the token budget. This turn sent {0} earlier turns, {1} tokens in all.', resent.earlierTurns, tokens);
}

/**
 * What one conversation service has learned about its endpoint's chain, kept across turns. A server can hand
 * out response ids yet keep nothing; then every chained turn would cost a rejected request and a re-send.
 */
export interface ChainMemory {
  /** The endpoint lost even the response a repair had just produced: chaining is pointless, send transcripts. */
  stateless: boolean;
  /** The response id a repair produced on the last turn; if the next turn cannot find it, the endpoint is stateless. */
  repairedAnchor?: string;
}

export function newChainMemory(): ChainMemory {
  return { stateless: false };
}

export interface ChainedRequestOptions {
  provider: ModelProvider;
  /** The turn being answered; its text, context, model and sentWith are read, never written. */
  turn: Turn;
  /** The turn's images, loaded: they go with the new user message, whether it chains or carries a transcript. */
  images?: readonly InputImage[];
  /** The turns before it, oldest first. */
  history: readonly Turn[];
  /** False for servers that keep no state: every turn then carries the recent transcript. */
  storeResponses: boolean;
  /** `threadline.reasoningSummary` at send time: a display preference, so not part of what the turn was sent with. */
  reasoningSummary?: ReasoningSummarySetting;
  /** Token confidence asked for at send time (the conversation's toggle): alternatives per token. */
  topLogprobs?: number;
  listener: StreamListener;
  signal: AbortSignal;
  logger: Logger;
  /** Called once when the chain had to be rebuilt, before the re-send. */
  onRepair(notice: string): void;
  /** Called before sending to an endpoint that keeps no state: the transcript the turn carries. */
  onResend?(resent: { earlierTurns: number; tokens: number }): void;
  /** What is known of this endpoint's chains; read and updated here. */
  memory: ChainMemory;
  /** Tokens the re-sent transcript may take: the model's window less room for the answer and the instructions. */
  transcriptTokens: number;
  countTokens?: TokenCounter;
  /**
   * The endpoint profile this turn goes to. A chain another endpoint answered is not sent here: its response ids
   * mean nothing to this server, so the recent transcript goes instead.
   */
  endpointId?: string;
  /** Where the endpoint compacts a chain itself: ask it to once the chain passes this many tokens. */
  compactThreshold?: number;
}

/**
 * Sends one turn on the workspace chain. With an anchor, only the new user message goes out, naming the previous
 * response. Without one (new conversation, store off, or nothing complete yet) the recent transcript goes instead.
 * When the server says the anchor is gone, the turn is re-sent once with the transcript, which starts a new chain
 * from the response it produces: nothing the user sees is lost, and the next turn chains from the new response.
 * When the next turn finds that new response gone as well, the endpoint keeps no state at all: from then on
 * turns carry the transcript directly instead of paying for a rejected request every time.
 */
export async function sendChained(options: ChainedRequestOptions): Promise<StreamResult> {
  const { turn, history, storeResponses, logger, memory } = options;
  const userMessage = formatUserMessage(turn.userText, turn.context);
  // Only the new message carries images; earlier turns' images are not re-sent with a transcript (README: Images).
  const images = options.images ?? [];
  const newMessage: InputMessage = images.length > 0 ? { role: 'user', content: userMessage, images } : { role: 'user', content: userMessage };
  const newInput: ModelRequest['input'] = images.length > 0 ? [newMessage] : userMessage;
  const sentWith = turn.sentWith ?? { instructions: '' };
  const base: Omit<ModelRequest, 'input'> = {
    model: turn.model,
    // Every request carries the instructions: the server does not carry them over a previous_response_id chain.
    instructions: sentWith.instructions,
    store: storeResponses,
    ...(sentWith.temperature !== undefined ? { temperature: sentWith.temperature } : {}),
    ...(sentWith.topP !== undefined ? { topP: sentWith.topP } : {}),
    ...(sentWith.maxOutputTokens !== undefined ? { maxOutputTokens: sentWith.maxOutputTokens } : {}),
    // Stored settings are re-sent as they were; the provider still leaves out whatever this model does not take.
    ...(sentWith.reasoningEffort !== undefined ? { reasoningEffort: sentWith.reasoningEffort } : {}),
    ...(sentWith.verbosity !== undefined ? { verbosity: sentWith.verbosity } : {}),
    ...(options.reasoningSummary !== undefined ? { reasoningSummary: options.reasoningSummary } : {}),
    ...(options.topLogprobs !== undefined ? { topLogprobs: options.topLogprobs } : {}),
    ...(sentWith.textFormat ? { textFormat: sentWith.textFormat as unknown as TextFormat } : {}),
    ...(sentWith.webSearch ? { webSearch: { ...sentWith.webSearch } } : {}),
  };
  const chainable = storeResponses && options.provider.keepsState && !memory.stateless && !answeredElsewhere(history, options.endpointId);
  const start = chainable ? findChainStart(history) : ({ kind: 'transcript' } as const);
  const anchor = start.kind === 'anchor' ? start.responseId : undefined;
  const anchorFromRepair = anchor !== undefined && anchor === memory.repairedAnchor;
  if (anchor !== undefined) memory.repairedAnchor = undefined;
  const keptState = options.provider.keepsState;
  let resent: { earlierTurns: number; tokens: number } | undefined;
  const withTranscript = async (): Promise<ModelRequest> => {
    const transcript = await buildTranscript(history, userMessage, options.transcriptTokens, options.countTokens);
    resent = { earlierTurns: transcript.earlierTurns, tokens: transcript.tokens };
    if (!options.provider.keepsState) options.onResend?.(resent);
    const input = transcript.messages;
    if (images.length > 0) return { ...base, input: [...input.slice(0, -1), newMessage] };
    return { ...base, input: input.length === 1 ? userMessage : input };
  };

  let first: ModelRequest;
  if (anchor) first = { ...base, input: newInput, previousResponseId: anchor };
  else if (start.kind === 'items') first = { ...base, input: newInput, leadingItems: start.items };
  else first = await withTranscript();
  if (storeResponses && options.compactThreshold !== undefined) first.compactThreshold = options.compactThreshold;
  // Every attempt below is sent with the same `store`: the turn records it with the response it ends with.
  const send = async (request: ModelRequest): Promise<StreamResult> => ({ ...(await options.provider.stream(request, options.listener, options.signal)), responseStored: storeResponses });
  const result = await send(first);
  // An endpoint set to auto-detect found on this request that it speaks only Chat Completions, which keeps no state.
  if (keptState && !options.provider.keepsState) return afterDialectSwitch(result, first, resent, withTranscript, send, options);
  const chainLost = anchor !== undefined && result.error?.kind === 'previous_response_not_found';
  const nothingShown = result.text === '' && result.refusal === '' && result.reasoning === '';
  if (!chainLost || !nothingShown || options.signal.aborted) return result;

  const repaired = await withTranscript();
  const earlierTurns = Array.isArray(repaired.input) ? (repaired.input.length - 1) / 2 : 0;
  if (anchorFromRepair) {
    memory.stateless = true;
    logger.warn(
      `Chain anchor ${anchor} was produced by a repair on the previous turn and is already gone: the server keeps no ` +
        `conversation state. Every turn now sends the recent transcript (${earlierTurns} earlier turns for turn ${turn.id}).`,
    );
    options.onRepair(statelessNotice());
    return send(repaired);
  }
  logger.warn(`Chain anchor ${anchor} is gone on the server; re-sending turn ${turn.id} with ${earlierTurns} earlier turns and starting a new chain.`);
  options.onRepair(repairNotice());
  const afterRepair = await send(repaired);
  if (afterRepair.status === 'completed' && afterRepair.responseId) memory.repairedAnchor = afterRepair.responseId;
  return afterRepair;
}

/**
 * The provider stopped keeping state during the first request. A request that leaned on the server's chain (an
 * anchor or compacted items) was not answered from it (the provider sends nothing of a chain to Chat Completions):
 * it goes again with the transcript. One that already carried the transcript is told as re-sent, as every later
 * turn will be.
 */
async function afterDialectSwitch(
  result: StreamResult,
  first: ModelRequest,
  resent: { earlierTurns: number; tokens: number } | undefined,
  withTranscript: () => Promise<ModelRequest>,
  send: (request: ModelRequest) => Promise<StreamResult>,
  options: ChainedRequestOptions,
): Promise<StreamResult> {
  const leanedOnChain = first.previousResponseId !== undefined || first.leadingItems !== undefined;
  if (!leanedOnChain) {
    if (resent) options.onResend?.(resent);
    return result;
  }
  const nothingShown = result.text === '' && result.refusal === '' && result.reasoning === '';
  if (!nothingShown || options.signal.aborted) return result;
  options.logger.info(`The endpoint switched to Chat Completions; re-sending turn ${options.turn.id} with the recent transcript.`);
  return send(await withTranscript());
}

/** The newest complete turn was answered by another endpoint profile (turns from 0.1.0 name none and still chain). */
function answeredElsewhere(history: readonly Turn[], endpointId: string | undefined): boolean {
  const last = [...history].reverse().find((turn) => turn.status === 'complete');
  return endpointId !== undefined && last?.endpointId !== undefined && last.endpointId !== endpointId;
}
