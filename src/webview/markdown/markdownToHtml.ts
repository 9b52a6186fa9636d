import MarkdownIt from 'markdown-it';
import { highlightCode } from './highlight';
import { fenceLabel } from './languages';

/**
 * Markdown → HTML string for model output. Raw HTML in the source is escaped (`html: false`); the result is
 * still sanitised by the caller before it reaches the DOM. Runs without a DOM, so it is tested on plain Node.
 */

const SAFE_SCHEME = /^(?:https?:|mailto:)/i;
const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

const md = new MarkdownIt({
  html: false,
  linkify: true,
  typographer: false,
  highlight: (code, info) => highlightCode(code, fenceLabel(info)) ?? '',
});

// Links keep only web and mail schemes; relative targets stay as text-like anchors the sanitiser unwraps.
md.validateLink = (url) => {
  const trimmed = url.trim();
  return SAFE_SCHEME.test(trimmed) || !ANY_SCHEME.test(trimmed);
};

// Images are never loaded: a remote image in model output can track the reader or leak data in its URL.
// They become a link the user can choose to open through the host.
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const src = token.attrGet('src') ?? '';
  const alt = self.renderInlineAsText(token.children ?? [], options, env) || 'image';
  return `<a href="${md.utils.escapeHtml(src)}" class="image-link"><i class="codicon codicon-file-media"></i>${md.utils.escapeHtml(alt)}</a>`;
};

// Table alignment arrives as inline `style`, which the sanitiser strips and the CSP forbids; use classes.
md.core.ruler.push('alignment_classes', (state) => {
  for (const token of state.tokens) {
    if (token.type !== 'th_open' && token.type !== 'td_open') continue;
    const align = /^text-align:(left|right|center)$/.exec(token.attrGet('style') ?? '');
    if (!token.attrs) continue;
    token.attrs = token.attrs.filter(([name]) => name !== 'style');
    if (align) token.attrJoin('class', `align-${align[1]}`);
  }
});

export function markdownToHtml(text: string): string {
  return md.render(text);
}
