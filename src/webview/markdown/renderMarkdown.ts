import { addCodeBlockChrome } from './codeBlockChrome';
import { markdownToHtml } from './markdownToHtml';
import { sanitizeHtml } from './sanitize';

/** Model Markdown → sanitised, decorated DOM, ready to insert. The only path from model text to the DOM. */
export function renderMarkdown(text: string): DocumentFragment {
  const fragment = sanitizeHtml(markdownToHtml(text));
  addCodeBlockChrome(fragment);
  return fragment;
}

/** Replaces an element's content with the rendered Markdown. */
export function renderMarkdownInto(target: HTMLElement, text: string): void {
  target.replaceChildren(renderMarkdown(text));
}
