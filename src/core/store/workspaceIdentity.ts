import { createHash } from 'node:crypto';
import type { WorkspaceIdentity } from './libraryTypes';

/**
 * Which workspace a library belongs to. The key is a hash of what identifies the workspace, not of VS Code's
 * per-window storage slot: two windows on one folder, a host left over from a closed browser tab, and the same
 * code-server reached through `localhost` or `127.0.0.1` all land on one key.
 *   - a `.code-workspace` file: its path;
 *   - folders: their paths, sorted (the same folders in another order are the same workspace);
 *   - no folder: the shared key `no-folder`.
 * Paths are taken without a remote authority: the library lives on the machine that holds the files, and the
 * authority only says how the browser reached it.
 */

export const NO_FOLDER_KEY = 'no-folder';
export const NO_FOLDER_LABEL = 'No folder';

export interface WorkspaceDescription {
  folderUris?: readonly string[];
  /** The `.code-workspace` file, when one is open; it identifies the workspace whatever its folders. */
  workspaceFileUri?: string;
  /** What the user reads; derived from the names when absent. */
  label?: string;
}

export function workspaceIdentity(description: WorkspaceDescription): WorkspaceIdentity {
  const file = description.workspaceFileUri;
  const folders = description.folderUris ?? [];
  if (file) {
    return { key: hashKey(`workspace\n${normalizeUri(file)}`), label: description.label ?? baseName(file).replace(/\.code-workspace$/, ''), uris: [file] };
  }
  if (folders.length > 0) {
    const normalized = folders.map(normalizeUri).sort();
    return { key: hashKey(`folders\n${normalized.join('\n')}`), label: description.label ?? folders.map(baseName).join(', '), uris: [...folders] };
  }
  return { key: NO_FOLDER_KEY, label: description.label ?? NO_FOLDER_LABEL, uris: [] };
}

function hashKey(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}

/** `file:///home/a/` and `vscode-remote://127.0.0.1:8080/home/a` both become `/home/a`; other schemes keep theirs. */
export function normalizeUri(uri: string): string {
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    return stripSlash(uri);
  }
  const scheme = parsed.protocol.replace(/:$/, '').toLowerCase();
  let path = safeDecode(parsed.pathname);
  // Windows drive letters arrive as /C:/ or /c%3A/: one spelling.
  path = path.replace(/^\/([A-Za-z]):/, (_, drive: string) => `/${drive.toLowerCase()}:`);
  if (scheme === 'file' || scheme === 'vscode-remote') return stripSlash(path);
  return `${scheme}://${parsed.host.toLowerCase()}${stripSlash(path)}`;
}

function stripSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function baseName(uri: string): string {
  const path = stripSlash(normalizeUri(uri));
  return path.slice(path.lastIndexOf('/') + 1) || path;
}
