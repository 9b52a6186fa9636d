import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { WorkspaceDescription } from '../core/store/workspaceIdentity';

/**
 * Which workspace this window has open, as the conversation library keys it (core/store/workspaceIdentity.ts):
 * the `.code-workspace` file when there is one, else the folders, else none. Unlike VS Code's per-window storage
 * slot, the same workspace is the same in every window, through `localhost` or `127.0.0.1`, and after a host lingers.
 */
export function currentWorkspace(): WorkspaceDescription {
  const file = vscode.workspace.workspaceFile;
  // An untitled multi-root workspace has no file of its own yet: its folders name it.
  if (file && file.scheme !== 'untitled') return { workspaceFileUri: file.toString() };
  return { folderUris: (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.toString()) };
}

/**
 * Every directory 0.1.0 may have written this workspace's conversation to: VS Code hands a second window on the
 * same folder the slot `<id>-1` (then `-2`…), and a folderless window wrote under global storage. Only
 * directories that hold a conversation log are returned.
 */
export async function legacySlotDirs(context: vscode.ExtensionContext): Promise<string[]> {
  const candidates: string[] = [];
  if (context.storageUri) {
    const slot = dirname(context.storageUri.fsPath);
    const root = dirname(slot);
    const id = basename(slot).replace(/-\d+$/, '');
    const siblings = await fs.readdir(root).catch(() => [] as string[]);
    for (const name of siblings) {
      if (name === id || new RegExp(`^${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d+$`).test(name)) {
        candidates.push(join(root, name, basename(context.storageUri.fsPath)));
      }
    }
  } else {
    candidates.push(join(context.globalStorageUri.fsPath, 'no-workspace'));
  }
  const found: string[] = [];
  for (const dir of candidates) {
    const hasLog = await fs.stat(join(dir, 'conversation.jsonl')).then((s) => s.isFile(), () => false);
    const hasArchive = await fs.stat(join(dir, 'archive')).then((s) => s.isDirectory(), () => false);
    if (hasLog || hasArchive) found.push(dir);
  }
  return found.sort();
}
