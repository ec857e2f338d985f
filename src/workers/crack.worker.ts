/**
 * Cracks an HMAC secret off the main thread, against the built-in list of
 * weak secrets, posting progress as it goes. Messages in: `{ type: 'start',
 * token }` or `{ type: 'cancel' }`. Messages out: `progress` and `done`.
 */
import { crackHmac, type CrackOutcome, type CrackProgress } from '../lib/lessons/crack';
import { WEAK_SECRETS } from '../lib/findings/weak-secrets';

/** What the page sends the worker. */
export type CrackRequest = { type: 'start'; token: string } | { type: 'cancel' };
/** What the worker sends back. */
export type CrackMessage =
  ({ type: 'progress' } & CrackProgress) | { type: 'done'; outcome: CrackOutcome };

let cancelled = false;

self.onmessage = async (event: MessageEvent<CrackRequest>) => {
  if (event.data.type === 'cancel') {
    cancelled = true;
    return;
  }
  cancelled = false;
  const outcome = await crackHmac(event.data.token, WEAK_SECRETS, {
    every: 8,
    cancelled: () => cancelled,
    onProgress: (progress) => postMessage({ type: 'progress', ...progress } satisfies CrackMessage),
  });
  postMessage({ type: 'done', outcome } satisfies CrackMessage);
};
