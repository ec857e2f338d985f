/**
 * The access token a person pastes beside a DPoP proof or an ID token: the
 * `Authorization` scheme word is dropped (people copy the whole header value),
 * and when it is a JWT its `cnf.jkt` is read (RFC 9449 §6.1). Opaque tokens
 * are bound through introspection, which the page cannot see.
 */
import { decodeTextPart } from '../jws/base64url';

/** The most characters of a pasted access token the page reads (hashing is linear, but bounded). */
export const ACCESS_TOKEN_MAX = 100_000;

/** The token itself: trimmed, without a leading `DPoP ` or `Bearer `. */
export const cleanAccessToken = (text: string): string =>
  text
    .trim()
    .replace(/^(?:DPoP|Bearer)\s+/i, '')
    .slice(0, ACCESS_TOKEN_MAX);

/** `cnf.jkt` of a JWT access token, or undefined for an opaque token or one without it. */
export function jktOf(accessToken: string): string | undefined {
  const parts = accessToken.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const payload: unknown = JSON.parse(decodeTextPart(parts[1]!));
    if (typeof payload !== 'object' || payload === null) return undefined;
    const cnf = (payload as { cnf?: unknown }).cnf;
    if (typeof cnf !== 'object' || cnf === null) return undefined;
    const jkt = (cnf as { jkt?: unknown }).jkt;
    return typeof jkt === 'string' ? jkt : undefined;
  } catch {
    return undefined;
  }
}
