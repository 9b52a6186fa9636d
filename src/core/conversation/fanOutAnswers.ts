import * as l10n from '@vscode/l10n';
import type { AnswerAlternative, Turn } from './turn';
import { type Usage, addUsage, emptyUsage } from '../turn/usage';

/**
 * The answers of a fan-out turn: how they are named, which one the conversation continues with, and what they
 * cost together. Pure, shared by the service, the store, export and the webview.
 */

/** An answer's id is its turn's id, a dot and its position: turn ids never hold a dot, so the turn is found again. */
export function answerIdFor(turnId: string, index: number): string {
  return `${turnId}.${index}`;
}

/** The turn an answer id belongs to; undefined for an id that is not an answer's. */
export function turnIdOfAnswer(answerId: string): string | undefined {
  const dot = answerId.lastIndexOf('.');
  return dot > 0 && /^\d+$/.test(answerId.slice(dot + 1)) ? answerId.slice(0, dot) : undefined;
}

/** One answer as an alternative: a streamed turn without its question (and without alternatives of its own). */
export function alternativeFrom(answer: Turn): AnswerAlternative {
  const { origin: _o, userText: _u, context: _c, alternatives: _a, chosen: _ch, ...fields } = answer;
  return fields;
}

/**
 * The default before the user picks: the answer that completed first (by finish time, then position). When none
 * completed, the first answer, so the turn still shows why it ended; the chain then goes on from the turn before.
 */
export function defaultChoice(alternatives: readonly AnswerAlternative[]): AnswerAlternative | undefined {
  const complete = alternatives.filter((a) => a.status === 'complete');
  const first = complete.reduce<AnswerAlternative | undefined>((best, a) => (!best || (a.finishedAt ?? Infinity) < (best.finishedAt ?? Infinity) ? a : best), undefined);
  return first ?? alternatives[0];
}

/**
 * The turn with `answerId` as its answer: its answer fields become that alternative's (a field the alternative
 * lacks, such as an error, is dropped), its question and start time stay.
 */
export function withChosen(turn: Turn, answerId: string): Turn {
  const alternatives = turn.alternatives ?? [];
  const chosen = alternatives.find((a) => a.id === answerId);
  if (!chosen) throw new Error(l10n.t('That answer is not one of this turn’s.'));
  const { id: _id, startedAt: _startedAt, ...answer } = chosen;
  return {
    id: turn.id,
    origin: turn.origin,
    userText: turn.userText,
    context: turn.context,
    startedAt: turn.startedAt,
    ...answer,
    alternatives,
    chosen: answerId,
  };
}

/** "Continue with this" on a settled turn: only the last turn's complete answers may continue the conversation. */
export function chooseOnLastTurn(turns: readonly Turn[], turnId: string, answerId: string): Turn {
  const last = turns.at(-1);
  if (!last?.alternatives || last.id !== turnId) throw new Error(l10n.t('Only the answers of the last turn can continue the conversation.'));
  if (last.alternatives.find((a) => a.id === answerId)?.status !== 'complete') throw new Error(l10n.t('Only a complete answer can continue the conversation.'));
  return withChosen(last, answerId);
}

/** Each answer's model and usage: one for a plain turn, every alternative's for a fan-out turn. */
export function answerUsages(turn: Turn): Array<{ model: string; usage: Usage }> {
  const answers: ReadonlyArray<{ model: string; usage?: Usage }> = turn.alternatives?.length ? turn.alternatives : [turn];
  return answers.flatMap((a) => (a.usage ? [{ model: a.model, usage: a.usage }] : []));
}

/** Tokens of every answer of every turn: what the conversation cost, whichever answers it continued with. */
export function totalUsage(turns: readonly Turn[]): Usage {
  let sum = emptyUsage();
  for (const turn of turns) for (const { usage } of answerUsages(turn)) sum = addUsage(sum, usage);
  return sum;
}

/** A turn whose writer went away mid-stream: its answers still streaming are stopped too. */
export function stopStreamingAnswers(turn: Turn): Turn {
  if (!turn.alternatives?.some((a) => a.status === 'streaming')) return turn;
  return { ...turn, alternatives: turn.alternatives.map((a) => (a.status === 'streaming' ? { ...a, status: 'stopped' } : a)) };
}
