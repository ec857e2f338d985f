/**
 * OpenID Connect's own rules, as claim rows beside the registered claims'
 * ones: an ID token's `at_hash`, `c_hash`, `s_hash` against what the person
 * pasted, `nonce` against the expected one, `azp` when `aud` has several
 * values (Core §3.1.3.6, §3.1.3.7, §3.3.2.11, FAPI 1.0 §5.1); a logout
 * token's rules (Back-Channel Logout 1.0 §2.4, §2.6).
 */
import type { ClaimVerdict } from '../claims/check-claims';
import { LabError, type ErrorCode } from '../errors';
import { cleanAccessToken } from './access-token';
import { hashText, oidcHashOf } from './hashes';
import { LOGOUT_EVENT } from './kind';

/** The texts an ID token's hashes are compared with (empty = not checked). */
export interface OidcTexts {
  accessToken: string;
  code: string;
  state: string;
}

/** The left-half hashes of the pasted texts, with the hash the `alg` names. */
export interface OidcFacts {
  at?: string;
  c?: string;
  s?: string;
}

/** What an ID token is judged against besides the pasted texts. */
export interface OidcExpectations {
  nonce: string;
  audience: string;
}

const HASHED = [
  {
    claim: 'at_hash',
    key: 'at',
    text: 'accessToken',
    what: 'access token',
    code: 'ERR_OIDC_AT_HASH',
  },
  { claim: 'c_hash', key: 'c', text: 'code', what: 'authorization code', code: 'ERR_OIDC_C_HASH' },
  { claim: 's_hash', key: 's', text: 'state', what: 'state', code: 'ERR_OIDC_S_HASH' },
] as const;

const textOf = (texts: OidcTexts, name: keyof OidcTexts): string =>
  name === 'accessToken' ? cleanAccessToken(texts.accessToken) : texts[name].trim();

/** Hash the pasted texts as the ID token's `alg` says (asynchronous: WebCrypto). */
export async function oidcFacts(alg: string, texts: OidcTexts): Promise<OidcFacts> {
  const hash = oidcHashOf(alg);
  const facts: OidcFacts = {};
  if (!hash) return facts;
  for (const row of HASHED) {
    const text = textOf(texts, row.text);
    if (text) facts[row.key] = await hashText(text, hash, true);
  }
  return facts;
}

const row = (
  name: string,
  payload: Record<string, unknown>,
  status: ClaimVerdict['status'],
  message: string,
  code?: ErrorCode,
): ClaimVerdict => ({
  name,
  value: payload[name],
  present: name in payload,
  status,
  message,
  ...(code ? { error: new LabError(code, message, { claim: name, reason: 'check_failed' }) } : {}),
});

/** The ID token's OpenID Connect rows; `facts` undefined while the hashes are computed. */
export function judgeIdToken(
  payload: Record<string, unknown>,
  alg: string,
  facts: OidcFacts | undefined,
  texts: OidcTexts,
  expect: OidcExpectations,
): ClaimVerdict[] {
  const rows: ClaimVerdict[] = [];
  const hash = oidcHashOf(alg);
  for (const h of HASHED) {
    const text = textOf(texts, h.text);
    const has = h.claim in payload;
    if (!text) {
      if (has)
        rows.push(
          row(h.claim, payload, 'info', `Hash of the ${h.what}: paste the ${h.what} to check it.`),
        );
      continue;
    }
    if (!has) {
      rows.push(
        row(
          h.claim,
          payload,
          'info',
          `The ID token has no ${h.claim}, so the ${h.what} is not bound to it (required only when the ${h.what} comes with the ID token from the authorization endpoint).`,
        ),
      );
      continue;
    }
    if (!hash) {
      rows.push(
        row(
          h.claim,
          payload,
          'fail',
          `"alg": "${alg}" names no hash, so ${h.claim} cannot be computed (OpenID Connect Core §3.1.3.6).`,
          'ERR_OIDC_HASH_ALG',
        ),
      );
      continue;
    }
    const computed = facts?.[h.key];
    if (computed === undefined) {
      rows.push(row(h.claim, payload, 'info', `Hashing the ${h.what}…`));
      continue;
    }
    rows.push(
      computed === payload[h.claim]
        ? row(
            h.claim,
            payload,
            'ok',
            `Matches the ${h.what}: the left half of its ${hash}, base64url.`,
          )
        : row(
            h.claim,
            payload,
            'fail',
            `Does not match the ${h.what}: the left half of its ${hash} is ${computed}. The ${h.what} was not issued with this ID token.`,
            h.code,
          ),
    );
  }
  const nonce = expect.nonce.trim();
  if (nonce)
    rows.push(
      payload.nonce === nonce
        ? row(
            'nonce',
            payload,
            'ok',
            'The nonce the client sent in its request: this ID token answers that request.',
          )
        : row(
            'nonce',
            payload,
            'fail',
            `Expected nonce ${JSON.stringify(nonce)}, ${'nonce' in payload ? `found ${JSON.stringify(payload.nonce)}` : 'but the ID token has none'}: it may be a replayed token (OpenID Connect Core §3.1.3.7 step 11).`,
            'ERR_OIDC_NONCE',
          ),
    );
  const azp = azpRow(payload, expect.audience.trim());
  if (azp) rows.push(azp);
  return rows;
}

function azpRow(payload: Record<string, unknown>, audience: string): ClaimVerdict | undefined {
  const aud = payload.aud;
  const several = Array.isArray(aud) && aud.length > 1;
  if (!several && !('azp' in payload)) return undefined;
  if (!('azp' in payload))
    return row(
      'azp',
      payload,
      'warn',
      '"aud" names several audiences but there is no "azp" saying which client the token was issued to (OpenID Connect Core §3.1.3.7 step 4).',
    );
  if (audience && payload.azp !== audience)
    return row(
      'azp',
      payload,
      'fail',
      `"azp" is ${JSON.stringify(payload.azp)}, not the expected client ${JSON.stringify(audience)}: the token was issued to another client (§3.1.3.7 step 5).`,
      'ERR_OIDC_AZP',
    );
  return row('azp', payload, several ? 'ok' : 'info', 'The client the token was issued to.');
}

/** A logout token's rows (Back-Channel Logout 1.0 §2.4, §2.6). */
export function judgeLogoutToken(payload: Record<string, unknown>): ClaimVerdict[] {
  const rows: ClaimVerdict[] = [];
  const events = payload.events as Record<string, unknown>;
  const event = events[LOGOUT_EVENT];
  rows.push(
    typeof event === 'object' && event !== null && !Array.isArray(event)
      ? row(
          'events',
          payload,
          'ok',
          'A back-channel logout event: the RP must end the sessions it names.',
        )
      : row(
          'events',
          payload,
          'fail',
          `The logout event's value must be a JSON object (usually {}), not ${JSON.stringify(event)}.`,
          'ERR_LOGOUT_EVENT',
        ),
  );
  if ('nonce' in payload)
    rows.push(
      row(
        'nonce',
        payload,
        'fail',
        'A logout token must not carry "nonce": it would let it pass for an ID token (§2.4).',
        'ERR_LOGOUT_NONCE',
      ),
    );
  const sub = 'sub' in payload;
  const sid = 'sid' in payload;
  if (!sub && !sid)
    rows.push(
      row(
        'sid',
        payload,
        'fail',
        'A logout token must name a "sub", a "sid" or both: otherwise it says nothing about whose session ends (§2.4).',
        'ERR_LOGOUT_SUB_SID',
      ),
    );
  else if (sid) rows.push(row('sid', payload, 'ok', 'The session to end.'));
  if (typeof payload.jti !== 'string' || payload.jti === '')
    rows.push(
      row(
        'jti',
        payload,
        'fail',
        'A logout token requires "jti", so an RP can refuse one it has seen (§2.4, §2.6).',
        'ERR_LOGOUT_JTI',
      ),
    );
  if (typeof payload.iat !== 'number')
    rows.push(
      row(
        'iat',
        payload,
        'fail',
        'A logout token requires a numeric "iat" (§2.4).',
        'ERR_LOGOUT_IAT',
      ),
    );
  return rows;
}
