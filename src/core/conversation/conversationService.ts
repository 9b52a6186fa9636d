import type { Persona } from '../personas';
import type { ResponsesProvider } from '../provider/responsesProvider';
import type { Logger, StreamChannel, StreamResult, TextFormat } from '../provider/types';
import { applyPartEventToTurn } from '../turn/partList';
import type { PartEvent } from '../turn/turnParts';
import { newChainMemory, sendChained } from './chainedRequest';
import { ConversationStore, type RecoveredFromCorruption } from './conversationStore';
import type { StoreFileOps } from './storeFiles';
import { errorMessage } from './storeWriteQueue';
import { type Turn, type TurnError, type Usage, addUsage, emptyUsage } from './turn';
import { type TurnBasis, basisOf, isTurnError, newTurnId, sentWithFor, turnFieldsFrom } from './turnBasis';

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
}

export class ConversationService {
  private readonly listeners = new Set<ConversationListener>();
  private readonly cancellers = new Set<AbortController>();
  private queue: Promise<unknown> = Promise.resolve();
  private waiting = 0;
  private streamingTurnId: string | undefined;
  private lastBusy = false;
  private readonly chainMemory = newChainMemory();
  private readonly now: () => number;

  private constructor(private readonly store: ConversationStore, private readonly options: ConversationServiceOptions) {
    this.now = options.now ?? Date.now;
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
    Object.assign(turn, turnFieldsFrom(result), { finishedAt: this.now() });
    if (turn.parts === undefined) delete turn.parts;
    const persisted = this.store.commit(turn);
    this.streamingTurnId = undefined;
    const final = { ...turn };
    this.emit((l) => l.turnUpdated?.(final));
    this.busyMayHaveChanged();
    await persisted;
    return final;
  }

  private async stream(turn: Turn, history: readonly Turn[], signal: AbortSignal): Promise<StreamResult> {
    const stopped: StreamResult = { status: 'stopped', text: '', refusal: '', reasoning: '' };
    if (signal.aborted) return stopped;
    let provider: ResponsesProvider | TurnError;
    try {
      provider = await this.options.providerFactory();
    } catch (error) {
      provider = { kind: 'unexpected', title: 'Could not prepare the request', detail: errorMessage(error) };
    }
    if (isTurnError(provider)) return { ...stopped, status: 'error', error: provider };
    if (signal.aborted) return stopped;
    try {
      return await this.sendOn(provider, turn, history, signal);
    } catch (error) {
      // Whatever went wrong, the turn must end: it keeps what streamed and says why it stopped.
      this.options.logger.error(`Turn ${turn.id} failed unexpectedly: ${errorMessage(error)}`);
      const partial = { text: turn.assistantText, refusal: turn.refusalText, reasoning: turn.reasoningSummary, parts: turn.parts ?? [] };
      if (signal.aborted) return { ...partial, status: 'stopped' };
      return { ...partial, status: 'error', error: { kind: 'unexpected', title: 'The request could not be completed', detail: errorMessage(error) } };
    }
  }

  private sendOn(provider: ResponsesProvider, turn: Turn, history: readonly Turn[], signal: AbortSignal): Promise<StreamResult> {
    return sendChained({
      provider,
      turn,
      history,
      storeResponses: this.options.storeResponses(),
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
      memory: this.chainMemory,
    });
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
