import * as l10n from '@vscode/l10n';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkImageSize, notAnImage, type ImageProblem } from '../images/imageLimits';
import { sniffImage } from '../images/imageFormat';
import { imageFileName, type ImageRef } from '../images/imageRef';
import { replaceFile } from './storeFiles';

/**
 * The images of each conversation, as files named by their content hash:
 *   workspaces/<key>/images/<conversationId>/<sha256>.<ext>
 * Beside the conversation's records rather than inside `conversations/<id>/`, so the chat webview may be given
 * this one folder (its only local resource root besides its own bundle) without being able to read any log.
 * Named by hash, a file is written once and never changes: the same image pasted twice is stored once, two
 * windows writing it race harmlessly (same bytes, atomic rename), and a reference in the log cannot point at
 * different content later. A fork or a copy gets its own hard links (or copies) of the images its turns use, so
 * emptying the trash of one never takes another's images (see copyImages).
 */

export type PutResult = { ok: true; ref: ImageRef } | { ok: false; problem: ImageProblem };

export class ImageStore {
  constructor(readonly root: string) {}

  dirOf(conversationId: string): string {
    return join(this.root, conversationId);
  }

  pathOf(conversationId: string, ref: Pick<ImageRef, 'sha256' | 'mime'>): string {
    return join(this.dirOf(conversationId), imageFileName(ref));
  }

  /** Validates (by content, then size), then stores the image unless a file of that hash is already there. */
  async put(conversationId: string, bytes: Uint8Array, name: string): Promise<PutResult> {
    const sniffed = sniffImage(bytes);
    if (!sniffed) return { ok: false, problem: notAnImage(name) };
    const tooLarge = checkImageSize(bytes.byteLength, name);
    if (tooLarge) return { ok: false, problem: tooLarge };
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const ref: ImageRef = { sha256, mime: sniffed.mime, bytes: bytes.byteLength, name: name.slice(0, 256) };
    if (sniffed.width !== undefined && sniffed.height !== undefined) Object.assign(ref, { width: sniffed.width, height: sniffed.height });
    const path = this.pathOf(conversationId, ref);
    if (!(await exists(path))) {
      await fs.mkdir(dirname(path), { recursive: true });
      await replaceFile(path, bytes);
    }
    return { ok: true, ref };
  }

  /**
   * The bytes of a stored image, checked against its name: a file changed or damaged on disk is refused rather
   * than sent as something the user never attached.
   */
  async read(conversationId: string, ref: ImageRef): Promise<Uint8Array> {
    const bytes = await fs.readFile(this.pathOf(conversationId, ref));
    if (createHash('sha256').update(bytes).digest('hex') !== ref.sha256) {
      throw new Error(l10n.t('The stored image {0} has changed on disk and was not sent.', ref.name ?? ref.sha256.slice(0, 12)));
    }
    return bytes;
  }

  has(conversationId: string, ref: ImageRef): Promise<boolean> {
    return exists(this.pathOf(conversationId, ref));
  }

  /**
   * Gives `toConversationId` the images `refs` name, from another folder (the source conversation's, or another
   * workspace's, which is only read). A hard link costs no space; where links fail (another volume) the file is
   * copied. An image missing at the source is skipped: the turn then shows it as missing, nothing else breaks.
   */
  async copyImages(fromDir: string, toConversationId: string, refs: readonly ImageRef[]): Promise<number> {
    let copied = 0;
    for (const ref of refs) {
      const from = join(fromDir, imageFileName(ref));
      const to = this.pathOf(toConversationId, ref);
      if (from === to || (await exists(to)) || !(await exists(from))) continue;
      await fs.mkdir(dirname(to), { recursive: true });
      await fs.link(from, to).catch(() => fs.copyFile(from, to));
      copied++;
    }
    return copied;
  }

  /** Emptying the trash removes the conversation's images with its records. */
  async removeConversation(conversationId: string): Promise<void> {
    await fs.rm(this.dirOf(conversationId), { recursive: true, force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await fs.access(path);
    return true;
  } catch {
    return false;
  }
}

/** Every image a list of turns refers to, once each. */
export function imagesOf(turns: ReadonlyArray<{ images?: readonly ImageRef[] }>): ImageRef[] {
  const seen = new Map<string, ImageRef>();
  for (const turn of turns) for (const ref of turn.images ?? []) seen.set(imageFileName(ref), ref);
  return [...seen.values()];
}
