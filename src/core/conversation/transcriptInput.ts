import type { InputMessage } from '../provider/types';
import { formatUserMessage } from './promptInput';
import type { Turn } from './turn';

/**
 * How a turn reaches the model's memory. Normally the server holds the conversation and a turn only names the
 * previous response (the chain anchor). When the server lost the chain, keeps no state (store off), or the
 * conversation was compacted, the recent local transcript or the compacted items are sent instead.
 */

/** Counts tokens the way the model will: the host backs it with Threadline's tokenizer for the model's encoding. */
export type TokenCounter = (text: string) => Promise<number>;

/** When no tokenizer is at hand: about four characters a token, rounded up so the budget errs on the safe side. */
export const estimateTokens: TokenCounter = async (text) => Math.ceil(text.length / 4);

/** Tokens each re-sent message costs besides its text (role and separators), as the API counts them. */
const MESSAGE_OVERHEAD_TOKENS = 4;

/** Where the next request picks up the conversation. */
export type ChainStart =
  /** Name the previous response: the server holds everything before it. */
  | { kind: 'anchor'; responseId: string }
  /** Send the items `responses/compact` returned, then the new message. */
  | { kind: 'items'; items: readonly unknown[] }
  /** Send the recent transcript (nothing to chain from, or the chain was given up to make room). */
  | { kind: 'transcript' };

/**
 * The newest COMPLETE turn decides: a stopped, failed or incomplete answer never joins the server-side chain, and
 * deriving the start from the transcript means regenerate and edit (which replace the last turn) chain from the
 * turn before. A compaction recorded on that turn changes how the next request starts; a server-side compaction
 * does not, because the server's chain already continues from it.
 */
export function findChainStart(history: readonly Turn[]): ChainStart {
  for (let i = history.length - 1; i >= 0; i--) {
    const turn = history[i];
    if (turn.status !== 'complete') continue;
    const compaction = turn.compaction;
    if (compaction?.how === 'compact' && compaction.items?.length) return { kind: 'items', items: compaction.items };
    if (compaction?.how === 'transcript') return { kind: 'transcript' };
    // A response asked for with store: false was never on the server: naming it would only be refused.
    return turn.responseId && turn.responseStored !== false ? { kind: 'anchor', responseId: turn.responseId } : { kind: 'transcript' };
  }
  return { kind: 'transcript' };
}

/** The response id to chain from, if the next request chains at all. */
export function findChainAnchor(history: readonly Turn[]): string | undefined {
  const start = findChainStart(history);
  return start.kind === 'anchor' ? start.responseId : undefined;
}

/** A re-sent transcript and what it costs: the earlier turns it carries and their tokens with the new message. */
export interface Transcript {
  messages: InputMessage[];
  earlierTurns: number;
  tokens: number;
}

/**
 * The newest complete turns whose tokens fit `maxTokens`, oldest first, as user/assistant pairs, followed by the
 * new user message (always sent, whatever its size). Only the final answer is re-sent, never commentary.
 */
export async function buildTranscript(
  history: readonly Turn[],
  newUserMessage: string,
  maxTokens: number,
  count: TokenCounter = estimateTokens,
): Promise<Transcript> {
  const pairs: InputMessage[][] = [];
  let used = (await count(newUserMessage)) + MESSAGE_OVERHEAD_TOKENS;
  for (let i = history.length - 1; i >= 0; i--) {
    const turn = history[i];
    if (turn.status !== 'complete' || turn.assistantText.length === 0) continue;
    const user = formatUserMessage(turn.userText, turn.context);
    const cost = (await count(user)) + (await count(turn.assistantText)) + 2 * MESSAGE_OVERHEAD_TOKENS;
    if (used + cost > maxTokens) break;
    used += cost;
    pairs.push([{ role: 'user', content: user }, { role: 'assistant', content: turn.assistantText }]);
  }
  return { messages: [...pairs.reverse().flat(), { role: 'user', content: newUserMessage }], earlierTurns: pairs.length, tokens: used };
}

export async function buildTranscriptInput(
  history: readonly Turn[],
  newUserMessage: string,
  maxTokens: number,
  count: TokenCounter = estimateTokens,
): Promise<InputMessage[]> {
  return (await buildTranscript(history, newUserMessage, maxTokens, count)).messages;
}
