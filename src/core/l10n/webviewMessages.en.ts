/** The chat webview's English strings: the source language. Keys are stable; see webviewMessages.ts. */
export const webviewMessagesEn = {
} as const;
