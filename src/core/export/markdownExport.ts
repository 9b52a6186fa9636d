import { fenceFor } from '../conversation/promptInput';
import type { Turn, Usage } from '../conversation/turn';
import { imageFileName, imageLabel, type ImageRef } from '../images/imageRef';
import { citedSources } from '../turn/citations';

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
): string {
  const lines: string[] = [`# ${title}`, ''];
  lines.push(`${turns.length} turn${turns.length === 1 ? '' : 's'} · ${formatUsage(totals)}`, '');
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
    if (turn.assistantText) lines.push(turn.assistantText, '');
    const sources = citedSources(turn.parts ?? []);
    if (sources.length > 0) lines.push('Sources:', '', ...sources.map((source, i) => `${i + 1}. ${source}`), '');
    if (turn.refusalText) lines.push(`> **Refused:** ${turn.refusalText}`, '');
    const status = describeStatus(turn);
    if (status) lines.push(`> ${status}`, '');
    if (turn.usage) lines.push(`<sub>${formatUsage(turn.usage)}</sub>`, '');
  });
  return lines.join('\n');
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

function formatUsage(usage: Usage): string {
  return `input ${usage.inputTokens} (cached ${usage.cachedTokens}) · output ${usage.outputTokens} (reasoning ${usage.reasoningTokens}) · total ${usage.totalTokens} tokens`;
}
