import { ChainMemoryStore } from '../endpoints/chainMemoryStore';
import { ConversationStore, type RecoveredFromCorruption } from './conversationStore';
import { errorMessage } from './storeWriteQueue';
import { type Compaction, type Turn, type TurnError, type Usage, addUsage, emptyUsage } from './turn';
import { type TurnBasis, basisOf, isTurnError, newTurnId, sentWithFor, turnFieldsFrom } from './turnBasis';
import { serverCompaction } from './compaction';
import { Compactor } from './compactor';
import { TurnStreamer } from './turnStreamer';
import type { ConversationListener, ConversationServiceOptions, TurnRequest } from './conversationTypes';

export type { ContextBudget, ConversationListener, ConversationServiceOptions, ProviderFactory, TurnRequest } from './conversationTypes';

/**
 * The workspace conversation: one chain of turns, persisted, with the operations the chat panel and commands use.
 *
 * Turns never interleave. A new turn (or regenerate, edit, retry, new conversation) CANCELS whatever is in
 * flight or waiting: the cancelled turn is kept as 'stopped' with its partial text, and the new one starts only
 * after it has settled. The chain anchor is derived from the transcript (see findChainAnchor), so it advances
 * only when a response completes, and replacing the last turn chains from the one before it.
 */

export class ConversationService {
  private readonly listeners = new Set<ConversationListener>();
  private readonly cancellers = new Set<AbortController>();
  private queue: Promise<unknown> = Promise.resolve();
  private waiting = 0;
  private streamingTurnId: string | undefined;
  private lastBusy = false;
  private readonly compactor: Compactor;
  private readonly streamer: TurnStreamer;
  private readonly now: () => number;

  private constructor(private readonly store: ConversationStore, private readonly options: ConversationServiceOptions) {
    this.now = options.now ?? Date.now;
    this.compactor = new Compactor({
      storeResponses: options.storeResponses,
      now: this.now,
      logger: options.logger,
      storedTurn: (turnId) => this.store.turns.find((turn) => turn.id === turnId),
      record: (turn) => this.record(turn),
    });
    this.streamer = new TurnStreamer({
      options,
      compactor: this.compactor,
      chainMemory: options.chainMemory ?? new ChainMemoryStore(),
      progress: (turn) => this.store.progress(turn),
      emit: (call) => this.emit(call),
    });
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
    return this.enqueue((signal) => this.compactWith(this.store.turns, signal));
  }

  /** The answer to "context length exceeded": compacts what came before the last turn, then sends it again. */
  compactAndRetry(turnId: string): Promise<Turn> {
    return this.enqueue(async (signal) => {
      const last = this.store.turns.at(-1);
      if (!last || last.id !== turnId) throw new Error('Only the last turn can be compacted and retried.');
      const outcome = await this.compactWith(this.store.turns.slice(0, -1), signal);
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

  private async compactWith(history: readonly Turn[], signal: AbortSignal): Promise<Compaction | TurnError | undefined> {
    const provider = await this.streamer.provider();
    return isTurnError(provider) ? provider : this.compactor.compactNow(history, provider, signal);
  }

  /** A finished turn changed (a compaction recorded on it): stored and shown again. */
  private async record(turn: Turn): Promise<void> {
    const persisted = this.store.commit(turn);
    this.emit((l) => l.turnUpdated?.({ ...turn }));
    await persisted;
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

    const result = await this.streamer.stream(turn, history, signal);
    const compaction = serverCompaction(result, this.now());
    Object.assign(turn, turnFieldsFrom(result), { finishedAt: this.now() }, compaction ? { compaction } : {});
    if (turn.parts === undefined) delete turn.parts;
    const persisted = this.store.commit(turn);
    this.streamingTurnId = undefined;
    const final = { ...turn };
    this.emit((l) => l.turnUpdated?.(final));
    this.busyMayHaveChanged();
    await persisted;
    await this.compactor.noteSizeAfter(history, final);
    return final;
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
