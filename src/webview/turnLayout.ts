import { button, codicon, h } from './dom';

/** The elements of one turn on screen, built when the turn first comes near the viewport. */
export interface TurnElements {
  userText: HTMLElement;
  contextChips: HTMLElement;
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
    persona: h('span', { className: 'persona-label' }),
    model: h('span', { className: 'turn-model' }),
    origin: h('span', { className: 'origin-badge' }),
    notice: h('div', { className: 'turn-notice', attrs: { role: 'note' } }),
    noticeText: h('span'),
    answer: h('div', { className: 'answer-parts' }),
    refusal: h('div', { className: 'refusal', attrs: { role: 'note' } }),
    progress: h('div', { className: 'turn-progress' }, [codicon('loading codicon-modifier-spin'), h('span', { text: 'Generating…' })]),
    status: h('div', { className: 'turn-status', attrs: { role: 'status' } }),
    footer: h('div', { className: 'turn-footer' }),
    compaction: h('div', { className: 'compaction-marker', attrs: { role: 'note' } }),
    confidenceButton: button({ icon: 'pulse', label: 'Show token confidence', className: 'show-confidence', hidden: true }),
    confidence: h('div', { className: 'confidence', hidden: true }),
  };
  parts.confidenceButton.setAttribute('aria-pressed', 'false');
  parts.notice.append(codicon('info'), parts.noticeText);
  article.append(
    h('section', { className: 'user', attrs: { 'aria-label': 'You' } }, [
      h('div', { className: 'turn-meta' }, [
        codicon('account'),
        h('span', { className: 'author', text: 'You' }),
        parts.contextChips,
        h('span', { className: 'turn-actions' }, [
          button({ icon: 'copy', label: 'Copy message', className: 'copy-message' }),
          button({ icon: 'edit', label: 'Edit and resend', className: 'edit-resend' }),
        ]),
      ]),
      parts.userText,
    ]),
    h('section', { className: 'assistant', attrs: { 'aria-label': 'Answer' } }, [
      h('div', { className: 'turn-meta' }, [
        codicon('sparkle'),
        parts.persona,
        parts.model,
        parts.origin,
        h('span', { className: 'turn-actions' }, [
          parts.confidenceButton,
          button({ icon: 'copy', label: 'Copy answer', className: 'copy-answer' }),
          button({ icon: 'repo-forked', label: 'Fork from here', className: 'fork-turn' }),
          button({ icon: 'refresh', label: 'Regenerate', className: 'regenerate' }),
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
