/** The fields of a turn this looks at; structural, so this folder needs nothing from core/conversation. */
interface TurnOutcome {
  status: string;
  notice?: string;
  error?: unknown;
}

/**
 * Said of an answer whose window closed while it streamed: stored as the turn's notice (see checkpoints). It is a
 * marker as well as a sentence, so it stays English on disk; the panel and exports say it in the display language.
 */
export const INTERRUPTED_NOTICE = 'VS Code closed while this answer was streaming; the text received until then is kept.';

/**
 * An interrupted turn is stored as `stopped` with the notice above. Shown as both, the notice and the "Stopped"
 * status would say the same thing twice, and a screen reader would hear it twice: the notice is its outcome.
 */
export function isInterruptedTurn(turn: TurnOutcome): boolean {
  return turn.status === 'stopped' && turn.error === undefined && turn.notice === INTERRUPTED_NOTICE;
}
