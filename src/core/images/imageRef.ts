import { wt } from '../l10n/webviewMessages';
import * as z from 'zod';
import { extensionFor, IMAGE_MIME_TYPES } from './imageFormat';
import type { ImageDetail } from './imageTokens';

/**
 * An image of a turn as the log, the protocol and export know it: a reference by content hash, never the bytes.
 * The file is `<sha256>.<ext>` in the conversation's image folder (core/store/imageStore.ts), so the name alone
 * says where it is and that it has not changed.
 */
export const imageRefSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  mime: z.enum(IMAGE_MIME_TYPES),
  bytes: z.number().int().nonnegative(),
  width: z.number().int().positive().max(1_000_000).optional(),
  height: z.number().int().positive().max(1_000_000).optional(),
  /** What the user called it (the file's name, or "pasted image"), for labels and messages only. */
  name: z.string().max(256).optional(),
});
export type ImageRef = z.infer<typeof imageRefSchema>;

export function imageFileName(ref: Pick<ImageRef, 'sha256' | 'mime'>): string {
  return `${ref.sha256}.${extensionFor(ref.mime)}`;
}

export function imageLabel(ref: ImageRef, index: number): string {
  return ref.name ?? wt('image.unnamed', index + 1);
}

/** An image as a request carries it, whatever the dialect: the data URL and the detail asked for. */
export interface InputImage {
  dataUrl: string;
  detail: ImageDetail;
}
