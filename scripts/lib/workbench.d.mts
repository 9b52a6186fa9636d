import type { Browser, Page } from 'playwright-core';

export declare const CHROMIUM_ARGS: readonly string[];
export declare function remoteUri(origin: string, absolutePath: string): string;
export declare function workbenchUrl(
  origin: string,
  options?: { folder?: string; extensionDevelopmentPath?: string; extensionTestsPath?: string },
): string;
export declare function launchChromium(options?: { headless?: boolean }): Promise<Browser>;
export declare function captureConsole(page: Page, logFile: string, onLine?: (line: string) => void): () => Promise<void>;
