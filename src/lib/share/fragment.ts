/**
 * The page's state as a URL fragment (`#token=…&leeway=…`), and back.
 *
 * The fragment is the one part of a URL a browser never sends to a server
 * (RFC 3986 §3.5), so a link can carry a token to a colleague without any
 * host seeing it. OAuth 2.0 implicit-flow and OpenID Connect redirects put
 * tokens in the fragment too (RFC 6749 §4.2.2, OIDC Core §3.2.2.5): the page
 * reads those names as well, so it can be a redirect target. The query string
 * is never read: servers log it.
 */
import type { ParsedKey } from '../keys/types';

/** What a link or the device remembers: token and settings, a key only when chosen. */
export interface SharedState {
  token?: string;
  leeway?: number;
  expectedIssuer?: string;
  expectedAudience?: string;
  key?: string;
}

/** A fragment read back: the state, and what was ignored in it, in words. */
export interface ReadFragment {
  state: SharedState;
  /** The fragment member the token came from (`token`, `id_token` …). */
  tokenFrom?: TokenParameter;
  /** Members that were present but unusable, explained. */
  ignored: string[];
}

/**
 * Fragment members that may hold a token, in the order they are preferred:
 * our own links, then OpenID Connect's ID token, OAuth's access token, and
 * the informal `jwt`.
 */
export const TOKEN_PARAMETERS = ['token', 'id_token', 'access_token', 'jwt'] as const;

/** One of {@link TOKEN_PARAMETERS}. */
export type TokenParameter = (typeof TOKEN_PARAMETERS)[number];

/** Links longer than this may be cut by chat tools, mail clients and some browsers. */
export const LONG_LINK_CHARS = 2000;

const SETTING_NAMES = { leeway: 'leeway', expectedIssuer: 'iss', expectedAudience: 'aud' } as const;

/** The fragment (without `#`) that restores `state`; members in a fixed order. */
export function encodeFragment(state: SharedState): string {
  const params = new URLSearchParams();
  if (state.token) params.set('token', state.token);
  if (state.leeway !== undefined && Number.isFinite(state.leeway) && state.leeway !== 0)
    params.set(SETTING_NAMES.leeway, String(state.leeway));
  if (state.expectedIssuer) params.set(SETTING_NAMES.expectedIssuer, state.expectedIssuer);
  if (state.expectedAudience) params.set(SETTING_NAMES.expectedAudience, state.expectedAudience);
  if (state.key) params.set('key', state.key);
  // URLSearchParams writes a space as '+'; %20 reads back the same everywhere.
  return params.toString().replaceAll('+', '%20');
}

/** Read a fragment (with or without its `#`); never throws, unusable members are noted. */
export function decodeFragment(fragment: string): ReadFragment {
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  const ignored: string[] = [];
  const state: SharedState = {};
  if (!text.includes('=')) return { state, ignored };
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(text);
  } catch {
    return { state, ignored: ['The link fragment could not be read.'] };
  }
  const result: ReadFragment = { state, ignored };
  for (const name of TOKEN_PARAMETERS) {
    const token = params.get(name);
    if (token !== null && token.trim() !== '') {
      state.token = token;
      result.tokenFrom = name;
      break;
    }
  }
  const leeway = params.get(SETTING_NAMES.leeway);
  if (leeway !== null) {
    const seconds = Number(leeway);
    if (leeway.trim() !== '' && Number.isFinite(seconds) && seconds >= 0) state.leeway = seconds;
    else
      ignored.push(`The leeway in the link, "${leeway.slice(0, 40)}", is not a number of seconds.`);
  }
  const issuer = params.get(SETTING_NAMES.expectedIssuer);
  if (issuer !== null) state.expectedIssuer = issuer;
  const audience = params.get(SETTING_NAMES.expectedAudience);
  if (audience !== null) state.expectedAudience = audience;
  const key = params.get('key');
  if (key !== null && key !== '') state.key = key;
  return result;
}

/** How much harm a key does in the wrong hands: public keys none, the rest all. */
export type KeySensitivity = 'none' | 'public' | 'secret' | 'private';

/** Whether the recognised key is empty, public, an HMAC secret or a private key. */
export function keySensitivity(key: ParsedKey): KeySensitivity {
  switch (key.kind) {
    case 'empty':
      return 'none';
    case 'ssh':
      return 'public';
    case 'secret':
      return 'secret';
    case 'pem':
    case 'jwk':
      if (key.facts.kty === 'oct') return 'secret';
      return key.facts.isPrivate ? 'private' : 'public';
    case 'jwks':
      if (key.keys.some((k) => k.facts.kty === 'oct')) return 'secret';
      return key.keys.some((k) => k.facts.isPrivate) ? 'private' : 'public';
  }
}
