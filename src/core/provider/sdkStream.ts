import * as l10n from '@vscode/l10n';
import { APIError, APIUserAbortError } from 'openai';
import { MalformedStreamFault, StreamBrokenFault } from './streamFaults';

/** What both dialects do around the SDK's stream: make Stop immediate, and name what a throw mid-stream means. */

/** What a throw from inside the event loop means: bad bytes are a malformed stream, anything else a broken one. */
export function asStreamFault(error: unknown, receivedAny: boolean): unknown {
  if (error instanceof MalformedStreamFault) return error;
  if (error instanceof SyntaxError) return new MalformedStreamFault(l10n.t('an event whose data is not valid JSON'));
  // A JSON `{"error": ...}` payload the SDK raised as an APIError: describeError reads its code and message.
  if (error instanceof APIError && !(error instanceof APIUserAbortError)) return error;
  return new StreamBrokenFault(receivedAny, error);
}

/**
 * The SDK sleeps between retries without watching the signal (it only checks it before the next attempt),
 * so a Stop during a long retry-after would hang. Racing the signal makes Stop immediate.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new APIUserAbortError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
