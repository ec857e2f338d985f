/**
 * What three widely used libraries would answer for the current token, key
 * and settings: PyJWT 2.x `jwt.decode`, jose 6 `jwtVerify` and
 * node-jsonwebtoken 9 `verify`, each with the error it throws. They check in
 * different orders (signature first in all three; then PyJWT: required, iat,
 * nbf, exp, iss, aud; jose: required, iss, aud, iat type, nbf, exp;
 * jsonwebtoken: nbf, exp, aud, iss), so one token can fail differently in
 * each. Checked against the real libraries in tests/unit/outcomes.test.ts.
 */
import type { Result } from './errors';
import type { DecodedToken, JsonObject } from './decode';
import type { SignatureVerdict } from './verify';
import type { ClaimsReport } from './claims';

/** The libraries compared. */
export type LibraryId = 'pyjwt' | 'jose' | 'jsonwebtoken';

/** How the key box's text reaches the library. */
export type KeyForm = 'empty' | 'secret' | 'pem' | 'jwk' | 'jwks' | 'other';

/** The server's settings, as the snippets configure them. */
export interface OutcomeSettings {
  /** The algorithms the server allows (never taken from the token). */
  algorithms: readonly string[];
  leeway: number;
  expectedIssuer: string;
  expectedAudience: string;
  requiredClaims: readonly string[];
  /** The moment judged, in seconds since 1970. */
  now: number;
  keyForm: KeyForm;
}

/** One library's answer. */
export interface LibraryOutcome {
  library: LibraryId;
  ok: boolean;
  /** Exception class (PyJWT, jsonwebtoken) or jose's error class. */
  name: string;
  /** jose's `code` (`ERR_JWT_EXPIRED`); undefined elsewhere. */
  code?: string;
  message: string;
  /** jose's claim failures carry the claim and a reason. */
  claim?: string;
  reason?: string;
  /** True when the real message only starts with `message` (it quotes a parser's text). */
  prefix?: boolean;
}

const HS = /^HS(256|384|512)$/;
const ok = (library: LibraryId): LibraryOutcome => ({ library, ok: true, name: 'ok', message: '' });
const err = (
  library: LibraryId,
  name: string,
  message: string,
  extra: Partial<LibraryOutcome> = {},
) => ({ library, ok: false, name, message, ...extra }) satisfies LibraryOutcome;
const joseErr = (
  name: string,
  code: string,
  message: string,
  extra: Partial<LibraryOutcome> = {},
) => err('jose', name, message, { code, ...extra });

/** The algorithms a well-configured server allows for this key (never `none`). */
export function serverAlgorithms(
  tokenAlg: string,
  keyKty: string | undefined,
  crv?: string,
): string[] {
  const family = (alg: string) =>
    HS.test(alg)
      ? 'oct'
      : /^(RS|PS)/.test(alg)
        ? 'RSA'
        : /^ES/.test(alg)
          ? 'EC'
          : alg === 'EdDSA' || alg === 'Ed25519'
            ? 'OKP'
            : '';
  // No key yet: the server is assumed to expect what the token claims (never none).
  if (keyKty === undefined) return family(tokenAlg) ? [tokenAlg] : ['HS256'];
  const kty = keyKty;
  if (family(tokenAlg) === kty) return [tokenAlg];
  if (kty === 'RSA') return ['RS256'];
  if (kty === 'EC') return [crv === 'P-384' ? 'ES384' : crv === 'P-521' ? 'ES512' : 'ES256'];
  if (kty === 'OKP') return ['EdDSA'];
  return ['HS256'];
}

/** Predict each library's outcome; undefined for a JWE (none of them is asked). */
export function predictOutcomes(
  decoded: Result<DecodedToken>,
  signature: SignatureVerdict,
  claims: ClaimsReport | undefined,
  settings: OutcomeSettings,
): LibraryOutcome[] | undefined {
  if (decoded.ok && decoded.value.kind === 'jwe') return undefined;
  if (!decoded.ok) return malformed(decoded.error.code, decoded.error.part);
  const token = decoded.value;
  if (token.kind !== 'jws') return undefined;
  const alg = token.alg;
  const hasSignature = token.compact.split('.')[2] !== '';

  // Algorithm allow-list, before any key is touched (all three).
  if (!settings.algorithms.includes(alg)) {
    const keyGiven = settings.keyForm !== 'empty';
    return [
      err('pyjwt', 'InvalidAlgorithmError', 'The specified alg value is not allowed'),
      joseErr(
        'JOSEAlgNotAllowed',
        'ERR_JOSE_ALG_NOT_ALLOWED',
        '"alg" (Algorithm) Header Parameter value not allowed',
      ),
      err(
        'jsonwebtoken',
        'JsonWebTokenError',
        !hasSignature && keyGiven
          ? 'jwt signature is required'
          : hasSignature && !keyGiven
            ? 'secret or public key must be provided'
            : 'invalid algorithm',
      ),
    ];
  }

  // A key that cannot serve the algorithm: each library words it its own way.
  const code = signature.error?.code;
  if (signature.status === 'key-error' && HS.test(alg) && settings.keyForm === 'pem')
    return [
      err(
        'pyjwt',
        'InvalidKeyError',
        'The specified key is an asymmetric key or x509 certificate and should not be used as an HMAC secret.',
      ),
      joseErr(
        'JOSENotSupported',
        'ERR_JOSE_NOT_SUPPORTED',
        'Invalid or unsupported "alg" (Algorithm) value',
      ),
      err(
        'jsonwebtoken',
        'JsonWebTokenError',
        `secretOrPublicKey must be a symmetric key when using ${alg}`,
      ),
    ];
  if (signature.status === 'key-error' && !HS.test(alg) && settings.keyForm === 'secret')
    return [
      err('pyjwt', 'ValueError', 'Could not deserialize key data.', { prefix: true }),
      err(
        'jose',
        'TypeError',
        `Key for the ${alg} algorithm must be one of type CryptoKey, KeyObject, or JSON Web Key. Received an instance of Uint8Array`,
      ),
      err(
        'jsonwebtoken',
        'JsonWebTokenError',
        `secretOrPublicKey must be an asymmetric key when using ${alg}`,
      ),
    ];
  if (signature.status === 'needs-key' || signature.status === 'key-error') {
    const why =
      signature.status === 'needs-key'
        ? 'No key yet: every library needs one.'
        : `The key does not fit ${alg}: ${signature.message}`;
    return (['pyjwt', 'jose', 'jsonwebtoken'] as const).map((l) =>
      err(l, 'key', why, code ? { code } : {}),
    );
  }
  if (signature.status === 'invalid')
    return [
      err('pyjwt', 'InvalidSignatureError', 'Signature verification failed'),
      joseErr(
        'JWSSignatureVerificationFailed',
        'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
        'signature verification failed',
      ),
      err('jsonwebtoken', 'JsonWebTokenError', 'invalid signature'),
    ];
  if (signature.status !== 'verified' || !claims) return undefined;
  return [
    pyjwtClaims(token.payload, claims, settings),
    joseClaims(token.payload, settings),
    jsonwebtokenClaims(token.payload, settings),
  ];
}

function malformed(code: string, part: string | undefined): LibraryOutcome[] {
  const jwtMalformed = err('jsonwebtoken', 'JsonWebTokenError', 'jwt malformed');
  if (code === 'ERR_TOKEN_PARTS' || code === 'ERR_TOKEN_EMPTY')
    return [
      err('pyjwt', 'DecodeError', 'Not enough segments'),
      joseErr('JWSInvalid', 'ERR_JWS_INVALID', 'Invalid Compact JWS'),
      jwtMalformed,
    ];
  const pyPart = part === 'signature' ? 'crypto' : part;
  const pyjwt =
    code === 'ERR_PART_BASE64URL'
      ? err('pyjwt', 'DecodeError', `Invalid ${pyPart} padding`)
      : part === 'header'
        ? err('pyjwt', 'DecodeError', 'Invalid header string: ', { prefix: true })
        : err('pyjwt', 'DecodeError', 'Invalid payload string: ', { prefix: true });
  // jose checks the signature over the raw text before it decodes the payload.
  const jose =
    part === 'header'
      ? joseErr('JWSInvalid', 'ERR_JWS_INVALID', 'JWS Protected Header incorrect encoding')
      : joseErr(
          'JWSSignatureVerificationFailed',
          'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
          'signature verification failed',
        );
  return [pyjwt, jose, err('jsonwebtoken', 'JsonWebTokenError', 'invalid token')];
}

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

function pyjwtClaims(
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

function joseClaims(payload: JsonObject, s: OutcomeSettings): LibraryOutcome {
  const iss = s.expectedIssuer.trim();
  const aud = s.expectedAudience.trim();
  const fail = (name: string, code: string, claim: string, reason: string, message: string) =>
    joseErr(name, code, message, { claim, reason });
  const claimFail = (claim: string, reason: string, message: string) =>
    fail('JWTClaimValidationFailed', 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim, reason, message);
  const presence = [
    ...s.requiredClaims,
    ...(aud ? ['aud'] : []),
    ...(iss ? ['iss'] : []),
  ].reverse();
  for (const claim of new Set(presence))
    if (!has(payload, claim))
      return claimFail(claim, 'missing', `missing required "${claim}" claim`);
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

function jsonwebtokenClaims(payload: JsonObject, s: OutcomeSettings): LibraryOutcome {
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
