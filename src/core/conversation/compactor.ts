import type { Logger } from '../provider/types';
import type { ModelProvider } from '../provider/types';
import { chainTokensAfter, compactChain, compactionTarget } from './compaction';
import type { ContextBudget } from './conversationTypes';
import type { Compaction, Turn } from './turn';
import type { TurnError } from '../turn/turnError';
import { isTurnError } from './turnBasis';

export interface CompactorDeps {
  storeResponses: () => boolean;
  now: () => number;
  logger: Logger;
  /** The stored version of a turn: a compaction may have been recorded on it after a snapshot was taken. */
  storedTurn(turnId: string): Turn | undefined;
  /** Stores a finished turn that changed and shows it again. */
  record(turn: Turn): Promise<void>;
}

/**
 * When and where a conversation's chain is compacted, and the marker that records it on the newest complete turn:
 * on demand, before a turn that would pass the budget, and with the size after once the next response is read.
 */
export class Compactor {
  constructor(private readonly deps: CompactorDeps) {}

  /** Compacts the chain ending at the newest complete turn of `history`; undefined when there is none. */
  async compactNow(history: readonly Turn[], provider: ModelProvider, signal: AbortSignal): Promise<Compaction | TurnError | undefined> {
    const target = compactionTarget(history);
    if (!target || signal.aborted) return undefined;
    const compaction = await compactChain(provider, target, this.deps.storeResponses(), this.deps.now(), signal);
    if (isTurnError(compaction)) return compaction;
    await this.mark(target, compaction);
    return compaction;
  }

  /**
   * Where the endpoint does not compact by itself, a chain past the budget is compacted before the next turn goes
   * out. If that fails the turn is still sent: it may fit, and if not, its error offers Compact and retry.
   * Returns the history the turn is sent with.
   */
  async compactIfFull(history: readonly Turn[], provider: ModelProvider, budget: ContextBudget, signal: AbortSignal): Promise<readonly Turn[]> {
    const target = compactionTarget(history);
    const storeResponses = this.deps.storeResponses();
    if (budget.serverCompacts || !storeResponses || !target || target.compaction || chainTokensAfter(target) <= budget.compactAtTokens) return history;
    const compaction = await compactChain(provider, target, storeResponses, this.deps.now(), signal);
    if (isTurnError(compaction)) {
      this.deps.logger.warn(`Could not compact before turn (${compaction.kind}: ${compaction.detail}); sending without.`);
      return history;
    }
    const compacted = await this.mark(target, compaction);
    return history.map((turn) => (turn.id === target.id ? compacted : turn));
  }

  /** The first response after a compaction tells how small the chain became. */
  async noteSizeAfter(history: readonly Turn[], turn: Turn): Promise<void> {
    const anchor = compactionTarget(history);
    const target = anchor && this.deps.storedTurn(anchor.id);
    if (!target?.compaction || target.compaction.tokensAfter !== undefined || turn.status !== 'complete' || !turn.usage) return;
    await this.deps.record({ ...target, compaction: { ...target.compaction, tokensAfter: turn.usage.inputTokens } });
  }

  private async mark(target: Turn, compaction: Compaction): Promise<Turn> {
    this.deps.logger.info(`Conversation compacted after turn ${target.id} (${compaction.how}, ${compaction.tokensBefore} tokens before).`);
    const compacted = { ...target, compaction };
    await this.deps.record(compacted);
    return compacted;
  }
}
