import { fenceFor } from '../conversation/promptInput';
import type { Turn } from '../conversation/turn';
import type { Usage } from '../turn/usage';
import { imageFileName, imageLabel, type ImageRef } from '../images/imageRef';
import { citedSources, markdownLink, numberedSources, searchedSources } from '../turn/citations';
import { markCitations } from '../turn/citationMarks';
import type { TurnPart } from '../turn/turnParts';
import { formatUsd } from '../pricing/formatUsd';
import type { ConversationCost } from '../pricing/usageCost';

/**
 * The conversation as a Markdown document a person can read, diff and share: each turn's question, the code
 * it referred to, the answer, who answered, how it ended and what it cost in tokens.
 */
export function exportConversationMarkdown(
  turns: readonly Turn[],
  totals: Usage,
  title = 'Threadline conversation',
  /** Where a turn's image is, as the exported file should link it (a path relative to it, or a file URI). */
  imageLink?: (image: ImageRef) => string,
  /** What the conversation cost, with the date of the built-in prices; left out when not given. */
  cost?: { bill: ConversationCost; checkedOn: string },
): string {
  const lines: string[] = [`# ${title}`, ''];
  lines.push(`${turns.length} turn${turns.length === 1 ? '' : 's'} · ${formatUsage(totals)}`, '');
  if (cost) lines.push(costLine(cost.bill, cost.checkedOn), '');
  turns.forEach((turn, index) => {
    lines.push(`## ${index + 1}. You`, '');
    lines.push(`_${new Date(turn.startedAt).toISOString()}_`, '');
    lines.push(turn.userText, '');
    // Links to the stored files, never the bytes: an export stays text, and the images stay where they are kept.
    (turn.images ?? []).forEach((image, i) => {
      const label = imageLabel(image, i).replace(/[[\]]/g, '');
      lines.push(imageLink ? `![${label}](<${imageLink(image)}>)` : `_Image: ${label} (${imageFileName(image)})_`, '');
    });
    for (const context of turn.context) {
      lines.push(`From \`${context.path}\` lines ${context.startLine}–${context.endLine}:`, '');
      lines.push(fenceFor(context.text, context.languageId), '');
    }
    lines.push(`### ${turn.personaLabel} (${turn.model})`, '');
    if (turn.notice) lines.push(`> ${turn.notice}`, '');
    // The final message only: commentary and tool activity were the way there, not the answer.
    lines.push(...answerWithFootnotes(turn, index + 1));
    if (turn.refusalText) lines.push(`> **Refused:** ${turn.refusalText}`, '');
    const status = describeStatus(turn);
    if (status) lines.push(`> ${status}`, '');
    if (turn.usage) lines.push(`<sub>${formatUsage(turn.usage)}</sub>`, '');
    lines.push(...alternativesOf(turn, index + 1));
  });
  return lines.join('\n');
}

/**
 * A fan-out turn: the answer above is the one the conversation continued with; the others follow as alternatives,
 * each with who answered, how it ended and what it cost (their tokens are in the totals too).
 */
function alternativesOf(turn: Turn, turnNumber: number): string[] {
  const others = (turn.alternatives ?? []).filter((answer) => answer.id !== turn.chosen);
  if (others.length === 0) return [];
  const lines = [`_Asked ${others.length + 1} personas at once; the conversation continued with ${turn.personaLabel}._`, ''];
  others.forEach((answer, i) => {
    lines.push(`#### Alternative: ${answer.personaLabel} (${answer.model})`, '');
    const asTurn: Turn = { ...turn, ...answer, id: turn.id, alternatives: undefined, chosen: undefined };
    // Footnotes of alternatives are labelled apart (`[^2b-1]`), so they never clash with the chosen answer's.
    lines.push(...answerWithFootnotes(asTurn, `${turnNumber}${String.fromCharCode(98 + i)}`));
    if (answer.refusalText) lines.push(`> **Refused:** ${answer.refusalText}`, '');
    const status = describeStatus(asTurn);
    if (status) lines.push(`> ${status}`, '');
    if (answer.usage) lines.push(`<sub>${formatUsage(answer.usage)}</sub>`, '');
  });
  return lines;
}

/**
 * The answer with each cited web page as a footnote (`[^2-1]`: turn 2, source 1, so labels never clash across
 * turns), then the footnotes, the files it cites, and the pages the searches found that it does not cite.
 */
function answerWithFootnotes(turn: Turn, turnNumber: number | string): string[] {
  const parts: readonly TurnPart[] = turn.parts ?? [];
  const cited = numberedSources(parts);
  const label = (n: number) => `[^${turnNumber}-${n}]`;
  const numbers = new Map(cited.map((s) => [s.url, s.number]));
  const texts = parts.filter((p) => p.kind === 'text' && p.text.length > 0);
  const answer = cited.length > 0 && texts.length > 0
    ? texts.map((p) => (p.kind === 'text' ? markCitations(p.text, p.annotations, numbers, label) : '')).join('\n\n')
    : turn.assistantText;
  const lines: string[] = answer ? [answer, ''] : [];
  if (cited.length > 0) lines.push(...cited.map((s) => `${label(s.number)}: ${markdownLink(s.url, s.title)} — ${s.domain}`), '');
  const files = citedSources(parts).filter((entry) => entry.startsWith('`'));
  if (files.length > 0) lines.push('Files cited:', '', ...files.map((file, i) => `${i + 1}. ${file}`), '');
  const searched = searchedSources(parts, cited);
  if (searched.length > 0) lines.push('Also found by the web search:', '', ...searched.map((s) => `- <${s.url.replace(/[<>\s]/g, encodeURIComponent)}>`), '');
  return lines;
}

function describeStatus(turn: Turn): string {
  switch (turn.status) {
    case 'stopped':
      return '**Stopped** before the answer was finished.';
    case 'failed':
      return `**Failed:** ${turn.error?.title ?? 'the request did not complete'}${turn.error?.detail ? ` (${turn.error.detail})` : ''}`;
    case 'incomplete':
      return `**Incomplete**${turn.incompleteReason ? `: ${turn.incompleteReason}` : ''}`;
    default:
      return '';
  }
}

/** A figure only when every model used is priced: a partial sum would read as the whole bill. */
function costLine(bill: ConversationCost, checkedOn: string): string {
  if (bill.usd === undefined) return `Cost: unknown (no price for ${bill.unpriced.join(', ')})`;
  const source = bill.usesSettings ? 'some prices from threadline.pricing' : `built-in prices checked ${checkedOn}`;
  return `Cost: ${formatUsd(bill.usd)}, every answer counted (${source})`;
}

function formatUsage(usage: Usage): string {
  return `input ${usage.inputTokens} (cached ${usage.cachedTokens}) · output ${usage.outputTokens} (reasoning ${usage.reasoningTokens}) · total ${usage.totalTokens} tokens`;
}
