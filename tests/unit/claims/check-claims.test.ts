/**
 * checkClaims at a pinned `now`, against PyJWT itself: every case in
 * tests/vectors/claims/pyjwt-claims.json (written by
 * scripts/pyjwt-claims-oracle.py with PyJWT 2.6.0 and a frozen clock) must
 * give the exception PyJWT raises, except where we disagree on purpose; those
 * differences are listed below with the reason, so a change on either side
 * shows up here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkClaims, type ClaimOptions, type ErrorCode } from '../../../src/lib';

interface OracleCase {
  id: string;
  payload: string;
  options: Omit<ClaimOptions, 'now'> & { leeway: number };
  pyjwt: string;
  note?: string;
}

const oracle = JSON.parse(
  readFileSync(new URL('../../vectors/claims/pyjwt-claims.json', import.meta.url), 'utf8'),
) as { source: string; now: number; cases: OracleCase[] };

const NOW = oracle.now;
const ISS = 'https://issuer.example';

/** Where we deliberately answer otherwise than PyJWT 2.6.0. */
const KNOWN_DIFFERENCES: Record<string, { pyjwt: string; ours: string; why: string }> = {
  'exp-string-digits-past': {
    pyjwt: 'ExpiredSignatureError',
    ours: 'DecodeError',
    why: 'PyJWT runs int() on the string; RFC 7519 §2 says a NumericDate is a JSON number.',
  },
  'exp-string-digits-future': {
    pyjwt: 'ok',
    ours: 'DecodeError',
    why: 'PyJWT accepts "1700003600" as exp; RFC 7519 does not.',
  },
  'exp-null': { pyjwt: 'TypeError', ours: 'DecodeError', why: 'PyJWT crashes on int(None).' },
  'exp-true': {
    pyjwt: 'ExpiredSignatureError',
    ours: 'DecodeError',
    why: 'In Python True is the integer 1, so PyJWT reads exp: true as 1970-01-01T00:00:01Z.',
  },
  'exp-object': { pyjwt: 'TypeError', ours: 'DecodeError', why: 'PyJWT crashes on int({}).' },
  'exp-array': { pyjwt: 'TypeError', ours: 'DecodeError', why: 'PyJWT crashes on int([]).' },
  'exp-infinite': {
    pyjwt: 'OverflowError',
    ours: 'DecodeError',
    why: 'json.loads reads 1e999 as inf, and PyJWT crashes on int(inf).',
  },
  'nbf-null': { pyjwt: 'TypeError', ours: 'DecodeError', why: 'PyJWT crashes on int(None).' },
  'nbf-false': {
    pyjwt: 'ok',
    ours: 'DecodeError',
    why: 'In Python False is the integer 0, so PyJWT reads nbf: false as 1970.',
  },
  'iat-string-digits': {
    pyjwt: 'TypeError',
    ours: 'InvalidIssuedAtError',
    why: 'PyJWT checks int(iat) but then compares the string itself with a number, and crashes.',
  },
  'iat-null': {
    pyjwt: 'TypeError',
    ours: 'InvalidIssuedAtError',
    why: 'PyJWT crashes on int(None).',
  },
  'iat-true': {
    pyjwt: 'ok',
    ours: 'InvalidIssuedAtError',
    why: 'In Python True is the integer 1: PyJWT takes iat: true as a date in 1970.',
  },
  'iat-object': {
    pyjwt: 'TypeError',
    ours: 'InvalidIssuedAtError',
    why: 'PyJWT crashes on int({}).',
  },
  'aud-false': {
    pyjwt: 'MissingRequiredClaimError',
    ours: 'InvalidAudienceError',
    why: 'PyJWT treats every falsy aud as missing; false is there, and of the wrong type.',
  },
  'aud-empty-object': {
    pyjwt: 'MissingRequiredClaimError',
    ours: 'InvalidAudienceError',
    why: 'PyJWT treats an empty dict as missing; {} is there, and of the wrong type.',
  },
  'aud-unexpected': {
    pyjwt: 'InvalidAudienceError',
    ours: 'ok',
    why: 'PyJWT rejects any token with aud unless audience= is passed; the page shows aud as unchecked (info) until an expected audience is set, and says so in the row.',
  },
};

type Expected = 'ok' | { code: ErrorCode; claim: string; message: string };
const fails = (code: ErrorCode, claim: string, message: string): Expected => ({
  code,
  claim,
  message,
});

/** Our first failure for every oracle case: code, claim and a message substring. */
const EXPECTED: Record<string, Expected> = {
  'empty-payload': 'ok',
  'unchecked-claims': 'ok',
  'exp-equals-now': fails(
    'ERR_CLAIM_EXPIRED',
    'exp',
    'Expired just now: a token is rejected once now − leeway reaches "exp".',
  ),
  'exp-now-plus-1': 'ok',
  'exp-now-minus-1': fails('ERR_CLAIM_EXPIRED', 'exp', 'Expired 1 s ago:'),
  'exp-leeway-edge': fails('ERR_CLAIM_EXPIRED', 'exp', 'Expired 1 min ago, beyond the 60 s leeway'),
  'exp-inside-leeway': 'ok',
  'exp-equals-now-with-leeway': 'ok',
  'exp-negative': fails('ERR_CLAIM_EXPIRED', 'exp', 'years ago'),
  'exp-zero': fails('ERR_CLAIM_EXPIRED', 'exp', 'Expired 53 years ago'),
  'exp-fraction-truncated-to-now': fails('ERR_CLAIM_EXPIRED', 'exp', 'Expired just now'),
  'exp-fraction-future': 'ok',
  'exp-exponent-form': 'ok',
  'exp-milliseconds': 'ok',
  'nbf-equals-now': 'ok',
  'nbf-now-plus-1': fails(
    'ERR_CLAIM_NOT_YET_VALID',
    'nbf',
    'Not valid yet: it becomes valid in 1 s.',
  ),
  'nbf-equals-now-plus-leeway': 'ok',
  'nbf-beyond-leeway': fails(
    'ERR_CLAIM_NOT_YET_VALID',
    'nbf',
    'it becomes valid in 1 min, beyond the 60 s leeway.',
  ),
  'nbf-fraction-truncated-to-now': 'ok',
  'iat-past': 'ok',
  'iat-equals-now': 'ok',
  'iat-now-plus-1': fails('ERR_CLAIM_ISSUED_IN_FUTURE', 'iat', 'Issued in the future (in 1 s)'),
  'iat-equals-now-plus-leeway': 'ok',
  'iat-beyond-leeway': fails('ERR_CLAIM_ISSUED_IN_FUTURE', 'iat', 'Issued in the future (in 31 s)'),
  'iat-fraction-after-now': fails('ERR_CLAIM_ISSUED_IN_FUTURE', 'iat', 'Issued in the future'),
  'iat-fraction-beyond-leeway': fails('ERR_CLAIM_ISSUED_IN_FUTURE', 'iat', 'Issued in the future'),
  'exp-string-words': fails(
    'ERR_CLAIM_NOT_NUMERIC',
    'exp',
    '"exp" must be a NumericDate (a JSON number of seconds since 1970), not the string "tomorrow".',
  ),
  'exp-string-digits-past': fails(
    'ERR_CLAIM_NOT_NUMERIC',
    'exp',
    'not the string "1699999990" (PyJWT converts this string with int() and accepts it; RFC 7519 and most other libraries do not).',
  ),
  'exp-string-digits-future': fails(
    'ERR_CLAIM_NOT_NUMERIC',
    'exp',
    '(PyJWT converts this string with int() and accepts it',
  ),
  'exp-null': fails('ERR_CLAIM_NOT_NUMERIC', 'exp', 'not null.'),
  'exp-true': fails('ERR_CLAIM_NOT_NUMERIC', 'exp', 'not boolean true.'),
  'exp-object': fails('ERR_CLAIM_NOT_NUMERIC', 'exp', 'not an object.'),
  'exp-array': fails('ERR_CLAIM_NOT_NUMERIC', 'exp', 'not an array.'),
  'exp-infinite': fails('ERR_CLAIM_NOT_NUMERIC', 'exp', 'not Infinity.'),
  'nbf-string-words': fails('ERR_CLAIM_NOT_NUMERIC', 'nbf', '"nbf" must be a NumericDate'),
  'nbf-null': fails('ERR_CLAIM_NOT_NUMERIC', 'nbf', 'not null.'),
  'nbf-false': fails('ERR_CLAIM_NOT_NUMERIC', 'nbf', 'not boolean false.'),
  'iat-string-words': fails(
    'ERR_CLAIM_NOT_NUMERIC',
    'iat',
    '"iat" must be a NumericDate (a JSON number of seconds since 1970), not the string "yesterday".',
  ),
  'iat-string-digits': fails('ERR_CLAIM_NOT_NUMERIC', 'iat', 'not the string "1699996400".'),
  'iat-null': fails('ERR_CLAIM_NOT_NUMERIC', 'iat', 'not null.'),
  'iat-true': fails('ERR_CLAIM_NOT_NUMERIC', 'iat', 'not boolean true.'),
  'iat-object': fails('ERR_CLAIM_NOT_NUMERIC', 'iat', 'not an object.'),
  'iss-exact': 'ok',
  'iss-other-case': fails(
    'ERR_CLAIM_ISSUER',
    'iss',
    'Issued by the string "https://Issuer.example", but "https://issuer.example" is expected (exact match).',
  ),
  'iss-trailing-slash': fails(
    'ERR_CLAIM_ISSUER',
    'iss',
    'Issued by the string "https://issuer.example/"',
  ),
  'iss-missing': fails(
    'ERR_CLAIM_MISSING',
    'iss',
    'The token has no "iss", but the issuer "https://issuer.example" is expected.',
  ),
  'iss-null': fails('ERR_CLAIM_ISSUER', 'iss', 'Issued by null'),
  'iss-number': fails('ERR_CLAIM_ISSUER', 'iss', 'Issued by number 42, but "42" is expected'),
  'iss-unchecked': 'ok',
  'aud-string-match': 'ok',
  'aud-string-mismatch': fails('ERR_CLAIM_AUDIENCE', 'aud', 'Meant for "web", not for "api".'),
  'aud-other-case': fails('ERR_CLAIM_AUDIENCE', 'aud', 'Meant for "API", not for "api".'),
  'aud-array-match': 'ok',
  'aud-array-mismatch': fails(
    'ERR_CLAIM_AUDIENCE',
    'aud',
    'Meant for "web", "app", not for "api".',
  ),
  'aud-array-non-string': fails(
    'ERR_CLAIM_AUDIENCE',
    'aud',
    '"aud" must be a string or an array of strings, not an array.',
  ),
  'aud-array-null-entry': fails(
    'ERR_CLAIM_AUDIENCE',
    'aud',
    'must be a string or an array of strings',
  ),
  'aud-missing': fails(
    'ERR_CLAIM_MISSING',
    'aud',
    'The token has no "aud", but the audience "api" is expected.',
  ),
  'aud-empty-string': fails('ERR_CLAIM_MISSING', 'aud', 'The token has no "aud"'),
  'aud-empty-array': fails('ERR_CLAIM_MISSING', 'aud', 'The token has no "aud"'),
  'aud-null': fails('ERR_CLAIM_MISSING', 'aud', 'The token has no "aud"'),
  'aud-number': fails('ERR_CLAIM_AUDIENCE', 'aud', 'not number 5.'),
  'aud-object': fails('ERR_CLAIM_AUDIENCE', 'aud', 'not an object.'),
  'aud-false': fails('ERR_CLAIM_AUDIENCE', 'aud', 'not boolean false.'),
  'aud-empty-object': fails('ERR_CLAIM_AUDIENCE', 'aud', 'not an object.'),
  'aud-unexpected': 'ok',
  'required-present': 'ok',
  'required-missing': fails(
    'ERR_CLAIM_MISSING',
    'sub',
    'The token is missing the required "sub" claim.',
  ),
  'required-null': fails(
    'ERR_CLAIM_MISSING',
    'sub',
    'The token is missing the required "sub" claim.',
  ),
  'required-false-is-present': 'ok',
  'required-second-missing': fails('ERR_CLAIM_MISSING', 'jti', 'missing the required "jti" claim'),
  'required-exp-missing': fails('ERR_CLAIM_MISSING', 'exp', 'missing the required "exp" claim'),
  'required-exp-missing-iat-future': fails(
    'ERR_CLAIM_MISSING',
    'exp',
    'missing the required "exp" claim',
  ),
  'required-exp-null': fails('ERR_CLAIM_MISSING', 'exp', 'missing the required "exp" claim'),
  'required-iss-missing-and-expected': fails('ERR_CLAIM_MISSING', 'iss', 'The token has no "iss"'),
  'required-aud-missing-and-expected': fails('ERR_CLAIM_MISSING', 'aud', 'The token has no "aud"'),
  'order-required-first': fails('ERR_CLAIM_MISSING', 'jti', 'missing the required "jti" claim'),
  'order-iat-before-nbf': fails(
    'ERR_CLAIM_ISSUED_IN_FUTURE',
    'iat',
    'Issued in the future (in 10 s)',
  ),
  'order-nbf-before-exp': fails('ERR_CLAIM_NOT_YET_VALID', 'nbf', 'it becomes valid in 10 s'),
  'order-exp-before-iss': fails('ERR_CLAIM_EXPIRED', 'exp', 'Expired 1 s ago'),
  'order-iss-before-aud': fails('ERR_CLAIM_ISSUER', 'iss', 'Issued by the string "x"'),
  'order-not-numeric-exp-before-iss': fails(
    'ERR_CLAIM_NOT_NUMERIC',
    'exp',
    '"exp" must be a NumericDate',
  ),
  'all-valid': 'ok',
};

const PYJWT_FOR_CODE: Record<string, (claim: string) => string> = {
  ERR_CLAIM_EXPIRED: () => 'ExpiredSignatureError',
  ERR_CLAIM_NOT_YET_VALID: () => 'ImmatureSignatureError',
  ERR_CLAIM_ISSUED_IN_FUTURE: () => 'ImmatureSignatureError',
  ERR_CLAIM_NOT_NUMERIC: (claim) => (claim === 'iat' ? 'InvalidIssuedAtError' : 'DecodeError'),
  ERR_CLAIM_ISSUER: () => 'InvalidIssuerError',
  ERR_CLAIM_AUDIENCE: () => 'InvalidAudienceError',
  ERR_CLAIM_MISSING: () => 'MissingRequiredClaimError',
};

const run = (c: OracleCase) =>
  checkClaims(JSON.parse(c.payload) as Record<string, unknown>, { now: NOW, ...c.options });

describe(`claims against ${oracle.source}`, () => {
  it('covers the same cases as this file, at a pinned time', () => {
    expect(NOW).toBe(1700000000);
    expect(oracle.cases.map((c) => c.id).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const id of Object.keys(KNOWN_DIFFERENCES)) expect(EXPECTED).toHaveProperty([id]);
  });

  describe.each(oracle.cases)('$id', (c) => {
    const expected = EXPECTED[c.id]!;
    const difference = KNOWN_DIFFERENCES[c.id];

    it(
      difference
        ? `differs from PyJWT on purpose: ${difference.why}`
        : `says what PyJWT says (${c.pyjwt})`,
      () => {
        const ours = run(c).firstFailure?.pyjwt ?? 'ok';
        if (difference) {
          expect(c.pyjwt).toBe(difference.pyjwt);
          expect(ours).toBe(difference.ours);
          expect(ours).not.toBe(c.pyjwt);
        } else {
          expect(ours).toBe(c.pyjwt);
        }
      },
    );

    it(expected === 'ok' ? 'passes' : `fails with ${expected.code} on ${expected.claim}`, () => {
      const report = run(c);
      if (expected === 'ok') {
        expect(report.firstFailure).toBeUndefined();
        expect(report.valid).toBe(true);
        expect(report.verdicts.filter((v) => v.status === 'fail')).toEqual([]);
        return;
      }
      expect(report.valid).toBe(false);
      const failure = report.firstFailure!;
      expect(failure.code).toBe(expected.code);
      expect(failure.claim).toBe(expected.claim);
      expect(failure.message).toContain(expected.message);
      expect(failure.pyjwt).toBe(PYJWT_FOR_CODE[expected.code]!(expected.claim));
      // The failing claim has a failing row.
      expect(report.verdicts.find((v) => v.name === expected.claim)?.status).toBe('fail');
    });
  });
});

describe('claim rows', () => {
  const rows = (payload: Record<string, unknown>, options: Partial<ClaimOptions> = {}) =>
    checkClaims(payload, { now: NOW, ...options }).verdicts.map((v) => [
      v.name,
      v.status,
      v.message,
    ]);

  it('a claim nothing checks is info, in the order of the payload', () => {
    expect(rows({ sub: 'a', iss: 'me', aud: 'you', jti: 'j', scope: 'read' })).toEqual([
      ['sub', 'info', 'Not checked by a standard rule.'],
      ['iss', 'info', 'Not checked: set an expected issuer to compare it.'],
      [
        'aud',
        'info',
        'Not checked: set an expected audience (PyJWT rejects a token with "aud" unless you pass audience=, with InvalidAudienceError).',
      ],
      ['jti', 'info', 'Not checked by a standard rule.'],
      ['scope', 'info', 'Not checked by a standard rule.'],
    ]);
  });

  it('time claims that pass are ok, with words for the moment', () => {
    expect(rows({ iat: NOW - 3600, nbf: NOW - 60, exp: NOW + 3600 })).toEqual([
      ['iat', 'ok', 'Issued 1 h ago.'],
      ['nbf', 'ok', 'Valid since 1 min ago.'],
      ['exp', 'ok', 'Expires in 1 h.'],
    ]);
  });

  it('inside the leeway, rows say so', () => {
    expect(rows({ exp: NOW - 10, nbf: NOW + 20, iat: NOW + 30 }, { leeway: 60 })).toEqual([
      ['exp', 'ok', 'Expired 10 s ago, but inside the 60 s leeway.'],
      ['nbf', 'ok', 'Valid from in 20 s, inside the 60 s leeway.'],
      ['iat', 'ok', 'Issued in 30 s, inside the 60 s leeway.'],
    ]);
    expect(rows({ exp: NOW + 10 }, { leeway: 5 })).toEqual([
      ['exp', 'ok', 'Expires in 10 s (plus 5 s leeway).'],
    ]);
  });

  it('an exp in milliseconds is a warning; an iat in milliseconds is in the future (as in PyJWT)', () => {
    const report = checkClaims({ exp: NOW * 1000, iat: NOW * 1000 - 1 }, { now: NOW });
    expect(report.verdicts.map((v) => [v.name, v.status])).toEqual([
      ['exp', 'warn'],
      ['iat', 'fail'],
    ]);
    expect(report.verdicts[0]!.message).toBe(
      'This looks like milliseconds, not seconds: as seconds it is in the year 55840.',
    );
    expect(report.firstFailure?.code).toBe('ERR_CLAIM_ISSUED_IN_FUTURE');
  });

  it('a lifetime over 30 days is a warning', () => {
    expect(rows({ iat: NOW - 10, exp: NOW + 40 * 86400 })).toEqual([
      ['iat', 'ok', 'Issued 10 s ago.'],
      [
        'exp',
        'warn',
        'Valid for another 40 days, a lifetime of 40 days: long-lived tokens are hard to revoke.',
      ],
    ]);
    expect(rows({ iat: NOW, exp: NOW + 30 * 86400 })[1]).toEqual([
      'exp',
      'ok',
      'Expires in 30 days.',
    ]);
  });

  it('an expected iss or aud the token lacks gets a failing row, after the others', () => {
    const report = checkClaims(
      { sub: 'a' },
      { now: NOW, expectedIssuer: ISS, expectedAudience: 'api' },
    );
    expect(report.verdicts.map((v) => [v.name, v.status, v.present, v.value])).toEqual([
      ['sub', 'info', true, 'a'],
      ['iss', 'fail', false, undefined],
      ['aud', 'fail', false, undefined],
    ]);
    expect(report.firstFailure?.claim).toBe('iss');
  });

  it('a missing required claim gets a failing row', () => {
    const report = checkClaims({ sub: 'a' }, { now: NOW, requiredClaims: ['exp', 'jti'] });
    expect(report.verdicts.map((v) => [v.name, v.status, v.present])).toEqual([
      ['sub', 'info', true],
      ['exp', 'fail', false],
      ['jti', 'fail', false],
    ]);
    expect(report.firstFailure).toMatchObject({
      code: 'ERR_CLAIM_MISSING',
      claim: 'exp',
      reason: 'missing',
    });
  });

  it('a required claim that is null keeps its own row, and PyJWT stops at "required" first', () => {
    const report = checkClaims({ exp: null }, { now: NOW, requiredClaims: ['exp'] });
    expect(report.verdicts).toHaveLength(1);
    expect(report.verdicts[0]).toMatchObject({
      name: 'exp',
      status: 'fail',
      error: { code: 'ERR_CLAIM_NOT_NUMERIC' },
    });
    expect(report.firstFailure).toMatchObject({
      code: 'ERR_CLAIM_MISSING',
      pyjwt: 'MissingRequiredClaimError',
    });
  });

  it('every failing row carries its error, with claim, reason and PyJWT name', () => {
    const report = checkClaims(
      { exp: 'x', iss: 'y', aud: ['a'] },
      { now: NOW, expectedIssuer: ISS, expectedAudience: 'b' },
    );
    expect(
      report.verdicts.map((v) => [
        v.name,
        v.status,
        v.error?.code,
        v.error?.reason,
        v.error?.pyjwt,
      ]),
    ).toEqual([
      ['exp', 'fail', 'ERR_CLAIM_NOT_NUMERIC', 'type', 'DecodeError'],
      ['iss', 'fail', 'ERR_CLAIM_ISSUER', 'check_failed', 'InvalidIssuerError'],
      ['aud', 'fail', 'ERR_CLAIM_AUDIENCE', 'check_failed', 'InvalidAudienceError'],
    ]);
    for (const v of report.verdicts) expect(v.message).toBe(v.error?.message);
  });

  it.each(['', '   ', undefined])(
    'an expected issuer/audience of %j is not checked',
    (expected) => {
      const report = checkClaims(
        { iss: 'x', aud: 'y' },
        { now: NOW, expectedIssuer: expected, expectedAudience: expected },
      );
      expect(report.valid).toBe(true);
      expect(report.verdicts.map((v) => v.status)).toEqual(['info', 'info']);
    },
  );

  it('expected values are trimmed (a stray space from the input box)', () => {
    const report = checkClaims(
      { iss: ISS, aud: 'api' },
      { now: NOW, expectedIssuer: ` ${ISS} `, expectedAudience: 'api\n' },
    );
    expect(report.verdicts.map((v) => [v.name, v.status, v.message])).toEqual([
      ['iss', 'ok', 'The expected issuer.'],
      ['aud', 'ok', 'Contains the expected audience "api".'],
    ]);
  });

  it('the clock is only `now`: the same payload flips at exp', () => {
    const payload = { exp: NOW + 100 };
    expect(checkClaims(payload, { now: NOW + 99 }).valid).toBe(true);
    expect(checkClaims(payload, { now: NOW + 100 }).valid).toBe(false);
  });
});
