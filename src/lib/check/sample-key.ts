/**
 * The demo key belongs to the demo token. A token the person pasted from
 * elsewhere, checked against the untouched sample key, would read "invalid
 * signature" for a key they never chose; instead it needs a key. An edit of
 * the sample (a changed payload keeps the signature, a changed signature keeps
 * the payload) is still judged by it, so tampering reads as tampering.
 */
import type { DecodedToken } from '../jws/decode';
import type { KeyInput } from './types';

/** Does the key in the box judge this token? Always, unless it is the untouched sample key. */
export function keyJudges(keys: KeyInput, token: DecodedToken): boolean {
  if (keys.from !== 'sample') return true;
  const sample = keys.sampleToken?.trim();
  if (!sample) return false;
  if (token.compact === sample) return true;
  const [, samplePayload, sampleSignature] = sample.split('.');
  const [, payload, signature] = token.compact.split('.');
  return payload === samplePayload || (signature !== '' && signature === sampleSignature);
}

/** The `needs-key` message when the sample key does not judge the token. */
export const SAMPLE_KEY_MESSAGE =
  'The key box still holds the sample key, which belongs to the sample token, not to this one: paste the key (or JWKS) this token was signed with.';
