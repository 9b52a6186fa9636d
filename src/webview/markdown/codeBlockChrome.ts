import { button, h } from '../dom';
import { fenceLabel } from './languages';
import { wt } from '../../core/l10n/webviewMessages';

/**
 * Wraps each sanitised `<pre><code>` in a `.code-block` with a header: the language and the actions
 * Copy, Insert at cursor and Open as new document. Clicks are handled by delegation (see codeBlockActions).
 */
export function addCodeBlockChrome(root: ParentNode): void {
  for (const pre of Array.from(root.querySelectorAll('pre'))) {
    const code = pre.querySelector('code');
    const label = languageOf(code);
    const header = h('div', { className: 'code-block-header' }, [
      h('span', { className: 'code-language', text: label || 'text' }),
      h('span', { className: 'code-actions' }, [
        button({ icon: 'copy', label: wt('turn.copyCode'), className: 'copy-code' }),
        button({ icon: 'insert', label: wt('turn.insertCode'), className: 'insert' }),
        button({ icon: 'new-file', label: wt('turn.openAsDocument'), className: 'open-as-document' }),
      ]),
    ]);
    // A long line scrolls the block sideways; keyboard users need a stop on it to scroll it too.
    pre.tabIndex = 0;
    const block = h('div', { className: 'code-block', attrs: { 'data-language': label } });
    pre.replaceWith(block);
    block.append(header, pre);
  }
}

function languageOf(code: Element | null): string {
  const match = code ? /(?:^|\s)language-(\S+)/.exec(code.className) : null;
  return match ? fenceLabel(match[1]) : '';
}
