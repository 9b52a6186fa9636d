/**
 * What an image file really is, read from its first bytes: a file named `.png` that holds a script is not sent,
 * and one named `.txt` that holds a PNG is. The formats are the ones the API takes (see imageLimits.ts);
 * dimensions come from the header alone, so the token estimate never decodes the image.
 */

export const IMAGE_MIME_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export type ImageMimeType = (typeof IMAGE_MIME_TYPES)[number];

const EXTENSIONS: Readonly<Record<ImageMimeType, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

export function extensionFor(mime: ImageMimeType): string {
  return EXTENSIONS[mime];
}

export interface SniffedImage {
  mime: ImageMimeType;
  /** Pixels, when the header says; a truncated or unusual header leaves them out (the estimate then assumes the worst). */
  width?: number;
  height?: number;
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0): boolean =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);
const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

/** The format by magic bytes, or undefined for anything else (including formats the API does not take). */
export function sniffImage(bytes: Uint8Array): SniffedImage | undefined {
  if (startsWith(bytes, PNG)) return withSize('image/png', pngSize(bytes));
  if (startsWith(bytes, JPEG)) return withSize('image/jpeg', jpegSize(bytes));
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return withSize('image/gif', gifSize(bytes));
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return withSize('image/webp', webpSize(bytes));
  return undefined;
}

type Size = { width: number; height: number } | undefined;

function withSize(mime: ImageMimeType, size: Size): SniffedImage {
  return size && size.width > 0 && size.height > 0 ? { mime, ...size } : { mime };
}

const u16be = (b: Uint8Array, i: number): number => (b[i] << 8) | b[i + 1];
const u16le = (b: Uint8Array, i: number): number => b[i] | (b[i + 1] << 8);
const u24le = (b: Uint8Array, i: number): number => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
const u32be = (b: Uint8Array, i: number): number => ((b[i] << 24) >>> 0) + ((b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]);

/** IHDR is always the first chunk: width and height at bytes 16 and 20. */
function pngSize(b: Uint8Array): Size {
  if (b.length < 24 || !startsWith(b, ascii('IHDR'), 12)) return undefined;
  return { width: u32be(b, 16), height: u32be(b, 20) };
}

/** The logical screen size at byte 6, little-endian. */
function gifSize(b: Uint8Array): Size {
  return b.length < 10 ? undefined : { width: u16le(b, 6), height: u16le(b, 8) };
}

/** Walks the segments to the first start-of-frame marker (SOF0–SOF15 except DHT, JPG and DAC). */
function jpegSize(b: Uint8Array): Size {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1];
    if (marker === 0xff) { i++; continue; }
    const length = u16be(b, i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: u16be(b, i + 5), width: u16be(b, i + 7) };
    }
    if (length < 2) return undefined;
    i += 2 + length;
  }
  return undefined;
}

/** Lossy (VP8), lossless (VP8L) and extended (VP8X) headers each keep the size in their own way. */
function webpSize(b: Uint8Array): Size {
  if (b.length < 30) return undefined;
  if (startsWith(b, ascii('VP8 '), 12)) return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  if (startsWith(b, ascii('VP8L'), 12)) {
    const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (startsWith(b, ascii('VP8X'), 12)) return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  return undefined;
}
