import type { HistoryScope, SearchField, SearchHit } from '../../core/history/historyTypes';
import type { WebviewToHost } from '../../core/protocol';
import { codicon, h } from '../dom';
import { ROW, type RovingFocus } from './rovingFocus';
import { type WebviewMessageKey, wt } from '../../core/l10n/webviewMessages';

const FIELD_ICONS: Record<SearchField, { icon: string; label: WebviewMessageKey }> = {
  user: { icon: 'account', label: 'history.inMessage' },
  answer: { icon: 'sparkle', label: 'history.inAnswer' },
  path: { icon: 'file-code', label: 'history.inPath' },
};

/**
 * Search results: each hit names its conversation (and workspace, across all of them), where in the turn it
 * matched, and a snippet whose match is a `<mark>` built from text nodes, so nothing in a snippet is markup.
 * Opening a hit opens the conversation at that turn.
 */
export class SearchResultsView {
  readonly element = h('div', { id: 'history-results', hidden: true });
  private readonly status = h('p', { className: 'results-status', attrs: { role: 'status' } });
  private readonly list = h('ul', { className: 'history-rows', attrs: { 'aria-label': wt('history.results') } });
  private hits: SearchHit[] = [];

  constructor(private readonly post: (message: WebviewToHost) => void, private readonly onOpen: () => void, private readonly focus: RovingFocus) {
    this.element.append(this.status, this.list);
    this.list.addEventListener('click', (event) => {
      const row = event.target instanceof Element ? event.target.closest<HTMLElement>(`.${ROW}`) : null;
      if (row) this.open(row);
    });
    this.list.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' || !(event.target instanceof HTMLElement) || !event.target.classList.contains(ROW)) return;
      event.preventDefault();
      this.open(event.target);
    });
  }

  searching(query: string): void {
    this.status.textContent = wt('history.searching', query);
    this.element.setAttribute('aria-busy', 'true');
  }

  show(query: string, hits: SearchHit[], truncated: boolean, scope: HistoryScope): void {
    const hadFocus = document.activeElement instanceof HTMLElement && this.list.contains(document.activeElement);
    this.hits = hits;
    this.element.removeAttribute('aria-busy');
    const shown = `${hits.length}${truncated ? '+' : ''}`;
    const count = hits.length === 0 ? wt('history.noMatches') : hits.length === 1 && !truncated ? wt('history.oneMatch', shown) : wt('history.matches', shown);
    this.status.textContent = `${wt('history.countFor', count, query)}${scope === 'all' ? wt('history.inAllWorkspaces') : ''}${truncated ? wt('history.showingNewest') : ''}`;
    this.list.replaceChildren(...hits.map((hit, index) => resultRow(hit, index, scope)));
    this.focus.refresh(undefined, hadFocus);
  }

  private open(row: HTMLElement): void {
    const hit = this.hits[Number(row.dataset.index)];
    if (!hit) return;
    this.post({ type: 'openConversation', id: hit.conversationId, workspaceKey: hit.workspaceKey, turnId: hit.turnId });
    this.onOpen();
  }
}

function resultRow(hit: SearchHit, index: number, scope: HistoryScope): HTMLLIElement {
  const where = FIELD_ICONS[hit.field];
  const title = scope === 'all' ? `${hit.conversationTitle} · ${hit.workspaceLabel}` : hit.conversationTitle;
  const snippet = h('div', { className: 'result-snippet' }, [
    hit.snippet.before,
    h('mark', { text: hit.snippet.match }),
    hit.snippet.after,
  ]);
  const row = h('li', {
    className: `${ROW} search-result`,
    attrs: { tabindex: '-1', 'aria-label': `${title}: ${wt(where.label).toLowerCase()}: ${hit.snippet.before}${hit.snippet.match}${hit.snippet.after}` },
  }, [
    h('div', { className: 'entry-line' }, [
      h('span', { className: 'result-field', attrs: { title: wt(where.label) } }, [codicon(where.icon)]),
      h('span', { className: 'entry-title', text: title }),
    ]),
    snippet,
  ]);
  row.dataset.index = String(index);
  row.dataset.key = `${hit.workspaceKey}/${hit.conversationId}/${hit.turnId}`;
  return row;
}
