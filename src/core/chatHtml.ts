import type { WebviewLocale } from './l10n/webviewMessages';

/**
 * The chat webview's HTML document. Pure so the host and the browser tests build exactly the same page.
 *
 * The policy allows nothing by default, runs only the script carrying this load's nonce, and takes styles,
 * fonts and images only from the webview's own resource origin. Images are restricted too: the webview
 * never loads remote images (model output could use them to track the user or leak data through the URL);
 * Markdown images are rendered as links instead.
 */

export interface ChatHtmlOptions {
  /** `webview.cspSource`: the origin that serves `asWebviewUri` resources. */
  cspSource: string;
  /** A fresh value per load, from `createNonce()`. */
  nonce: string;
  /** `asWebviewUri` of dist/webview/webview.js. */
  scriptUri: string;
  /** `asWebviewUri` of dist/webview/webview.css. */
  styleUri: string;
  /** `asWebviewUri` of dist/codicons/codicon.css. */
  codiconsUri: string;
  /** The webview catalogue's language (`<html lang>`); English when absent. */
  locale?: WebviewLocale;
  /**
   * `asWebviewUri` of the workspace's image folder (core/store/imageStore.ts), ending in `/`. When given, images
   * may come from that folder only: not from the extension's files, and never from anywhere remote.
   */
  imagesSource?: string;
}

/** The Content-Security-Policy of the chat webview. `base-uri` and `form-action` do not fall back to `default-src`. */
export function chatContentSecurityPolicy(cspSource: string, nonce: string, imagesSource?: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${imageSourceExpression(cspSource, imagesSource)}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function buildChatHtml(options: ChatHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(options.nonce)) {
    // A nonce with quotes or spaces would break out of the policy; refuse rather than weaken it.
    throw new Error('buildChatHtml: the nonce must be at least 16 base64/hex characters');
  }
  const csp = chatContentSecurityPolicy(options.cspSource, options.nonce, options.imagesSource);
  return `<!DOCTYPE html>
<html lang="${options.locale === 'ko' ? 'ko' : 'en'}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(options.codiconsUri)}">
<link rel="stylesheet" href="${escapeAttribute(options.styleUri)}">
<title>${options.locale === 'ko' ? 'Threadline 채팅' : 'Threadline Chat'}</title>
</head>
<body>
<div id="app" class="app"></div>
<script nonce="${options.nonce}" src="${escapeAttribute(options.scriptUri)}"></script>
</body>
</html>
`;
}

/**
 * A CSP source with a path ending in `/` matches only what lies under that folder. A CSP host may hold only
 * letters, digits, `-` and dots, but the webview's resource host names the authority it serves from in its first
 * label (`file+.vscode-resource…`, `vscode-remote+…`), which a browser ignores as an invalid source, leaving no
 * image allowed. That label is written as `*.`: the host stays within the resource domain, and the path still
 * narrows it to the folder. A path with a character that would end the directive or the policy (`;`, `,`,
 * whitespace, quotes), or a host that cannot be written even so, falls back to the webview origin, which
 * localResourceRoots still narrows to the same folders.
 */
function imageSourceExpression(cspSource: string, imagesSource: string | undefined): string {
  if (imagesSource === undefined) return cspSource;
  const parts = /^(https?):\/\/([^/\s;,'"]+)(\/[^\s;,'"]*\/)$/.exec(imagesSource);
  if (!parts) return cspSource;
  const [, scheme, authority, path] = parts;
  const [host = '', port] = safeDecode(authority).split(':');
  const labels = host.split('.');
  if (labels.length > 2 && !/^[A-Za-z0-9-]+$/.test(labels[0])) labels[0] = '*';
  const validHost = labels.every((label, i) => /^[A-Za-z0-9-]+$/.test(label) || (i === 0 && label === '*'));
  if (!validHost || (port !== undefined && !/^\d+$/.test(port))) return cspSource;
  return `${scheme}://${labels.join('.')}${port !== undefined ? `:${port}` : ''}${path}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}

/** 128 random bits as hex: unguessable per load, and safe inside a CSP source expression. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
