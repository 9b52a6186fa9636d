import type { ReasoningSummarySetting } from '../models/parameters';
import type { Persona } from '../personas';
import type { ResponsesProvider } from '../provider/responsesProvider';
import type { Logger, StreamChannel, StreamResult, TextFormat } from '../provider/types';
import { ChainMemoryStore } from '../endpoints/chainMemoryStore';
import { applyPartEventToTurn } from '../turn/partList';
import type { PartEvent } from '../turn/turnParts';
import { sendChained } from './chainedRequest';
import type { TokenCounter } from './transcriptInput';
import { ConversationStore, type RecoveredFromCorruption } from './conversationStore';
import type { StoreFileOps } from './storeFiles';
import { errorMessage } from './storeWriteQueue';
import { type Compaction, type Turn, type TurnError, type Usage, addUsage, emptyUsage } from './turn';
import { type TurnBasis, basisOf, isTurnError, newTurnId, sentWithFor, turnFieldsFrom } from './turnBasis';
import { chainTokensAfter, compactChain, compactionTarget, serverCompaction } from './compaction';

/**
 * The workspace conversation: one chain of turns, persisted, with the operations the chat panel and commands use.
 *
 * Turns never interleave. A new turn (or regenerate, edit, retry, new conversation) CANCELS whatever is in
 * flight or waiting: the cancelled turn is kept as 'stopped' with its partial text, and the new one starts only
 * after it has settled. The chain anchor is derived from the transcript (see findChainAnchor), so it advances
 * only when a response completes, and replacing the last turn chains from the one before it.
 */

export interface TurnRequest {
  origin: Turn['origin'];
  userText: string;
  context?: Turn['context'];
  persona: Persona;
  model: string;
  /** Structured output (Extract JSON): the Responses `text.format`. */
  textFormat?: TextFormat;
}

/** A TurnError (e.g. missingKeyError()) means "cannot send": the turn is recorded as failed with it, user text kept. */
export type ProviderFactory = () => Promise<ResponsesProvider | TurnError>;

export interface ConversationListener {
  turnStarted?(turn: Turn): void;
  /** Refusal text as it streams. The answer and its reasoning stream as part events. */
  delta?(turnId: string, channel: StreamChannel, text: string): void;
  /** A change to the streaming turn's parts, already applied to the turn this service holds. */
  part?(turnId: string, event: PartEvent): void;
  /** The final state of a turn, or any change that is not a delta (e.g. a chain-repair notice). */
  turnUpdated?(turn: Turn): void;
  turnRemoved?(turnId: string): void;
  /** The transcript was replaced (new conversation). */
  reset?(turns: readonly Turn[]): void;
  /** `busy` changed; sent on every change whatever caused it, so a UI that follows it can never stay stuck. */
  busyChanged?(busy: boolean): void;
}

export interface ConversationServiceOptions {
  storageDir: string;
  providerFactory: ProviderFactory;
  /** Read per turn: false for servers that keep no state, so every turn carries the recent transcript. */
  storeResponses: () => boolean;
  /** Read per turn: `threadline.reasoningSummary`; `auto` when not given. */
  reasoningSummary?: () => ReasoningSummarySetting;
  logger: Logger;
  now?: () => number;
  /** How often the streaming turn is checkpointed to disk. */
  checkpointIntervalMs?: number;
  /**
   * The transcript could not be written (disk full, no permission…). Called once per run of failures; the
   * conversation stays in memory and is saved again with the next write that works.
   */
  onWriteError?(message: string): void;
  /** File operations of the store; the defaults write to disk durably. */
  fileOps?: StoreFileOps;
  /** The model's context budget: tokens a re-sent transcript may take, and where the server should compact. */
  contextBudget?: (model: string, endpoint: string) => ContextBudget;
  /** Counts tokens with the model's encoding; the default is an estimate. */
  countTokens?: (model: string) => TokenCounter;
  /** What each endpoint taught about its chains; the host's store is shared by every conversation and saved. */
  chainMemory?: ChainMemoryStore;
}

export interface ContextBudget {
  /** Tokens a re-sent transcript may take. */
  transcriptTokens: number;
  /** A chain past this many tokens is compacted. */
  compactAtTokens: number;
  /** The endpoint compacts chains itself when asked (`context_management`); otherwise Threadline does, between turns. */
  serverCompacts: boolean;
}

/** Without a host to say better: a 128k window, a fifth kept for the answer, compaction at 80%. */
const DEFAULT_BUDGET: ContextBudget = { transcriptTokens: 102_400, compactAtTokens: 102_400, serverCompacts: false };

export class ConversationService {
  private readonly listeners = new Set<ConversationListener>();
  private readonly cancellers = new Set<AbortController>();
  private queue: Promise<unknown> = Promise.resolve();
  private waiting = 0;
  private streamingTurnId: string | undefined;
  private lastBusy = false;
  private readonly chainMemory: ChainMemoryStore;
  private readonly now: () => number;

  private constructor(private readonly store: ConversationStore, private readonly options: ConversationServiceOptions) {
    this.now = options.now ?? Date.now;
    this.chainMemory = options.chainMemory ?? new ChainMemoryStore();
  }

  static async open(options: ConversationServiceOptions): Promise<{ service: ConversationService; recoveredFromCorruption?: RecoveredFromCorruption }> {
    const { store, recoveredFromCorruption } = await ConversationStore.open(options.storageDir, options.logger, {
      ...(options.now ? { now: options.now } : {}),
      ...(options.checkpointIntervalMs !== undefined ? { checkpointIntervalMs: options.checkpointIntervalMs } : {}),
      ...(options.onWriteError ? { onWriteError: (message: string) => options.onWriteError?.(message) } : {}),
      ...(options.fileOps ? { fileOps: options.fileOps } : {}),
    });
    const service = new ConversationService(store, options);
    return { service, ...(recoveredFromCorruption ? { recoveredFromCorruption } : {}) };
  }

  get turns(): readonly Turn[] {
    return this.store.turns;
  }

  /** True while a turn streams or an operation waits for one to settle. */
  get busy(): boolean {
    return this.streamingTurnId !== undefined || this.waiting > 0;
  }

  totals(): Usage {
    return this.store.turns.reduce((sum, turn) => (turn.usage ? addUsage(sum, turn.usage) : sum), emptyUsage());
  }

  onEvent(listener: ConversationListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  send(request: TurnRequest): Promise<Turn> {
    const basis: TurnBasis = {
      origin: request.origin,
      userText: request.userText,
      context: request.context ?? [],
      personaId: request.persona.id,
      personaLabel: request.persona.label,
      model: request.model,
      sentWith: sentWithFor(request.persona, request.textFormat),
    };
    // A send cancelled before it started is still recorded (as stopped), so the user's text is never lost.
    return this.enqueue((signal) => this.runTurn(basis, signal));
  }

  /** Replaces the answer of the last turn with a new one to the same request, chained from the turn before it. */
  regenerate(turnId: string): Promise<Turn> {
    return this.enqueue((signal) => this.replaceLast(turnId, 'regenerate', signal, (last) => ({ ...basisOf(last) })));
  }

  /** Replaces the last turn with the same request, its text edited. */
  editAndResend(turnId: string, text: string): Promise<Turn> {
    return this.enqueue((signal) => this.replaceLast(turnId, 'edit', signal, (last) => ({ ...basisOf(last), userText: text })));
  }

  /** Re-sends a last turn that did not complete (stopped, failed or incomplete). */
  retry(turnId: string): Promise<Turn> {
    return this.enqueue((signal) => this.replaceLast(turnId, 'retry', signal, (last) => {
      if (last.status === 'complete') throw new Error('Only a stopped, failed or incomplete turn can be retried.');
      return basisOf(last);
    }));
  }

  /**
   * Compacts the conversation now, recorded on the newest complete turn. Undefined when there is nothing to
   * compact; a TurnError when the endpoint could compact but the request failed.
   */
  compact(): Promise<Compaction | TurnError | undefined> {
    return this.enqueue((signal) => this.compactNow(this.store.turns, signal));
  }

  /** The answer to "context length exceeded": compacts what came before the last turn, then sends it again. */
  compactAndRetry(turnId: string): Promise<Turn> {
    return this.enqueue(async (signal) => {
      const last = this.store.turns.at(-1);
      if (!last || last.id !== turnId) throw new Error('Only the last turn can be compacted and retried.');
      const outcome = await this.compactNow(this.store.turns.slice(0, -1), signal);
      if (isTurnError(outcome ?? {})) {
        const failed = { ...last, error: outcome as TurnError };
        await this.record(failed);
        return failed;
      }
      return this.replaceLast(turnId, 'retry', signal, basisOf);
    });
  }

  /** Stops the streaming turn (kept as 'stopped' with its partial text) and anything waiting. */
  stop(): void {
    for (const controller of this.cancellers) controller.abort();
  }

  /**
   * Archives the current transcript (never deleted) and starts a fresh chain with no anchor. Resolves to false
   * when the archive could not be written: the current conversation is then kept as it is (and onWriteError told).
   */
  async newConversation(): Promise<boolean> {
    return this.enqueue(async () => {
      try {
        const archived = await this.store.archive();
        if (archived) this.options.logger.info(`New conversation; the previous one is archived at ${archived}.`);
      } catch (error) {
        this.options.logger.error(`New conversation: the current one is kept, as it could not be archived (${errorMessage(error)}).`);
        return false;
      }
      this.emit((l) => l.reset?.(this.store.turns));
      return true;
    });
  }

  flush(): Promise<void> {
    return this.store.flush();
  }

  async dispose(): Promise<void> {
    this.stop();
    await this.queue;
    await this.store.flush();
    this.listeners.clear();
  }

  /** Every operation cancels what is in flight or waiting, then runs after it has settled. */
  private enqueue<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.stop();
    const controller = new AbortController();
    this.cancellers.add(controller);
    this.waiting++;
    this.busyMayHaveChanged();
    const run = this.queue.then(() => {
      this.waiting--;
      // Started synchronously, so a turn that begins marks itself streaming before busy is looked at again.
      const started = work(controller.signal);
      this.busyMayHaveChanged();
      return started;
    });
    this.queue = run.catch(() => undefined);
    return run.finally(() => {
      this.cancellers.delete(controller);
      this.busyMayHaveChanged();
    });
  }

  /** Emits busyChanged when `busy` differs from what listeners were last told. */
  private busyMayHaveChanged(): void {
    const busy = this.busy;
    if (busy === this.lastBusy) return;
    this.lastBusy = busy;
    this.emit((l) => l.busyChanged?.(busy));
  }

  private async replaceLast(turnId: string, what: string, signal: AbortSignal, basisFor: (last: Turn) => TurnBasis): Promise<Turn> {
    const last = this.store.turns.at(-1);
    if (!last || last.id !== turnId) throw new Error(`Only the last turn can be used for ${what}.`);
    // Cancelled before it began (a newer request came in): leave the existing answer alone.
    if (signal.aborted) return last;
    const basis = basisFor(last);
    // Memory is the truth and the store writes in order (a failed write is handled there): no need to wait for the disk.
    void this.store.remove(last.id);
    this.emit((l) => l.turnRemoved?.(last.id));
    return this.runTurn(basis, signal);
  }

  private async compactNow(history: readonly Turn[], signal: AbortSignal): Promise<Compaction | TurnError | undefined> {
    const target = compactionTarget(history);
    if (!target || signal.aborted) return undefined;
    const provider = await this.providerOrError();
    if (isTurnError(provider)) return provider;
    const compaction = await compactChain(provider, target, this.options.storeResponses(), this.now(), signal);
    if (isTurnError(compaction)) return compaction;
    this.options.logger.info(`Conversation compacted after turn ${target.id} (${compaction.how}, ${compaction.tokensBefore} tokens before).`);
    await this.record({ ...target, compaction });
    return compaction;
  }

  /** A finished turn changed (a compaction recorded on it): stored and shown again. */
  private async record(turn: Turn): Promise<void> {
    const persisted = this.store.commit(turn);
    this.emit((l) => l.turnUpdated?.({ ...turn }));
    await persisted;
  }

  /** The first response after a compaction tells how small the chain became. */
  private async noteSizeAfterCompaction(history: readonly Turn[], turn: Turn): Promise<void> {
    // The stored turn, not the snapshot: a compaction just before this turn was recorded after the snapshot.
    const anchor = compactionTarget(history);
    const target = anchor && this.store.turns.find((t) => t.id === anchor.id);
    if (!target?.compaction || target.compaction.tokensAfter !== undefined || turn.status !== 'complete' || !turn.usage) return;
    await this.record({ ...target, compaction: { ...target.compaction, tokensAfter: turn.usage.inputTokens } });
  }

  private async providerOrError(): Promise<ResponsesProvider | TurnError> {
    try {
      return await this.options.providerFactory();
    } catch (error) {
      return { kind: 'unexpected', title: 'Could not prepare the request', detail: errorMessage(error) };
    }
  }

  private async runTurn(basis: TurnBasis, signal: AbortSignal): Promise<Turn> {
    const history = [...this.store.turns];
    const turn: Turn = {
      id: newTurnId(this.now()),
      ...basis,
      assistantText: '',
      refusalText: '',
      reasoningSummary: '',
      parts: [],
      status: 'streaming',
      startedAt: this.now(),
    };
    this.store.begin(turn);
    this.streamingTurnId = turn.id;
    this.emit((l) => l.turnStarted?.({ ...turn }));
    this.busyMayHaveChanged();

    const result = await this.stream(turn, history, signal);
    const compaction = serverCompaction(result, this.now());
    Object.assign(turn, turnFieldsFrom(result), { finishedAt: this.now() }, compaction ? { compaction } : {});
    if (turn.parts === undefined) delete turn.parts;
    const persisted = this.store.commit(turn);
    this.streamingTurnId = undefined;
    const final = { ...turn };
    this.emit((l) => l.turnUpdated?.(final));
    this.busyMayHaveChanged();
    await persisted;
    await this.noteSizeAfterCompaction(history, final);
    return final;
  }

  private async stream(turn: Turn, history: readonly Turn[], signal: AbortSignal): Promise<StreamResult> {
    const stopped: StreamResult = { status: 'stopped', text: '', refusal: '', reasoning: '' };
    if (signal.aborted) return stopped;
    const provider = await this.providerOrError();
    if (isTurnError(provider)) return { ...stopped, status: 'error', error: provider };
    if (signal.aborted) return stopped;
    const budget = this.options.contextBudget?.(turn.model, provider.endpoint) ?? DEFAULT_BUDGET;
    try {
      const current = await this.compactIfFull(history, provider, budget, signal);
      return await this.sendOn(provider, turn, current, budget, signal);
    } catch (error) {
      // Whatever went wrong, the turn must end: it keeps what streamed and says why it stopped.
      this.options.logger.error(`Turn ${turn.id} failed unexpectedly: ${errorMessage(error)}`);
      const partial = { text: turn.assistantText, refusal: turn.refusalText, reasoning: turn.reasoningSummary, parts: turn.parts ?? [] };
      if (signal.aborted) return { ...partial, status: 'stopped' };
      return { ...partial, status: 'error', error: { kind: 'unexpected', title: 'The request could not be completed', detail: errorMessage(error) } };
    }
  }

  /**
   * Where the endpoint does not compact by itself, a chain past the budget is compacted before the next turn goes
   * out. If that fails the turn is still sent: it may fit, and if not, its error offers Compact and retry.
   */
  private async compactIfFull(history: readonly Turn[], provider: ResponsesProvider, budget: ContextBudget, signal: AbortSignal): Promise<readonly Turn[]> {
    const target = compactionTarget(history);
    const storeResponses = this.options.storeResponses();
    if (budget.serverCompacts || !storeResponses || !target || target.compaction || chainTokensAfter(target) <= budget.compactAtTokens) return history;
    const compaction = await compactChain(provider, target, storeResponses, this.now(), signal);
    if (isTurnError(compaction)) {
      this.options.logger.warn(`Could not compact before turn (${compaction.kind}: ${compaction.detail}); sending without.`);
      return history;
    }
    const compacted = { ...target, compaction };
    await this.record(compacted);
    return history.map((turn) => (turn.id === target.id ? compacted : turn));
  }

  private async sendOn(provider: ResponsesProvider, turn: Turn, history: readonly Turn[], budget: ContextBudget, signal: AbortSignal): Promise<StreamResult> {
    const memory = this.chainMemory.forEndpoint(provider.endpoint);
    const wasStateless = memory.stateless;
    const result = await sendChained({
      provider,
      turn,
      history,
      storeResponses: this.options.storeResponses(),
      reasoningSummary: this.options.reasoningSummary?.() ?? 'auto',
      signal,
      logger: this.options.logger,
      listener: {
        onDelta: (channel, text) => {
          if (channel !== 'refusal') return;
          turn.refusalText += text;
          this.store.progress(turn);
          this.emit((l) => l.delta?.(turn.id, channel, text));
        },
        onPart: (event) => {
          if (!applyPartEventToTurn(turn, event)) return;
          this.store.progress(turn);
          this.emit((l) => l.part?.(turn.id, event));
        },
      },
      onRepair: (notice) => {
        turn.notice = notice;
        this.emit((l) => l.turnUpdated?.({ ...turn }));
      },
      memory,
      transcriptTokens: budget.transcriptTokens,
      ...(budget.serverCompacts ? { compactThreshold: budget.compactAtTokens } : {}),
      ...(this.options.countTokens ? { countTokens: this.options.countTokens(turn.model) } : {}),
    });
    if (memory.stateless !== wasStateless) {
      this.chainMemory.persist().catch((error: unknown) => this.options.logger.warn(`Endpoint memory not saved: ${errorMessage(error)}`));
    }
    return result;
  }

  /** A failing listener must not break the turn or the other listeners. */
  private emit(call: (listener: ConversationListener) => void): void {
    for (const listener of this.listeners) {
      try {
        call(listener);
      } catch (error) {
        this.options.logger.error(`Conversation listener failed: ${errorMessage(error)}`);
      }
    }
  }
}
