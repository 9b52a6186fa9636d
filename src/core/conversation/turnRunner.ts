import * as l10n from '@vscode/l10n';
import type { ConversationHandle } from '../store/libraryTypes';
import { FanOutRun } from './fanOutRun';
import type { Turn } from './turn';
import type { TurnBasis } from './turnBasis';
import { type TurnRunContext, runSingleTurn } from './turnRun';

export type TurnRunnerDeps = Omit<TurnRunContext, 'store' | 'setStreaming'> & {
  /** The conversation shown now: it changes on a switch, so it is read per turn. */
  store(): ConversationHandle;
  /** The turn streaming now started or settled. */
  streamingChanged(): void;
};

/**
 * Runs the turn the operation queue lets through: one basis is a turn of its own, several a fan-out turn. It
 * knows what streams, so the service can say it is busy and reach a fan-out's single answers.
 */
export class TurnRunner {
  private streamingTurnId: string | undefined;
  private fanOut: FanOutRun | undefined;

  constructor(private readonly deps: TurnRunnerDeps) {}

  get streaming(): boolean {
    return this.streamingTurnId !== undefined;
  }

  /** The fan-out turn streaming now, if any. */
  get fanOutTurnId(): string | undefined {
    return this.fanOut?.turnId;
  }

  stopAnswer(answerId: string): boolean {
    return this.fanOut?.stopAnswer(answerId) ?? false;
  }

  /** Picks the answer a fan-out still streaming will continue with. */
  chooseWhileStreaming(answerId: string): Turn {
    if (!this.fanOut) throw new Error(l10n.t('No answers are streaming.'));
    return this.fanOut.choose(answerId);
  }

  async run(bases: readonly TurnBasis[], signal: AbortSignal): Promise<Turn> {
    const ctx: TurnRunContext = {
      ...this.deps,
      store: this.deps.store(),
      setStreaming: (turnId) => {
        this.streamingTurnId = turnId;
        this.deps.streamingChanged();
      },
    };
    if (bases.length === 1) return runSingleTurn(ctx, bases[0], signal);
    const run = new FanOutRun(ctx, bases, signal);
    this.fanOut = run;
    try {
      return await run.run();
    } finally {
      if (this.fanOut === run) this.fanOut = undefined;
    }
  }
}
