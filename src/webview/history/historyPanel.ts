import type { HistoryScope, SearchHit } from '../../core/history/historyTypes';
import type { WebviewToHost } from '../../core/protocol';
import { button, h } from '../dom';
import { nextRequestId, type VsCodeBridge } from '../vscodeBridge';
import { type HistoryListData, HistoryListView } from './historyListView';
import { RovingFocus } from './rovingFocus';
import { SearchBox } from './searchBox';
import { SearchResultsView } from './searchResultsView';
import { wt } from '../../core/l10n/webviewMessages';

/** Relative times ("5 min ago") and the day groups are refreshed this often while the view is open. */
const CLOCK_MS = 60_000;

export interface HistoryPanelHooks {
  /** The view opened or closed: the transcript beneath leaves or rejoins the tab order. */
  visibilityChanged(open: boolean): void;
  /** A conversation is being opened from the view: where focus goes next. */
  opened(): void;
}

/**
 * webview/history: the history view of the chat panel, one job per file: this panel (open, close, scope, search
 * requests), the grouped list and its rows, inline rename, search box and results, arrow-key navigation and the
 * rows' text. It imports core/history (grouping, types) and the protocol, never the host.
 *
 * The history view: an overlay over the transcript, under the toolbar and above the composer, so the chat
 * stays usable (type, send, stop) while it is open. A search box, the scope toggle and either the grouped list
 * or the search results. Escape closes it; whether it was open, the query and the scope survive the view being
 * hidden. Nothing is posted before the host's `ready` handshake: `restore()` runs after it.
 */
export class HistoryPanel {
  private readonly bridge: VsCodeBridge;
  private readonly post = (message: WebviewToHost): void => void this.bridge.post(message);
  private readonly search = new SearchBox((query) => this.runSearch(query), () => this.focus.focusFirst());
  private readonly scopeButtons = {
    workspace: button({ text: wt('history.thisWorkspace'), label: wt('history.thisWorkspaceLabel'), className: 'scope-workspace' }),
    all: button({ text: wt('history.allWorkspaces'), label: wt('history.allWorkspacesLabel'), className: 'scope-all' }),
  };
  private readonly body = h('div', { className: 'history-body' });
  private readonly focus = new RovingFocus(this.body, () => this.search.focus());
  private readonly list = new HistoryListView(this.post, () => this.close(false, true), this.focus);
  private readonly results = new SearchResultsView(this.post, () => this.close(false, true), this.focus);
  private readonly loading = h('p', { className: 'history-empty', text: wt('history.loading') });
  readonly element = h('section', { id: 'history-panel', hidden: true, attrs: { role: 'region', 'aria-label': wt('history.label') } });
  private scope: HistoryScope = 'workspace';
  private latestRequest = '';
  private clock: ReturnType<typeof setInterval> | undefined;

  constructor(bridge: VsCodeBridge, private readonly toggle: HTMLButtonElement, private readonly hooks: HistoryPanelHooks) {
    this.bridge = bridge;
    const close = button({ icon: 'close', label: wt('history.close'), className: 'history-close' });
    this.element.append(
      h('div', { className: 'history-header' }, [
        this.search.element,
        close,
        h('div', { className: 'history-scope', attrs: { role: 'group', 'aria-label': wt('history.scope') } }, [this.scopeButtons.workspace, this.scopeButtons.all]),
      ]),
      this.body,
    );
    this.body.append(this.loading, this.list.element, this.results.element);
    close.addEventListener('click', () => this.close(true));
    toggle.addEventListener('click', () => (this.isOpen ? this.close(true) : this.open()));
    this.scopeButtons.workspace.addEventListener('click', () => this.setScope('workspace'));
    this.scopeButtons.all.addEventListener('click', () => this.setScope('all'));
    this.element.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      this.close(true);
    });
    const saved = bridge.loadState().history;
    if (saved) {
      this.scope = saved.scope;
      this.search.set(saved.query);
    }
    this.showScope();
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  /** After the handshake: reopens the view if it was open when the webview was last hidden. */
  restore(): void {
    if (this.bridge.loadState().history?.open) this.open(false);
  }

  open(focusSearch = true): void {
    this.element.hidden = false;
    this.toggle.setAttribute('aria-pressed', 'true');
    this.hooks.visibilityChanged(true);
    this.post({ type: 'showHistory' });
    this.runSearch(this.search.value);
    clearInterval(this.clock);
    this.clock = setInterval(() => this.list.refreshTimes(), CLOCK_MS);
    if (focusSearch) this.search.focus();
    this.persist();
  }

  close(returnFocus: boolean, opening = false): void {
    if (!this.isOpen) return;
    this.element.hidden = true;
    this.toggle.setAttribute('aria-pressed', 'false');
    clearInterval(this.clock);
    this.hooks.visibilityChanged(false);
    if (opening) this.hooks.opened();
    else if (returnFocus) this.toggle.focus();
    this.persist();
  }

  /** The host's list; its scope is the one shown (the toggle follows it). */
  showHistory(data: HistoryListData): void {
    this.scope = data.scope;
    this.showScope();
    this.loading.hidden = true;
    this.list.render(data);
    this.persist();
  }

  showResults(requestId: string, query: string, hits: SearchHit[], truncated: boolean): void {
    // An answer to an older query (typing went on) would replace newer results: only the latest counts.
    if (requestId !== this.latestRequest) return;
    this.results.show(query, hits, truncated, this.scope);
  }

  private runSearch(query: string): void {
    const searching = query.length > 0;
    this.results.element.hidden = !searching;
    this.list.element.hidden = searching;
    this.loading.hidden = searching || this.list.hasData;
    this.latestRequest = searching ? nextRequestId() : '';
    if (searching) {
      this.results.searching(query);
      this.post({ type: 'searchConversations', requestId: this.latestRequest, query, scope: this.scope });
    }
    this.focus.refresh(undefined);
    this.persist();
  }

  private setScope(scope: HistoryScope): void {
    if (scope === this.scope) return;
    this.scope = scope;
    this.showScope();
    this.post({ type: 'setHistoryScope', scope });
    this.runSearch(this.search.value);
  }

  private showScope(): void {
    this.scopeButtons.workspace.setAttribute('aria-pressed', String(this.scope === 'workspace'));
    this.scopeButtons.all.setAttribute('aria-pressed', String(this.scope === 'all'));
  }

  private persist(): void {
    this.bridge.saveState({ history: { open: this.isOpen, query: this.search.value, scope: this.scope } });
  }
}
