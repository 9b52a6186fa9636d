import * as vscode from 'vscode';
import type { ConversationService } from '../core/conversation/conversationService';
import { checkRequestImages } from '../core/images/imageLimits';
import type { ImageRef } from '../core/images/imageRef';
import type { HostToWebview } from '../core/protocol';
import type { Logger } from '../core/provider/types';
import type { ImageStore } from '../core/store/imageStore';

const PICKABLE = ['png', 'jpg', 'jpeg', 'webp', 'gif'];

export interface ChatImagesDeps {
  store: ImageStore | undefined;
  conversation: ConversationService;
  logger: Logger;
  post(message: HostToWebview): void;
  /** The view's `asWebviewUri`, or undefined while there is no view. */
  asWebviewUri(file: vscode.Uri): vscode.Uri | undefined;
}

/**
 * The host side of images in the chat panel. An attached image (pasted, dropped or picked) is validated by its
 * bytes and stored at once in the open conversation's image folder, so the composer's thumbnail is already the
 * stored file, shown through `asWebviewUri` like every image the panel shows. Sending checks the request limits
 * again and makes sure each image is in the folder of the conversation it is sent in (the user may have
 * switched conversations since attaching).
 */
export class ChatImages {
  /** Where each attached image was stored, by hash: the folder to copy it from if the conversation changed. */
  private readonly attachedIn = new Map<string, string>();

  constructor(private readonly deps: ChatImagesDeps) {}

  /** The open conversation's image folder as the webview addresses it, ending in `/`. */
  imageBase(): string | undefined {
    const store = this.deps.store;
    if (!store) return undefined;
    const uri = this.deps.asWebviewUri(vscode.Uri.file(store.dirOf(this.deps.conversation.conversationId)));
    return uri ? `${uri.toString()}/` : undefined;
  }

  async attach(requestId: string, name: string, bytes: Uint8Array): Promise<void> {
    const store = this.deps.store;
    if (!store) return this.reject(requestId, vscode.l10n.t('Images cannot be kept here: the conversation store is not available.'));
    const conversationId = this.deps.conversation.conversationId;
    const put = await store.put(conversationId, bytes, name || 'image');
    if (!put.ok) return this.reject(requestId, put.problem.message);
    this.attachedIn.set(put.ref.sha256, store.dirOf(conversationId));
    const src = this.deps.asWebviewUri(vscode.Uri.file(store.pathOf(conversationId, put.ref)));
    if (!src) return;
    this.deps.post({ type: 'imageAttached', requestId, image: put.ref, src: src.toString() });
  }

  /** The host's open dialog, filtered to the formats the API takes, starting in the workspace. */
  async pick(requestId: string): Promise<void> {
    const files = await vscode.window.showOpenDialog({
      canSelectMany: true,
      openLabel: vscode.l10n.t('Attach'),
      title: vscode.l10n.t('Attach images'),
      filters: { Images: PICKABLE },
      ...(vscode.workspace.workspaceFolders?.[0] ? { defaultUri: vscode.workspace.workspaceFolders[0].uri } : {}),
    });
    for (const file of files ?? []) {
      const name = file.path.split('/').pop() ?? 'image';
      // The extension filter only narrows the dialog; the bytes decide (ImageStore.put sniffs them).
      await this.attach(requestId, name, await vscode.workspace.fs.readFile(file));
    }
  }

  /**
   * Checks a message's images before anything is sent: undefined when they may go, else why not. Images attached
   * in another conversation are linked into this one first.
   */
  async prepareSend(images: readonly ImageRef[]): Promise<string | undefined> {
    if (images.length === 0) return undefined;
    const problem = checkRequestImages(images.map((image) => image.bytes));
    if (problem) return problem.message;
    const store = this.deps.store;
    if (!store) return vscode.l10n.t('Images cannot be sent here: the conversation store is not available.');
    const conversationId = this.deps.conversation.conversationId;
    for (const image of images) {
      if (await store.has(conversationId, image)) continue;
      const from = this.attachedIn.get(image.sha256);
      if (from) await store.copyImages(from, conversationId, [image]);
      if (!(await store.has(conversationId, image))) {
        return image.name
          ? vscode.l10n.t('{0} is no longer stored; attach it again. Nothing was sent.', image.name)
          : vscode.l10n.t('An image is no longer stored; attach it again. Nothing was sent.');
      }
    }
    return undefined;
  }

  /** Opens a sent turn's image from its stored file, in the editor's image preview. */
  async open(turnId: string, sha256: string): Promise<void> {
    const store = this.deps.store;
    const ref = this.deps.conversation.turns.find((turn) => turn.id === turnId)?.images?.find((image) => image.sha256 === sha256);
    if (!store || !ref) return;
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(store.pathOf(this.deps.conversation.conversationId, ref)), { preview: true });
  }

  reject(requestId: string | undefined, message: string): void {
    this.deps.logger.info(`Image not taken: ${message}`);
    this.deps.post({ type: 'imageRejected', ...(requestId ? { requestId } : {}), message });
  }
}
