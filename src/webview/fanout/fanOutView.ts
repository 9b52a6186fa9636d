import type { Turn } from '../../core/conversation/turn';
import type { PartEvent } from '../../core/turn/turnParts';
import { h } from '../dom';
import type { PartViewDeps } from '../parts/partViewDeps';
import { AnswerPane } from './answerPane';
import { wt } from '../../core/l10n/webviewMessages';

/*
 * webview/fanout: the answers of a fan-out turn (several personas asked at once). TurnView composes it; it
 * imports core/conversation's turn model and the part renderers, nothing from the host.
 */

/** Narrower than this per answer and the answers are stacked with tabs instead of side by side. */
export const MIN_COLUMN_PX = 240;

/**
 * The answers of one fan-out turn, side by side when the panel has room for a column each, else stacked with
 * tabs (a tablist; arrows, Home and End move between them). Each answer streams into its own pane.
 */
export class FanOutView {
  readonly element: HTMLElement;
  private readonly tablist = h('div', { className: 'answer-tabs', attrs: { role: 'tablist', 'aria-label': wt('fanout.answers') } });
  private readonly panels = h('div', { className: 'fanout-answers' });
  private panes: AnswerPane[] = [];
  private selected = 0;
  private readonly resize: ResizeObserver;

  constructor(private readonly deps: PartViewDeps) {
    this.element = h('div', { className: 'fanout', attrs: { 'data-layout': 'tabs' } }, [this.tablist, this.panels]);
    this.tablist.addEventListener('click', (event) => {
      const tab = event.target instanceof Element ? event.target.closest('[role="tab"]') : null;
      const index = this.panes.findIndex((pane) => pane.tab === tab);
      if (index >= 0) this.select(index, true);
    });
    this.tablist.addEventListener('keydown', (event) => this.onKey(event));
    this.resize = new ResizeObserver(() => this.layout());
    this.resize.observe(this.element);
  }

  /** The turn's answers as stored or changed; the first render selects the answer the conversation continues with. */
  render(turn: Turn): void {
    const answers = turn.alternatives ?? [];
    if (this.panes.length !== answers.length || this.panes.some((pane, i) => pane.id !== answers[i].id)) {
      this.disposePanes();
      this.panes = answers.map((answer) => new AnswerPane(answer, this.deps));
      this.tablist.replaceChildren(...this.panes.map((pane) => pane.tab));
      this.panels.replaceChildren(...this.panes.map((pane) => pane.panel));
      this.panels.style.setProperty('--answers', String(answers.length));
      this.selected = Math.max(0, answers.findIndex((a) => a.id === turn.chosen));
    }
    answers.forEach((answer, i) => this.panes[i].update(answer, answer.id === turn.chosen));
    this.select(this.selected, false);
    this.layout();
  }

  /** A part event for one answer; false when the id is none of this turn's answers. */
  applyPart(answerId: string, event: PartEvent): boolean {
    const pane = this.panes.find((p) => p.id === answerId);
    pane?.applyPart(event);
    return pane !== undefined;
  }

  appendRefusal(answerId: string, text: string): boolean {
    const pane = this.panes.find((p) => p.id === answerId);
    pane?.appendRefusal(text);
    return pane !== undefined;
  }

  refreshFooters(): void {
    for (const pane of this.panes) pane.fillFooter();
  }

  dispose(): void {
    this.resize.disconnect();
    this.disposePanes();
  }

  private layout(): void {
    const width = this.element.clientWidth;
    // Not laid out yet (a detached or hidden turn): keep what it was.
    if (width === 0) return;
    const columns = width >= this.panes.length * MIN_COLUMN_PX;
    this.element.dataset.layout = columns ? 'columns' : 'tabs';
    this.tablist.hidden = columns;
    this.panes.forEach((pane, i) => { pane.panel.hidden = !columns && i !== this.selected; });
  }

  private select(index: number, focus: boolean): void {
    this.selected = Math.min(Math.max(index, 0), this.panes.length - 1);
    this.panes.forEach((pane, i) => {
      const on = i === this.selected;
      pane.tab.setAttribute('aria-selected', String(on));
      pane.tab.tabIndex = on ? 0 : -1;
    });
    if (focus) this.panes[this.selected]?.tab.focus();
    this.layout();
  }

  private onKey(event: KeyboardEvent): void {
    const last = this.panes.length - 1;
    const next = { ArrowRight: this.selected + 1, ArrowLeft: this.selected - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.select(next > last ? 0 : next < 0 ? last : next, true);
  }

  private disposePanes(): void {
    for (const pane of this.panes) pane.dispose();
  }
}
