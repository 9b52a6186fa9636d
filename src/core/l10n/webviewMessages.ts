import * as z from 'zod';
import { webviewMessagesEn } from './webviewMessages.en';
import { webviewMessagesKo } from './webviewMessages.ko';

/**
 * The chat webview's message catalogue. The webview cannot call `vscode.l10n`, so its strings live here, keyed,
 * in English (the source) and Korean. The host picks the locale from VS Code's display language and writes it into
 * the page (`<html lang>`); the webview reads it once at start-up with `setWebviewLocale` and calls `wt(key, …args)`.
 * Placeholders are `{0}`, `{1}`… as in `vscode.l10n.t`. Core modules the webview renders (history groups, slash
 * command hints, tool labels) use `wt` too; everything else in core uses `@vscode/l10n`.
 */
export type WebviewMessageKey = keyof typeof webviewMessagesEn;
export type WebviewCatalogue = Record<WebviewMessageKey, string>;

export const webviewLocaleSchema = z.enum(['en', 'ko']);
export type WebviewLocale = z.infer<typeof webviewLocaleSchema>;

export const webviewCatalogues: Record<WebviewLocale, WebviewCatalogue> = { en: webviewMessagesEn, ko: webviewMessagesKo };

/** `ko`, `ko-KR` → Korean; anything else → English. */
export function webviewLocaleFor(language: string | undefined): WebviewLocale {
  return /^ko(\b|[-_])/i.test(language ?? '') ? 'ko' : 'en';
}

let active: WebviewCatalogue = webviewMessagesEn;

/** Chooses the table `wt` reads; an unknown value (a page built by an older host) stays English. */
export function setWebviewLocale(locale: unknown): WebviewLocale {
  const parsed = webviewLocaleSchema.safeParse(typeof locale === 'string' ? webviewLocaleFor(locale) : locale);
  const chosen = parsed.success ? parsed.data : 'en';
  active = webviewCatalogues[chosen];
  return chosen;
}

/** The message for `key` in the active language, with `{0}`, `{1}`… replaced by `args`. */
export function wt(key: WebviewMessageKey, ...args: (string | number)[]): string {
  return formatMessage(active[key] ?? webviewMessagesEn[key], args);
}

export function formatMessage(template: string, args: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}
