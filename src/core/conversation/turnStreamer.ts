import * as l10n from '@vscode/l10n';
import type { ChainMemoryStore } from '../endpoints/chainMemoryStore';
import type { InputImage } from '../images/imageRef';
import type { ModelProvider } from '../provider/types';
import type { StreamResult } from '../provider/types';
import { applyPartEventToTurn } from '../turn/partList';
import { sendChained, statelessDialectNotice } from './chainedRequest';
import type { Compactor } from './compactor';
import { type ContextBudget, type ConversationListener, type ConversationServiceOptions, DEFAULT_BUDGET } from './conversationTypes';
import { errorMessage } from '../errorMessage';
import type { Turn } from './turn';
import type { TurnError } from '../turn/turnError';
import { isTurnError } from './turnBasis';

export interface TurnStreamerDeps {
  options: ConversationServiceOptions;
  compactor: Compactor;
  chainMemory: ChainMemoryStore;
  /** The conversation being sent on, for choices kept per conversation (token confidence). */
  conversationId(): string;
  /** The streaming turn changed: checkpoint it. */
  progress(turn: Turn): void;
  /** The turn's images as the request carries them, read from the conversation's image folder. */
  loadImages(turn: Turn): Promise<InputImage[]>;
  emit(call: (listener: ConversationListener) => void): void;
}

/**
 * How one answer of a fan-out differs from a turn of its own: its progress and changes go to the fan-out turn
 * that holds it, and the chain was compacted once for all of them before they were sent.
 */
export interface StreamHooks {
  progress(turn: Turn): void;
  updated(turn: Turn): void;
  historyPrepared: true;
}

/**
 * Streams one turn's answer: gets a provider, compacts a full chain first, sends on the chain (or the transcript),
 * folds every part into the turn as it arrives, and tells the listeners. Whatever goes wrong, it returns a result.
 */
export class TurnStreamer {
  constructor(private readonly deps: TurnStreamerDeps) {}

  async provider(endpointId?: string): Promise<ModelProvider | TurnError> {
    try {
      return await this.deps.options.providerFactory(endpointId);
    } catch (error) {
      return { kind: 'unexpected', title: l10n.t('Could not prepare the request'), detail: errorMessage(error) };
    }
  }

  async stream(turn: Turn, history: readonly Turn[], signal: AbortSignal, hooks?: StreamHooks): Promise<StreamResult> {
    const stopped: StreamResult = { status: 'stopped', text: '', refusal: '', reasoning: '' };
    if (signal.aborted) return stopped;
    const provider = await this.provider(turn.sentWith?.endpoint);
    if (isTurnError(provider)) return { ...stopped, status: 'error', error: provider };
    if (signal.aborted) return stopped;
    const stamp = this.deps.options.endpointOf?.(provider);
    if (stamp) Object.assign(turn, { endpointId: stamp.id, endpointLabel: stamp.label });
    const budget = this.deps.options.contextBudget?.(turn.model, provider.endpoint) ?? DEFAULT_BUDGET;
    try {
      const current = hooks?.historyPrepared ? history : await this.deps.compactor.compactIfFull(history, provider, budget, signal);
      return await this.sendOn(provider, turn, current, budget, signal, hooks);
    } catch (error) {
      // Whatever went wrong, the turn must end: it keeps what streamed and says why it stopped.
      this.deps.options.logger.error(`Turn ${turn.id} failed unexpectedly: ${errorMessage(error)}`);
      const partial = { text: turn.assistantText, refusal: turn.refusalText, reasoning: turn.reasoningSummary, parts: turn.parts ?? [] };
      if (signal.aborted) return { ...partial, status: 'stopped' };
      return { ...partial, status: 'error', error: { kind: 'unexpected', title: l10n.t('The request could not be completed'), detail: errorMessage(error) } };
    }
  }

  /** The chain compacted once if full, for a fan-out whose answers all send on it. */
  async prepareHistory(history: readonly Turn[], model: string, signal: AbortSignal): Promise<readonly Turn[]> {
    const provider = await this.provider();
    if (isTurnError(provider) || signal.aborted) return history;
    const budget = this.deps.options.contextBudget?.(model, provider.endpoint) ?? DEFAULT_BUDGET;
    return this.deps.compactor.compactIfFull(history, provider, budget, signal);
  }

  private async sendOn(provider: ModelProvider, turn: Turn, history: readonly Turn[], budget: ContextBudget, signal: AbortSignal, hooks?: StreamHooks): Promise<StreamResult> {
    const progress = hooks?.progress ?? ((changed: Turn) => this.deps.progress(changed));
    const updated = hooks?.updated ?? ((changed: Turn) => this.deps.emit((l) => l.turnUpdated?.({ ...changed })));
    const memory = this.deps.chainMemory.forEndpoint(provider.endpoint);
    const wasStateless = memory.stateless;
    const images = await this.deps.loadImages(turn);
    const topLogprobs = this.deps.options.topLogprobs?.(this.deps.conversationId());
    const result = await sendChained({
      provider,
      turn,
      ...(images.length > 0 ? { images } : {}),
      history,
      storeResponses: this.deps.options.storeResponses(),
      reasoningSummary: this.deps.options.reasoningSummary?.() ?? 'auto',
      ...(topLogprobs !== undefined ? { topLogprobs } : {}),
      signal,
      logger: this.deps.options.logger,
      listener: {
        onDelta: (channel, text) => {
          if (channel !== 'refusal') return;
          turn.refusalText += text;
          progress(turn);
          this.deps.emit((l) => l.delta?.(turn.id, channel, text));
        },
        onPart: (event) => {
          if (!applyPartEventToTurn(turn, event)) return;
          progress(turn);
          this.deps.emit((l) => l.part?.(turn.id, event));
        },
      },
      onResend: (resent) => {
        turn.resent = resent;
        // Said once per conversation: on the first turn it sends where nothing is chained.
        if (!history.some((earlier) => earlier.resent)) turn.notice = statelessDialectNotice(resent);
        updated(turn);
      },
      onRepair: (notice) => {
        turn.notice = notice;
        updated(turn);
      },
      memory,
      ...(turn.endpointId ? { endpointId: turn.endpointId } : {}),
      transcriptTokens: budget.transcriptTokens,
      ...(budget.serverCompacts ? { compactThreshold: budget.compactAtTokens } : {}),
      ...(this.deps.options.countTokens ? { countTokens: this.deps.options.countTokens(turn.model) } : {}),
    });
    if (memory.stateless !== wasStateless) {
      this.deps.chainMemory.persist().catch((error: unknown) => this.deps.options.logger.warn(`Endpoint memory not saved: ${errorMessage(error)}`));
    }
    return result;
  }
}
