import type * as vscode from 'vscode';
import { type HistoryScope, type SearchIndex, SEARCH_LIMIT, buildSearchIndex, priceLookup, search, toHistoryEntry } from '../core/history';
import type { HostToWebview, WebviewToHost } from '../core/protocol';
import { parsePriceTable } from '../core/tokens/pricing';
import { readConfig } from '../host/config';
import { type DeleteDeps, confirmAndDeleteConversation } from './deleteConversation';

export type HistoryMessage = Extract<WebviewToHost, {
  type: 'showHistory' | 'setHistoryScope' | 'openConversation' | 'renameConversation' | 'pinConversation' | 'duplicateConversation'
    | 'deleteConversation' | 'restoreConversation' | 'searchConversations' | 'forkFromTurn';
}>;

const HISTORY_MESSAGE_TYPES: ReadonlySet<string> = new Set<HistoryMessage['type']>([
  'showHistory', 'setHistoryScope', 'openConversation', 'renameConversation', 'pinConversation', 'duplicateConversation',
  'deleteConversation', 'restoreConversation', 'searchConversations', 'forkFromTurn',
]);

export function isHistoryMessage(message: WebviewToHost): message is HistoryMessage {
  return HISTORY_MESSAGE_TYPES.has(message.type);
}

export interface HistoryDeps extends DeleteDeps {
  post(message: HostToWebview): void;
}

/**
 * The host side of the history view: lists the library's conversations as entries, answers searches from an
 * index built on first use and dropped on any change, and carries out every action on a conversation.
 */
export class HistoryController implements vscode.Disposable {
  private scope: HistoryScope = 'workspace';
  private index: SearchIndex | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly deps: HistoryDeps) {
    const events = deps.library.onEvents({ changed: () => this.changed() });
    const conversationEvents = deps.conversation.onEvent({ reset: () => this.changed(), turnUpdated: () => { this.index = undefined; } });
    this.subscriptions.push({ dispose: () => events.dispose() }, { dispose: () => conversationEvents.dispose() });
  }

  dispose(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
  }

  async handle(message: HistoryMessage): Promise<void> {
    const { library, conversation } = this.deps;
    switch (message.type) {
      case 'showHistory':
        await library.refresh();
        break;
      case 'setHistoryScope':
        this.scope = message.scope;
        break;
      case 'openConversation':
        await conversation.switchTo(message.id);
        if (message.turnId) this.deps.post({ type: 'revealTurn', turnId: message.turnId });
        return;
      case 'renameConversation':
        await library.rename(message.id, message.title);
        break;
      case 'pinConversation':
        await library.setPinned(message.id, message.pinned);
        break;
      case 'duplicateConversation': {
        const source = await library.open(message.id);
        const title = (await library.list()).find((summary) => summary.id === message.id)?.title ?? 'Conversation';
        await library.createFrom(source.turns, { title: `Copy of ${title}` });
        break;
      }
      case 'deleteConversation':
        await confirmAndDeleteConversation(this.deps, message.id);
        break;
      case 'restoreConversation':
        await library.restore(message.id);
        break;
      case 'searchConversations':
        await this.search(message.requestId, message.query, message.scope);
        return;
      case 'forkFromTurn':
        await conversation.fork(message.turnId);
        break;
    }
    await this.postHistory();
  }

  /** The list as the history view shows it: live conversations and the trash, newest first. */
  async postHistory(): Promise<void> {
    const summaries = await this.deps.library.list();
    const priceFor = priceLookup(parsePriceTable(readConfig().pricing));
    const entries = summaries
      .map((summary) => toHistoryEntry(summary, { activeId: this.deps.conversation.conversationId, priceFor }))
      .sort((a, b) => b.lastActivity - a.lastActivity);
    this.deps.post({
      type: 'history',
      scope: this.scope,
      activeId: this.deps.conversation.conversationId,
      entries: entries.filter((entry) => entry.trashedAt === undefined),
      trash: entries.filter((entry) => entry.trashedAt !== undefined),
    });
  }

  private async search(requestId: string, query: string, scope: HistoryScope): Promise<void> {
    this.index ??= await this.buildIndex();
    const workspaceKey = scope === 'workspace' ? this.deps.library.workspace.key : undefined;
    const result = search(this.index, query, { limit: SEARCH_LIMIT, ...(workspaceKey ? { workspaceKey } : {}) });
    this.deps.post({ type: 'searchResults', requestId, query, hits: result.hits, truncated: result.truncated });
  }

  private async buildIndex(): Promise<SearchIndex> {
    const started = performance.now();
    const summaries = (await this.deps.library.list()).filter((summary) => summary.trashedAt === undefined);
    const conversations = await Promise.all(summaries.map(async (summary) => ({ summary, turns: (await this.deps.library.open(summary.id)).turns })));
    const index = buildSearchIndex(conversations);
    this.deps.logger.debug(`History search index: ${conversations.length} conversations in ${Math.round(performance.now() - started)} ms.`);
    return index;
  }

  private changed(): void {
    this.index = undefined;
    void this.postHistory().catch((error: unknown) => this.deps.logger.warn(`History not refreshed: ${String(error)}`));
  }
}
