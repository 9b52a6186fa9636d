import * as l10n from '@vscode/l10n';
import type { ConversationHandle } from '../store/libraryTypes';
import type { Compaction, Turn } from './turn';
import type { TurnError } from '../turn/turnError';
import type { Usage } from '../turn/usage';
import { type TurnBasis, basesOf, basisFor, isTurnError } from './turnBasis';
import type { Compactor } from './compactor';
import { createFork } from './conversationFork';
import { ConversationEvents } from './conversationEvents';
import { chooseOnLastTurn, totalUsage } from './fanOutAnswers';
import { OperationQueue } from './operationQueue';
import type { TurnRunner } from './turnRunner';
import type { TurnStreamer } from './turnStreamer';
import { buildTurnPipeline } from './turnPipeline';
import { OtherWindowWrites } from './otherWindowWrites';
import type { ConversationListener, ConversationServiceOptions, TurnRequest } from './conversationTypes';

export type { ContextBudget, ConversationListener, ConversationServiceOptions, ProviderFactory, TurnRequest } from './conversationTypes';

/**
 * The workspace conversation: one chain of turns, persisted, with the operations the chat panel and commands use.
 *
 * Turns never interleave (OperationQueue): a new turn (or regenerate, edit, retry, new conversation) cancels
 * whatever is in flight or waiting. The chain anchor is derived from the transcript (see findChainAnchor), so it
 * advances only when a response completes, and replacing the last turn chains from the one before it. A fan-out
 * turn (several personas at once, FanOutRun) is one turn on the chain: it continues with the answer chosen.
 */

/** Whole sentences, so each language words the action its own way. */
const ONLY_THE_LAST = {
  regenerate: () => l10n.t('Only the last turn can be regenerated.'),
  retry: () => l10n.t('Only the last turn can be retried.'),
  edit: () => l10n.t('Only the last turn can be edited and sent again.'),
} as const;

export class ConversationService {
  private readonly events: ConversationEvents;
  private readonly operations = new OperationQueue(() => this.busyMayHaveChanged());
  private readonly runner: TurnRunner;
  private lastBusy = false;
  private readonly otherWindow: OtherWindowWrites;
  private readonly compactor: Compactor;
  private readonly streamer: TurnStreamer;
  private readonly now: () => number;

  private constructor(private store: ConversationHandle, private readonly options: ConversationServiceOptions) {
    this.now = options.now ?? Date.now;
    this.events = new ConversationEvents(options.logger);
    this.otherWindow = new OtherWindowWrites(options.library, () => this.store.id);
    ({ compactor: this.compactor, streamer: this.streamer, runner: this.runner } = buildTurnPipeline({
      options,
      now: this.now,
      store: () => this.store,
      record: (turn) => this.record(turn),
      emit: (call) => this.emit(call),
      streamingChanged: () => this.busyMayHaveChanged(),
    }));
  }

  /**
   * Opens the conversation named in the options, else the most recently active one that is not in the trash,
   * else a new one.
   */
  static async open(options: ConversationServiceOptions): Promise<ConversationService> {
    const library = options.library;
    let id = options.conversationId;
    if (id === undefined) {
      const live = (await library.list()).filter((summary) => summary.trashedAt === undefined);
      id = live.sort((a, b) => b.lastActivity - a.lastActivity)[0]?.id;
    }
    const handle = id !== undefined ? await library.open(id) : await library.create();
    return new ConversationService(handle, options);
  }

  /** The conversation this service shows and sends on. */
  get conversationId(): string {
    return this.store.id;
  }

  get turns(): readonly Turn[] {
    return this.store.turns;
  }

  /** True while a turn streams or an operation waits for one to settle. */
  get busy(): boolean {
    return this.runner.streaming || this.operations.waiting > 0;
  }

  /** Tokens of every answer, the alternatives of fan-out turns included. */
  totals(): Usage {
    return totalUsage(this.store.turns);
  }

  onEvent(listener: ConversationListener): { dispose(): void } {
    return this.events.on(listener);
  }

  send(request: TurnRequest): Promise<Turn> {
    // A send cancelled before it started is still recorded (as stopped), so the user's text is never lost.
    return this.enqueue((signal) => this.runBases([basisFor(request)], signal));
  }

  /**
   * The same message to several personas at once (one request each, in parallel, all chained from the current
   * anchor): one turn holding every answer. Resolves once all have settled.
   */
  fanOut(requests: readonly TurnRequest[]): Promise<Turn> {
    if (requests.length < 2) throw new Error(l10n.t('Asking several personas needs at least two.'));
    return this.enqueue((signal) => this.runBases(requests.map(basisFor), signal));
  }

  /** Stops one answer of the fan-out turn streaming now; the others go on. */
  stopAnswer(answerId: string): boolean {
    return this.runner.stopAnswer(answerId);
  }

  /**
   * "Continue with this": the last turn's answer `answerId` becomes the one the conversation continues with; the
   * next turn chains from its response (or re-sends its text). The other answers stay as alternatives.
   */
  async choose(turnId: string, answerId: string): Promise<Turn> {
    if (this.runner.fanOutTurnId === turnId) return this.runner.chooseWhileStreaming(answerId);
    if (this.busy) throw new Error(l10n.t('Wait for the answer in progress, or stop it, before choosing.'));
    const chosen = chooseOnLastTurn(this.store.turns, turnId, answerId);
    await this.record(chosen);
    return chosen;
  }

  /** Replaces the answer of the last turn with a new one to the same request, chained from the turn before it. */
  regenerate(turnId: string): Promise<Turn> {
    return this.enqueue((signal) => this.replaceLast(turnId, 'regenerate', signal, (last) => basesOf(last)));
  }

  /** Re-sends a last turn that did not complete (stopped, failed or incomplete); `webSearch: false` leaves the tool out. */
  retry(turnId: string, options: { webSearch?: false } = {}): Promise<Turn> {
    return this.enqueue((signal) => this.replaceLast(turnId, 'retry', signal, (last) => {
      if (last.status === 'complete') throw new Error(l10n.t('Only a stopped, failed or incomplete turn can be retried.'));
      const bases = basesOf(last);
      if (options.webSearch !== false) return bases;
      // A copy: the stored turn keeps what it was first sent with.
      return bases.map((basis) => {
        const { webSearch: _dropped, ...sentWith } = basis.sentWith;
        return { ...basis, sentWith };
      });
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
      if (!last || last.id !== turnId) throw new Error(l10n.t('Only the last turn can be compacted and retried.'));
      const outcome = await this.compactWith(this.store.turns.slice(0, -1), signal);
      if (isTurnError(outcome ?? {})) {
        const failed = { ...last, error: outcome as TurnError };
        await this.record(failed);
        return failed;
      }
      return this.replaceLast(turnId, 'retry', signal, basesOf);
    });
  }

  /** Stops the streaming turn (kept as 'stopped' with its partial text) and anything waiting. */
  stop(): void {
    this.operations.stop();
  }

  /** Starts a new, empty conversation; the current one stays in the history as it is. */
  async newConversation(): Promise<boolean> {
    return this.enqueue(async () => {
      const previous = this.store;
      await previous.flush();
      this.show(await this.options.library.create());
      this.options.logger.info(`New conversation ${this.store.id}; ${previous.id} stays in the history.`);
      return true;
    });
  }

  /** Shows and continues another conversation of the library; whatever streams is stopped (and kept) first. */
  async switchTo(conversationId: string): Promise<void> {
    return this.enqueue(async () => {
      if (conversationId === this.store.id) return;
      await this.store.flush();
      this.show(await this.options.library.open(conversationId));
    });
  }

  /**
   * A new conversation holding the turns up to and including `turnId`, shown from now on. Its next message
   * chains from that turn's stored response, so a fork costs nothing on a server that keeps responses.
   */
  async fork(turnId: string): Promise<string> {
    return this.enqueue(async () => this.forkAt(turnId, true));
  }

  /**
   * Edit-and-resend: on the last turn it replaces that turn; on an earlier turn it forks before it and sends the
   * edited text there, so the original conversation stays in the history as it was.
   */
  editAndResend(turnId: string, text: string): Promise<Turn> {
    const index = this.store.turns.findIndex((turn) => turn.id === turnId);
    if (index === this.store.turns.length - 1) {
      return this.enqueue((signal) => this.replaceLast(turnId, 'edit', signal, (last) => basesOf(last).map((basis) => ({ ...basis, userText: text }))));
    }
    return this.enqueue(async (signal) => {
      const edited = this.store.turns[index];
      if (!edited) throw new Error(l10n.t('That turn is no longer in the conversation.'));
      const before = this.store.turns[index - 1];
      if (before) await this.forkAt(before.id, true);
      else this.show(await this.options.library.create());
      return this.runBases(basesOf(edited).map((basis) => ({ ...basis, userText: text })), signal);
    });
  }

  /** Reloads what other windows wrote to the open conversation; listeners hear a reset when it changed. */
  async refresh(): Promise<void> {
    if (this.busy) return;
    const changed = await this.store.refresh();
    if (!changed && !this.otherWindow.changed) return;
    this.otherWindow.changed = false;
    this.emit((l) => l.reset?.(this.store.turns));
  }

  flush(): Promise<void> {
    return this.store.flush();
  }

  async dispose(): Promise<void> {
    this.stop();
    await this.operations.settled();
    await this.store.flush();
    this.otherWindow.dispose();
    this.events.clear();
  }

  /** Every operation cancels what is in flight or waiting, then runs after it has settled. */
  private enqueue<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return this.operations.enqueue(work);
  }

  /** Emits busyChanged when `busy` differs from what listeners were last told. */
  private busyMayHaveChanged(): void {
    const busy = this.busy;
    if (busy === this.lastBusy) return;
    this.lastBusy = busy;
    this.emit((l) => l.busyChanged?.(busy));
  }

  private async replaceLast(turnId: string, what: 'regenerate' | 'retry' | 'edit', signal: AbortSignal, basesFor: (last: Turn) => TurnBasis[]): Promise<Turn> {
    const last = this.store.turns.at(-1);
    if (!last || last.id !== turnId) throw new Error(ONLY_THE_LAST[what]());
    // Cancelled before it began (a newer request came in): leave the existing answer alone.
    if (signal.aborted) return last;
    const bases = basesFor(last);
    // Memory is the truth and the store writes in order (a failed write is handled there): no need to wait for the disk.
    void this.store.remove(last.id);
    this.emit((l) => l.turnRemoved?.(last.id));
    return this.runBases(bases, signal);
  }

  private async compactWith(history: readonly Turn[], signal: AbortSignal): Promise<Compaction | TurnError | undefined> {
    const provider = await this.streamer.provider(history.at(-1)?.endpointId);
    return isTurnError(provider) ? provider : this.compactor.compactNow(history, provider, signal);
  }

  private async forkAt(turnId: string, showIt: boolean): Promise<string> {
    const fork = await createFork(this.options.library, this.store, turnId);
    if (showIt) this.show(fork);
    return fork.id;
  }

  private show(handle: ConversationHandle): void {
    this.store = handle;
    this.otherWindow.changed = false;
    this.emit((l) => l.reset?.(handle.turns));
  }

  /** A finished turn changed (a compaction recorded on it): stored and shown again. */
  private async record(turn: Turn): Promise<void> {
    const persisted = this.store.commit(turn);
    this.emit((l) => l.turnUpdated?.({ ...turn }));
    await persisted;
  }

  private runBases(bases: readonly TurnBasis[], signal: AbortSignal): Promise<Turn> {
    return this.runner.run(bases, signal);
  }

  private emit(call: (listener: ConversationListener) => void): void {
    this.events.emit(call);
  }
}
