import { bandOf, CONFIDENCE_BANDS, formatProbability, probabilityOf, visibleToken } from '../../core/turn/confidenceStats';
import type { TokenLogprob } from '../../core/turn/logprobs';
import { h } from '../dom';

let nextId = 0;

/**
 * The card shown beside the token under the pointer or the keyboard focus: the token, its probability, and the
 * alternatives the model weighed, ranked with the chosen token among them. One card per confidence view, moved
 * from token to token, and tied to the focused token with aria-describedby so a screen reader reads it too.
 */
export class TokenDetails {
  readonly element = h('div', { className: 'token-details', hidden: true, attrs: { role: 'tooltip', id: `token-details-${++nextId}` } });

  show(token: TokenLogprob, anchor: HTMLElement, within: HTMLElement): void {
    const [text, logprob, alternatives = []] = token;
    const p = probabilityOf(logprob);
    const ranked = [...alternatives.map(([t, lp]) => ({ token: t, logprob: lp, chosen: false })), { token: text, logprob, chosen: true }]
      .sort((a, b) => b.logprob - a.logprob);
    const rows = ranked.map((entry) => h('li', { className: entry.chosen ? 'chosen' : '' }, [
      h('code', { className: 'token-text', text: visibleToken(entry.token) }),
      h('span', { className: 'token-probability', text: formatProbability(probabilityOf(entry.logprob)) }),
      ...(entry.chosen ? [h('span', { className: 'token-chosen', text: 'chosen' })] : []),
    ]));
    this.element.replaceChildren(
      h('div', { className: 'token-details-head' }, [
        h('code', { className: 'token-text', text: visibleToken(text) }),
        h('span', { text: ` ${formatProbability(p)} · ${CONFIDENCE_BANDS[bandOf(logprob)].label} confidence` }),
      ]),
      h('div', { className: 'token-details-logprob', text: `logprob ${logprob.toFixed(3)}` }),
      alternatives.length > 0
        ? h('ol', { className: 'token-alternatives', attrs: { 'aria-label': 'Top alternatives' } }, rows)
        : h('div', { className: 'token-no-alternatives', text: 'No alternatives were asked for.' }),
    );
    this.element.hidden = false;
    this.place(anchor, within);
  }

  hide(): void {
    this.element.hidden = true;
  }

  /** Under the token, kept inside the view's width; the view is the card's positioned ancestor. */
  private place(anchor: HTMLElement, within: HTMLElement): void {
    const box = within.getBoundingClientRect();
    const at = anchor.getBoundingClientRect();
    const width = this.element.offsetWidth;
    const left = Math.max(0, Math.min(at.left - box.left, within.clientWidth - width));
    this.element.style.left = `${left}px`;
    this.element.style.top = `${at.bottom - box.top + within.scrollTop + 2}px`;
  }
}
