const encoder = new TextEncoder();

/**
 * The UTF-8 bytes of `text` as a byte string (one char per byte). TextEncoder is what js-tiktoken uses,
 * so lone surrogates become U+FFFD exactly as they do there. ASCII text is already its own byte string.
 */
export function utf8ByteString(text: string): string {
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) return text;
  const bytes = encoder.encode(text);
  // fromCharCode takes its arguments on the stack; keep each call well below engine limits.
  const STEP = 8192;
  let out = '';
  for (let i = 0; i < bytes.length; i += STEP) {
    out += String.fromCharCode.apply(null, bytes.subarray(i, i + STEP) as unknown as number[]);
  }
  return out;
}
