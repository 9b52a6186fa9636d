import type { Turn } from '../conversation/turn';
import type { ConversationSummary } from '../store/libraryTypes';
import type { HistoryScope } from './historyTypes';
import { buildSearchIndex, type SearchIndex } from './searchIndex';

/**
 * What the history view lists and searches in each scope, over this workspace's library and, for "All
 * workspaces", every other workspace's (read-only). The trash is always this workspace's only: another
 * workspace's trash is its own business. The search index is kept between queries: this workspace's part
 * until `invalidate()` (the library changed), the other workspaces' part while their summaries stay the same.
 */

export interface HistorySources {
  /** This window's workspace. */
  readonly workspaceKey: string;
  /** This workspace's conversations, trash included. */
  listOwn(): Promise<ConversationSummary[]>;
  readOwn(conversationId: string): Promise<readonly Turn[]>;
  /** Every other workspace's conversations, trash included. */
  listOthers(): Promise<ConversationSummary[]>;
  readOther(workspaceKey: string, conversationId: string): Promise<readonly Turn[]>;
}

export interface ScopedSummaries {
  /** Live conversations of the scope, most recent first. */
  live: ConversationSummary[];
  /** This workspace's trash, whatever the scope. */
  trash: ConversationSummary[];
}

interface CachedIndex {
  index: SearchIndex;
  /** What the other workspaces' summaries were when they were indexed; undefined when they were not. */
  others: string | undefined;
}

export class HistoryCatalog {
  private cached: CachedIndex | undefined;
  private building: Promise<CachedIndex> | undefined;

  constructor(private readonly sources: HistorySources) {}

  async summaries(scope: HistoryScope): Promise<ScopedSummaries> {
    const [own, others] = await Promise.all([this.sources.listOwn(), scope === 'all' ? this.sources.listOthers() : []]);
    const live = [...own, ...others].filter((summary) => summary.trashedAt === undefined);
    live.sort((a, b) => b.lastActivity - a.lastActivity || (a.id < b.id ? -1 : 1));
    return { live, trash: own.filter((summary) => summary.trashedAt !== undefined) };
  }

  /** This workspace's conversations changed: its part of the index is rebuilt on the next search. */
  invalidate(): void {
    this.cached = undefined;
    this.building = undefined;
  }

  /**
   * The index a search in `scope` reads: for "This workspace" any index holding this workspace will do (the
   * search filters by workspace key); for "All workspaces" one whose other workspaces are as listed now.
   */
  async searchIndex(scope: HistoryScope): Promise<SearchIndex> {
    if (scope === 'workspace') {
      const cached = this.cached ?? (await this.build(undefined));
      return cached.index;
    }
    const others = (await this.sources.listOthers()).filter((summary) => summary.trashedAt === undefined);
    const signature = othersSignature(others);
    if (this.cached?.others === signature) return this.cached.index;
    return (await this.build(others, signature)).index;
  }

  private build(others: ConversationSummary[] | undefined, signature?: string): Promise<CachedIndex> {
    const build = (async (): Promise<CachedIndex> => {
      const own = (await this.sources.listOwn()).filter((summary) => summary.trashedAt === undefined);
      const ownConversations = await Promise.all(own.map(async (summary) => ({ summary, turns: await this.sources.readOwn(summary.id) })));
      const otherConversations = await Promise.all((others ?? []).map(async (summary) => ({
        summary,
        // A conversation gone since it was listed (purged in its own window) is left out, not an error.
        turns: await this.sources.readOther(summary.workspace.key, summary.id).catch((): readonly Turn[] => []),
      })));
      return { index: buildSearchIndex([...ownConversations, ...otherConversations]), others: signature };
    })();
    this.building = build;
    return build.then((result) => {
      // An invalidate() during the build means what was read may be old: used for this search, not kept.
      if (this.building === build) this.cached = result;
      return result;
    });
  }
}

/** Changes whenever another workspace gains, loses, renames or extends a conversation. */
function othersSignature(summaries: readonly ConversationSummary[]): string {
  return summaries.map((s) => `${s.workspace.key}/${s.id}/${s.lastActivity}/${s.turnCount}/${s.title}`).sort().join('\n');
}
