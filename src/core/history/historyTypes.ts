/**
 * What the history view shows and searches: shared by the host (which builds it from the conversation library)
 * and the webview (which renders it). Pure data; validated at the boundary by the protocol's zod schemas.
 */

export type HistoryScope = 'workspace' | 'all';

/** One conversation as the history list shows it. */
export interface HistoryEntry {
  id: string;
  title: string;
  lastActivity: number;
  turnCount: number;
  totalTokens: number;
  /** Priced with the current price table; absent when a model has no price. */
  costUsd?: number;
  personas: string[];
  pinned: boolean;
  trashedAt?: number;
  workspaceLabel: string;
  /** The workspace key, so an entry from another workspace can be opened read-only or in its own window. */
  workspaceKey: string;
  /**
   * Listed under "All workspaces" from another workspace's library: it can be opened (which copies it into this
   * workspace), not renamed, pinned or deleted from here. Absent for this workspace's own conversations.
   */
  otherWorkspace?: boolean;
  /** The conversation this window shows now. */
  active: boolean;
}

/** Pinned first, then by date: Today, Yesterday, Earlier this week, Last week, Earlier this month, Older. */
export interface HistoryGroup {
  label: string;
  entries: HistoryEntry[];
}

/** Where in a turn a search matched. */
export type SearchField = 'user' | 'answer' | 'path';

export interface SearchHit {
  conversationId: string;
  conversationTitle: string;
  workspaceLabel: string;
  workspaceKey: string;
  turnId: string;
  field: SearchField;
  /** The text around the match, cut at word boundaries where possible; `match` is the matched text as written. */
  snippet: { before: string; match: string; after: string };
}
