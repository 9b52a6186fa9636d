import { type PartEvent, type ReasoningPart, type TextPart, type TurnPart, isMessagePart } from './turnParts';

/**
 * Reading and changing a list of parts. The accumulator, the conversation and the webview all apply the same
 * events with `applyPartEvent`, so the list the user sees is the list that is stored.
 */

/** Parts are copied on the way in: a holder must never share a part another holder goes on changing. */
export function copyPart(part: TurnPart): TurnPart {
  switch (part.kind) {
    case 'text':
    case 'commentary':
      // Token lists are never changed in place (a new list replaces the part), so they may be shared.
      return { ...part, annotations: part.annotations.map((a) => ({ ...a })) };
    case 'reasoning':
      return { ...part, paragraphs: [...part.paragraphs] };
    case 'tool':
      return part.sources ? { ...part, sources: part.sources.map((s) => ({ ...s })) } : { ...part };
  }
}

/** Applies one event in place. False when it does not fit the list (a gap, a delta for a tool line…). */
export function applyPartEvent(parts: TurnPart[], event: PartEvent): boolean {
  switch (event.type) {
    case 'added':
      if (event.index > parts.length) return false;
      parts.length = event.index;
      parts.push(copyPart(event.part));
      return true;
    case 'replaced':
      if (event.index > parts.length) return false;
      parts[event.index] = copyPart(event.part);
      return true;
    case 'delta': {
      const part = parts[event.index];
      if (isMessagePart(part)) {
        part.text += event.text;
        return true;
      }
      if (part?.kind !== 'reasoning') return false;
      if (part.paragraphs.length === 0) part.paragraphs.push('');
      part.paragraphs[part.paragraphs.length - 1] += event.text;
      return true;
    }
    case 'annotation': {
      const part = parts[event.index];
      if (!isMessagePart(part)) return false;
      part.annotations.push({ ...event.annotation });
      return true;
    }
  }
}

/** The answer: the final message's text. Commentary is never part of it. */
export function finalText(parts: readonly TurnPart[]): string {
  return parts.filter((p): p is TextPart => p.kind === 'text' && p.text.length > 0).map((p) => p.text).join('\n\n');
}

export function reasoningParagraphs(parts: readonly TurnPart[]): string[] {
  return parts.filter((p): p is ReasoningPart => p.kind === 'reasoning').flatMap((p) => p.paragraphs).filter((p) => p.length > 0);
}

export function reasoningText(parts: readonly TurnPart[]): string {
  return reasoningParagraphs(parts).join('\n\n');
}

/** The fields of a turn that parts decide. */
export interface PartsHolder {
  parts?: TurnPart[];
  assistantText: string;
  reasoningSummary: string;
}

/**
 * Applies an event to a turn and keeps `assistantText` and `reasoningSummary` in step. A delta to the last
 * answer or reasoning part appends (a long answer must not cost a join per token); anything else recomputes.
 */
export function applyPartEventToTurn(turn: PartsHolder, event: PartEvent): boolean {
  const parts = (turn.parts ??= []);
  if (!applyPartEvent(parts, event)) return false;
  if (event.type === 'annotation') return true;
  if (event.type === 'delta') {
    const part = parts[event.index];
    if (part.kind === 'commentary') return true;
    const grown = part.kind === 'reasoning' ? part.paragraphs[part.paragraphs.length - 1] : isMessagePart(part) ? part.text : '';
    // A part that was empty until now needs the separator first; later deltas just append.
    if (grown !== event.text && isLastOfKind(parts, event.index)) {
      if (part.kind === 'text') turn.assistantText += event.text;
      else turn.reasoningSummary += event.text;
      return true;
    }
  }
  turn.assistantText = finalText(parts);
  turn.reasoningSummary = reasoningText(parts);
  return true;
}

function isLastOfKind(parts: readonly TurnPart[], index: number): boolean {
  const kind = parts[index].kind;
  for (let i = parts.length - 1; i > index; i--) if (parts[i].kind === kind) return false;
  return true;
}

/**
 * The parts to show for a turn. Turns from 0.1.0, and turns whose answer was one plain message, carry no
 * list: their answer (and reasoning summary) stand for it.
 */
export function displayParts(turn: { parts?: readonly TurnPart[]; assistantText: string; reasoningSummary: string }): TurnPart[] {
  if (turn.parts && turn.parts.length > 0) return turn.parts.map(copyPart);
  const parts: TurnPart[] = [];
  if (turn.reasoningSummary) parts.push({ kind: 'reasoning', paragraphs: turn.reasoningSummary.split(/\n{2,}/) });
  if (turn.assistantText) parts.push({ kind: 'text', text: turn.assistantText, annotations: [] });
  return parts;
}

/**
 * The list worth storing: messages that said nothing are left out, and there is no list at all when it says
 * no more than the answer text does (one plain message), so a transcript of simple answers is not stored twice.
 */
export function partsWorthKeeping(parts: readonly TurnPart[], assistantText: string): TurnPart[] | undefined {
  const kept = parts.filter((p) => !isMessagePart(p) || p.text.length > 0 || p.annotations.length > 0);
  if (kept.length === 0) return undefined;
  const only = kept[0];
  if (kept.length === 1 && only.kind === 'text' && only.annotations.length === 0 && !only.logprobs?.length && only.text === assistantText) return undefined;
  return kept.map(copyPart);
}
