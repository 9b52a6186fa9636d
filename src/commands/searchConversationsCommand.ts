import * as vscode from 'vscode';
import { SEARCH_LIMIT, buildSearchIndex, search, type SearchHit } from '../core/history';
import { CommandId } from './commandIds';
import type { CommandDefinition } from './services';

interface HitItem extends vscode.QuickPickItem {
  hit: SearchHit;
}

/**
 * Full-text search over the workspace's conversations (user text, answers, code paths) in a quick pick that
 * searches as the user types; picking a result opens the conversation scrolled to that turn. A string argument
 * searches without the picker and returns the hits (automation and tests).
 */
export const searchConversationsCommand: CommandDefinition = {
  id: CommandId.SearchConversations,
  create: ({ library, conversation, chatView }) => async (query?: unknown): Promise<SearchHit[] | undefined> => {
    await library.refresh();
    const summaries = (await library.list()).filter((summary) => summary.trashedAt === undefined);
    const index = buildSearchIndex(await Promise.all(summaries.map(async (summary) => ({ summary, turns: (await library.open(summary.id)).turns }))));
    const find = (text: string) => search(index, text, { limit: SEARCH_LIMIT, workspaceKey: library.workspace.key }).hits;
    if (typeof query === 'string') return find(query);

    const pick = vscode.window.createQuickPick<HitItem>();
    pick.title = vscode.l10n.t('Search Conversations');
    pick.placeholder = vscode.l10n.t('Words from a question, an answer or a file path');
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    pick.onDidChangeValue((text) => {
      pick.items = text.trim().length === 0 ? [] : find(text).map((hit) => ({
        label: hit.conversationTitle,
        description: hit.field === 'user' ? vscode.l10n.t('question') : hit.field === 'answer' ? vscode.l10n.t('answer') : vscode.l10n.t('file'),
        detail: `${hit.snippet.before}${hit.snippet.match}${hit.snippet.after}`,
        hit,
        alwaysShow: true,
      }));
    });
    const chosen = await new Promise<HitItem | undefined>((resolve) => {
      pick.onDidAccept(() => resolve(pick.selectedItems[0]));
      pick.onDidHide(() => resolve(undefined));
      pick.show();
    });
    pick.dispose();
    if (!chosen) return undefined;
    await conversation.switchTo(chosen.hit.conversationId);
    await chatView.reveal();
    chatView.post({ type: 'revealTurn', turnId: chosen.hit.turnId });
    return [chosen.hit];
  },
};
