/**
 * Every failure the engine reports, as a value with a stable code.
 *
 * The codes are part of the page's contract (`decode-error[data-code]`) and of
 * the tests: never rename one. Messages are written for the person reading
 * them: they name the part, the character, the claim, and what to do.
 */

/** Stable machine codes, one per failing step. */
export const ERROR_CODES = [
  // decoding the compact serialization
  'ERR_TOKEN_EMPTY',
  'ERR_INPUT_TOO_LARGE',
  'ERR_TOKEN_READING',
  'ERR_TOKEN_PARTS',
  'ERR_PART_EMPTY',
  'ERR_PART_BASE64URL',
  'ERR_PART_UTF8',
  'ERR_PART_JSON',
  'ERR_HEADER_NOT_OBJECT',
  'ERR_HEADER_ALG_MISSING',
  'ERR_HEADER_ALG_NOT_STRING',
  'ERR_PAYLOAD_NOT_OBJECT',
  // a file dropped on the token editor
  'ERR_TOKEN_FILE',
  // RFC 7797 unencoded payloads
  'ERR_HEADER_B64',
  'ERR_B64_NOT_CRITICAL',
  // keys
  'ERR_KEY_EMPTY',
  'ERR_KEY_LOADING',
  'ERR_KEY_PEM',
  'ERR_KEY_PEM_UNSUPPORTED',
  'ERR_KEY_JSON',
  'ERR_KEY_JWK',
  'ERR_KEY_JWKS_EMPTY',
  'ERR_KEY_JWKS_NO_MATCH',
  'ERR_KEY_SECRET_ENCODING',
  'ERR_KEY_TYPE_MISMATCH',
  'ERR_KEY_CURVE_MISMATCH',
  'ERR_KEY_PARAMETER_SET_MISMATCH',
  'ERR_KEY_PUBLIC_AS_SECRET',
  'ERR_KEY_SECRET_FOR_ASYMMETRIC',
  'ERR_KEY_NOT_PRIVATE',
  'ERR_KEY_USE_MISMATCH',
  'ERR_KEY_IMPORT',
  // key tools: generating, exporting, reading key files, fetching a JWKS
  'ERR_KEYGEN',
  'ERR_KEY_EXPORT',
  'ERR_KEY_FILE',
  'ERR_KEY_DER',
  'ERR_FETCH_URL',
  'ERR_FETCH_NETWORK',
  'ERR_FETCH_TIMEOUT',
  'ERR_FETCH_ABORTED',
  'ERR_FETCH_HTTP',
  'ERR_FETCH_NOT_JSON',
  'ERR_FETCH_NO_KEYS',
  'ERR_FETCH_DISCOVERY',
  'ERR_FETCH_TOO_LARGE',
  // algorithms and signatures
  'ERR_ALG_NONE',
  'ERR_ALG_UNKNOWN',
  'ERR_ALG_UNSUPPORTED',
  'ERR_SIGNATURE_INVALID',
  'ERR_SIGN',
  // claims
  'ERR_CLAIM_EXPIRED',
  'ERR_CLAIM_NOT_YET_VALID',
  'ERR_CLAIM_ISSUED_IN_FUTURE',
  'ERR_CLAIM_NOT_NUMERIC',
  'ERR_CLAIM_ISSUER',
  'ERR_CLAIM_AUDIENCE',
  'ERR_CLAIM_MISSING',
  // DPoP proofs (RFC 9449 §4.3), one per check
  'ERR_DPOP_ALG',
  'ERR_DPOP_JWK',
  'ERR_DPOP_PRIVATE_JWK',
  'ERR_DPOP_SIGNATURE',
  'ERR_DPOP_CLAIM_MISSING',
  'ERR_DPOP_HTM',
  'ERR_DPOP_HTU',
  'ERR_DPOP_IAT_STALE',
  'ERR_DPOP_NONCE',
  'ERR_DPOP_ATH',
  'ERR_DPOP_JKT',
  // OpenID Connect ID tokens (Core §3) and logout tokens (Back-Channel Logout §2.4)
  'ERR_OIDC_AT_HASH',
  'ERR_OIDC_C_HASH',
  'ERR_OIDC_S_HASH',
  'ERR_OIDC_HASH_ALG',
  'ERR_OIDC_NONCE',
  'ERR_OIDC_AZP',
  'ERR_LOGOUT_EVENT',
  'ERR_LOGOUT_NONCE',
  'ERR_LOGOUT_SUB_SID',
  'ERR_LOGOUT_JTI',
  'ERR_LOGOUT_IAT',
  // editing
  'ERR_JSON_EDIT',
  'ERR_PAYLOAD_HEX',
  // encrypted tokens (JWE)
  'ERR_JWE_ALG_UNKNOWN',
  'ERR_JWE_ALG_UNSUPPORTED',
  'ERR_JWE_ENC_UNKNOWN',
  'ERR_JWE_P2C',
  'ERR_JWE_KEY_SIZE',
  'ERR_JWE_KEY_UNWRAP',
  'ERR_JWE_TAG_MISMATCH',
  'ERR_JWE_PART',
  'ERR_JWE_INFLATE',
  'ERR_JWE_ENCRYPT',
  // the clock control (time travel)
  'ERR_CLOCK_INVALID',
  'ERR_LEEWAY_UNREASONABLE',
  // x5c certificate chains (keys/x509)
  'ERR_X5C_MALFORMED',
  'ERR_X5C_TOO_LONG',
  'ERR_X5C_ISSUER_MISMATCH',
  'ERR_X5C_NOT_CA',
  'ERR_X5C_SIGNATURE',
  'ERR_X5C_ALGORITHM',
  'ERR_X5C_EXPIRED',
  'ERR_X5C_NOT_YET_VALID',
  'ERR_X5C_UNTRUSTED',
  'ERR_X5C_ANCHOR',
  // SD-JWT (RFC 9901): the presentation, its disclosures, the key-binding JWT
  'ERR_SD_FORMAT',
  'ERR_SD_TOO_MANY',
  'ERR_SD_DISCLOSURE_EMPTY',
  'ERR_SD_DISCLOSURE_BASE64URL',
  'ERR_SD_DISCLOSURE_JSON',
  'ERR_SD_DISCLOSURE_SHAPE',
  'ERR_SD_ALG_UNKNOWN',
  'ERR_SD_ALG_UNSUPPORTED',
  'ERR_SD_DISCLOSURE_UNMATCHED',
  'ERR_SD_DIGEST_DUPLICATE',
  'ERR_SD_OVERWRITE',
  'ERR_SD_RESERVED_NAME',
  'ERR_SD_WRONG_KIND',
  'ERR_SD_NOT_ARRAY',
  'ERR_SD_ELLIPSIS_MISUSE',
  'ERR_SD_TOO_DEEP',
  'ERR_KB_FORMAT',
  'ERR_KB_TYP',
  'ERR_KB_SIGNATURE',
  'ERR_KB_SD_HASH',
  'ERR_KB_AUD',
  'ERR_KB_NONCE',
  'ERR_KB_IAT',
  'ERR_SD_ISSUE',
  'ERR_SD_PRESENT',
  // the attack workbench (attacks/)
  'ERR_ATTACK_INPUT',
  'ERR_ATTACK_CANCELLED',
  // a presenter link (#present=<lesson>.<step>)
  'ERR_PRESENTER_LINK',
  // JWS and JWE JSON serializations (RFC 7515 §7.2, RFC 7516 §7.2)
  'ERR_JSON_MEMBER',
  'ERR_JSON_TOO_MANY',
  'ERR_JSON_HEADER_CONFLICT',
  'ERR_JWE_NO_RECIPIENT',
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Which piece of a compact token a failure is about. */
export type TokenPart =
  'header' | 'payload' | 'signature' | 'encrypted_key' | 'iv' | 'ciphertext' | 'tag';

/** Structured details a failure may carry, besides its message. */
export interface ErrorDetails {
  /** The token part at fault. */
  part?: TokenPart;
  /** Character offsets in the text the person typed (token or JSON), `to` exclusive. */
  from?: number;
  to?: number;
  /** The claim at fault (`exp`, `aud` …). */
  claim?: string;
  /** A short reason word, e.g. `check_failed`, `missing`, `type`. */
  reason?: string;
  /** The PyJWT exception the same situation raises, for people who debug with PyJWT. */
  pyjwt?: string;
  /** Which signature or recipient of a JSON serialization, from 1. */
  index?: number;
  /** The original exception, when a library threw. */
  cause?: unknown;
  /** Which certificate of an x5c chain, from 1 (the leaf, RFC 7515 §4.1.6). */
  certificate?: number;
}

/** A failure the person can act on: code, message, details. */
export class LabError extends Error {
  override readonly name = 'LabError';
  readonly code: ErrorCode;
  readonly part?: TokenPart;
  readonly from?: number;
  readonly to?: number;
  readonly claim?: string;
  readonly reason?: string;
  readonly pyjwt?: string;
  readonly certificate?: number;
  readonly index?: number;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    if (details.part !== undefined) this.part = details.part;
    if (details.from !== undefined) this.from = details.from;
    if (details.to !== undefined) this.to = details.to;
    if (details.claim !== undefined) this.claim = details.claim;
    if (details.reason !== undefined) this.reason = details.reason;
    if (details.pyjwt !== undefined) this.pyjwt = details.pyjwt;
    if (details.certificate !== undefined) this.certificate = details.certificate;
    if (details.index !== undefined) this.index = details.index;
  }
}

/** A user mistake is a value, not an exception. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: LabError };

/** Wrap a value as a successful {@link Result}. */
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** Build a failed {@link Result}. */
export const fail = <T = never>(
  code: ErrorCode,
  message: string,
  details?: ErrorDetails,
): Result<T> => {
  // A mistake as a value needs no stack trace, and V8 spends microseconds on
  // each: a 10,000-key JWKS that does not fit the token's alg made 10,000.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return { ok: false, error: new LabError(code, message, details) };
  } finally {
    Error.stackTraceLimit = limit;
  }
};

/**
 * True when WebCrypto lacks the algorithm: it throws NotSupportedError for an
 * algorithm it does not implement, which is how the page detects support.
 */
export const isUnsupportedByBrowser = (cause: unknown): boolean =>
  cause instanceof Error && cause.name === 'NotSupportedError';

/** The message of anything thrown, for wrapping library errors. */
export function messageOf(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  return String(cause);
}
