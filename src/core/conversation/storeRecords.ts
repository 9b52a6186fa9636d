// Moved to core/store with the conversation library; kept so the single-conversation store and its callers still build.
export * from '../store/storeRecords';
