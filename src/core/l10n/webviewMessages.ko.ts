import type { webviewMessagesEn } from './webviewMessages.en';

/** The chat webview's Korean strings. The type makes a missing key a compile error; the unit test checks it too. */
export const webviewMessagesKo: Record<keyof typeof webviewMessagesEn, string> = {
};
