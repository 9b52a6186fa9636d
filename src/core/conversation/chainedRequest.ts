import type { ResponsesProvider } from '../provider/responsesProvider';
import type { Logger, ModelRequest, StreamListener, StreamResult, TextFormat } from '../provider/types';
import { formatUserMessage } from './promptInput';
import { buildTranscriptInput, findChainAnchor } from './transcriptInput';
import type { Turn } from './turn';

export const REPAIR_NOTICE = 'The server no longer had this conversation; the recent transcript was re-sent and a new chain started.';

export interface ChainedRequestOptions {
  provider: ResponsesProvider;
  /** The turn being answered; its text, context, model and sentWith are read, never written. */
  turn: Turn;
  /** The turns before it, oldest first. */
  history: readonly Turn[];
  /** False for servers that keep no state: every turn then carries the recent transcript. */
  storeResponses: boolean;
  listener: StreamListener;
  signal: AbortSignal;
  logger: Logger;
  /** Called once when the chain had to be rebuilt, before the re-send. */
  onRepair(notice: string): void;
}

/**
 * Sends one turn on the workspace chain. With an anchor, only the new user message goes out, naming the previous
 * response. Without one (new conversation, store off, or nothing complete yet) the recent transcript goes instead.
 * When the server says the anchor is gone, the turn is re-sent once with the transcript, which starts a new chain
 * from the response it produces: nothing the user sees is lost, and the next turn chains from the new response.
 */
export async function sendChained(options: ChainedRequestOptions): Promise<StreamResult> {
  const { turn, history, storeResponses, logger } = options;
  const userMessage = formatUserMessage(turn.userText, turn.context);
  const sentWith = turn.sentWith ?? { instructions: '' };
  const base: Omit<ModelRequest, 'input'> = {
    model: turn.model,
    // Every request carries the instructions: the server does not carry them over a previous_response_id chain.
    instructions: sentWith.instructions,
    store: storeResponses,
    ...(sentWith.temperature !== undefined ? { temperature: sentWith.temperature } : {}),
    ...(sentWith.topP !== undefined ? { topP: sentWith.topP } : {}),
    ...(sentWith.maxOutputTokens !== undefined ? { maxOutputTokens: sentWith.maxOutputTokens } : {}),
    ...(sentWith.textFormat ? { textFormat: sentWith.textFormat as unknown as TextFormat } : {}),
  };
  const anchor = storeResponses ? findChainAnchor(history) : undefined;
  const withTranscript = (): ModelRequest => {
    const input = buildTranscriptInput(history, userMessage);
    return { ...base, input: input.length === 1 ? userMessage : input };
  };

  const first: ModelRequest = anchor ? { ...base, input: userMessage, previousResponseId: anchor } : withTranscript();
  const result = await options.provider.stream(first, options.listener, options.signal);
  const chainLost = anchor !== undefined && result.error?.kind === 'previous_response_not_found';
  const nothingShown = result.text === '' && result.refusal === '' && result.reasoning === '';
  if (!chainLost || !nothingShown || options.signal.aborted) return result;

  const repaired = withTranscript();
  logger.warn(
    `Chain anchor ${anchor} is gone on the server; re-sending turn ${turn.id} with ` +
      `${Array.isArray(repaired.input) ? (repaired.input.length - 1) / 2 : 0} earlier turns and starting a new chain.`,
  );
  options.onRepair(REPAIR_NOTICE);
  return options.provider.stream(repaired, options.listener, options.signal);
}
