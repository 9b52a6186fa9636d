import { describeCompaction } from '../core/conversation/compactionText';
import type { Turn, TurnAction } from '../core/conversation/turn';
import { applyPartEventToTurn, displayParts } from '../core/turn/partList';
import type { PartEvent, ReasoningPart, TurnPart } from '../core/turn/turnParts';
import { button, h } from './dom';
import { contextLabel, contextShare, describeStatus, formatDuration, usageDetail, usageSummary } from './format';
import { answerTokens, ConfidenceView } from './confidence/confidenceView';
import { AnswerPartsView } from './parts/answerPartsView';
import type { PartViewDeps } from './parts/partViewDeps';
import { ThinkingView } from './parts/thinkingView';
import { buildTurnLayout, type TurnElements } from './turnLayout';

export type TurnViewDeps = PartViewDeps;

export type DeltaChannel = 'text' | 'refusal' | 'reasoning';

/** Badges for turns started from an editor command; chat turns (and any origin without a label) show none. */
/** The buttons a failed turn's error asks for; the click handler knows each by its class. */
const ERROR_ACTION_BUTTONS: Record<TurnAction, () => HTMLButtonElement> = {
  compactAndRetry: () => button({ icon: 'fold', text: 'Compact and retry', label: 'Compact the conversation and send this turn again', className: 'compact-retry' }),
  newConversation: () => button({ icon: 'add', text: 'New conversation', label: 'Start a new conversation', className: 'start-new-conversation' }),
  turnOffWebSearch: () => button({ icon: 'globe', text: 'Turn off web search', label: 'Turn off web search and send this turn again', className: 'turn-off-web-search' }),
};

const ORIGIN_LABELS: Partial<Record<Turn['origin'], string>> = { explain: 'Explain', summarize: 'Summarize' };

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

  constructor(private turn: Turn, private readonly deps: TurnViewDeps) {
    this.element = h('article', { className: 'turn unmaterialized', attrs: { 'data-turn-id': turn.id, 'data-status': turn.status } });
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

  /** The turn's switch: its token confidence in place of its Markdown, or back. */
  toggleConfidence(): void {
    this.showingConfidence = !this.showingConfidence;
    if (this.elements) this.showConfidence(this.elements);
  }

  /** Stops rendering a stream whose turn left the screen, so no queued frame renders into detached nodes. */
  dispose(): void {
    this.answer?.dispose();
    this.thinking?.dispose();
  }

  private renderAnswer(): void {
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
    const label = shown ? 'Show the answer as text' : 'Show token confidence';
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

  private announceOutcome(): void {
    const status = describeStatus(this.turn);
    this.deps.announcer.announce(status ? `${status.badge}: ${status.title}` : 'Answer complete.');
  }

  private fill(elements: TurnElements): void {
    const turn = this.turn;
    this.element.classList.toggle('streaming', turn.status === 'streaming');
    elements.userText.textContent = turn.userText;
    elements.contextChips.replaceChildren(...turn.context.map((context, index) => {
      const chip = button({ icon: 'file-code', text: contextLabel(context), label: `Open ${context.path}, lines ${context.startLine} to ${context.endLine}`, className: 'context-chip' });
      chip.dataset.index = String(index);
      return chip;
    }));
    elements.persona.textContent = turn.personaLabel;
    elements.model.textContent = turn.model;
    // Which endpoint answered: in the tooltip, so the header line of each turn stays short.
    elements.model.title = turn.endpointLabel ? `${turn.model} at ${turn.endpointLabel}` : turn.model;
    if (turn.endpointLabel) elements.model.dataset.endpoint = turn.endpointLabel;
    else delete elements.model.dataset.endpoint;
    const originLabel = ORIGIN_LABELS[turn.origin] ?? '';
    elements.origin.textContent = originLabel;
    elements.origin.hidden = originLabel.length === 0;
    elements.noticeText.textContent = turn.notice ?? '';
    elements.notice.hidden = !turn.notice;
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
    if (status.canRetry) children.push(button({ icon: 'debug-restart', text: 'Retry', label: 'Retry this turn', className: 'retry' }));
    for (const action of this.turn.error?.actions ?? []) children.push(ERROR_ACTION_BUTTONS[action]());
    element.replaceChildren(...children);
  }

  private fillFooter(element: HTMLElement): void {
    const { usage, startedAt, finishedAt } = this.turn;
    const parts: string[] = [];
    if (usage) parts.push(usageSummary(usage));
    if (usage && usage.inputTokens > 0) parts.push(contextShare(usage.inputTokens, this.turn.model));
    if (finishedAt !== undefined && finishedAt >= startedAt) parts.push(formatDuration(finishedAt - startedAt));
    // Without a server-side chain every turn pays for the conversation again: the footer says how much.
    const resent = this.turn.resent;
    if (resent) parts.push(`re-sent ${resent.earlierTurns} turn${resent.earlierTurns === 1 ? '' : 's'}, ${resent.tokens.toLocaleString()} tokens`);
    const notApplied = this.turn.notApplied ?? [];
    element.replaceChildren(parts.join(' · '));
    // Settings the model did not receive (e.g. a persona's temperature on gpt-5): said where the usage is read.
    if (notApplied.length > 0) element.append(h('div', { className: 'turn-not-applied', text: notApplied.join(' · ') }));
    element.title = usage ? usageDetail(usage) : '';
    element.hidden = parts.length === 0 && notApplied.length === 0;
  }
}

function reasoningOf(parts: readonly TurnPart[]): ReasoningPart[] {
  return parts.filter((p): p is ReasoningPart => p.kind === 'reasoning');
}
