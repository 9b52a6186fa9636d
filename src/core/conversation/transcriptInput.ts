import type { InputMessage } from '../provider/types';
import { formatUserMessage } from './promptInput';
import type { Turn } from './turn';

/**
 * How a turn reaches the model's memory. Normally the server holds the conversation and a turn only names the
 * previous response (the chain anchor). When the server lost the chain, or keeps no state (store off), the recent
 * local transcript is re-sent as input messages instead, within a budget so one request never balloons.
 */

export interface TranscriptBudget {
  maxTurns: number;
  maxChars: number;
}

export const DEFAULT_TRANSCRIPT_BUDGET: TranscriptBudget = { maxTurns: 20, maxChars: 100_000 };

/**
 * The anchor is the response id of the most recent COMPLETE turn: a stopped, failed or incomplete answer never
 * becomes part of the server-side chain, and deriving it from the transcript means regenerate and edit (which
 * replace the last turn) automatically chain from the turn before.
 */
export function findChainAnchor(history: readonly Turn[]): string | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const turn = history[i];
    if (turn.status === 'complete') return turn.responseId;
  }
  return undefined;
}

/**
 * The newest complete turns that fit the budget, oldest first, as user/assistant pairs, followed by the new
 * user message (always sent, whatever its size).
 */
export function buildTranscriptInput(
  history: readonly Turn[],
  newUserMessage: string,
  budget: TranscriptBudget = DEFAULT_TRANSCRIPT_BUDGET,
): InputMessage[] {
  const pairs: InputMessage[][] = [];
  let chars = newUserMessage.length;
  for (let i = history.length - 1; i >= 0 && pairs.length < budget.maxTurns; i--) {
    const turn = history[i];
    if (turn.status !== 'complete' || turn.assistantText.length === 0) continue;
    const user = formatUserMessage(turn.userText, turn.context);
    const cost = user.length + turn.assistantText.length;
    if (chars + cost > budget.maxChars) break;
    chars += cost;
    pairs.push([{ role: 'user', content: user }, { role: 'assistant', content: turn.assistantText }]);
  }
  return [...pairs.reverse().flat(), { role: 'user', content: newUserMessage }];
}
