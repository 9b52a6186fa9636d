import * as vscode from 'vscode';
import { exportConversationMarkdown } from '../core/export/markdownExport';
import { CommandId } from './commandIds';
import type { CommandDefinition } from './services';

/** Writes the conversation as Markdown. A Uri argument writes there without asking (automation and tests). */
export const exportConversationCommand: CommandDefinition = {
  id: CommandId.ExportConversation,
  create: ({ conversation }) => async (provided?: unknown): Promise<vscode.Uri | undefined> => {
    if (conversation.turns.length === 0) {
      void vscode.window.showInformationMessage('Threadline: the conversation is empty; there is nothing to export.');
      return undefined;
    }
    const markdown = exportConversationMarkdown(conversation.turns, conversation.totals());
    let target = provided instanceof vscode.Uri ? provided : undefined;
    if (!target) {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const name = `threadline-conversation-${new Date().toISOString().slice(0, 10)}.md`;
      target = await vscode.window.showSaveDialog({
        title: 'Export Threadline Conversation',
        defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
        filters: { Markdown: ['md'] },
      });
    }
    if (!target) return undefined;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(markdown));
    if (!(provided instanceof vscode.Uri)) {
      const choice = await vscode.window.showInformationMessage(`Threadline: conversation exported to ${vscode.workspace.asRelativePath(target)}.`, 'Open');
      if (choice) await vscode.window.showTextDocument(target);
    }
    return target;
  },
};
