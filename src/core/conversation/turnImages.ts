import * as l10n from '@vscode/l10n';
import { dataUrl } from '../images/dataUrl';
import type { InputImage } from '../images/imageRef';
import type { ImageDetail } from '../images/imageTokens';
import type { ImageStore } from '../store/imageStore';
import type { Turn } from './turn';

/**
 * A turn's images as its request carries them: read from the conversation's folder (checked against their hash)
 * and encoded as data URLs only now, at send time, so no log line or message ever holds the base64.
 */
export async function loadTurnImages(store: ImageStore | undefined, conversationId: string, turn: Turn, detail: ImageDetail): Promise<InputImage[]> {
  const refs = turn.images ?? [];
  if (refs.length === 0) return [];
  if (!store) throw new Error(l10n.t('This conversation cannot keep images (no image folder), so they were not sent.'));
  const images: InputImage[] = [];
  for (const ref of refs) images.push({ dataUrl: dataUrl(ref.mime, await store.read(conversationId, ref)), detail });
  return images;
}
