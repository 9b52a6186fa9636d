import { randomBytes } from 'node:crypto';
import type { Persona } from '../personas';
import { FALLBACK_PERSONA } from '../settingDefaults';
import type { StreamResult, TextFormat } from '../provider/types';
import { partsWorthKeeping } from '../turn/partList';
import type { TurnRequest } from './conversationTypes';
import type { SentWith, Turn } from './turn';
import type { TurnError } from '../turn/turnError';

/** How a turn is made: what it was asked with, and how a stream's result becomes its final fields. */

/** Everything needed to send a turn again (regenerate, edit, retry) exactly as it was first sent. */
export type TurnBasis = Pick<Turn, 'origin' | 'userText' | 'context' | 'personaId' | 'personaLabel' | 'model'> & Partial<Pick<Turn, 'images'>> & { sentWith: SentWith };

export function turnFieldsFrom(result: StreamResult): Partial<Turn> {
  const status: Turn['status'] =
    result.status === 'completed' ? 'complete'
    : result.status === 'incomplete' ? 'incomplete'
    : result.status === 'stopped' ? 'stopped'
    : 'failed';
  return {
    status,
    // The result holds exactly what streamed; it also covers servers that only send the final text.
    assistantText: result.text,
    refusalText: result.refusal,
    reasoningSummary: result.reasoning,
    // Undefined when the answer was one plain message: the caller then drops the streaming list.
    parts: partsWorthKeeping(result.parts ?? [], result.text),
    ...(result.responseId ? { responseId: result.responseId, responseStored: result.responseStored === true } : {}),
    ...(result.usage ? { usage: result.usage } : {}),
    ...(result.incompleteReason ? { incompleteReason: result.incompleteReason } : {}),
    ...(result.notApplied && result.notApplied.length > 0 ? { notApplied: result.notApplied } : {}),
    ...(result.error && status !== 'stopped' ? { error: result.error } : {}),
  };
}

export function sentWithFor(persona: Persona, textFormat: TextFormat | undefined, webSearch?: SentWith['webSearch']): SentWith {
  return {
    instructions: persona.instructions,
    ...(persona.temperature !== undefined ? { temperature: persona.temperature } : {}),
    ...(persona.top_p !== undefined ? { topP: persona.top_p } : {}),
    ...(persona.max_output_tokens !== undefined ? { maxOutputTokens: persona.max_output_tokens } : {}),
    ...(persona.reasoningEffort !== undefined ? { reasoningEffort: persona.reasoningEffort } : {}),
    ...(persona.verbosity !== undefined ? { verbosity: persona.verbosity } : {}),
    ...(textFormat && textFormat.type !== 'text' ? { textFormat: { ...textFormat } } : {}),
    ...(webSearch ? { webSearch: { ...webSearch } } : {}),
    ...(persona.endpoint !== undefined ? { endpoint: persona.endpoint } : {}),
  };
}

export function basisOf(turn: Turn): TurnBasis {
  return {
    origin: turn.origin,
    userText: turn.userText,
    context: turn.context,
    // Regenerate and retry send the same images again; they are still in the conversation's folder.
    ...(turn.images?.length ? { images: turn.images } : {}),
    personaId: turn.personaId,
    personaLabel: turn.personaLabel,
    model: turn.model,
    sentWith: turn.sentWith ?? { instructions: FALLBACK_PERSONA.instructions },
  };
}

export function isTurnError(value: object): value is TurnError {
  return typeof (value as TurnError).kind === 'string' && typeof (value as TurnError).title === 'string';
}

export function newTurnId(time: number): string {
  return `t${time.toString(36)}${randomBytes(4).toString('hex')}`;
}

/** What a request is sent with, kept on the turn so it can be sent again exactly so. */
export function basisFor(request: TurnRequest): TurnBasis {
  return {
    origin: request.origin,
    userText: request.userText,
    context: request.context ?? [],
    ...(request.images?.length ? { images: request.images } : {}),
    personaId: request.persona.id,
    personaLabel: request.persona.label,
    model: request.model,
    sentWith: sentWithFor(request.persona, request.textFormat, request.webSearch),
  };
}

/** Sending a turn again: a fan-out turn asks all its personas again, each as it was first asked. */
export function basesOf(turn: Turn): TurnBasis[] {
  if (!turn.alternatives?.length) return [basisOf(turn)];
  return turn.alternatives.map((answer) => basisOf({ ...turn, ...answer, id: turn.id }));
}
