import * as vscode from 'vscode';
import { groupHistory, toHistoryEntry } from '../core/history';
import { pricesFromSettings } from '../core/pricing/priceTable';
import { readConfig } from '../host/config';
import { CommandId } from './commandIds';
import { describeEntry } from './historyText';
import type { CommandDefinition } from './services';

interface ConversationItem extends vscode.QuickPickItem {
  conversationId?: string;
}

/** A quick pick of the workspace's conversations, grouped as the history view groups them; an id argument opens it directly. */
export const openConversationCommand: CommandDefinition = {
  id: CommandId.OpenConversation,
  create: ({ library, conversation, chatView }) => async (id?: unknown): Promise<string | undefined> => {
    if (typeof id === 'string') {
      await conversation.switchTo(id);
      await chatView.reveal();
      return id;
    }
    await library.refresh();
    const prices = pricesFromSettings(readConfig().pricing);
    const entries = (await library.list())
      .filter((summary) => summary.trashedAt === undefined)
      .map((summary) => toHistoryEntry(summary, { activeId: conversation.conversationId, prices }));
    const items: ConversationItem[] = [];
    for (const group of groupHistory(entries, Date.now())) {
      items.push({ label: groupTitle(group.label), kind: vscode.QuickPickItemKind.Separator });
      for (const entry of group.entries) {
        items.push({ label: `${entry.pinned ? '$(pinned) ' : ''}${entry.title}`, description: entry.active ? vscode.l10n.t('open now') : undefined, detail: describeEntry(entry), conversationId: entry.id });
      }
    }
    if (items.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Threadline: there are no conversations yet.'));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Open Conversation'), placeHolder: vscode.l10n.t('Search by title'), matchOnDetail: true });
    if (!picked?.conversationId) return undefined;
    await conversation.switchTo(picked.conversationId);
    await chatView.reveal();
    return picked.conversationId;
  },
};

/** The history group's name in VS Code's language (the webview names them from its own catalogue). */
function groupTitle(label: string): string {
  const titles: Record<string, string> = {
    Pinned: vscode.l10n.t('Pinned'),
    Today: vscode.l10n.t('Today'),
    Yesterday: vscode.l10n.t('Yesterday'),
    'Earlier this week': vscode.l10n.t('Earlier this week'),
    'Last week': vscode.l10n.t('Last week'),
    'Earlier this month': vscode.l10n.t('Earlier this month'),
    Older: vscode.l10n.t('Older'),
  };
  return titles[label] ?? label;
}
