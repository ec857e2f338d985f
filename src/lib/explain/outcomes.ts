/**
 * What three widely used libraries would answer for the current token, key
 * and settings: PyJWT 2.x `jwt.decode`, jose 6 `jwtVerify` and
 * node-jsonwebtoken 9 `verify`, each with the error it throws. They check in
 * different orders (signature first in all three; then PyJWT: required, iat,
 * nbf, exp, iss, aud; jose: required, iss, aud, iat type, nbf, exp;
 * jsonwebtoken: nbf, exp, aud, iss), so one token can fail differently in
 * each; how each judges the claims is in outcome-claims.ts. Checked against
 * the real libraries in tests/unit/outcomes.test.ts.
 */
import type { Result } from '../errors';
import type { DecodedToken } from '../jws/decode';
import type { SignatureVerdict } from '../jws/verify';
import type { ClaimsReport } from '../claims/check-claims';
import { jwsAlgorithm } from '../jws/algorithms';
import type { ParsedKey } from '../keys/parse';
import { err, joseErr, type LibraryOutcome } from './library-outcome';
import { joseClaims, jsonwebtokenClaims, pyjwtClaims } from './outcome-claims';

export type { LibraryId, LibraryOutcome } from './library-outcome';

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

const isHmac = (alg: string) => jwsAlgorithm(alg)?.family === 'HMAC';
const isMlDsa = (alg: string) => jwsAlgorithm(alg)?.family === 'ML-DSA';

/**
 * The algorithms a well-configured server allows for this key (never `none`);
 * `crv` is the key's curve, or for an AKP key its algorithm (RFC 9964 §3).
 */
export function serverAlgorithms(
  tokenAlg: string,
  keyKty: string | undefined,
  crv?: string,
): string[] {
  const family = (alg: string): string => jwsAlgorithm(alg)?.kty ?? '';
  // No key yet: the server is assumed to expect what the token claims (never none).
  if (keyKty === undefined) return family(tokenAlg) ? [tokenAlg] : ['HS256'];
  const kty = keyKty;
  if (family(tokenAlg) === kty) return [tokenAlg];
  if (kty === 'RSA') return ['RS256'];
  if (kty === 'EC') return [crv === 'P-384' ? 'ES384' : crv === 'P-521' ? 'ES512' : 'ES256'];
  if (kty === 'OKP') return ['EdDSA'];
  if (kty === 'AKP' && crv && isMlDsa(crv)) return [crv];
  return ['HS256'];
}

/** The judged settings the outcomes and snippets need (a subset of the pipeline's). */
export interface JudgedSettings {
  now: number;
  leeway: number;
  expectedIssuer: string;
  expectedAudience: string;
  requiredClaims: readonly string[];
  algorithms?: readonly string[];
}

/** The key facts that decide which algorithms a server allows for it. */
function keyFacts(parsed: ParsedKey): { kty?: string; crv?: string } {
  if (parsed.kind === 'secret') return { kty: 'oct' };
  const facts =
    parsed.kind === 'pem' || parsed.kind === 'jwk'
      ? parsed.facts
      : parsed.kind === 'jwks'
        ? parsed.keys[0]?.facts
        : undefined;
  if (!facts) return {};
  // An AKP key's algorithm (ML-DSA-65 …) decides its algorithm as a curve does.
  const crv = facts.crv ?? facts.keyAlg;
  return { kty: facts.kty, ...(crv ? { crv } : {}) };
}

/** How a server holding this key would be configured, for the outcomes and the snippets. */
export function outcomeSettings(
  parsedKey: Result<ParsedKey>,
  tokenAlg: string | undefined,
  settings: JudgedSettings,
): OutcomeSettings {
  // Keystroke after keystroke the key, the algorithm and the settings stay: the last answer.
  const last = lastSettings;
  if (last?.parsedKey === parsedKey && last.tokenAlg === tokenAlg && last.settings === settings)
    return last.answer;
  const answer = settingsFor(parsedKey, tokenAlg, settings);
  lastSettings = { parsedKey, tokenAlg, settings, answer };
  return answer;
}

let lastSettings:
  | {
      parsedKey: Result<ParsedKey>;
      tokenAlg: string | undefined;
      settings: JudgedSettings;
      answer: OutcomeSettings;
    }
  | undefined;

function settingsFor(
  parsedKey: Result<ParsedKey>,
  tokenAlg: string | undefined,
  settings: JudgedSettings,
): OutcomeSettings {
  const parsed: ParsedKey = parsedKey.ok ? parsedKey.value : { kind: 'empty' };
  const { kty, crv } = keyFacts(parsed);
  return {
    algorithms: settings.algorithms ?? serverAlgorithms(tokenAlg ?? 'HS256', kty, crv),
    leeway: settings.leeway,
    expectedIssuer: settings.expectedIssuer,
    expectedAudience: settings.expectedAudience,
    requiredClaims: settings.requiredClaims,
    now: settings.now,
    keyForm: parsed.kind === 'ssh' ? 'other' : parsed.kind,
  };
}

/** Predict each library's outcome; undefined for a JWE (none of them is asked). */
export function predictOutcomes(
  decoded: Result<DecodedToken>,
  signature: SignatureVerdict,
  claims: ClaimsReport | undefined,
  settings: OutcomeSettings,
): LibraryOutcome[] | undefined {
  const outcomes = predict(decoded, signature, claims, settings);
  const alg = decoded.ok && decoded.value.kind === 'jws' ? decoded.value.alg : '';
  if (!outcomes || !isMlDsa(alg) || !settings.algorithms.includes(alg)) return outcomes;
  // Allowed, but unknown to two of them (checked with PyJWT 2.6.0 and jsonwebtoken 9.0.3):
  // each fails when it looks the algorithm up, before the key or the signature matters.
  return outcomes.map((o) =>
    o.library === 'pyjwt'
      ? err('pyjwt', 'InvalidAlgorithmError', 'Algorithm not supported')
      : o.library === 'jsonwebtoken' && settings.keyForm !== 'empty'
        ? err('jsonwebtoken', 'TypeError', `"${alg}" is not a valid algorithm.`, { prefix: true })
        : o,
  );
}

function predict(
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
  const hasSignature = !token.compact.endsWith('.');

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
  if (signature.status === 'key-error' && isHmac(alg) && settings.keyForm === 'pem')
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
  if (signature.status === 'key-error' && !isHmac(alg) && settings.keyForm === 'secret')
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
