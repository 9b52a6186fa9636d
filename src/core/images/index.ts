/**
 * core/images: images as part of a turn, in pure functions any layer may import (webview included, except
 * dataUrl.ts, which needs Node's Buffer and is for the host):
 * - imageFormat.ts: the format and size by magic bytes, never by file name;
 * - imageLimits.ts: the API's size limits, checked before sending;
 * - imageTokens.ts: the documented token formula per model family, for the draft's estimate;
 * - imageRef.ts: the reference a turn stores (content hash, type, size), and the image as a request carries it;
 * - chatImagePart.ts: the Chat Completions content part for an image.
 * Files themselves are kept by core/store/imageStore.ts.
 */
export * from './imageFormat';
export * from './imageLimits';
export * from './imageTokens';
export * from './imageRef';
export * from './chatImagePart';
