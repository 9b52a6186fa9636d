import type { ImageMimeType } from './imageFormat';

/** `data:image/png;base64,…`: how an image travels in a request. Node only (Buffer): the host builds requests. */
export function dataUrl(mime: ImageMimeType, bytes: Uint8Array): string {
  return `data:${mime};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;
}
