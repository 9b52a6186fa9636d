import { groupHistory, TRASH_RETENTION_MS } from '../../core/history/historyGroups';
import type { HistoryEntry, HistoryScope } from '../../core/history/historyTypes';
import type { WebviewToHost } from '../../core/protocol';
import { codicon, h } from '../dom';
import { type EntryAction, entryKey, entryRow, trashRow } from './entryRow';
import { beginRename } from './inlineRename';
import { ROW, type RovingFocus } from './rovingFocus';

export interface HistoryListData {
  scope: HistoryScope;
  entries: HistoryEntry[];
  trash: HistoryEntry[];
}

/** The message each row action sends; rename is sent by the inline editor instead. */
function messageFor(action: EntryAction, entry: HistoryEntry): WebviewToHost | undefined {
  const target = { id: entry.id, workspaceKey: entry.workspaceKey };
  switch (action) {
    case 'open': return { type: 'openConversation', ...target };
    case 'pin': return { type: 'pinConversation', ...target, pinned: !entry.pinned };
    case 'duplicate': return { type: 'duplicateConversation', ...target };
    case 'export-markdown': return { type: 'exportConversation', ...target, format: 'markdown' };
    case 'export-json': return { type: 'exportConversation', ...target, format: 'json' };
    case 'delete': return { type: 'deleteConversation', ...target };
    case 'restore': return { type: 'restoreConversation', ...target };
    case 'rename': return undefined;
  }
}

/**
 * The grouped list (Pinned, Today, … by the webview's own calendar) and the trash. It re-renders on every list
 * from the host, keeping the current row and focus; a list that arrives during an inline rename waits until it ends.
 */
export class HistoryListView {
  readonly element = h('div', { id: 'history-list' });
  private readonly byKey = new Map<string, HistoryEntry>();
  private data: HistoryListData | undefined;
  private renaming = false;
  private trashOpen = false;

  constructor(private readonly post: (message: WebviewToHost) => void, private readonly onOpen: () => void, private readonly focus: RovingFocus) {
    this.element.addEventListener('click', (event) => this.onClick(event));
    this.element.addEventListener('keydown', (event) => this.onKeyDown(event));
  }

  get hasData(): boolean {
    return this.data !== undefined;
  }

  render(data: HistoryListData, now = Date.now()): void {
    this.data = data;
    if (this.renaming) return;
    const active = document.activeElement;
    const hadFocus = active instanceof HTMLElement && this.element.contains(active);
    const currentKey = this.element.querySelector<HTMLElement>(`.${ROW}[tabindex="0"]`)?.dataset.key;
    this.byKey.clear();
    const children: HTMLElement[] = groupHistory(data.entries, now).map((group) => h('section', { className: 'history-group' }, [
      h('h3', { className: 'group-label', text: group.label }),
      h('ul', { className: 'history-rows', attrs: { 'aria-label': group.label } }, group.entries.map((entry) => this.remember(entry, false, entryRow(entry, now, data.scope)))),
    ]));
    if (children.length === 0) {
      children.push(h('p', { className: 'history-empty', text: data.scope === 'all' ? 'No conversations yet.' : 'No conversations in this workspace yet.' }));
    }
    if (data.trash.length > 0) children.push(this.trashSection(data, now));
    this.element.replaceChildren(...children);
    this.focus.refresh(currentKey, hadFocus);
  }

  /** Re-renders with the same data, so relative times ("5 min ago") and the day groups follow the clock. */
  refreshTimes(): void {
    if (this.data) this.render(this.data);
  }

  private trashSection(data: HistoryListData, now: number): HTMLElement {
    const details = h('details', { className: 'history-trash' }, [
      h('summary', {}, [codicon('trash'), h('span', { text: `Trash (${data.trash.length})` })]),
      h('p', { className: 'hint', text: `Deleted conversations are kept for ${TRASH_RETENTION_MS / 86_400_000} days, then removed.` }),
      h('ul', { className: 'history-rows', attrs: { 'aria-label': 'Trash' } }, data.trash.map((entry) => this.remember(entry, true, trashRow(entry, now, data.scope)))),
    ]);
    details.open = this.trashOpen;
    details.addEventListener('toggle', () => {
      this.trashOpen = details.open;
      this.focus.refresh(undefined);
    });
    return details;
  }

  private remember(entry: HistoryEntry, trashed: boolean, row: HTMLLIElement): HTMLLIElement {
    this.byKey.set(entryKey(entry, trashed), entry);
    return row;
  }

  private entryOf(row: HTMLElement): HistoryEntry | undefined {
    return row.dataset.key ? this.byKey.get(row.dataset.key) : undefined;
  }

  private onClick(event: MouseEvent): void {
    const target = event.target instanceof Element ? event.target : null;
    const row = target?.closest<HTMLElement>(`.${ROW}`);
    if (!target || !row || row.classList.contains('renaming')) return;
    const action = target.closest<HTMLElement>('[data-action]')?.dataset.action as EntryAction | undefined;
    if (action) this.run(action, row);
    else if (row.classList.contains('history-entry')) this.run('open', row);
  }

  private onKeyDown(event: KeyboardEvent): void {
    const row = event.target instanceof HTMLElement && event.target.classList.contains(ROW) ? event.target : null;
    if (!row) return;
    const action: EntryAction | undefined = row.classList.contains('trash-entry')
      ? undefined
      : ({ Enter: 'open', F2: 'rename', Delete: 'delete' } as const)[event.key as 'Enter' | 'F2' | 'Delete'];
    if (!action) return;
    event.preventDefault();
    this.run(action, row);
  }

  private run(action: EntryAction, row: HTMLElement): void {
    const entry = this.entryOf(row);
    // Another workspace's conversation can only be opened (the host copies it here), never changed from here.
    if (!entry || (entry.otherWorkspace && action !== 'open')) return;
    if (action === 'rename') {
      this.renaming = true;
      const rename = (title: string): void => {
        // Shown at once, so the re-render below does not flash the old title before the host's list arrives
        // (the list may have been replaced while the box was open, hence the look-up).
        const shown = this.data?.entries.find((e) => e.id === entry.id && e.workspaceKey === entry.workspaceKey);
        if (shown) shown.title = title;
        this.post({ type: 'renameConversation', id: entry.id, workspaceKey: entry.workspaceKey, title });
      };
      beginRename(row, rename, () => {
        this.renaming = false;
        // A list that came in while renaming is shown now (it may already carry the new title).
        if (this.data) this.render(this.data);
      });
      return;
    }
    const message = messageFor(action, entry);
    if (message) this.post(message);
    if (action === 'open') this.onOpen();
  }
}
