import { describeCompaction } from '../core/conversation/compactionText';
import type { Turn, TurnAction } from '../core/conversation/turn';
import { button, h } from './dom';
import { contextLabel, contextShare, describeStatus, formatDuration, usageDetail, usageSummary } from './format';
import type { FrameScheduler } from './frameScheduler';
import type { LiveAnnouncer } from './liveAnnouncer';
import { renderMarkdownInto } from './markdown/renderMarkdown';
import { StreamingMarkdownView } from './streamingMarkdownView';
import { buildTurnLayout, type TurnParts } from './turnLayout';

export interface TurnViewDeps {
  scheduler: FrameScheduler;
  announcer: LiveAnnouncer;
}

export type DeltaChannel = 'text' | 'refusal' | 'reasoning';

/** Badges for turns started from an editor command; chat turns (and any origin without a label) show none. */
/** The buttons a failed turn's error asks for; the click handler knows each by its class. */
const ERROR_ACTION_BUTTONS: Record<TurnAction, () => HTMLButtonElement> = {
  compactAndRetry: () => button({ icon: 'fold', text: 'Compact and retry', label: 'Compact the conversation and send this turn again', className: 'compact-retry' }),
  newConversation: () => button({ icon: 'add', text: 'New conversation', label: 'Start a new conversation', className: 'start-new-conversation' }),
};

const ORIGIN_LABELS: Partial<Record<Turn['origin'], string>> = { explain: 'Explain', summarize: 'Summarize' };

/**
 * One exchange on screen. An old turn starts as an empty `article` and is built (`materialize()`) only when
 * it comes near the viewport, so opening a thousand turns creates a thousand elements, not forty thousand.
 * A finished answer's Markdown is rendered once; a streaming answer renders incrementally through
 * StreamingMarkdownView.
 */
export class TurnView {
  readonly element: HTMLElement;
  private parts: TurnParts | null = null;
  private stream: StreamingMarkdownView | null = null;
  private reasoningRendered = false;

  constructor(private turn: Turn, private readonly deps: TurnViewDeps) {
    this.element = h('article', { className: 'turn unmaterialized', attrs: { 'data-turn-id': turn.id, 'data-status': turn.status } });
  }

  get data(): Turn {
    return this.turn;
  }

  get isStreaming(): boolean {
    return this.stream !== null;
  }

  /** Builds the turn's elements and renders its answer, once. */
  materialize(): TurnParts {
    if (this.parts) return this.parts;
    const parts = buildTurnLayout(this.element);
    this.parts = parts;
    this.element.classList.remove('unmaterialized');
    parts.reasoning.addEventListener('toggle', () => {
      if (parts.reasoning.open) this.renderReasoning(parts);
    });
    this.fill(parts);
    this.renderAnswer(parts);
    return parts;
  }

  appendDelta(channel: DeltaChannel, text: string): void {
    const parts = this.materialize();
    if (channel === 'text') {
      this.turn.assistantText += text;
      this.stream?.append(text);
    } else if (channel === 'refusal') {
      this.turn.refusalText += text;
      parts.refusal.hidden = false;
      parts.refusal.append(text);
    } else {
      this.turn.reasoningSummary += text;
      parts.reasoning.hidden = false;
      // A new text node per delta: O(delta), where growing one node would copy everything so far.
      if (!this.reasoningRendered) parts.reasoningBody.append(text);
    }
  }

  /** The turn's final (or replaced) state: re-render this turn once. */
  update(turn: Turn): void {
    const wasStreaming = this.stream !== null;
    if (this.stream) {
      this.deps.scheduler.flush(this.stream);
      this.deps.announcer.announce(this.stream.openBlockText);
      this.stream.dispose();
      this.stream = null;
    }
    this.turn = turn;
    this.element.dataset.status = turn.status;
    if (!this.parts) return;
    this.reasoningRendered = false;
    this.fill(this.parts);
    this.renderAnswer(this.parts);
    if (wasStreaming && turn.status !== 'streaming') this.announceOutcome();
  }

  /** Stops rendering a stream whose turn left the screen, so no queued frame renders into detached nodes. */
  dispose(): void {
    this.stream?.dispose();
    this.stream = null;
  }

  private renderAnswer(parts: TurnParts): void {
    if (this.turn.status === 'streaming') {
      parts.markdown.replaceChildren();
      this.stream = new StreamingMarkdownView(parts.markdown, this.deps.scheduler, (text) => this.deps.announcer.announce(text));
      this.stream.append(this.turn.assistantText);
    } else {
      renderMarkdownInto(parts.markdown, this.turn.assistantText);
    }
  }

  private renderReasoning(parts: TurnParts): void {
    if (this.reasoningRendered || this.turn.status === 'streaming') return;
    renderMarkdownInto(parts.reasoningBody, this.turn.reasoningSummary);
    this.reasoningRendered = true;
  }

  private announceOutcome(): void {
    const status = describeStatus(this.turn);
    this.deps.announcer.announce(status ? `${status.badge}: ${status.title}` : 'Answer complete.');
  }

  private fill(parts: TurnParts): void {
    const turn = this.turn;
    this.element.classList.toggle('streaming', turn.status === 'streaming');
    parts.userText.textContent = turn.userText;
    parts.contextChips.replaceChildren(...turn.context.map((context, index) => {
      const chip = button({ icon: 'file-code', text: contextLabel(context), label: `Open ${context.path}, lines ${context.startLine} to ${context.endLine}`, className: 'context-chip' });
      chip.dataset.index = String(index);
      return chip;
    }));
    parts.persona.textContent = turn.personaLabel;
    parts.model.textContent = turn.model;
    const originLabel = ORIGIN_LABELS[turn.origin] ?? '';
    parts.origin.textContent = originLabel;
    parts.origin.hidden = originLabel.length === 0;
    parts.noticeText.textContent = turn.notice ?? '';
    parts.notice.hidden = !turn.notice;
    parts.reasoning.hidden = turn.reasoningSummary.length === 0;
    parts.reasoningBody.textContent = turn.reasoningSummary;
    if (parts.reasoning.open) this.renderReasoning(parts);
    parts.refusal.textContent = turn.refusalText;
    parts.refusal.hidden = turn.refusalText.length === 0;
    parts.progress.hidden = turn.status !== 'streaming';
    this.fillStatus(parts.status);
    this.fillFooter(parts.footer);
    parts.compaction.textContent = turn.compaction ? describeCompaction(turn.compaction) : '';
    parts.compaction.hidden = !turn.compaction;
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
    const notApplied = this.turn.notApplied ?? [];
    element.replaceChildren(parts.join(' · '));
    // Settings the model did not receive (e.g. a persona's temperature on gpt-5): said where the usage is read.
    if (notApplied.length > 0) element.append(h('div', { className: 'turn-not-applied', text: notApplied.join(' · ') }));
    element.title = usage ? usageDetail(usage) : '';
    element.hidden = parts.length === 0 && notApplied.length === 0;
  }
}
