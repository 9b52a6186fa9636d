import { bandOf, formatProbability, lowestSpans, summarize } from '../../core/turn/confidenceStats';
import type { TokenLogprob } from '../../core/turn/logprobs';
import type { TurnPart } from '../../core/turn/turnParts';
import { h } from '../dom';
import { TokenDetails } from './tokenDetails';
import { wt } from '../../core/l10n/webviewMessages';

/*
 * webview/confidence: the token confidence of a finished answer (this view), its per-turn switch (in TurnView)
 * and the panel's per-conversation toggle. Reads core/turn only; model text reaches the DOM as text nodes.
 */

/** The tokens of the answer's final message parts, in order; commentary is not the answer. */
export function answerTokens(parts: readonly TurnPart[]): TokenLogprob[] {
  const tokens: TokenLogprob[] = [];
  for (const part of parts) if (part.kind === 'text' && part.logprobs) tokens.push(...part.logprobs);
  return tokens;
}

/**
 * The answer as its tokens, each tinted by its band (conf-b0 … conf-b3, with an underline style for the two
 * low bands so colour is never the only cue), then a footer with the mean log-probability, the perplexity and
 * the least sure spans as buttons that jump to them. Keyboard: the token list is one tab stop (roving
 * tabindex); arrows move by token, Up and Down jump to the previous or next unsure token, Home and End to the
 * ends, Escape hides the card. Tokens get a tabindex only once the keyboard reaches them, so building 2,000 of
 * them stays cheap.
 */
export class ConfidenceView {
  readonly element = h('div', { className: 'confidence-view' });
  private readonly text = h('div', {
    className: 'confidence-tokens',
    attrs: { role: 'group', 'aria-label': wt('confidence.viewLabel') },
  });
  private readonly details = new TokenDetails();
  private spans: HTMLElement[] = [];
  private tokens: TokenLogprob[] = [];
  private current = 0;

  constructor() {
    this.element.append(this.text, this.details.element);
    this.text.addEventListener('mouseover', (event) => {
      const index = this.indexOf(event.target);
      if (index !== undefined) this.showDetails(index);
    });
    this.text.addEventListener('mouseleave', () => {
      if (!this.text.contains(document.activeElement)) this.details.hide();
    });
    this.text.addEventListener('focusin', (event) => {
      const index = this.indexOf(event.target);
      if (index === undefined) return;
      this.makeCurrent(index);
      this.showDetails(index);
    });
    this.text.addEventListener('focusout', (event) => {
      if (!(event.relatedTarget instanceof Node && this.text.contains(event.relatedTarget))) this.details.hide();
    });
    this.text.addEventListener('keydown', (event) => this.onKey(event));
    this.element.addEventListener('click', (event) => {
      const jump = event.target instanceof Element ? event.target.closest<HTMLElement>('.low-span') : null;
      if (jump) this.focusToken(Number(jump.dataset.start));
    });
  }

  render(tokens: readonly TokenLogprob[]): void {
    this.tokens = [...tokens];
    const fragment = document.createDocumentFragment();
    this.spans = this.tokens.map((token, index) => {
      const span = document.createElement('span');
      span.className = `tok conf-b${bandOf(token[1])}`;
      span.dataset.i = String(index);
      span.textContent = token[0];
      fragment.append(span);
      return span;
    });
    this.current = 0;
    this.spans[0]?.setAttribute('tabindex', '0');
    this.text.replaceChildren(fragment);
    this.details.hide();
    this.element.querySelector('.confidence-footer')?.remove();
    this.element.append(this.footer());
  }

  private footer(): HTMLElement {
    const summary = summarize(this.tokens);
    const spans = lowestSpans(this.tokens);
    const figures = wt('confidence.figures', summary.tokens.toLocaleString(), summary.meanLogprob.toFixed(3), summary.perplexity.toFixed(2));
    return h('div', { className: 'confidence-footer' }, [
      h('div', { className: 'confidence-figures', text: figures }),
      spans.length === 0
        ? h('div', { className: 'confidence-sure', text: wt('confidence.noUnsure') })
        : h('div', { className: 'confidence-lowest' }, [
          h('span', { text: wt('confidence.leastSure') }),
          ...spans.map((span) => {
            const jump = h('button', {
              className: 'low-span',
              text: `${span.text.length > 40 ? `${span.text.slice(0, 39)}…` : span.text} ${formatProbability(span.minProbability)}`,
              // The visible text is the name (a label that did not contain it fails WCAG 2.5.3); the title says what it does.
              attrs: { type: 'button', title: wt('confidence.goTo', span.text) },
            });
            jump.dataset.start = String(span.start);
            return jump;
          }),
        ]),
    ]);
  }

  private indexOf(target: EventTarget | null): number | undefined {
    if (!(target instanceof HTMLElement) || !target.classList.contains('tok')) return undefined;
    return Number(target.dataset.i);
  }

  private showDetails(index: number): void {
    const span = this.spans[index];
    const token = this.tokens[index];
    if (!span || !token) return;
    this.details.show(token, span, this.element);
  }

  private onKey(event: KeyboardEvent): void {
    const last = this.tokens.length - 1;
    let next: number | undefined;
    if (event.key === 'ArrowRight') next = Math.min(last, this.current + 1);
    else if (event.key === 'ArrowLeft') next = Math.max(0, this.current - 1);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = last;
    else if (event.key === 'ArrowDown') next = this.findUnsure(1);
    else if (event.key === 'ArrowUp') next = this.findUnsure(-1);
    else if (event.key === 'Escape') this.details.hide();
    if (next === undefined) return;
    event.preventDefault();
    this.focusToken(next);
  }

  /** The next unsure token (band 2 or 3) in a direction; where there is none, the focus stays. */
  private findUnsure(step: 1 | -1): number {
    for (let i = this.current + step; i >= 0 && i < this.tokens.length; i += step) if (bandOf(this.tokens[i][1]) >= 2) return i;
    return this.current;
  }

  private focusToken(index: number): void {
    const span = this.spans[index];
    if (!span) return;
    this.makeCurrent(index);
    span.focus();
    span.scrollIntoView({ block: 'nearest' });
  }

  /** The roving tab stop moves to this token, and the card describes it. */
  private makeCurrent(index: number): void {
    const span = this.spans[index];
    const previous = this.spans[this.current];
    if (previous && previous !== span) {
      previous.setAttribute('tabindex', '-1');
      previous.removeAttribute('aria-describedby');
    }
    this.current = index;
    span.setAttribute('tabindex', '0');
    span.setAttribute('aria-describedby', this.details.element.id);
  }
}
