import type { TextChange } from './incrementalCount';
import type { EncodingName } from './models';

/**
 * Messages between the extension host and the token worker. Documents are mirrored in the worker: the host
 * sends the text once, then only the changes, so a keystroke costs the host one small postMessage.
 */
export type TokenRequest =
  | { kind: 'count'; id: number; encoding: EncodingName; text: string }
  | { kind: 'openDocument'; id: number; documentId: string; encoding: EncodingName; text: string }
  | { kind: 'editDocument'; id: number; documentId: string; changes: TextChange[] }
  | { kind: 'closeDocument'; id: number; documentId: string };

export type TokenResponse =
  | { kind: 'counted'; id: number; count: number }
  | { kind: 'failed'; id: number; message: string; unknownDocument?: boolean };

export type TokenRequestBody = TokenRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;
