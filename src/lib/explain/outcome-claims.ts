/**
 * What each library says about the claims of a token whose signature holds,
 * each in its own order and words: PyJWT (from the claim verdicts, which
 * follow its rules), jose 6 `jwtVerify` and node-jsonwebtoken 9 `verify`.
 */
import type { ClaimsReport } from '../claims/check-claims';
import type { JsonObject } from '../jws/decode';
import { err, joseErr, ok, type LibraryOutcome } from './library-outcome';
import type { OutcomeSettings } from './outcomes';

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const has = (p: JsonObject, name: string) => Object.prototype.hasOwnProperty.call(p, name);

const PYJWT: Record<string, [string, string] | ((claim: string) => [string, string])> = {
  ERR_CLAIM_EXPIRED: ['ExpiredSignatureError', 'Signature has expired'],
  ERR_CLAIM_NOT_YET_VALID: ['ImmatureSignatureError', 'The token is not yet valid (nbf)'],
  ERR_CLAIM_ISSUED_IN_FUTURE: ['ImmatureSignatureError', 'The token is not yet valid (iat)'],
  ERR_CLAIM_ISSUER: ['InvalidIssuerError', 'Invalid issuer'],
  ERR_CLAIM_AUDIENCE: ['InvalidAudienceError', 'Invalid audience'],
  ERR_CLAIM_MISSING: (c) => ['MissingRequiredClaimError', `Token is missing the "${c}" claim`],
  ERR_CLAIM_NOT_NUMERIC: (c) =>
    c === 'iat'
      ? ['InvalidIssuedAtError', 'Issued At claim (iat) must be an integer.']
      : [
          'DecodeError',
          c === 'exp'
            ? 'Expiration Time claim (exp) must be an integer.'
            : 'Not Before claim (nbf) must be an integer.',
        ],
};

/** PyJWT `jwt.decode`: the first claim failure, named as PyJWT names it. */
export function pyjwtClaims(
  payload: JsonObject,
  claims: ClaimsReport,
  settings: OutcomeSettings,
): LibraryOutcome {
  const first = claims.firstFailure;
  if (first) {
    const entry = PYJWT[first.code];
    const [name, message] =
      typeof entry === 'function'
        ? entry(first.claim ?? '')
        : (entry ?? [first.pyjwt ?? 'PyJWTError', first.message]);
    return err('pyjwt', name, message);
  }
  // PyJWT rejects a token that names an audience when the server expects none.
  if (has(payload, 'aud') && !settings.expectedAudience.trim())
    return err('pyjwt', 'InvalidAudienceError', 'Invalid audience');
  return ok('pyjwt');
}

/** jose `jwtVerify`: required claims, iss, aud, then the types and times of iat, nbf, exp. */
export function joseClaims(payload: JsonObject, s: OutcomeSettings): LibraryOutcome {
  const iss = s.expectedIssuer.trim();
  const aud = s.expectedAudience.trim();
  const fail = (name: string, code: string, claim: string, reason: string, message: string) =>
    joseErr(name, code, message, { claim, reason });
  const claimFail = (claim: string, reason: string, message: string) =>
    fail('JWTClaimValidationFailed', 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim, reason, message);
  // jose asks for presence in the order of new Set([...required, aud?, iss?].reverse()):
  // iss, aud, then the required claims last to first. The same order, with no list made.
  const missing = (claim: string) =>
    claimFail(claim, 'missing', `missing required "${claim}" claim`);
  if (iss && !has(payload, 'iss')) return missing('iss');
  if (aud && !has(payload, 'aud')) return missing('aud');
  for (let i = s.requiredClaims.length - 1; i >= 0; i--)
    if (!has(payload, s.requiredClaims[i]!)) return missing(s.requiredClaims[i]!);
  if (iss && payload.iss !== iss)
    return claimFail('iss', 'check_failed', 'unexpected "iss" claim value');
  if (aud) {
    const list =
      typeof payload.aud === 'string'
        ? [payload.aud]
        : Array.isArray(payload.aud)
          ? payload.aud
          : [];
    if (!list.includes(aud))
      return claimFail('aud', 'check_failed', 'unexpected "aud" claim value');
  }
  for (const claim of ['iat', 'nbf', 'exp'] as const) {
    if (payload[claim] !== undefined && !isNumber(payload[claim]))
      return claimFail(claim, 'invalid', `"${claim}" claim must be a number`);
    const t = payload[claim];
    if (claim === 'nbf' && isNumber(t) && t > Math.floor(s.now) + s.leeway)
      return claimFail('nbf', 'check_failed', '"nbf" claim timestamp check failed');
    if (claim === 'exp' && isNumber(t) && t <= Math.floor(s.now) - s.leeway)
      return fail(
        'JWTExpired',
        'ERR_JWT_EXPIRED',
        'exp',
        'check_failed',
        '"exp" claim timestamp check failed',
      );
  }
  return ok('jose');
}

/** jsonwebtoken `verify`: nbf, exp, aud, iss, in that order. */
export function jsonwebtokenClaims(payload: JsonObject, s: OutcomeSettings): LibraryOutcome {
  const fail = (message: string, name = 'JsonWebTokenError') => err('jsonwebtoken', name, message);
  const now = Math.floor(s.now);
  if (payload.nbf !== undefined) {
    if (typeof payload.nbf !== 'number') return fail('invalid nbf value');
    if (payload.nbf > now + s.leeway) return fail('jwt not active', 'NotBeforeError');
  }
  if (payload.exp !== undefined) {
    if (typeof payload.exp !== 'number') return fail('invalid exp value');
    if (now >= payload.exp + s.leeway) return fail('jwt expired', 'TokenExpiredError');
  }
  const aud = s.expectedAudience.trim();
  if (aud) {
    const list = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!list.includes(aud)) return fail(`jwt audience invalid. expected: ${aud}`);
  }
  const iss = s.expectedIssuer.trim();
  if (iss && payload.iss !== iss) return fail(`jwt issuer invalid. expected: ${iss}`);
  return ok('jsonwebtoken');
}
