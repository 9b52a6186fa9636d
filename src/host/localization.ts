import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { setWebviewLocale, type WebviewLocale, webviewLocaleFor } from '../core/l10n/webviewMessages';

/**
 * Where Threadline's strings get their language. Three catalogues, one per layer:
 * - host code calls `vscode.l10n.t`, which reads `l10n/bundle.l10n.<language>.json`;
 * - `src/core` may not import `vscode`, so it calls `l10n.t` from `@vscode/l10n` (the same message format, and
 *   `@vscode/l10n-dev export` extracts both); this function hands it the bundle VS Code loaded, once, at activation.
 *   Unconfigured (unit tests, English) it returns the English source strings;
 * - the webview picks its own table from `src/core/l10n/webviewMessages.ts` by the locale the host writes into
 *   the page (`webviewLocale()`). Core modules both sides use (image limits, the compaction marker) say their text
 *   with `wt`, so the host picks the same table for its own copy of that module, here.
 */
export function configureCoreLocalization(): void {
  const bundle = vscode.l10n.bundle;
  if (bundle) l10n.config({ contents: bundle });
  setWebviewLocale(webviewLocale());
}

/** The webview's catalogue for VS Code's display language (`vscode.env.language`, e.g. `ko`, `en-us`). */
export function webviewLocale(): WebviewLocale {
  return webviewLocaleFor(vscode.env.language);
}
