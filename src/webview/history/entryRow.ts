import type { HistoryEntry, HistoryScope } from '../../core/history/historyTypes';
import { button, codicon, h } from '../dom';
import { entrySummary, relativeTime, trashSummary } from './entryText';
import { ROW } from './rovingFocus';

/** What a row's buttons do; the list turns each into a protocol message. */
export type EntryAction = 'open' | 'pin' | 'rename' | 'duplicate' | 'export-markdown' | 'export-json' | 'delete' | 'restore';

/** A row's identity across re-renders: the same conversation in the same workspace. */
export function entryKey(entry: Pick<HistoryEntry, 'id' | 'workspaceKey'>, trashed = false): string {
  return `${trashed ? 'trash:' : ''}${entry.workspaceKey}/${entry.id}`;
}

function actionButton(action: EntryAction, icon: string, label: string, text?: string): HTMLButtonElement {
  const control = button({ icon, label, text, className: `entry-action action-${action}` });
  control.dataset.action = action;
  return control;
}

function rowElement(entry: HistoryEntry, trashed: boolean): HTMLLIElement {
  const row = h('li', { className: `${ROW} ${trashed ? 'trash-entry' : 'history-entry'}`, attrs: { tabindex: '-1' } });
  row.dataset.key = entryKey(entry, trashed);
  row.dataset.id = entry.id;
  row.dataset.workspaceKey = entry.workspaceKey;
  return row;
}

/**
 * One conversation in the list: title (with pin and "current" markers), last activity, size and cost, and the
 * personas that answered. Every host-provided string goes in as text. Clicking the row opens it; the actions
 * sit at its end and appear on hover or focus.
 */
export function entryRow(entry: HistoryEntry, now: number, scope: HistoryScope): HTMLLIElement {
  const row = rowElement(entry, false);
  const when = relativeTime(entry.lastActivity, now);
  row.setAttribute('aria-label', `${entry.title}, ${when}${entry.pinned ? ', pinned' : ''}${entry.active ? ', open now' : ''}`);
  if (entry.active) row.setAttribute('aria-current', 'true');
  row.classList.toggle('pinned', entry.pinned);

  const title = h('span', { className: 'entry-title', text: entry.title });
  const line = h('div', { className: 'entry-line' }, [title]);
  if (entry.pinned) line.prepend(h('span', { className: 'entry-pin', attrs: { title: 'Pinned' } }, [codicon('pinned')]));
  if (entry.active) line.append(h('span', { className: 'entry-current', text: 'Current' }));
  line.append(h('span', { className: 'entry-time', text: when, attrs: { title: new Date(entry.lastActivity).toLocaleString() } }));

  const meta = [entrySummary(entry)];
  if (scope === 'all') meta.push(entry.workspaceLabel);
  row.append(
    line,
    h('div', { className: 'entry-meta', text: meta.join(' · ') }),
    h('div', { className: 'entry-personas', text: entry.personas.join(', '), hidden: entry.personas.length === 0 }),
  );
  if (entry.otherWorkspace) {
    // Another workspace's conversation is read-only here: opening it copies it into this workspace.
    row.classList.add('other-workspace');
    row.setAttribute('aria-label', `${row.getAttribute('aria-label') ?? entry.title}, in ${entry.workspaceLabel}; opening copies it into this workspace`);
    row.title = `From ${entry.workspaceLabel}: opening it copies it into this workspace`;
    return row;
  }
  row.append(
    h('div', { className: 'entry-actions' }, [
      actionButton('pin', entry.pinned ? 'pinned' : 'pin', entry.pinned ? 'Unpin' : 'Pin'),
      actionButton('rename', 'edit', 'Rename (F2)'),
      actionButton('duplicate', 'files', 'Duplicate'),
      actionButton('export-markdown', 'markdown', 'Export as Markdown'),
      actionButton('export-json', 'json', 'Export as JSON'),
      actionButton('delete', 'trash', 'Delete (Delete)'),
    ]),
  );
  return row;
}

/** A conversation in the trash: when it was deleted, when it goes for good, and Restore. */
export function trashRow(entry: HistoryEntry, now: number, scope: HistoryScope): HTMLLIElement {
  const row = rowElement(entry, true);
  const summary = trashSummary(entry, now);
  row.setAttribute('aria-label', `${entry.title}, ${summary}`);
  const meta = [summary];
  if (scope === 'all') meta.push(entry.workspaceLabel);
  row.append(
    h('div', { className: 'entry-line' }, [h('span', { className: 'entry-title', text: entry.title })]),
    h('div', { className: 'entry-meta', text: meta.join(' · ') }),
    h('div', { className: 'entry-actions visible' }, [actionButton('restore', 'discard', 'Restore', 'Restore')]),
  );
  return row;
}
