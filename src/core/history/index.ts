/**
 * core/history: what the history view lists and searches, as pure functions over plain data.
 *
 * - historyTypes.ts: the shapes shared by host and webview (entries, groups, search hits);
 * - historyEntry.ts: a library summary becomes a list entry, priced with the current price table;
 * - historyGroups.ts + calendar.ts: Pinned, Today, Yesterday, … by the local calendar (weeks start on Monday);
 * - historyCatalog.ts: what each scope lists and searches ("All workspaces" adds the other workspaces' libraries);
 * - searchIndex.ts, search.ts, searchFold.ts, searchQuery.ts, snippet.ts: full-text search over user text,
 *   answers and code-context paths; Hangul and other scripts match as substrings, Latin case-insensitively.
 *
 * No `vscode`, no `node:` modules, no I/O: the host builds entries and the index from the conversation library
 * (core/store), and the webview bundle imports the grouping and the types. It imports only core/store's types,
 * core/conversation's Turn and core/tokens' prices, so it never depends on the layers that use it.
 */
export { groupHistory, GROUP_LABELS, purgeTime, trashedEntries, TRASH_RETENTION_MS, type GroupLabel } from './historyGroups';
export { toHistoryEntry, type HistoryEntryOptions } from './historyEntry';
export { localDay, type TimeZoneOffset } from './calendar';
export type { HistoryEntry, HistoryGroup, HistoryScope, SearchField, SearchHit } from './historyTypes';
export { buildSearchIndex, type SearchIndex, type SearchableConversation } from './searchIndex';
export { search, SEARCH_LIMIT, type SearchOptions, type SearchResult } from './search';
export { HistoryCatalog, type HistorySources, type ScopedSummaries } from './historyCatalog';
