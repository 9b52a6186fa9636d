import * as l10n from '@vscode/l10n';
import type { ModelContextWindow } from './contextWindows';
import type { ModelEncoding } from './models';
import { PRICES_CHECKED_ON } from '../pricing/builtInPrices';
import { formatUsd } from '../pricing/formatUsd';
import type { SendEstimate } from '../pricing/sendEstimate';

/** What the token status bar knows at one moment; undefined counts are not known (yet). */
export interface TokenSnapshot {
  model: string;
  modelEncoding: ModelEncoding;
  contextWindow: ModelContextWindow;
  /** Tokens in the selections, summed; undefined when nothing is selected. */
  selection?: number;
  selectionRanges: number;
  /** Tokens in the active document; undefined when there is none or it is still being counted. */
  document?: number;
  documentName?: string;
  draft?: number;
  /** The draft's images: how many, and the estimate for them included in `draft` (core/images/imageTokens.ts). */
  draftImages?: { count: number; tokens: number };
  personaLabel?: string;
  persona?: number;
  /** Asking about the figure the status bar shows (selection, else document): its input and a typical answer. */
  cost?: SendEstimate;
  /** Set while the tokenizer loads for the first time. */
  loading: boolean;
  error?: string;
}

const numberFormat = new Intl.NumberFormat('en-US');

export function formatCount(value: number): string {
  return numberFormat.format(value);
}

/** The count the status bar features: the selection when there is one, else the document. */
export function featuredCount(snapshot: TokenSnapshot): number | undefined {
  return snapshot.selection ?? snapshot.document;
}

export function statusBarText(snapshot: TokenSnapshot): string {
  if (snapshot.error !== undefined) return `$(warning) ${l10n.t('tokens')}`;
  if (snapshot.selection !== undefined) return `$(selection) ${l10n.t('{0} tokens selected', formatCount(snapshot.selection))}`;
  if (snapshot.document !== undefined) return `$(symbol-numeric) ${l10n.t('{0} tokens', formatCount(snapshot.document))}`;
  return snapshot.loading ? `$(loading~spin) ${l10n.t('tokens')}` : `$(symbol-numeric) ${l10n.t('{0} tokens', '–')}`;
}

export function formatShare(tokens: number, window: number): string {
  const share = (tokens / window) * 100;
  if (share === 0) return '0%';
  if (share < 0.1) return '<0.1%';
  return `${share < 10 ? share.toFixed(1) : Math.round(share)}%`;
}

/** The tooltip as Markdown: one row per count with its share of the context window, then cost and tokenizer. */
export function tooltipMarkdown(snapshot: TokenSnapshot): string {
  const window = snapshot.contextWindow.tokens;
  const rows: Array<[string, number | undefined]> = [
    [snapshot.selectionRanges > 1 ? l10n.t('Selection ({0} ranges)', snapshot.selectionRanges) : l10n.t('Selection'), snapshot.selection],
    [snapshot.documentName ? l10n.t('Document {0}', `\`${escapeCode(snapshot.documentName)}\``) : l10n.t('Document'), snapshot.document],
    [draftLabel(snapshot.draftImages), snapshot.draft],
    [snapshot.personaLabel ? l10n.t('Persona: {0}', escapeMarkdown(snapshot.personaLabel)) : l10n.t('Persona instructions'), snapshot.persona],
  ];
  const lines = [
    `**${l10n.t('Tokens')}** · \`${escapeCode(snapshot.model)}\``,
    '',
    `| | ${l10n.t('tokens')} | ${l10n.t('context')} |`,
    '|---|---:|---:|',
    ...rows.map(([label, count]) =>
      `| ${label} | ${count === undefined ? '–' : formatCount(count)} | ${count === undefined ? '' : formatShare(count, window)} |`),
    '',
    snapshot.contextWindow.known
      ? l10n.t('Context window: {0} tokens', formatCount(window))
      : l10n.t('Context window: {0} tokens (unknown model: assumed)', formatCount(window)),
  ];
  const featured = featuredCount(snapshot);
  if (snapshot.cost && featured !== undefined) lines.push('', ...costLines(snapshot.cost, snapshot.selection !== undefined));
  else lines.push('', l10n.t('No price for {0}: add one in `threadline.pricing` to see what asking costs.', `\`${escapeCode(snapshot.model)}\``));
  lines.push('', l10n.t('Encoding: {0}', `\`${snapshot.modelEncoding.encoding}\``));
  if (!snapshot.modelEncoding.known) {
    lines.push('', `_${l10n.t('{0} is not a known OpenAI model: counts use {1} and may differ from what its server counts.', `\`${escapeCode(snapshot.model)}\``, '`o200k_base`')}_`);
  }
  if (snapshot.error !== undefined) lines.push('', `$(warning) ${escapeMarkdown(snapshot.error)}`);
  return lines.join('\n');
}

/**
 * The estimate in three lines: the total, how it splits between the counted input and the guessed answer (and
 * what the guess rests on), and whose prices they are.
 */
function costLines(cost: SendEstimate, ofSelection: boolean): string[] {
  const input = formatUsd(cost.input);
  const cached = cost.cachedInput === undefined ? '' : l10n.t(' ({0} if cached)', formatUsd(cost.cachedInput));
  const lines: string[] = [];
  if (cost.total !== undefined && cost.output !== undefined) {
    lines.push(ofSelection
      ? l10n.t('Estimated cost of asking about the selection: ~{0}', formatUsd(cost.total))
      : l10n.t('Estimated cost of asking about the document: ~{0}', formatUsd(cost.total)));
    const answer = formatCount(cost.answer.tokens);
    lines.push(cost.answer.basis === 'conversation'
      ? l10n.t('{0} input{1} + ~{2} for a ~{3}-token answer (the median of the last {4} answers from this model here)', input, cached, formatUsd(cost.output), answer, cost.answer.answers)
      : l10n.t('{0} input{1} + ~{2} for a ~{3}-token answer (assumed: no answers from this model here yet)', input, cached, formatUsd(cost.output), answer));
  } else {
    lines.push(ofSelection
      ? l10n.t('Estimated input cost of the selection: {0}{1}; no output price for this model', input, cached)
      : l10n.t('Estimated input cost of the document: {0}{1}; no output price for this model', input, cached));
  }
  const key = `\`${escapeCode(cost.match.key)}\``;
  lines.push(cost.match.source === 'settings'
    ? l10n.t('Prices for {0} from `threadline.pricing`', key)
    : l10n.t('Prices for {0}, checked {1}; override them in `threadline.pricing`', key, PRICES_CHECKED_ON));
  return lines.map((line, i) => (i < lines.length - 1 ? `${line}  ` : line));
}

/** Image tokens are the documented formula's estimate, not a count: the label says so. */
function draftLabel(images: TokenSnapshot['draftImages']): string {
  if (!images || images.count === 0) return l10n.t('Chat draft');
  return images.count === 1
    ? l10n.t('Chat draft (incl. ~{0} estimated for 1 image)', formatCount(images.tokens))
    : l10n.t('Chat draft (incl. ~{0} estimated for {1} images)', formatCount(images.tokens), images.count);
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>$]/g, '\\$&');
}

function escapeCode(text: string): string {
  return text.replace(/`/g, "'").replace(/\|/g, '¦');
}
