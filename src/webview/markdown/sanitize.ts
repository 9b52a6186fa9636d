import DOMPurify, { type Config } from 'dompurify';

/**
 * The sanitiser between rendered Markdown and the DOM. An allow-list of the tags Markdown produces and
 * nothing else: no styles, forms, frames, objects, SVG, MathML, images or data attributes. Links survive only
 * with http, https or mailto targets, and lose their `href`: the target moves to `data-href`, so the only way
 * a click leaves the webview is an `openLink` message the host confirms with the user.
 */

const SAFE_LINK = /^(?:https?:|mailto:)/i;

const CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
  ALLOWED_TAGS: [
    'a', 'blockquote', 'br', 'code', 'del', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'kbd', 'li',
    'ol', 'p', 'pre', 's', 'span', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
  ],
  ALLOWED_ATTR: ['href', 'title', 'class', 'start'],
  ALLOWED_URI_REGEXP: SAFE_LINK,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  SAFE_FOR_TEMPLATES: false,
  WHOLE_DOCUMENT: false,
  RETURN_DOM_FRAGMENT: true,
};

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName !== 'A') return;
  const href = node.getAttribute('href');
  node.removeAttribute('href');
  if (href === null || !SAFE_LINK.test(href.trim())) return;
  const title = node.getAttribute('title');
  node.setAttribute('data-href', href.trim());
  node.setAttribute('title', title ? `${title}\n${href.trim()}` : href.trim());
  node.setAttribute('role', 'link');
  node.setAttribute('tabindex', '0');
});

/** Sanitised DOM for an HTML string. Anchors without a usable target are unwrapped to their text. */
export function sanitizeHtml(html: string): DocumentFragment {
  const fragment = DOMPurify.sanitize(html, CONFIG);
  for (const anchor of Array.from(fragment.querySelectorAll('a:not([data-href])'))) {
    anchor.replaceWith(...Array.from(anchor.childNodes));
  }
  return fragment;
}
