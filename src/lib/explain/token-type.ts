/**
 * What kind of token this is, from its header and claims, and what a server
 * must check for that kind. Facts are a typed table with their sources:
 * OpenID Connect Core 1.0 §2 and §3.1.3.7, RFC 9068 §2 and §4, OpenID
 * Connect Back-Channel Logout 1.0 §2.4 and §2.6, RFC 6749 §1.5.
 */
import type { JsonObject } from '../jws/decode';

/** The kinds recognised. */
export type TokenKind = 'id-token' | 'access-token' | 'refresh-token' | 'logout-token' | 'generic';

/** One kind, what a server must check for it, and where that is written. */
export interface TokenKindInfo {
  kind: TokenKind;
  title: string;
  checks: readonly string[];
  spec: string;
  url: string;
}

/** The recognised kind with the clues that gave it away. */
export interface TokenTypeGuess {
  info: TokenKindInfo;
  /** Why: "has nonce", "typ is at+jwt". */
  clues: string[];
}

const OIDC = 'https://openid.net/specs/openid-connect-core-1_0.html';

/** Each kind and its server-side checks. */
export const TOKEN_KINDS: Readonly<Record<TokenKind, TokenKindInfo>> = {
  'id-token': {
    kind: 'id-token',
    title: 'OpenID Connect ID token',
    checks: [
      'the signature, with the provider’s key (JWKS), and an alg you expect',
      '"iss" equals the provider’s issuer exactly',
      '"aud" contains your client id (and no audience you do not trust)',
      'when "aud" has several values, "azp" equals your client id',
      '"exp" is in the future and "iat" is recent',
      '"nonce" equals the one you sent in the authentication request',
      '"at_hash" matches the access token, when one came with it',
      '"auth_time" is recent enough when you asked for max_age',
      'never use it as an access token for an API',
    ],
    spec: 'OpenID Connect Core 1.0 §3.1.3.7',
    url: `${OIDC}#IDTokenValidation`,
  },
  'access-token': {
    kind: 'access-token',
    title: 'OAuth 2.0 access token (RFC 9068 JWT profile)',
    checks: [
      'header "typ" is "at+jwt" (or "application/at+jwt"), so an ID token cannot pass as one',
      'the signature, with the authorization server’s key, and an alg you expect',
      '"iss" equals the authorization server’s issuer exactly',
      '"aud" contains this resource server’s identifier',
      '"exp" is in the future',
      '"scope" (or roles, groups, entitlements) grants what the request needs',
    ],
    spec: 'RFC 9068 §4',
    url: 'https://www.rfc-editor.org/rfc/rfc9068#section-4',
  },
  'refresh-token': {
    kind: 'refresh-token',
    title: 'Refresh-style token',
    checks: [
      'accept it only at the token endpoint, never as an access token for an API',
      'the signature, "iss" and "exp" like any JWT',
      'it is not revoked or already used (rotation), which needs server-side state',
      'it belongs to the client presenting it',
    ],
    spec: 'RFC 6749 §1.5, §10.4',
    url: 'https://www.rfc-editor.org/rfc/rfc6749#section-1.5',
  },
  'logout-token': {
    kind: 'logout-token',
    title: 'OpenID Connect back-channel logout token',
    checks: [
      'header "typ" is "logout+jwt" when the provider sets it',
      'the signature, "iss", "aud" (your client id) and "iat" like an ID token',
      '"events" has the member http://schemas.openid.net/event/backchannel-logout',
      '"sid" or "sub" is present, and there is no "nonce"',
      '"jti" was not seen before (replay)',
    ],
    spec: 'OpenID Connect Back-Channel Logout 1.0 §2.6',
    url: 'https://openid.net/specs/openid-connect-backchannel-1_0.html#Validation',
  },
  generic: {
    kind: 'generic',
    title: 'A JWT of no particular profile',
    checks: [
      'the signature, with an alg you fix on the server (never the token’s word)',
      '"exp" (and "nbf"), with a small leeway',
      '"iss" and "aud" equal what this server expects',
    ],
    spec: 'RFC 8725 §3',
    url: 'https://www.rfc-editor.org/rfc/rfc8725#section-3',
  },
};

const LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
const YEAR = 365 * 86400;

/** Recognise the kind of token from its header and payload. */
export function tokenType(header: JsonObject, payload: JsonObject): TokenTypeGuess {
  const has = (name: string) => Object.prototype.hasOwnProperty.call(payload, name);
  const typ = typeof header.typ === 'string' ? header.typ.toLowerCase() : '';
  const guess = (kind: TokenKind, clues: string[]): TokenTypeGuess => ({
    info: TOKEN_KINDS[kind],
    clues,
  });

  const events = payload.events;
  if (
    typ === 'logout+jwt' ||
    (events !== null && typeof events === 'object' && LOGOUT_EVENT in events)
  )
    return guess('logout-token', [
      typ === 'logout+jwt' ? 'typ is logout+jwt' : 'events has backchannel-logout',
    ]);

  if (typ === 'at+jwt' || typ === 'application/at+jwt')
    return guess('access-token', [`typ is ${String(header.typ)}`]);

  if (typ === 'refresh' || payload.token_use === 'refresh' || payload.typ === 'Refresh')
    return guess('refresh-token', ['marked as a refresh token']);

  const oidc = ['nonce', 'azp', 'at_hash', 'c_hash', 'auth_time', 'acr', 'amr'].filter(has);
  if (oidc.length && has('aud') && payload.token_use !== 'access')
    return guess(
      'id-token',
      oidc.map((c) => `has ${c}`),
    );

  const access = ['client_id', 'scope', 'scp'].filter(has);
  if (access.length || payload.token_use === 'access')
    return guess(
      'access-token',
      access.length ? access.map((c) => `has ${c}`) : ['token_use is access'],
    );

  const lifetime =
    typeof payload.exp === 'number' && typeof payload.iat === 'number'
      ? payload.exp - payload.iat
      : undefined;
  if (!has('aud') && lifetime !== undefined && lifetime > 7 * 86400)
    return guess('refresh-token', [
      `lives ${lifetime >= YEAR ? 'a year or more' : `${Math.round(lifetime / 86400)} days`}, with no aud or scope`,
    ]);

  return guess('generic', []);
}
