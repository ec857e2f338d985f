/**
 * Which profile's rules a decoded JWT is judged by, without loading them:
 * the pipeline asks on every keystroke, the rules load on demand.
 */
import { isDpopProof } from './dpop-rules';

/** The event a logout token carries (Back-Channel Logout 1.0 §2.4). */
export const LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/** The profiles with rules of their own. */
export type ProfileKind = 'dpop' | 'logout' | 'id-token';

/** Is this payload a logout token: `events` with the back-channel logout event? */
export function isLogoutToken(payload: Record<string, unknown>): boolean {
  const events = payload.events;
  return typeof events === 'object' && events !== null && LOGOUT_EVENT in events;
}

/** Does this payload carry a claim only an OpenID Connect ID token has? */
export function looksLikeIdToken(payload: Record<string, unknown>): boolean {
  // A loop over a constant: asked three times a keystroke, it allocates nothing.
  for (const name of ID_TOKEN_ONLY) if (name in payload) return true;
  return false;
}

const ID_TOKEN_ONLY = ['at_hash', 'c_hash', 's_hash', 'nonce', 'azp', 'auth_time'] as const;

/**
 * The profile a JWT's header and claims call for; `asked` when the person
 * gave something only an ID token is checked against (a nonce, an access token, a code).
 */
export function profileKind(
  header: Record<string, unknown>,
  claims: Record<string, unknown> | undefined,
  asked: boolean,
): ProfileKind | undefined {
  if (isDpopProof(header)) return 'dpop';
  if (!claims) return undefined;
  if (isLogoutToken(claims)) return 'logout';
  return looksLikeIdToken(claims) || asked ? 'id-token' : undefined;
}
