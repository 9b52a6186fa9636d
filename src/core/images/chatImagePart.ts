import type { InputImage } from './imageRef';

/**
 * The Chat Completions spelling of an image in a user message's content, for the chat dialect's provider:
 * `{ type: 'image_url', image_url: { url, detail } }` (Responses spells it `input_image` with a flat `image_url`,
 * see core/provider/requestParams.ts). Kept apart and pure so both dialects send the same image the same way.
 */
export interface ChatImagePart {
  type: 'image_url';
  image_url: { url: string; detail: InputImage['detail'] };
}

export function toChatImagePart(image: InputImage): ChatImagePart {
  return { type: 'image_url', image_url: { url: image.dataUrl, detail: image.detail } };
}

/** A user message's Chat Completions content: plain text when it has no images, else text then each image. */
export function toChatUserContent(text: string, images: readonly InputImage[] = []): string | Array<{ type: 'text'; text: string } | ChatImagePart> {
  if (images.length === 0) return text;
  return [...(text ? [{ type: 'text' as const, text }] : []), ...images.map(toChatImagePart)];
}
