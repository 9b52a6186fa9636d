import type { AnswerAlternative } from '../../core/conversation/turn';
import { applyPartEventToTurn, displayParts } from '../../core/turn/partList';
import type { PartEvent, ReasoningPart, TurnPart } from '../../core/turn/turnParts';
import { button, codicon, h } from '../dom';
import { answerCostLabel } from '../priceBook';
import { describeStatus, formatDuration, usageDetail, usageSummary } from '../format';
import { AnswerPartsView } from '../parts/answerPartsView';
import type { PartViewDeps } from '../parts/partViewDeps';
import { ThinkingView } from '../parts/thinkingView';
import { wt } from '../../core/l10n/webviewMessages';

/**
 * One answer of a fan-out turn: its tab (used when the panel is narrow) and its panel, with who answered, the
 * Thinking section, the answer's parts, how it ended, its tokens, its own Stop, and "Continue with this".
 */
export class AnswerPane {
  readonly tab: HTMLButtonElement;
  readonly panel: HTMLElement;
  private readonly tabStatus = h('span', { className: 'answer-tab-status' });
  private readonly persona = h('span', { className: 'persona-label' });
  private readonly model = h('span', { className: 'turn-model' });
  private readonly chosenBadge = h('span', { className: 'chosen-badge', text: wt('fanout.continues'), hidden: true });
  private readonly stop = button({ icon: 'debug-stop', text: wt('composer.stop'), label: wt('fanout.stopAnswer'), className: 'stop-answer' });
  private readonly continueWith = button({ icon: 'arrow-right', text: wt('fanout.continueWith'), label: wt('fanout.continueWithLabel'), className: 'continue-with' });
  private readonly thinking = new ThinkingView();
  private readonly parts: AnswerPartsView;
  private readonly refusal = h('div', { className: 'refusal', attrs: { role: 'note' } });
  private readonly status = h('div', { className: 'turn-status', attrs: { role: 'status' } });
  private readonly footer = h('div', { className: 'turn-footer' });
  private answer: AnswerAlternative;

  constructor(answer: AnswerAlternative, deps: PartViewDeps) {
    this.answer = { ...answer };
    const tabId = `tab-${answer.id}`;
    const panelId = `answer-${answer.id}`;
    this.tab = h('button', { id: tabId, className: 'answer-tab', attrs: { type: 'button', role: 'tab', 'aria-controls': panelId, 'aria-selected': 'false', tabindex: '-1' } }, [
      h('span', { className: 'answer-tab-label', text: answer.personaLabel }),
      this.tabStatus,
    ]);
    const answerElement = h('div', { className: 'answer-parts' });
    this.parts = new AnswerPartsView(answerElement, deps);
    this.panel = h('section', { id: panelId, className: 'fanout-answer', attrs: { role: 'tabpanel', 'aria-labelledby': tabId, 'data-answer-id': answer.id } }, [
      h('div', { className: 'turn-meta' }, [codicon('sparkle'), this.persona, this.model, this.chosenBadge]),
      this.thinking.element,
      answerElement,
      this.refusal,
      this.status,
      this.footer,
      h('div', { className: 'answer-actions' }, [this.stop, this.continueWith]),
    ]);
    this.render(answer, false);
  }

  get id(): string {
    return this.answer.id;
  }

  get streaming(): boolean {
    return this.answer.status === 'streaming';
  }

  /** The answer as stored or as it settled; a pane still streaming keeps the parts it has grown. */
  update(answer: AnswerAlternative, chosen: boolean): void {
    const settled = this.streaming && answer.status !== 'streaming';
    const stillStreaming = answer.status === 'streaming' && this.streaming;
    if (settled) this.parts.finish();
    if (stillStreaming) {
      // Still streaming (a notice or a choice changed): keep what the part events built.
      this.answer = { ...answer, parts: this.answer.parts, refusalText: this.answer.refusalText };
      this.fill(chosen);
      return;
    }
    this.render(answer, chosen);
  }

  applyPart(event: PartEvent): void {
    if (!applyPartEventToTurn(this.answer, event)) return;
    const parts = this.answer.parts ?? [];
    if (parts[event.index]?.kind === 'reasoning') {
      if (event.type === 'delta') this.thinking.appendDelta(reasoningOf(parts), event.text);
      else this.thinking.render(reasoningOf(parts), true);
    }
    this.parts.apply(event, parts);
  }

  appendRefusal(text: string): void {
    this.answer.refusalText += text;
    this.refusal.hidden = false;
    this.refusal.append(text);
  }

  dispose(): void {
    this.parts.dispose();
    this.thinking.dispose();
  }

  private render(answer: AnswerAlternative, chosen: boolean): void {
    this.answer = { ...answer };
    const live = answer.status === 'streaming';
    const parts = displayParts(this.answer);
    if (live) this.answer.parts ??= parts;
    this.thinking.render(reasoningOf(parts), live);
    this.parts.render(parts, live);
    this.fill(chosen);
  }

  private fill(chosen: boolean): void {
    const answer = this.answer;
    this.panel.dataset.status = answer.status;
    this.panel.classList.toggle('chosen', chosen);
    this.persona.textContent = answer.personaLabel;
    this.model.textContent = answer.model;
    this.chosenBadge.hidden = !chosen;
    this.refusal.textContent = answer.refusalText;
    this.refusal.hidden = answer.refusalText.length === 0;
    const status = describeStatus(answer);
    this.status.hidden = !status;
    this.status.dataset.status = answer.status;
    this.status.replaceChildren(...(status ? [h('span', { className: 'status-badge', text: status.badge }), h('span', { className: 'status-title', text: status.title })] : []));
    if (status?.detail) this.status.append(h('div', { className: 'status-detail', text: status.detail }));
    this.tabStatus.textContent = answer.status === 'streaming' ? '…' : chosen ? '✓' : status ? status.badge : '';
    this.tab.dataset.status = answer.status;
    this.tab.title = chosen ? wt('fanout.tabContinues', answer.personaLabel) : answer.personaLabel;
    this.stop.hidden = answer.status !== 'streaming';
    this.continueWith.hidden = answer.status !== 'complete' || chosen;
    this.fillFooter();
  }

  /** Tokens, cost and time of this answer; also called when prices change. */
  fillFooter(): void {
    const { usage, startedAt, finishedAt, model } = this.answer;
    const cost = usage ? answerCostLabel(usage, model) : undefined;
    const footer = [usage ? usageSummary(usage) : '', cost?.text ?? '', finishedAt !== undefined && finishedAt >= startedAt ? formatDuration(finishedAt - startedAt) : ''].filter(Boolean);
    this.footer.textContent = footer.join(' · ');
    this.footer.title = usage ? [usageDetail(usage), cost?.title].filter(Boolean).join('\n') : '';
    this.footer.hidden = footer.length === 0;
  }
}

function reasoningOf(parts: readonly TurnPart[]): ReasoningPart[] {
  return parts.filter((p): p is ReasoningPart => p.kind === 'reasoning');
}
