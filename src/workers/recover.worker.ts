/**
 * Recovers an RSA public key from two RS256/384/512 tokens off the main
 * thread: with e = 65537 the gcd runs for a minute or more. Message in: the
 * two tokens. Messages out: `progress` as it goes, then `done` with the key
 * or the failure's code and message (a LabError does not survive
 * postMessage). The gcd never yields to read a message, so the page cancels
 * by terminating the worker.
 */
import type { ErrorCode } from '../lib/errors';
import { recoverRsaKey, type RecoveredKey, type RecoverProgress } from '../lib/attacks/recover-rsa';

/** What the page sends. */
export interface RecoverRequest {
  one: string;
  two: string;
}
/** What the worker sends back. */
export type RecoverAnswer =
  | ({ type: 'progress' } & RecoverProgress)
  | { type: 'done'; key: RecoveredKey }
  | { type: 'failed'; code: ErrorCode; message: string };

self.onmessage = async (event: MessageEvent<RecoverRequest>) => {
  const result = await recoverRsaKey(event.data.one, event.data.two, {
    onProgress: (progress) =>
      postMessage({ type: 'progress', ...progress } satisfies RecoverAnswer),
  });
  postMessage(
    (result.ok
      ? { type: 'done', key: result.value }
      : {
          type: 'failed',
          code: result.error.code,
          message: result.error.message,
        }) satisfies RecoverAnswer,
  );
};
