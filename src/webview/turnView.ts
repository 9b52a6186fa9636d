import type { Turn } from '../core/conversation/turn';
import { button, codicon, h } from './dom';
import { contextLabel, describeStatus, formatDuration, usageDetail, usageSummary } from './format';
import type { FrameScheduler } from './frameScheduler';
import type { LiveAnnouncer } from './liveAnnouncer';
import { renderMarkdownInto } from './markdown/renderMarkdown';
import { StreamingMarkdownView } from './streamingMarkdownView';

export interface TurnViewDeps {
  scheduler: FrameScheduler;
  announcer: LiveAnnouncer;
}

export type DeltaChannel = 'text' | 'refusal' | 'reasoning';

const ORIGIN_LABELS: Record<Turn['origin'], string> = { chat: '', explain: 'Explain', summarize: 'Summarize', extract: 'Extract JSON' };

/**
 * One exchange on screen: the user's message with its code references, then the answer with persona, model,
 * notice, reasoning, refusal, status and token footer. A finished answer's Markdown is rendered once, and
 * for old turns only when they come near the viewport (`renderMarkdown()`); a streaming answer renders
 * incrementally through StreamingMarkdownView.
 */
export class TurnView {
  readonly element: HTMLElement;
  private readonly userText = h('div', { className: 'user-text' });
  private readonly contextChips = h('div', { className: 'context-chips' });
  private readonly persona = h('span', { className: 'persona-label' });
  private readonly model = h('span', { className: 'turn-model' });
  private readonly origin = h('span', { className: 'origin-badge' });
  private readonly notice = h('div', { className: 'turn-notice', attrs: { role: 'note' } });
  private readonly reasoning = h('details', { className: 'reasoning' });
  private readonly reasoningBody = h('div', { className: 'reasoning-text' });
  private readonly markdown = h('div', { className: 'markdown' });
  private readonly refusal = h('div', { className: 'refusal', attrs: { role: 'note' } });
  private readonly progress = h('div', { className: 'turn-progress' }, [codicon('loading codicon-modifier-spin'), h('span', { text: 'Generating…' })]);
  private readonly status = h('div', { className: 'turn-status', attrs: { role: 'status' } });
  private readonly footer = h('div', { className: 'turn-footer' });
  private stream: StreamingMarkdownView | null = null;
  private markdownRendered = false;
  private reasoningRendered = false;

  constructor(private turn: Turn, private readonly deps: TurnViewDeps) {
    this.reasoning.append(h('summary', {}, [codicon('lightbulb'), h('span', { text: 'Reasoning' })]), this.reasoningBody);
    this.reasoning.addEventListener('toggle', () => {
      if (this.reasoning.open) this.renderReasoning();
    });
    this.element = h('article', { className: 'turn', attrs: { 'data-turn-id': turn.id } }, [
      h('section', { className: 'user', attrs: { 'aria-label': 'You' } }, [
        h('div', { className: 'turn-meta' }, [
          codicon('account'),
          h('span', { className: 'author', text: 'You' }),
          this.contextChips,
          h('span', { className: 'turn-actions' }, [
            button({ icon: 'copy', label: 'Copy message', className: 'copy-message' }),
            button({ icon: 'edit', label: 'Edit and resend', className: 'edit-resend' }),
          ]),
        ]),
        this.userText,
      ]),
      h('section', { className: 'assistant', attrs: { 'aria-label': 'Answer' } }, [
        h('div', { className: 'turn-meta' }, [
          codicon('sparkle'),
          this.persona,
          this.model,
          this.origin,
          h('span', { className: 'turn-actions' }, [
            button({ icon: 'copy', label: 'Copy answer', className: 'copy-answer' }),
            button({ icon: 'refresh', label: 'Regenerate', className: 'regenerate' }),
          ]),
        ]),
        this.notice,
        this.reasoning,
        this.markdown,
        this.refusal,
        this.progress,
        this.status,
        this.footer,
      ]),
    ]);
    this.fillStatic();
    if (turn.status === 'streaming') this.startStream();
    else this.showUnrenderedMarkdown();
  }

  get id(): string {
    return this.turn.id;
  }

  get data(): Turn {
    return this.turn;
  }

  get isStreaming(): boolean {
    return this.stream !== null;
  }

  /** Renders the finished answer's Markdown, once. */
  renderMarkdown(): void {
    if (this.markdownRendered || this.stream) return;
    renderMarkdownInto(this.markdown, this.turn.assistantText);
    this.markdown.classList.remove('pending-render');
    this.markdownRendered = true;
  }

  get needsMarkdown(): boolean {
    return !this.markdownRendered && !this.stream;
  }

  appendDelta(channel: DeltaChannel, text: string): void {
    if (channel === 'text') {
      this.turn.assistantText += text;
      if (this.stream) this.stream.append(text);
    } else if (channel === 'refusal') {
      this.turn.refusalText += text;
      this.refusal.hidden = false;
      appendText(this.refusal, text);
    } else {
      this.turn.reasoningSummary += text;
      this.reasoning.hidden = false;
      if (!this.reasoningRendered) appendText(this.reasoningBody, text);
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
    const renderedBefore = this.markdownRendered || wasStreaming;
    this.turn = turn;
    this.markdownRendered = false;
    this.reasoningRendered = false;
    this.fillStatic();
    if (turn.status === 'streaming') {
      this.startStream();
    } else if (renderedBefore) {
      this.renderMarkdown();
    } else {
      this.showUnrenderedMarkdown();
    }
    if (wasStreaming && turn.status !== 'streaming') this.announceOutcome();
  }

  private startStream(): void {
    this.markdown.replaceChildren();
    this.markdown.classList.remove('pending-render');
    this.stream = new StreamingMarkdownView(this.markdown, this.deps.scheduler, (text) => this.deps.announcer.announce(text));
    this.stream.append(this.turn.assistantText);
  }

  private showUnrenderedMarkdown(): void {
    // Until it nears the viewport, an old answer is plain text: cheap to build, searchable, the right size.
    this.markdown.textContent = this.turn.assistantText;
    this.markdown.classList.add('pending-render');
  }

  private renderReasoning(): void {
    if (this.reasoningRendered || this.turn.status === 'streaming') return;
    renderMarkdownInto(this.reasoningBody, this.turn.reasoningSummary);
    this.reasoningRendered = true;
  }

  private announceOutcome(): void {
    const status = describeStatus(this.turn);
    this.deps.announcer.announce(status ? `${status.badge}: ${status.title}` : 'Answer complete.');
  }

  private fillStatic(): void {
    const turn = this.turn;
    this.element.dataset.status = turn.status;
    this.element.classList.toggle('streaming', turn.status === 'streaming');
    this.userText.textContent = turn.userText;
    this.contextChips.replaceChildren(...turn.context.map((context, index) => {
      const chip = button({ icon: 'file-code', text: contextLabel(context), label: `Open ${context.path}, lines ${context.startLine} to ${context.endLine}`, className: 'context-chip' });
      chip.dataset.index = String(index);
      return chip;
    }));
    this.persona.textContent = turn.personaLabel;
    this.model.textContent = turn.model;
    this.origin.textContent = ORIGIN_LABELS[turn.origin];
    this.origin.hidden = turn.origin === 'chat';
    this.notice.replaceChildren(codicon('info'), h('span', { text: turn.notice ?? '' }));
    this.notice.hidden = !turn.notice;
    this.reasoning.hidden = turn.reasoningSummary.length === 0;
    this.reasoningBody.textContent = turn.reasoningSummary;
    if (this.reasoning.open) this.renderReasoning();
    this.refusal.textContent = turn.refusalText;
    this.refusal.hidden = turn.refusalText.length === 0;
    this.progress.hidden = turn.status !== 'streaming';
    this.fillStatus();
    this.fillFooter();
  }

  private fillStatus(): void {
    const status = describeStatus(this.turn);
    this.status.hidden = !status;
    if (!status) {
      this.status.replaceChildren();
      return;
    }
    this.status.dataset.status = this.turn.status;
    const children: Node[] = [
      h('span', { className: 'status-badge', text: status.badge }),
      h('span', { className: 'status-title', text: status.title }),
    ];
    if (status.detail) children.push(h('div', { className: 'status-detail', text: status.detail }));
    if (status.action) children.push(h('div', { className: 'status-action', text: status.action }));
    if (status.canRetry) children.push(button({ icon: 'debug-restart', text: 'Retry', label: 'Retry this turn', className: 'retry' }));
    this.status.replaceChildren(...children);
  }

  private fillFooter(): void {
    const { usage, startedAt, finishedAt } = this.turn;
    const parts: string[] = [];
    if (usage) parts.push(usageSummary(usage));
    if (finishedAt !== undefined && finishedAt >= startedAt) parts.push(formatDuration(finishedAt - startedAt));
    this.footer.textContent = parts.join(' · ');
    this.footer.title = usage ? usageDetail(usage) : '';
    this.footer.hidden = parts.length === 0;
  }
}

/** A new text node per delta: O(delta), where growing one node would copy everything received so far. */
function appendText(element: HTMLElement, text: string): void {
  element.append(text);
}
