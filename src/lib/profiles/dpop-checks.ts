/**
 * The checks of RFC 9449 §4.3, one function each: a check passes, fails with
 * a stable code and a message that says what was wrong, or is skipped when
 * the person gave nothing to check it against. `judgeDpop` runs them in order.
 */
import { LabError, type ErrorCode } from '../errors';
import { isNone, jwsAlgorithm } from '../jws/algorithms';
import { jktOf } from './access-token';
import type { DpopFacts } from './dpop-facts';
import { privateMembersOf, staleIat } from './dpop-rules';
import { comparableUri } from './htu';

/** The checks of RFC 9449 §4.3, by name. */
export type DpopCheckId =
  | 'alg'
  | 'jwk'
  | 'private-jwk'
  | 'signature'
  | 'jti'
  | 'htm'
  | 'htu'
  | 'iat'
  | 'nonce'
  | 'ath'
  | 'jkt';

/** One check: `skipped` when the person gave nothing to check it against. */
export interface DpopCheck {
  id: DpopCheckId;
  status: 'ok' | 'fail' | 'skipped' | 'checking';
  message: string;
  error?: LabError;
}

const problem = (id: DpopCheckId, code: ErrorCode, message: string): DpopCheck => ({
  id,
  status: 'fail',
  message,
  error: new LabError(code, message, { claim: id, reason: 'check_failed' }),
});
const passed = (id: DpopCheckId, message: string): DpopCheck => ({ id, status: 'ok', message });
const skipped = (id: DpopCheckId, message: string): DpopCheck => ({
  id,
  status: 'skipped',
  message,
});

function missing(claim: 'jti' | 'htm' | 'htu' | 'iat'): DpopCheck {
  return problem(
    claim,
    'ERR_DPOP_CLAIM_MISSING',
    `The proof has no "${claim}" claim, which RFC 9449 §4.2 requires.`,
  );
}

/** `alg` must name an asymmetric signature algorithm: never `none` or a MAC. */
export function algCheck(alg: string): DpopCheck {
  const family = jwsAlgorithm(alg)?.family;
  if (isNone(alg) || family === 'HMAC' || family === undefined)
    return problem(
      'alg',
      'ERR_DPOP_ALG',
      `"alg": "${alg}" is not allowed in a DPoP proof: it must name an asymmetric signature algorithm, never "none" or a MAC (RFC 9449 §4.2).`,
    );
  return passed('alg', `"${alg}" is an asymmetric signature algorithm.`);
}

/** The proof must carry the public key it is signed with, as a JWK in `jwk`. */
export function jwkCheck(jwk: unknown): DpopCheck {
  if (
    typeof jwk !== 'object' ||
    jwk === null ||
    Array.isArray(jwk) ||
    typeof (jwk as { kty?: unknown }).kty !== 'string'
  )
    return problem(
      'jwk',
      'ERR_DPOP_JWK',
      'The proof has no usable "jwk" header: a DPoP proof carries the public key it is signed with (RFC 9449 §4.2).',
    );
  return passed('jwk', 'The proof carries its public key in "jwk".');
}

/** The proof's `jwk` must hold no private members: a published private key signs anyone's proofs. */
export function privateJwkCheck(jwk: unknown): DpopCheck {
  const secrets = privateMembersOf(jwk);
  return secrets.length
    ? problem(
        'private-jwk',
        'ERR_DPOP_PRIVATE_JWK',
        `The "jwk" header holds private members (${secrets.join(', ')}): the client published its private key, and anyone can now make its proofs (RFC 9449 §4.2).`,
      )
    : passed('private-jwk', 'The "jwk" header holds a public key only.');
}

/** The signature with the proof's own key: `checking` until the crypto has answered. */
export function signatureCheck(facts: DpopFacts | undefined): DpopCheck {
  return !facts
    ? {
        id: 'signature',
        status: 'checking',
        message: "Checking the signature with the proof's own key…",
      }
    : facts.signature.status === 'verified'
      ? passed('signature', 'The signature verifies with the key in the proof\'s own "jwk" header.')
      : problem(
          'signature',
          'ERR_DPOP_SIGNATURE',
          `The signature does not verify with the proof's own "jwk": ${facts.signature.message}`,
        );
}

/** A `jti`, so the server can refuse a proof it has seen before. */
export function jtiCheck(jti: unknown): DpopCheck {
  return typeof jti === 'string' && jti !== ''
    ? passed('jti', 'A "jti" is present: the server can refuse a proof it has seen before.')
    : missing('jti');
}

/** `htm` must be the request's method, to the letter. */
export function htmCheck(htm: unknown, typed: string): DpopCheck {
  if (typeof htm !== 'string') return missing('htm');
  const method = typed.trim();
  if (!method) return skipped('htm', `"htm" is ${htm}: type the request's method to check it.`);
  if (htm === method) return passed('htm', `"htm" is ${htm}, the request's method.`);
  const hint =
    htm.toUpperCase() === method.toUpperCase() ? ' (HTTP methods are case-sensitive)' : '';
  return problem(
    'htm',
    'ERR_DPOP_HTM',
    `"htm" is ${JSON.stringify(htm)} but the request's method is ${JSON.stringify(method)}${hint}.`,
  );
}

/** `htu` must be the request's URL, compared without query and fragment. */
export function htuCheck(htu: unknown, typed: string): DpopCheck {
  if (typeof htu !== 'string') return missing('htu');
  if (!typed.trim()) return skipped('htu', `"htu" is ${htu}: type the request's URL to check it.`);
  const want = comparableUri(typed);
  if (!want.ok) return problem('htu', 'ERR_DPOP_HTU', want.error.message);
  const have = comparableUri(htu);
  if (!have.ok)
    return problem('htu', 'ERR_DPOP_HTU', `"htu" is ${JSON.stringify(htu)}, not an absolute URL.`);
  if (have.value === want.value)
    return passed(
      'htu',
      `"htu" matches the request's URL (compared without query and fragment, scheme and host without case).`,
    );
  return problem(
    'htu',
    'ERR_DPOP_HTU',
    `"htu" is ${have.value} but the request's URL is ${want.value} (compared without query and fragment, RFC 9449 §4.3).`,
  );
}

/** `iat` must be recent: an old proof is a replayed one. */
export function iatCheck(iat: unknown, now: number, leeway: number): DpopCheck {
  if (typeof iat !== 'number' || !Number.isFinite(iat)) return missing('iat');
  const stale = staleIat(iat, now, leeway);
  if (stale)
    return problem(
      'iat',
      'ERR_DPOP_IAT_STALE',
      `${stale} An old proof is a replayed one (RFC 9449 §11.1).`,
    );
  return passed('iat', '"iat" is recent enough.');
}

/** `nonce` must be the one the server gave, when the person typed one. */
export function nonceCheck(nonce: unknown, expected: string): DpopCheck {
  if (!expected)
    return skipped(
      'nonce',
      nonce === undefined
        ? 'No nonce expected.'
        : 'The proof carries a "nonce": type the expected nonce to check it.',
    );
  if (nonce === expected) return passed('nonce', '"nonce" is the one the server gave.');
  const found =
    nonce === undefined ? 'the proof has none' : `the proof has ${JSON.stringify(nonce)}`;
  return problem(
    'nonce',
    'ERR_DPOP_NONCE',
    `The server's nonce is ${JSON.stringify(expected)} but ${found} (RFC 9449 §8, §9).`,
  );
}

/** `ath` must be the SHA-256 of the access token sent with the proof. */
export function athCheck(
  ath: unknown,
  accessToken: string,
  facts: DpopFacts | undefined,
): DpopCheck {
  if (!accessToken)
    return skipped(
      'ath',
      ath === undefined
        ? 'No access token given.'
        : 'The proof carries "ath": paste the access token to check it.',
    );
  if (typeof ath !== 'string')
    return problem(
      'ath',
      'ERR_DPOP_ATH',
      'The proof has no "ath", yet it comes with an access token: RFC 9449 §7 requires the access token\'s hash in the proof.',
    );
  if (!facts?.ath) return { id: 'ath', status: 'checking', message: 'Hashing the access token…' };
  if (facts.ath === ath) return passed('ath', '"ath" is the SHA-256 of the access token.');
  return problem(
    'ath',
    'ERR_DPOP_ATH',
    `"ath" is ${ath} but the access token's SHA-256 is ${facts.ath}: the proof was made for another access token.`,
  );
}

/** The proof's key must be the one the access token is bound to (`cnf.jkt`). */
export function jktCheck(accessToken: string, facts: DpopFacts | undefined): DpopCheck {
  if (!accessToken) return skipped('jkt', 'No access token given.');
  const jkt = jktOf(accessToken);
  if (jkt === undefined)
    return skipped(
      'jkt',
      'The access token carries no "cnf.jkt" (an opaque token is bound through introspection): the key binding is not checked.',
    );
  if (!facts) return { id: 'jkt', status: 'checking', message: "Taking the key's thumbprint…" };
  if (facts.thumbprint === jkt)
    return passed('jkt', 'The proof\'s key is the one the access token is bound to ("cnf.jkt").');
  return problem(
    'jkt',
    'ERR_DPOP_JKT',
    `The access token is bound to key ${jkt} ("cnf.jkt") but the proof's key has thumbprint ${facts.thumbprint ?? '(none)'}: the token was not issued to this key.`,
  );
}
