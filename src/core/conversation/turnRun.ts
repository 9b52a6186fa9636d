import type { ConversationHandle } from '../store/libraryTypes';
import { serverCompaction } from './compaction';
import type { Compactor } from './compactor';
import type { ConversationListener } from './conversationTypes';
import type { Turn } from './turn';
import { type TurnBasis, newTurnId, turnFieldsFrom } from './turnBasis';
import type { TurnStreamer } from './turnStreamer';

/** What running a turn needs from the conversation service: its store, streamer and listeners. */
export interface TurnRunContext {
  store: ConversationHandle;
  streamer: TurnStreamer;
  compactor: Compactor;
  now(): number;
  emit(call: (listener: ConversationListener) => void): void;
  /** The turn streaming now, or undefined once it settled: what the service's `busy` reads. */
  setStreaming(turnId: string | undefined): void;
}

/** A new turn, streaming, with nothing answered yet. */
export function newStreamingTurn(id: string, basis: TurnBasis, startedAt: number): Turn {
  return { id, ...basis, assistantText: '', refusalText: '', reasoningSummary: '', parts: [], status: 'streaming', startedAt };
}

/** A stream's result folded into the turn it answered: status, text, parts, usage, response id, compaction. */
export function settleAnswer(turn: Turn, result: Parameters<typeof turnFieldsFrom>[0], now: number): void {
  const compaction = serverCompaction(result, now);
  Object.assign(turn, turnFieldsFrom(result), { finishedAt: now }, compaction ? { compaction } : {});
  if (turn.parts === undefined) delete turn.parts;
}

/** One turn: begun in the store, streamed, settled and committed; the chain advances only if it completed. */
export async function runSingleTurn(ctx: TurnRunContext, basis: TurnBasis, signal: AbortSignal): Promise<Turn> {
  const history = [...ctx.store.turns];
  const turn = newStreamingTurn(newTurnId(ctx.now()), basis, ctx.now());
  ctx.store.begin(turn);
  ctx.setStreaming(turn.id);
  ctx.emit((l) => l.turnStarted?.({ ...turn }));

  const result = await ctx.streamer.stream(turn, history, signal);
  settleAnswer(turn, result, ctx.now());
  const persisted = ctx.store.commit(turn);
  const final = { ...turn };
  ctx.setStreaming(undefined);
  ctx.emit((l) => l.turnUpdated?.(final));
  await persisted;
  await ctx.compactor.noteSizeAfter(history, final);
  return final;
}
