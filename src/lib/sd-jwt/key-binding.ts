/**
 * The key-binding JWT (RFC 9901 §4.3): the holder's proof that it holds the
 * key the issuer put in `cnf`, signed over this very presentation (`sd_hash`)
 * for this verifier (`aud`) and this request (`nonce`). Its signature and
 * `sd_hash` need crypto (asynchronous, {@link keyBindingFacts}); `aud`,
 * `nonce` and `iat` depend on what the person types, so they are judged
 * apart, synchronously, on every keystroke ({@link judgeKeyBinding}).
 */
import { decodeToken, type JsonObject } from '../jws/decode';
import { algorithmOf, verifyWith } from '../jws/verify';
import type { KeyResolver } from '../keys/resolve';
import type { ErrorCode } from '../errors';
import { digestOf } from './disclosure';

/** The page's `kb-status` values. */
export type KbStatus = 'verified' | 'invalid' | 'absent' | 'key-error';

/** One failed check of the key-binding JWT. */
export interface KbFailure {
  /** The check's name as the page says it: `typ`, `signature`, `sd_hash`, `aud`, `nonce`, `iat`. */
  check: string;
  code: ErrorCode;
  message: string;
}

/** What the asynchronous part found. */
export interface KbFacts {
  status: KbStatus;
  /** Why there is no verdict (`absent`, `key-error`). */
  message?: string;
  payload?: JsonObject;
  /** Failures already known: format, `typ`, signature, `sd_hash`. */
  failures: KbFailure[];
}

/** The verdict the page shows in `kb-status`. */
export interface KbVerdict {
  status: KbStatus;
  message: string;
  failures: KbFailure[];
}

/** What the holder's proof is judged against. */
export interface KbExpectations {
  expectedAudience: string;
  expectedNonce: string;
  now: number;
  leeway: number;
}

/** How old a key-binding JWT may be, beyond the leeway: it proves a fresh presentation. */
export const KB_MAX_AGE = 300;

/** Check the key-binding JWT's signature with the issuer JWT's `cnf.jwk`, and its `sd_hash`. */
export async function keyBindingFacts(
  kbJwt: string | undefined,
  presentation: string,
  issuerPayload: JsonObject,
  hash: string,
  resolver: KeyResolver,
): Promise<KbFacts> {
  const cnf = issuerPayload['cnf'];
  const jwk = cnf !== null && typeof cnf === 'object' ? (cnf as JsonObject)['jwk'] : undefined;
  if (kbJwt === undefined)
    return {
      status: 'absent',
      message: `No key-binding JWT: the presentation ends with "~".${jwk ? ' The issuer bound the credential to a key (cnf), so a verifier that requires key binding must reject it.' : ''}`,
      failures: [],
    };
  const decoded = decodeToken(kbJwt);
  if (!decoded.ok || decoded.value.kind !== 'jws' || decoded.value.payloadForm !== 'claims')
    return invalid(
      'format',
      'ERR_KB_FORMAT',
      `The key-binding JWT does not decode as a signed JWT: ${decoded.ok ? 'its payload is not a claims set' : decoded.error.message}`,
    );
  const token = decoded.value;
  const failures: KbFailure[] = [];
  if (token.header['typ'] !== 'kb+jwt')
    failures.push({
      check: 'typ',
      code: 'ERR_KB_TYP',
      message: `its header's "typ" is ${JSON.stringify(token.header['typ'] ?? null)}, not "kb+jwt" (RFC 9901 §4.3)`,
    });
  if (jwk === null || typeof jwk !== 'object')
    return {
      status: 'key-error',
      message:
        'The issuer JWT has no "cnf" with a "jwk": there is no holder key to check the key-binding JWT with (RFC 9901 §4.1.2).',
      payload: token.payload,
      failures,
    };
  const checked = algorithmOf(token.alg);
  if ('verdict' in checked)
    return {
      status: 'key-error',
      message: `The key-binding JWT: ${checked.verdict.message}`,
      payload: token.payload,
      failures,
    };
  const selection = await resolver.resolve(JSON.stringify(jwk), checked.algorithm, 'verify', {
    secretEncoding: 'utf8',
  });
  const verdict = await verifyWith(token, checked.algorithm, selection);
  if (verdict.status === 'key-error' || verdict.status === 'needs-key')
    return {
      status: 'key-error',
      message: `The "cnf" key does not fit the key-binding JWT: ${verdict.message}`,
      payload: token.payload,
      failures,
    };
  if (verdict.status !== 'verified')
    failures.push({
      check: 'signature',
      code: 'ERR_KB_SIGNATURE',
      message: `its signature does not verify with the issuer JWT's cnf key: whoever made it does not hold the key the credential is bound to`,
    });
  const sdHash = token.payload['sd_hash'];
  const expected = await digestOf(presentation, hash);
  if (sdHash !== expected)
    failures.push({
      check: 'sd_hash',
      code: 'ERR_KB_SD_HASH',
      message:
        sdHash === undefined
          ? 'it has no "sd_hash"'
          : `its "sd_hash" is ${JSON.stringify(sdHash)}, but the presentation up to the last "~" hashes to "${expected}": it was made for other disclosures`,
    });
  return { status: failures.length ? 'invalid' : 'verified', payload: token.payload, failures };
}

/** The verdict for what the person expects: `aud`, `nonce` and the age given by `iat`. */
export function judgeKeyBinding(facts: KbFacts, expect: KbExpectations): KbVerdict {
  if (facts.status === 'absent' || facts.status === 'key-error' || !facts.payload)
    return { status: facts.status, message: facts.message ?? '', failures: facts.failures };
  const failures = [...facts.failures];
  const payload = facts.payload;
  const { aud, nonce, iat } = payload;
  if (typeof aud !== 'string' || (expect.expectedAudience && aud !== expect.expectedAudience))
    failures.push({
      check: 'aud',
      code: 'ERR_KB_AUD',
      message:
        typeof aud !== 'string'
          ? 'it has no "aud" string naming the verifier'
          : `its "aud" is "${aud}", not the expected "${expect.expectedAudience}": it was made for another verifier`,
    });
  if (typeof nonce !== 'string' || (expect.expectedNonce && nonce !== expect.expectedNonce))
    failures.push({
      check: 'nonce',
      code: 'ERR_KB_NONCE',
      message:
        typeof nonce !== 'string'
          ? 'it has no "nonce" string'
          : `its "nonce" is "${nonce}", not the expected "${expect.expectedNonce}": it may be a replay of an earlier presentation`,
    });
  const { now, leeway } = expect;
  if (typeof iat !== 'number' || iat > now + leeway || iat < now - KB_MAX_AGE - leeway)
    failures.push({
      check: 'iat',
      code: 'ERR_KB_IAT',
      message:
        typeof iat !== 'number'
          ? 'it has no numeric "iat"'
          : iat > now + leeway
            ? `its "iat" (${iat}) is in the future by ${iat - now} s, beyond the leeway of ${leeway} s`
            : `its "iat" (${iat}) is ${now - iat} s old; a key-binding JWT is a fresh proof, accepted for ${KB_MAX_AGE} s plus the leeway of ${leeway} s`,
    });
  if (!failures.length)
    return {
      status: 'verified',
      message: 'The key-binding JWT verifies with the cnf key; sd_hash, aud, nonce and iat check.',
      failures,
    };
  return {
    status: 'invalid',
    message: `The key-binding JWT fails ${failures.map((f) => f.check).join(', ')}: ${failures.map((f) => f.message).join('; ')}.`,
    failures,
  };
}

function invalid(check: string, code: ErrorCode, message: string): KbFacts {
  return { status: 'invalid', failures: [{ check, code, message }] };
}
