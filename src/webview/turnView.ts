import { describeCompaction } from '../core/conversation/compactionText';
import type { Turn } from '../core/conversation/turn';
import type { TurnAction } from '../core/turn/turnError';
import { isInterruptedTurn } from '../core/turn/interruption';
import { applyPartEventToTurn, displayParts } from '../core/turn/partList';
import type { PartEvent, ReasoningPart, TurnPart } from '../core/turn/turnParts';
import { button, h } from './dom';
import { answerCostLabel } from './priceBook';
import { contextLabel, contextShare, describeStatus, formatDuration, usageDetail, usageSummary } from './format';
import { answerTokens, ConfidenceView } from './confidence/confidenceView';
import { AnswerPartsView } from './parts/answerPartsView';
import type { PartViewDeps } from './parts/partViewDeps';
import { ThinkingView } from './parts/thinkingView';
import { FanOutView } from './fanout/fanOutView';
import { renderTurnImages } from './parts/turnImagesView';
import { buildTurnLayout, type TurnElements } from './turnLayout';
import { type WebviewMessageKey, wt } from '../core/l10n/webviewMessages';

export type TurnViewDeps = PartViewDeps;

export type DeltaChannel = 'text' | 'refusal' | 'reasoning';

/** Badges for turns started from an editor command; chat turns (and any origin without a label) show none. */
/** The buttons a failed turn's error asks for; the click handler knows each by its class. */
const ERROR_ACTION_BUTTONS: Record<TurnAction, () => HTMLButtonElement> = {
  compactAndRetry: () => button({ icon: 'fold', text: wt('turn.compactRetry'), label: wt('turn.compactRetryLabel'), className: 'compact-retry' }),
  newConversation: () => button({ icon: 'add', text: wt('turn.newConversation'), label: wt('turn.newConversationLabel'), className: 'start-new-conversation' }),
  setApiKey: () => button({ icon: 'key', text: wt('empty.setApiKey'), label: wt('turn.setApiKeyLabel'), className: 'set-api-key' }),
  turnOffWebSearch: () => button({ icon: 'globe', text: wt('turn.webOff'), label: wt('turn.webOffLabel'), className: 'turn-off-web-search' }),
};

const ORIGIN_LABELS: Partial<Record<Turn['origin'], WebviewMessageKey>> = { explain: 'turn.originExplain', summarize: 'turn.originSummarize' };

/**
 * One exchange on screen. An old turn starts as an empty `article` and is built (`materialize()`) only when
 * it comes near the viewport, so opening a thousand turns creates a thousand elements, not forty thousand.
 * The answer is composed of part renderers (webview/parts): the Thinking section, then commentary, tool lines
 * and the final message. A finished answer is rendered once; a streaming one grows part by part.
 */
export class TurnView {
  readonly element: HTMLElement;
  private elements: TurnElements | null = null;
  private answer: AnswerPartsView | null = null;
  private thinking: ThinkingView | null = null;
  private confidence: ConfidenceView | null = null;
  /** The answer is shown as tokens tinted by confidence instead of as Markdown (the turn's switch). */
  private showingConfidence = false;
  /** The answers of a fan-out turn, shown instead of the single answer. */
  private fanOut: FanOutView | null = null;

  constructor(private turn: Turn, private readonly deps: TurnViewDeps) {
    // Focusable but out of the tab order: TurnNavigation makes one turn at a time the tab stop.
    this.element = h('article', { className: 'turn unmaterialized', attrs: { 'data-turn-id': turn.id, 'data-status': turn.status, tabindex: '-1' } });
  }

  get data(): Turn {
    return this.turn;
  }

  get isStreaming(): boolean {
    return this.turn.status === 'streaming' && this.elements !== null;
  }

  /** Builds the turn's elements and renders its answer, once. */
  materialize(): TurnElements {
    if (this.elements) return this.elements;
    this.thinking = new ThinkingView();
    const elements = buildTurnLayout(this.element, this.thinking.element);
    this.elements = elements;
    this.answer = new AnswerPartsView(elements.answer, this.deps);
    this.element.classList.remove('unmaterialized');
    this.fill(elements);
    this.renderAnswer();
    return elements;
  }

  /** A change to one part of the streaming answer. */
  applyPart(event: PartEvent): void {
    if (!applyPartEventToTurn(this.turn, event)) return;
    if (!this.elements) return;
    const parts = this.turn.parts ?? [];
    const part = parts[event.index];
    if (part.kind === 'reasoning') {
      if (event.type === 'delta') this.thinking?.appendDelta(reasoningOf(parts), event.text);
      else this.thinking?.render(reasoningOf(parts), true);
    }
    this.answer?.apply(event, parts);
  }

  /** A part event for one answer of a fan-out turn (its id is `<turnId>.<n>`). */
  applyAnswerPart(answerId: string, event: PartEvent): boolean {
    return this.fanOut?.applyPart(answerId, event) ?? false;
  }

  appendAnswerRefusal(answerId: string, text: string): boolean {
    return this.fanOut?.appendRefusal(answerId, text) ?? false;
  }

  /** Refusal text; answer and reasoning deltas without parts (an older host) become part events here. */
  appendDelta(channel: DeltaChannel, text: string): void {
    if (channel === 'refusal') {
      this.turn.refusalText += text;
      if (!this.elements) return;
      this.elements.refusal.hidden = false;
      this.elements.refusal.append(text);
      return;
    }
    const parts = (this.turn.parts ??= displayParts(this.turn));
    let index = parts.map((p) => p.kind).lastIndexOf(channel);
    if (index === -1) {
      index = parts.length;
      const part: TurnPart = channel === 'text' ? { kind: 'text', text: '', annotations: [] } : { kind: 'reasoning', paragraphs: [], startedAt: Date.now() };
      this.applyPart({ type: 'added', index, part });
    }
    this.applyPart({ type: 'delta', index, text });
  }

  /** The turn's final (or replaced) state: re-render this turn once. */
  update(turn: Turn): void {
    const wasStreaming = this.isStreaming;
    if (wasStreaming) this.answer?.finish();
    this.turn = turn;
    this.element.dataset.status = turn.status;
    if (!this.elements) return;
    this.fill(this.elements);
    this.renderAnswer();
    if (wasStreaming && turn.status !== 'streaming') this.announceOutcome();
  }

  /** The footer again, e.g. with new prices; a fan-out turn's answers redo theirs. */
  refreshFooter(): void {
    if (!this.elements) return;
    this.fillFooter(this.elements.footer);
    this.fanOut?.refreshFooters();
  }

  /** The turn's switch: its token confidence in place of its Markdown, or back. */
  toggleConfidence(): void {
    this.showingConfidence = !this.showingConfidence;
    if (this.elements) this.showConfidence(this.elements);
  }

  /** Stops rendering a stream whose turn left the screen, so no queued frame renders into detached nodes. */
  dispose(): void {
    this.answer?.dispose();
    this.thinking?.dispose();
    this.fanOut?.dispose();
  }

  private renderAnswer(): void {
    if (this.renderFanOut()) return;
    const live = this.turn.status === 'streaming';
    const parts = displayParts(this.turn);
    if (live) this.turn.parts ??= parts;
    this.thinking?.render(reasoningOf(parts), live);
    this.answer?.render(parts, live);
    if (this.elements) this.showConfidence(this.elements);
  }

  /** Shows the switch for a finished answer with logprobs, and whichever of the two views it selects. */
  private showConfidence(elements: TurnElements): void {
    const tokens = this.turn.status === 'streaming' ? [] : answerTokens(this.turn.parts ?? []);
    const available = tokens.length > 0;
    if (!available) this.showingConfidence = false;
    const shown = this.showingConfidence;
    elements.confidenceButton.hidden = !available;
    elements.confidenceButton.setAttribute('aria-pressed', String(shown));
    const label = shown ? wt('confidence.showText') : wt('confidence.show');
    elements.confidenceButton.setAttribute('aria-label', label);
    elements.confidenceButton.title = label;
    elements.answer.hidden = shown;
    elements.confidence.hidden = !shown;
    if (!shown) {
      elements.confidence.replaceChildren();
      this.confidence = null;
      return;
    }
    this.confidence ??= new ConfidenceView();
    this.confidence.render(tokens);
    if (this.confidence.element.parentElement !== elements.confidence) elements.confidence.replaceChildren(this.confidence.element);
  }

  /** A fan-out turn shows its answers side by side (or in tabs); the single-answer elements stay empty. */
  private renderFanOut(): boolean {
    const fanOut = this.turn.alternatives?.length ? (this.fanOut ??= new FanOutView(this.deps)) : null;
    this.element.classList.toggle('fanout-turn', fanOut !== null);
    if (!fanOut || !this.elements) return false;
    if (!fanOut.element.isConnected) this.elements.answer.after(fanOut.element);
    fanOut.render(this.turn);
    return true;
  }

  private announceOutcome(): void {
    const status = describeStatus(this.turn);
    this.deps.announcer.announce(status ? `${status.badge}: ${status.title}` : wt('turn.complete'));
  }

  private fill(elements: TurnElements): void {
    const turn = this.turn;
    this.element.classList.toggle('streaming', turn.status === 'streaming');
    elements.userText.textContent = turn.userText;
    renderTurnImages(elements.userImages, turn.images);
    elements.contextChips.replaceChildren(...turn.context.map((context, index) => {
      const chip = button({ icon: 'file-code', text: contextLabel(context), label: context.wholeFile ? wt('turn.openWholeFile', context.path) : wt('turn.openContext', context.path, context.startLine, context.endLine), className: 'context-chip' });
      chip.dataset.index = String(index);
      return chip;
    }));
    elements.persona.textContent = turn.alternatives?.length ? turn.alternatives.map((a) => a.personaLabel).join(', ') : turn.personaLabel;
    elements.model.textContent = turn.model;
    // Which endpoint answered: in the tooltip, so the header line of each turn stays short.
    elements.model.title = turn.endpointLabel ? wt('turn.modelAt', turn.model, turn.endpointLabel) : turn.model;
    if (turn.endpointLabel) elements.model.dataset.endpoint = turn.endpointLabel;
    else delete elements.model.dataset.endpoint;
    const originKey = ORIGIN_LABELS[turn.origin];
    const originLabel = originKey ? wt(originKey) : '';
    elements.origin.textContent = originLabel;
    elements.origin.hidden = originLabel.length === 0;
    // An interrupted turn's notice is its outcome, said once by the status line (see isInterruptedTurn).
    const notice = isInterruptedTurn(turn) ? '' : turn.notice ?? '';
    elements.noticeText.textContent = notice;
    elements.notice.hidden = !notice;
    elements.refusal.textContent = turn.refusalText;
    elements.refusal.hidden = turn.refusalText.length === 0;
    elements.progress.hidden = turn.status !== 'streaming';
    this.fillStatus(elements.status);
    this.fillFooter(elements.footer);
    elements.compaction.textContent = turn.compaction ? describeCompaction(turn.compaction) : '';
    elements.compaction.hidden = !turn.compaction;
  }

  private fillStatus(element: HTMLElement): void {
    const status = describeStatus(this.turn);
    element.hidden = !status;
    if (!status) {
      element.replaceChildren();
      return;
    }
    element.dataset.status = this.turn.status;
    const children: Node[] = [
      h('span', { className: 'status-badge', text: status.badge }),
      h('span', { className: 'status-title', text: status.title }),
    ];
    if (status.detail) children.push(h('div', { className: 'status-detail', text: status.detail }));
    if (status.action) children.push(h('div', { className: 'status-action', text: status.action }));
    if (status.canRetry) children.push(button({ icon: 'debug-restart', text: wt('turn.retry'), label: wt('turn.retryLabel'), className: 'retry' }));
    for (const action of this.turn.error?.actions ?? []) children.push(ERROR_ACTION_BUTTONS[action]());
    element.replaceChildren(...children);
  }

  private fillFooter(element: HTMLElement): void {
    const { usage, startedAt, finishedAt } = this.turn;
    const parts: string[] = [];
    if (usage) parts.push(usageSummary(usage));
    // A fan-out turn's cost is in each answer's footer; this one would repeat the chosen answer's.
    const cost = usage && !this.turn.alternatives?.length ? answerCostLabel(usage, this.turn.model) : undefined;
    if (cost) parts.push(cost.text);
    if (usage && usage.inputTokens > 0) parts.push(contextShare(usage.inputTokens, this.turn.model));
    if (finishedAt !== undefined && finishedAt >= startedAt) parts.push(formatDuration(finishedAt - startedAt));
    // Without a server-side chain every turn pays for the conversation again: the footer says how much.
    const resent = this.turn.resent;
    if (resent) parts.push(resent.earlierTurns === 1 ? wt('usage.resentOne', resent.tokens.toLocaleString()) : wt('usage.resent', resent.earlierTurns, resent.tokens.toLocaleString()));
    const notApplied = this.turn.notApplied ?? [];
    element.replaceChildren(parts.join(' · '));
    // Settings the model did not receive (e.g. a persona's temperature on gpt-5): said where the usage is read.
    if (notApplied.length > 0) element.append(h('div', { className: 'turn-not-applied', text: notApplied.join(' · ') }));
    element.title = usage ? [usageDetail(usage), cost?.title].filter(Boolean).join('\n') : '';
    element.hidden = parts.length === 0 && notApplied.length === 0;
  }
}

function reasoningOf(parts: readonly TurnPart[]): ReasoningPart[] {
  return parts.filter((p): p is ReasoningPart => p.kind === 'reasoning');
}
