import { button, codicon, h } from './dom';
import { wt } from '../core/l10n/webviewMessages';

/** The elements of one turn on screen, built when the turn first comes near the viewport. */
export interface TurnElements {
  userText: HTMLElement;
  contextChips: HTMLElement;
  userImages: HTMLElement;
  persona: HTMLElement;
  model: HTMLElement;
  origin: HTMLElement;
  notice: HTMLElement;
  noticeText: HTMLElement;
  /** The answer's parts: commentary, tool lines and the final message. */
  answer: HTMLElement;
  refusal: HTMLElement;
  progress: HTMLElement;
  status: HTMLElement;
  footer: HTMLElement;
  compaction: HTMLElement;
  /** Switches a finished answer between its Markdown and its token confidence; shown when it has logprobs. */
  confidenceButton: HTMLButtonElement;
  /** Where the confidence view goes, in place of the answer's parts while it is shown. */
  confidence: HTMLElement;
}

/**
 * Builds a turn's elements into `article`: the user's message, then the answer with its meta, the Thinking
 * section, the answer's parts, status and footer.
 */
export function buildTurnLayout(article: HTMLElement, thinking: HTMLElement): TurnElements {
  const parts: TurnElements = {
    userText: h('div', { className: 'user-text' }),
    contextChips: h('div', { className: 'context-chips' }),
    userImages: h('div', { className: 'turn-images', hidden: true, attrs: { role: 'group', 'aria-label': wt('images.sent') } }),
    persona: h('span', { className: 'persona-label' }),
    model: h('span', { className: 'turn-model' }),
    origin: h('span', { className: 'origin-badge' }),
    notice: h('div', { className: 'turn-notice', attrs: { role: 'note' } }),
    noticeText: h('span'),
    answer: h('div', { className: 'answer-parts' }),
    refusal: h('div', { className: 'refusal', attrs: { role: 'note' } }),
    progress: h('div', { className: 'turn-progress' }, [codicon('loading codicon-modifier-spin'), h('span', { text: wt('turn.generating') })]),
    // Not a live region: the outcome is announced once, by the LiveAnnouncer when a stream ends. A status role
    // here made it heard twice, and made every re-render of an old turn's status speak again.
    status: h('div', { className: 'turn-status' }),
    footer: h('div', { className: 'turn-footer' }),
    compaction: h('div', { className: 'compaction-marker', attrs: { role: 'note' } }),
    confidenceButton: button({ icon: 'pulse', label: wt('confidence.show'), className: 'show-confidence', hidden: true }),
    confidence: h('div', { className: 'confidence', hidden: true }),
  };
  parts.confidenceButton.setAttribute('aria-pressed', 'false');
  parts.notice.append(codicon('info'), parts.noticeText);
  article.append(
    h('section', { className: 'user', attrs: { 'aria-label': wt('turn.you') } }, [
      h('div', { className: 'turn-meta' }, [
        codicon('account'),
        h('span', { className: 'author', text: wt('turn.you') }),
        parts.contextChips,
        actionBar(wt('turn.questionActions'), [
          button({ icon: 'copy', label: wt('turn.copyMessage'), className: 'copy-message' }),
          button({ icon: 'edit', label: wt('turn.editResend'), className: 'edit-resend' }),
        ]),
      ]),
      parts.userText,
      parts.userImages,
    ]),
    h('section', { className: 'assistant', attrs: { 'aria-label': wt('turn.answer') } }, [
      h('div', { className: 'turn-meta' }, [
        codicon('sparkle'),
        parts.persona,
        parts.model,
        parts.origin,
        actionBar(wt('turn.answerActions'), [
          parts.confidenceButton,
          button({ icon: 'copy', label: wt('turn.copyAnswer'), className: 'copy-answer' }),
          button({ icon: 'repo-forked', label: wt('turn.fork'), className: 'fork-turn' }),
          button({ icon: 'refresh', label: wt('turn.regenerate'), className: 'regenerate' }),
        ]),
      ]),
      parts.notice,
      thinking,
      parts.answer,
      parts.confidence,
      parts.refusal,
      parts.progress,
      parts.status,
      parts.footer,
    ]),
    parts.compaction,
  );
  return parts;
}

/** A toolbar: one tab stop, its first button (always shown) until another is used; arrows reach the rest (TurnNavigation). */
function actionBar(label: string, buttons: HTMLButtonElement[]): HTMLElement {
  return h('span', { className: 'turn-actions', attrs: { role: 'toolbar', 'aria-label': label } }, buttons);
}
