/**
 * The time claims of a claims set (RFC 7519 §4.1.4–4.1.6), judged as PyJWT
 * does: the type first, then the moment against now and the leeway, with a
 * readable line for each ("Expires in 4 min", "Issued 2 days ago").
 */
import { ago, describeValue, inTime, span, yearOf } from './words';
import type { ErrorCode, LabError } from '../errors';
import type { JsonObject } from '../jws/decode';
import type { ClaimStatus } from './check-claims';

/** Above this a NumericDate is almost surely milliseconds (year 5138 in seconds). */
export const MILLISECONDS_THRESHOLD = 1e11;
const THIRTY_DAYS = 30 * 24 * 3600;

const isNumericDate = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** How a judge of claims records what it finds (checkClaims passes its own). */
export interface ClaimJudge {
  has(name: string): boolean;
  /** A failure of `claim`, with its code and the exception PyJWT raises. */
  claimFail(
    claim: string,
    code: ErrorCode,
    message: string,
    pyjwt: string,
    reason: string,
  ): LabError;
  /** A row of the claims table. */
  row(name: string, status: ClaimStatus, message: string, error?: LabError): void;
}

/** Judge exp, nbf and iat, those present, in that order, at `now` with `leeway` seconds. */
export function judgeTimeClaims(
  payload: JsonObject,
  now: number,
  leeway: number,
  judge: ClaimJudge,
): void {
  for (const name of ['exp', 'nbf', 'iat'] as const) {
    if (!judge.has(name)) continue;
    const value = payload[name];
    if (!isNumericDate(value)) {
      const pyjwt = name === 'iat' ? 'InvalidIssuedAtError' : 'DecodeError';
      const lenient =
        name !== 'iat' && typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)
          ? ' (PyJWT converts this string with int() and accepts it; RFC 7519 and most other libraries do not)'
          : '';
      const error = judge.claimFail(
        name,
        'ERR_CLAIM_NOT_NUMERIC',
        `"${name}" must be a NumericDate (a JSON number of seconds since 1970), not ${describeValue(value)}${lenient}.`,
        pyjwt,
        'type',
      );
      judge.row(name, 'fail', error.message, error);
      continue;
    }
    // PyJWT compares int(value) for exp and nbf (fractions truncated toward zero),
    // but the raw value for iat: an iat half a second ahead is already in the future.
    const t = name === 'iat' ? value : Math.trunc(value);
    if (name === 'exp' && t <= now - leeway) {
      const error = judge.claimFail(
        name,
        'ERR_CLAIM_EXPIRED',
        `Expired ${ago(now - t)}${leeway ? `, beyond the ${leeway} s leeway` : ''}: a token is rejected once now − leeway reaches "exp".`,
        'ExpiredSignatureError',
        'check_failed',
      );
      judge.row(name, 'fail', error.message, error);
    } else if (name === 'nbf' && t > now + leeway) {
      const error = judge.claimFail(
        name,
        'ERR_CLAIM_NOT_YET_VALID',
        `Not valid yet: it becomes valid ${inTime(t - now)}${leeway ? `, beyond the ${leeway} s leeway` : ''}.`,
        'ImmatureSignatureError',
        'check_failed',
      );
      judge.row(name, 'fail', error.message, error);
    } else if (name === 'iat' && t > now + leeway) {
      const error = judge.claimFail(
        name,
        'ERR_CLAIM_ISSUED_IN_FUTURE',
        `Issued in the future (${inTime(t - now)}): the issuer's clock is ahead, or the clock here is behind.`,
        'ImmatureSignatureError',
        'check_failed',
      );
      judge.row(name, 'fail', error.message, error);
    } else if (value > MILLISECONDS_THRESHOLD) {
      judge.row(
        name,
        'warn',
        `This looks like milliseconds, not seconds: as seconds it is in the year ${yearOf(value)}.`,
      );
    } else if (name === 'exp') {
      const iat = payload.iat;
      const lifetime = isNumericDate(iat) ? t - iat : undefined;
      if (lifetime !== undefined && lifetime > THIRTY_DAYS)
        judge.row(
          name,
          'warn',
          `Valid for another ${span(t - now)}, a lifetime of ${span(lifetime)}: long-lived tokens are hard to revoke.`,
        );
      else if (t <= now)
        judge.row(name, 'ok', `Expired ${ago(now - t)}, but inside the ${leeway} s leeway.`);
      else
        judge.row(
          name,
          'ok',
          `Expires ${inTime(t - now)}${leeway ? ` (plus ${leeway} s leeway)` : ''}.`,
        );
    } else if (name === 'nbf') {
      judge.row(
        name,
        'ok',
        t > now
          ? `Valid from ${inTime(t - now)}, inside the ${leeway} s leeway.`
          : `Valid since ${ago(now - t)}.`,
      );
    } else {
      judge.row(
        name,
        'ok',
        t > now
          ? `Issued ${inTime(t - now)}, inside the ${leeway} s leeway.`
          : `Issued ${ago(now - t)}.`,
      );
    }
  }
}
