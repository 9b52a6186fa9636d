import * as l10n from '@vscode/l10n';
import { alternativeFrom, answerIdFor, defaultChoice, withChosen } from './fanOutAnswers';
import type { Turn } from './turn';
import { type TurnBasis, newTurnId } from './turnBasis';
import { type TurnRunContext, newStreamingTurn, settleAnswer } from './turnRun';

/**
 * One message sent to several personas at once: a single turn whose answers stream in parallel, each its own
 * request chained from the same anchor. Each answer can be stopped alone, and one failing leaves the others be.
 * The turn settles when every answer has; it then continues with the answer the user picked while they streamed,
 * else the first that completed (see defaultChoice).
 */
export class FanOutRun {
  readonly turnId: string;
  private readonly turn: Turn;
  private readonly answers: Turn[];
  private readonly stops = new Map<string, AbortController>();
  private picked: string | undefined;

  constructor(private readonly ctx: TurnRunContext, bases: readonly TurnBasis[], private readonly signal: AbortSignal) {
    const startedAt = ctx.now();
    this.turnId = newTurnId(startedAt);
    this.answers = bases.map((basis, index) => newStreamingTurn(answerIdFor(this.turnId, index), basis, startedAt));
    // Until it settles the turn's own answer fields are empty: it shows its answers, not one of them.
    this.turn = { ...newStreamingTurn(this.turnId, bases[0], startedAt), alternatives: this.answers.map(alternativeFrom) };
  }

  /** Stops one answer; the others stream on. False when it is not streaming. */
  stopAnswer(answerId: string): boolean {
    const stop = this.stops.get(answerId);
    stop?.abort();
    return stop !== undefined;
  }

  /** The user picked a complete answer before the others finished: the turn will continue with it. */
  choose(answerId: string): Turn {
    const answer = this.turn.alternatives?.find((a) => a.id === answerId);
    if (answer?.status !== 'complete') throw new Error(l10n.t('Only a complete answer can continue the conversation.'));
    this.picked = answerId;
    this.turn.chosen = answerId;
    this.changed();
    return this.snapshot();
  }

  async run(): Promise<Turn> {
    const { ctx } = this;
    const history = [...ctx.store.turns];
    ctx.store.begin(this.turn);
    ctx.setStreaming(this.turnId);
    ctx.emit((l) => l.turnStarted?.(this.snapshot()));

    // Compacted once for all: parallel answers must not each compact the same chain.
    const prepared = await ctx.streamer.prepareHistory(history, this.answers[0].model, this.signal);
    await Promise.all(this.answers.map((answer, index) => this.streamAnswer(answer, index, prepared)));

    const chosen = this.picked ?? defaultChoice(this.turn.alternatives ?? [])?.id ?? answerIdFor(this.turnId, 0);
    const final = withChosen(this.turn, chosen);
    const persisted = ctx.store.commit(final);
    ctx.setStreaming(undefined);
    ctx.emit((l) => l.turnUpdated?.({ ...final }));
    await persisted;
    await ctx.compactor.noteSizeAfter(history, final);
    return final;
  }

  private async streamAnswer(answer: Turn, index: number, history: readonly Turn[]): Promise<void> {
    const stop = new AbortController();
    const stopAll = () => stop.abort();
    if (this.signal.aborted) stop.abort();
    else this.signal.addEventListener('abort', stopAll, { once: true });
    this.stops.set(answer.id, stop);
    const keep = (changed: Turn) => {
      (this.turn.alternatives ?? [])[index] = alternativeFrom(changed);
    };
    try {
      const result = await this.ctx.streamer.stream(answer, history, stop.signal, {
        historyPrepared: true,
        progress: (changed) => {
          keep(changed);
          this.ctx.store.progress(this.turn);
        },
        updated: (changed) => {
          keep(changed);
          this.changed();
        },
      });
      settleAnswer(answer, result, this.ctx.now());
    } finally {
      this.stops.delete(answer.id);
      this.signal.removeEventListener('abort', stopAll);
    }
    keep(answer);
    this.ctx.store.progress(this.turn);
    this.changed();
  }

  /** A copy listeners may keep: the answers go on changing here. */
  private snapshot(): Turn {
    return { ...this.turn, alternatives: [...(this.turn.alternatives ?? [])] };
  }

  private changed(): void {
    const copy = this.snapshot();
    this.ctx.emit((l) => l.turnUpdated?.(copy));
  }
}
