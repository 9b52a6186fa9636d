import { dirname, join, relative, sep } from 'node:path';
import * as vscode from 'vscode';
import { totalUsage } from '../core/conversation/fanOutAnswers';
import type { Turn } from '../core/conversation/turn';
import { imageFileName, type ImageRef } from '../core/images/imageRef';
import { exportConversationJson } from '../core/export/jsonExport';
import { exportConversationMarkdown } from '../core/export/markdownExport';
import { PRICES_CHECKED_ON } from '../core/pricing/builtInPrices';
import { pricesFromSettings } from '../core/pricing/priceTable';
import { conversationCost, usageByModel } from '../core/pricing/usageCost';
import { readConfig } from '../host/config';
import { CommandId } from './commandIds';
import type { CommandDefinition, ThreadlineServices } from './services';

interface ExportRequest {
  /** A conversation of the history; the one shown when absent. */
  conversationId?: string;
  format?: 'markdown' | 'json';
  /** Where to write, without asking (automation and tests). */
  target?: vscode.Uri;
}

/** Writes a conversation as Markdown (to read) or JSON (every stored field). A Uri argument writes Markdown there. */
export const exportConversationCommand: CommandDefinition = {
  id: CommandId.ExportConversation,
  create: (services) => async (provided?: unknown): Promise<vscode.Uri | undefined> => {
    const request: ExportRequest = provided instanceof vscode.Uri ? { target: provided } : (provided as ExportRequest | undefined) ?? {};
    const format = request.format ?? 'markdown';
    const { turns, summary } = await conversationToExport(services, request.conversationId);
    if (turns.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Threadline: the conversation is empty; there is nothing to export.'));
      return undefined;
    }
    const totals = totalUsage(turns);
    let target = request.target;
    if (!target) {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const name = `threadline-conversation-${new Date().toISOString().slice(0, 10)}.${format === 'json' ? 'json' : 'md'}`;
      target = await vscode.window.showSaveDialog({
        title: vscode.l10n.t('Export Threadline Conversation'),
        defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
        filters: format === 'json' ? { JSON: ['json'] } : { Markdown: ['md'] },
      });
    }
    if (!target) return undefined;
    const imageDir = services.library.images?.dirOf(summary?.id ?? services.conversation.conversationId);
    // Markdown links each image relative to where the export is written (a file URI if that is not on disk).
    const imageLink = imageDir ? (image: ImageRef) => linkFrom(target, join(imageDir, imageFileName(image))) : undefined;
    const bill = conversationCost(usageByModel(turns), pricesFromSettings(readConfig().pricing));
    const text = format === 'json'
      ? exportConversationJson(turns, summary, imageDir)
      : exportConversationMarkdown(turns, totals, undefined, imageLink, { bill, checkedOn: PRICES_CHECKED_ON });
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    if (!request.target) {
      const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Threadline: conversation exported to {0}.', vscode.workspace.asRelativePath(target)), vscode.l10n.t('Open'));
      if (choice) await vscode.window.showTextDocument(target);
    }
    return target;
  },
};

function linkFrom(target: vscode.Uri, file: string): string {
  if (target.scheme !== 'file') return vscode.Uri.file(file).toString();
  return relative(dirname(target.fsPath), file).split(sep).join('/');
}

async function conversationToExport(services: ThreadlineServices, conversationId: string | undefined) {
  const id = conversationId ?? services.conversation.conversationId;
  const summary = (await services.library.list()).find((s) => s.id === id);
  const turns: readonly Turn[] = id === services.conversation.conversationId ? services.conversation.turns : (await services.library.open(id)).turns;
  return { turns, summary };
}
