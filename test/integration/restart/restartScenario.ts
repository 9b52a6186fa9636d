/** Shared by both restart phases, which run in two separate extension hosts. */
export const RESTART_PROMPT = 'Remember this turn across an extension host restart';
export const RESTART_KEY = 'sk-integration-restart-4242';
