/**
 * Judging a token's claims the way a server would, apart from its signature.
 * The rules and their order follow PyJWT 2.x (`jwt/api_jwt.py`), so every
 * failure can name the exception PyJWT raises for it; where PyJWT is more
 * lenient than RFC 7519 (it accepts "1700000000" as a time), the RFC wins and
 * the message says so.
 */
import { describeValue } from './words';
import { judgeTimeClaims } from './time-claims';
import { LabError, type ErrorCode } from '../errors';
import type { JsonObject } from '../jws/decode';

export { describeValue, relative, span } from './words';
export { MILLISECONDS_THRESHOLD } from './time-claims';

/** Verdict of one claim row (the page's `claim-<name>` `data-status`). */
export type ClaimStatus = 'ok' | 'fail' | 'warn' | 'info';

/** What to check besides the time claims. */
export interface ClaimOptions {
  /** Seconds since the epoch: the moment to judge at. Never read inside the engine. */
  now: number;
  /** Clock-skew tolerance in seconds. */
  leeway?: number;
  /** Exact issuer expected; empty or undefined = not checked. */
  expectedIssuer?: string;
  /** Audience the token must contain; empty or undefined = not checked. */
  expectedAudience?: string;
  /** Claims that must be present (PyJWT's `options={"require": [...]}`). */
  requiredClaims?: readonly string[];
}

/** The verdict on one claim. */
export interface ClaimVerdict {
  name: string;
  /** The value in the token; undefined for an expected claim the token lacks. */
  value: unknown;
  present: boolean;
  status: ClaimStatus;
  /** One line a person reads next to the claim. */
  message: string;
  /** For a failing claim: the error, with its PyJWT exception. */
  error?: LabError;
}

/** All claim verdicts, and the first failure in the order PyJWT checks. */
export interface ClaimsReport {
  verdicts: ClaimVerdict[];
  /** The exception PyJWT would raise first, or undefined when the claims pass. */
  firstFailure: LabError | undefined;
  valid: boolean;
}

/** Claims whose value is a NumericDate (RFC 7519 §2). */
export const TIME_CLAIMS = new Set(['exp', 'nbf', 'iat']);

/** Judge every claim in `payload` at `options.now`. */
export function checkClaims(payload: JsonObject, options: ClaimOptions): ClaimsReport {
  const leeway = options.leeway ?? 0;
  const now = options.now;
  // Made at the first failure: most keystrokes' claims have none.
  let failures: Map<string, LabError> | undefined;
  const verdicts: ClaimVerdict[] = [];
  const has = (name: string) => Object.prototype.hasOwnProperty.call(payload, name);
  const claimFail = (
    claim: string,
    code: ErrorCode,
    message: string,
    pyjwt: string,
    reason: string,
  ) => {
    const error = new LabError(code, message, { claim, reason, pyjwt });
    (failures ??= new Map()).set(claim, error);
    return error;
  };

  const row = (name: string, status: ClaimStatus, message: string, error?: LabError) => {
    const verdict: ClaimVerdict = {
      name,
      value: payload[name],
      present: has(name),
      status,
      message,
    };
    if (error) verdict.error = error;
    verdicts.push(verdict);
  };

  // Time claims: type first, then the moment (RFC 7519 §4.1.4–4.1.6).
  judgeTimeClaims(payload, now, leeway, { has, claimFail, row });

  // Issuer: exact, case-sensitive string comparison (RFC 7519 §4.1.1).
  const expectedIssuer = options.expectedIssuer?.trim();
  if (expectedIssuer) {
    if (!has('iss')) {
      const error = claimFail(
        'iss',
        'ERR_CLAIM_MISSING',
        `The token has no "iss", but the issuer "${expectedIssuer}" is expected.`,
        'MissingRequiredClaimError',
        'missing',
      );
      row('iss', 'fail', error.message, error);
    } else if (payload.iss !== expectedIssuer) {
      const error = claimFail(
        'iss',
        'ERR_CLAIM_ISSUER',
        `Issued by ${describeValue(payload.iss)}, but "${expectedIssuer}" is expected (exact match).`,
        'InvalidIssuerError',
        'check_failed',
      );
      row('iss', 'fail', error.message, error);
    } else row('iss', 'ok', 'The expected issuer.');
  }

  // Audience: the token's string or array must contain the expected one (RFC 7519 §4.1.3).
  const expectedAudience = options.expectedAudience?.trim();
  if (expectedAudience) {
    const aud = payload.aud;
    const list = typeof aud === 'string' ? [aud] : aud;
    if (!has('aud') || aud === null || aud === '' || (Array.isArray(aud) && aud.length === 0)) {
      const error = claimFail(
        'aud',
        'ERR_CLAIM_MISSING',
        `The token has no "aud", but the audience "${expectedAudience}" is expected.`,
        'MissingRequiredClaimError',
        'missing',
      );
      row('aud', 'fail', error.message, error);
    } else if (!Array.isArray(list) || list.some((a) => typeof a !== 'string')) {
      const error = claimFail(
        'aud',
        'ERR_CLAIM_AUDIENCE',
        `"aud" must be a string or an array of strings, not ${describeValue(aud)}.`,
        'InvalidAudienceError',
        'type',
      );
      row('aud', 'fail', error.message, error);
    } else if (!list.includes(expectedAudience)) {
      const error = claimFail(
        'aud',
        'ERR_CLAIM_AUDIENCE',
        `Meant for ${list.map((a) => `"${a}"`).join(', ')}, not for "${expectedAudience}".`,
        'InvalidAudienceError',
        'check_failed',
      );
      row('aud', 'fail', error.message, error);
    } else row('aud', 'ok', `Contains the expected audience "${expectedAudience}".`);
  }

  // Required claims: PyJWT treats null as absent, and checks them before anything else.
  const missingRequired: LabError[] = [];
  for (const name of options.requiredClaims ?? []) {
    if (payload[name] !== undefined && payload[name] !== null) continue;
    const message = `The token is missing the required "${name}" claim.`;
    const shown = failures?.get(name);
    if (shown) {
      // Its row already fails (an expected iss/aud it lacks, a null time claim); PyJWT stops here first.
      missingRequired.push(
        shown.code === 'ERR_CLAIM_MISSING'
          ? shown
          : new LabError('ERR_CLAIM_MISSING', message, {
              claim: name,
              reason: 'missing',
              pyjwt: 'MissingRequiredClaimError',
            }),
      );
      continue;
    }
    const error = claimFail(
      name,
      'ERR_CLAIM_MISSING',
      message,
      'MissingRequiredClaimError',
      'missing',
    );
    row(name, 'fail', error.message, error);
    missingRequired.push(error);
  }

  // Every claim in the payload's order, the judged ones with their verdict and
  // the rest shown, not judged; then expected claims the token lacks. One pass,
  // no sort: a payload may hold 100,000 claims.
  // A handful of judged claims (time, iss, aud) unless many are required: a map only then.
  const judged = verdicts.length > 16 ? new Map(verdicts.map((v) => [v.name, v])) : undefined;
  const rows: ClaimVerdict[] = [];
  for (const name in payload) {
    if (!has(name)) continue;
    const verdict = judged ? judged.get(name) : byName(verdicts, name);
    if (verdict?.present) {
      rows.push(verdict);
      continue;
    }
    rows.push({
      name,
      value: payload[name],
      present: true,
      status: 'info',
      message: unchecked(name),
    });
  }
  for (const verdict of verdicts) if (!verdict.present) rows.push(verdict);

  // PyJWT's order: required claims, iat, nbf, exp, iss, aud.
  let firstFailure = missingRequired[0];
  if (failures) {
    for (const claim of PYJWT_ORDER) firstFailure ??= failures.get(claim);
    firstFailure ??= failures.values().next().value;
  }
  return { verdicts: rows, firstFailure, valid: failures === undefined };
}

/** The verdict for `name` in a short list (a loop: no closure made per claim). */
function byName(verdicts: ClaimVerdict[], name: string): ClaimVerdict | undefined {
  for (const verdict of verdicts) if (verdict.name === name) return verdict;
  return undefined;
}

/** The order PyJWT checks the claims it judges, after the required ones. */
const PYJWT_ORDER = ['iat', 'nbf', 'exp', 'iss', 'aud'] as const;

/** Why a claim nothing checks is shown without a verdict. */
function unchecked(name: string): string {
  return name === 'aud'
    ? 'Not checked: set an expected audience (PyJWT rejects a token with "aud" unless you pass audience=, with InvalidAudienceError).'
    : name === 'iss'
      ? 'Not checked: set an expected issuer to compare it.'
      : 'Not checked by a standard rule.';
}
