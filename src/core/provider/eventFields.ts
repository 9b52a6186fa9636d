/**
 * Reading fields of stream events and output items without trusting their shape: the SDK types what OpenAI
 * sends, but compatible servers leave fields out, and a recorded stream may hold types newer than the SDK.
 */

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export type Item = Record<string, unknown> & { type: string };

export function asItem(value: unknown): Item | undefined {
  const record = asRecord(value);
  return record && typeof record.type === 'string' ? (record as Item) : undefined;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A non-empty string, or undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Non-empty strings of an array, joined; undefined when there are none. */
export function joined(value: unknown, separator = ', '): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const texts = value.filter((v): v is string => typeof v === 'string' && v.length > 0);
  return texts.length > 0 ? texts.join(separator) : undefined;
}

/** An index field; missing or invalid means 0, as it does for a server with one content part. */
export function index(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}
