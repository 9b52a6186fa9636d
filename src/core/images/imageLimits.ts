import { wt } from '../l10n/webviewMessages';

/**
 * What the API accepts, checked before anything is sent, so an oversized image costs a clear message instead of
 * a rejected (and possibly billed) request.
 *
 * Source: OpenAI, "Images and vision" guide, image input requirements —
 * https://developers.openai.com/api/docs/guides/images-vision — PNG, JPEG, WEBP and non-animated GIF; up to
 * 50 MB total payload per request and up to 500 images per request. The same guide (and Azure's copy of it)
 * has long given 20 MB per image, which is the per-image limit applied here.
 */

export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
export const MAX_REQUEST_IMAGE_BYTES = 50 * 1024 * 1024;
export const MAX_IMAGES_PER_REQUEST = 500;
/** Threadline's own cap per message: a composer holding more is a mistake, and each costs a postMessage. */
export const MAX_IMAGES_PER_TURN = 20;

/** `message` is in the display language: the webview and the host both set the `wt` catalogue to it. */
export type ImageProblem =
  | { kind: 'not_an_image'; message: string }
  | { kind: 'too_large'; message: string }
  | { kind: 'too_many'; message: string };

const MB = 1024 * 1024;
const megabytes = (bytes: number): string => `${(bytes / MB).toFixed(1)} MB`;

/** One image against the per-image limit; `name` is what the user called it, for the message. */
export function checkImageSize(bytes: number, name: string): ImageProblem | undefined {
  if (bytes <= MAX_IMAGE_BYTES) return undefined;
  return { kind: 'too_large', message: wt('image.tooLarge', name, megabytes(bytes), megabytes(MAX_IMAGE_BYTES)) };
}
/**
 * The images of one message against the request limits. Base64 makes each 4/3 its size on the wire, and the
 * limit is on the payload, so that is what is counted.
 */
export function checkRequestImages(sizes: readonly number[]): ImageProblem | undefined {
  if (sizes.length > Math.min(MAX_IMAGES_PER_REQUEST, MAX_IMAGES_PER_TURN)) {
    return { kind: 'too_many', message: wt('image.tooMany', MAX_IMAGES_PER_TURN, sizes.length) };
  }
  const payload = sizes.reduce((sum, bytes) => sum + base64Length(bytes), 0);
  if (payload <= MAX_REQUEST_IMAGE_BYTES) return undefined;
  return {
    kind: 'too_large',
    message: wt('image.payloadTooLarge', megabytes(payload), megabytes(MAX_REQUEST_IMAGE_BYTES)),
  };
}

export function base64Length(bytes: number): number {
  return 4 * Math.ceil(bytes / 3);
}

export function notAnImage(name: string): ImageProblem {
  return { kind: 'not_an_image', message: wt('image.notAnImage', name) };
}
