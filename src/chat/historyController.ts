import * as vscode from 'vscode';
import { HistoryCatalog, type HistoryScope, SEARCH_LIMIT, search, toHistoryEntry } from '../core/history';
import type { HostToWebview, WebviewToHost } from '../core/protocol';
import type { OtherWorkspaces } from '../core/store/otherWorkspaces';
import { pricesFromSettings } from '../core/pricing/priceTable';
import { readConfig } from '../host/config';
import { ConversationCopies } from './conversationCopies';
import { type DeleteDeps, confirmAndDeleteConversation } from './deleteConversation';
import { DisposableOwner } from '../host/disposables';

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
  /** The libraries of every other workspace, read-only, for "All workspaces". */
  otherWorkspaces: OtherWorkspaces;
  post(message: HostToWebview): void;
}

/**
 * The host side of the history view: lists the conversations of the scope as entries (this workspace's, or
 * every workspace's), answers searches from an index built on first use and dropped on any change, and
 * carries out every action on a conversation. Another workspace's conversations are read-only here: opening
 * one copies it into this workspace (conversationCopies.ts); any other action on one is refused.
 */
export class HistoryController extends DisposableOwner {
  private scope: HistoryScope = 'workspace';
  private readonly catalog: HistoryCatalog;
  private readonly copies: ConversationCopies;

  constructor(private readonly deps: HistoryDeps) {
    super();
    const { library, otherWorkspaces } = deps;
    this.catalog = new HistoryCatalog({
      workspaceKey: library.workspace.key,
      listOwn: () => library.list(),
      readOwn: async (id) => (await library.open(id)).turns,
      listOthers: () => otherWorkspaces.list(),
      readOther: async (key, id) => (await otherWorkspaces.read(key, id)).turns,
    });
    this.copies = new ConversationCopies(deps);
    const events = library.onEvents({ changed: () => this.changed() });
    const conversationEvents = deps.conversation.onEvent({ reset: () => this.changed(), turnUpdated: () => this.catalog.invalidate() });
    this._register(events);
    this._register(conversationEvents);
  }

  async handle(message: HistoryMessage): Promise<void> {
    const { library, conversation } = this.deps;
    if ('workspaceKey' in message && message.workspaceKey !== undefined && message.workspaceKey !== library.workspace.key) {
      await this.handleOther(message, message.workspaceKey);
      return;
    }
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
        const title = (await library.list()).find((summary) => summary.id === message.id)?.title ?? vscode.l10n.t('Conversation');
        await library.createFrom(source.turns, { title: vscode.l10n.t('Copy of {0}', title), ...(library.images ? { imagesFrom: library.images.dirOf(message.id) } : {}) });
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

  /** The list as the history view shows it: live conversations of the scope and this workspace's trash, newest first. */
  async postHistory(): Promise<void> {
    const { live, trash } = await this.catalog.summaries(this.scope);
    const prices = pricesFromSettings(readConfig().pricing);
    const options = { activeId: this.deps.conversation.conversationId, prices, currentWorkspaceKey: this.deps.library.workspace.key };
    this.deps.post({
      type: 'history',
      scope: this.scope,
      activeId: this.deps.conversation.conversationId,
      entries: live.map((summary) => toHistoryEntry(summary, options)),
      trash: trash.map((summary) => toHistoryEntry(summary, options)).sort((a, b) => b.lastActivity - a.lastActivity),
    });
  }

  /** Another workspace's entry: opening copies it here; nothing else may change another workspace's files. */
  private async handleOther(message: HistoryMessage, workspaceKey: string): Promise<void> {
    if (message.type !== 'openConversation') {
      this.deps.logger.warn(`History: ${message.type} refused for a conversation of another workspace (${workspaceKey}); it is read-only here.`);
      await this.postHistory();
      return;
    }
    await this.copies.open(workspaceKey, message.id, message.turnId);
  }

  private async search(requestId: string, query: string, scope: HistoryScope): Promise<void> {
    const started = performance.now();
    const index = await this.catalog.searchIndex(scope);
    const workspaceKey = scope === 'workspace' ? this.deps.library.workspace.key : undefined;
    const result = search(index, query, { limit: SEARCH_LIMIT, ...(workspaceKey ? { workspaceKey } : {}) });
    this.deps.logger.debug(`History search (${scope}): ${result.hits.length} hits in ${Math.round(performance.now() - started)} ms.`);
    this.deps.post({ type: 'searchResults', requestId, query, hits: result.hits, truncated: result.truncated });
  }

  private changed(): void {
    this.catalog.invalidate();
    void this.postHistory().catch((error: unknown) => this.deps.logger.warn(`History not refreshed: ${String(error)}`));
  }
}
