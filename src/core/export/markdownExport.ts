import * as l10n from '@vscode/l10n';
import { fenceFor } from '../conversation/promptInput';
import type { Turn } from '../conversation/turn';
import type { Usage } from '../turn/usage';
import { imageFileName, imageLabel, type ImageRef } from '../images/imageRef';
import { citedSources, markdownLink, numberedSources, searchedSources } from '../turn/citations';
import { markCitations } from '../turn/citationMarks';
import type { TurnPart } from '../turn/turnParts';
import { isInterruptedTurn } from '../turn/interruption';
import { formatUsd } from '../pricing/formatUsd';
import type { ConversationCost } from '../pricing/usageCost';

/**
 * The conversation as a Markdown document a person can read, diff and share: each turn's question, the code
 * it referred to, the answer, who answered, how it ended and what it cost in tokens. Written in the display
 * language, like everything else Threadline shows; what was said (questions, answers, server text) is quoted as is.
 */
export function exportConversationMarkdown(
  turns: readonly Turn[],
  totals: Usage,
  title = l10n.t('Threadline conversation'),
  /** Where a turn's image is, as the exported file should link it (a path relative to it, or a file URI). */
  imageLink?: (image: ImageRef) => string,
  /** What the conversation cost, with the date of the built-in prices; left out when not given. */
  cost?: { bill: ConversationCost; checkedOn: string },
): string {
  const lines: string[] = [`# ${title}`, ''];
  lines.push(`${turns.length === 1 ? l10n.t('1 turn') : l10n.t('{0} turns', turns.length)} · ${formatUsage(totals)}`, '');
  if (cost) lines.push(costLine(cost.bill, cost.checkedOn), '');
  turns.forEach((turn, index) => {
    lines.push(`## ${index + 1}. ${l10n.t('You')}`, '');
    lines.push(`_${new Date(turn.startedAt).toISOString()}_`, '');
    lines.push(turn.userText, '');
    // Links to the stored files, never the bytes: an export stays text, and the images stay where they are kept.
    (turn.images ?? []).forEach((image, i) => {
      const label = imageLabel(image, i).replace(/[[\]]/g, '');
      lines.push(imageLink ? `![${label}](<${imageLink(image)}>)` : `_${l10n.t('Image: {0} ({1})', label, imageFileName(image))}_`, '');
    });
    for (const context of turn.context) {
      lines.push(l10n.t('From {0} lines {1}–{2}:', `\`${context.path}\``, context.startLine, context.endLine), '');
      lines.push(fenceFor(context.text, context.languageId), '');
    }
    lines.push(`### ${turn.personaLabel} (${turn.model})`, '');
    if (turn.notice) lines.push(`> ${isInterruptedTurn(turn) ? l10n.t('VS Code closed while this answer was streaming; the text received until then is kept.') : turn.notice}`, '');
    // The final message only: commentary and tool activity were the way there, not the answer.
    lines.push(...answerWithFootnotes(turn, index + 1));
    if (turn.refusalText) lines.push(`> **${l10n.t('Refused:')}** ${turn.refusalText}`, '');
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
  const lines = [`_${l10n.t('Asked {0} personas at once; the conversation continued with {1}.', others.length + 1, turn.personaLabel)}_`, ''];
  others.forEach((answer, i) => {
    lines.push(`#### ${l10n.t('Alternative: {0} ({1})', answer.personaLabel, answer.model)}`, '');
    const asTurn: Turn = { ...turn, ...answer, id: turn.id, alternatives: undefined, chosen: undefined };
    // Footnotes of alternatives are labelled apart (`[^2b-1]`), so they never clash with the chosen answer's.
    lines.push(...answerWithFootnotes(asTurn, `${turnNumber}${String.fromCharCode(98 + i)}`));
    if (answer.refusalText) lines.push(`> **${l10n.t('Refused:')}** ${answer.refusalText}`, '');
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
  if (files.length > 0) lines.push(l10n.t('Files cited:'), '', ...files.map((file, i) => `${i + 1}. ${file}`), '');
  const searched = searchedSources(parts, cited);
  if (searched.length > 0) lines.push(l10n.t('Also found by the web search:'), '', ...searched.map((s) => `- <${s.url.replace(/[<>\s]/g, encodeURIComponent)}>`), '');
  return lines;
}

function describeStatus(turn: Turn): string {
  switch (turn.status) {
    case 'stopped':
      return l10n.t('**Stopped** before the answer was finished.');
    case 'failed':
      return `**${l10n.t('Failed:')}** ${turn.error?.title ?? l10n.t('the request did not complete')}${turn.error?.detail ? ` (${turn.error.detail})` : ''}`;
    case 'incomplete':
      return `**${l10n.t('Incomplete')}**${turn.incompleteReason ? `: ${turn.incompleteReason}` : ''}`;
    default:
      return '';
  }
}

/** A figure only when every model used is priced: a partial sum would read as the whole bill. */
function costLine(bill: ConversationCost, checkedOn: string): string {
  if (bill.usd === undefined) return l10n.t('Cost: unknown (no price for {0})', bill.unpriced.join(', '));
  return bill.usesSettings
    ? l10n.t('Cost: {0}, every answer counted (some prices from threadline.pricing)', formatUsd(bill.usd))
    : l10n.t('Cost: {0}, every answer counted (built-in prices checked {1})', formatUsd(bill.usd), checkedOn);
}

function formatUsage(usage: Usage): string {
  return l10n.t('input {0} (cached {1}) · output {2} (reasoning {3}) · total {4} tokens', usage.inputTokens, usage.cachedTokens, usage.outputTokens, usage.reasoningTokens, usage.totalTokens);
}
