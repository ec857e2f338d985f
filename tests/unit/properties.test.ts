/**
 * Property-based tests: the engine's entry points take any text or value and
 * answer with a typed value, never an exception. 10,000 generated inputs per
 * entry point, from cheap generators aimed at the edges (token-shaped junk,
 * hostile JSON, key-shaped junk, odd claim values), with a fixed seed so a
 * failure is reproducible.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  ERROR_CODES,
  KeyResolver,
  LabError,
  checkClaims,
  decodeToken,
  parseKey,
  type DecodedToken,
  type JsonObject,
  type Result,
} from '../../src/lib';
import { findFindings, SEVERITIES } from '../../src/lib/findings';
import { decodeFragment, encodeFragment, keySensitivity } from '../../src/lib/share/fragment';

const RUNS = { numRuns: 10_000, seed: 20240611 };
/** Generous: 10,000 runs take a few seconds alone, more on a busy machine. */
const TIMEOUT = 120_000;
const b64 = (text: string) => Buffer.from(text).toString('base64url');

const hostileJson = fc.oneof(
  fc.json({ maxDepth: 2 }),
  fc.constantFrom(
    '{"__proto__":{"admin":true}}',
    '{"constructor":{"prototype":{"x":1}}}',
    '{"exp":1e400,"nbf":-1e400,"iat":"now","aud":[[],{}],"iss":{"a":1}}',
    '{"n":123456789012345678901234567890.5}',
    '{"alg":"none"}',
    '{"alg":"HS256","crit":"b64","b64":false,"jwk":{"kty":"oct"},"kid":"../x"}',
    '{"a":1,"a":2}',
    '[]',
    'null',
  ),
  fc.nat({ max: 700 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.string({ unit: 'binary', maxLength: 30 }),
);
const part = fc.oneof(
  hostileJson.map(b64),
  fc.string({ unit: 'binary-ascii', maxLength: 20 }),
  fc.uint8Array({ maxLength: 24 }).map((b) => Buffer.from(b).toString('base64url')),
);
const tokenText = fc.oneof(
  fc.array(part, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('.')),
  fc
    .tuple(hostileJson, hostileJson)
    .map(([h, p]) => `${b64(`{"alg":"HS256","x":${JSON.stringify(h)}}`)}.${b64(p)}.c2ln`),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom('', ' ', '.', '..', '....', 'Bearer ', '"x.y.z"', 'Authorization: Bearer a.b.c'),
);
const keyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  hostileJson,
  fc
    .uint8Array({ maxLength: 80 })
    .map(
      (b) =>
        `-----BEGIN PUBLIC KEY-----\n${Buffer.from(b).toString('base64')}\n-----END PUBLIC KEY-----`,
    ),
  fc.constantFrom(
    '-----BEGIN PRIVATE KEY-----',
    '-----BEGIN CERTIFICATE-----\n!!\n-----END CERTIFICATE-----',
  ),
  fc
    .record({
      kty: fc.constantFrom('RSA', 'EC', 'OKP', 'oct', 'x', ''),
      crv: fc.constantFrom('P-256', 'Ed25519', 'X25519', 'nope'),
      x: fc.string({ maxLength: 8 }),
      n: fc.string({ maxLength: 8 }),
      k: fc.string({ maxLength: 8 }),
      d: fc.option(fc.string({ maxLength: 8 })),
    })
    .chain((jwk) => fc.constantFrom(JSON.stringify(jwk), JSON.stringify({ keys: [jwk, 1, null] }))),
);
const claimValue = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 10 }),
  fc.constantFrom(
    null,
    true,
    [],
    {},
    ['a', 1, null],
    1e11,
    Number.POSITIVE_INFINITY,
    -0,
    Number.MAX_SAFE_INTEGER + 2,
  ),
);
const payload: fc.Arbitrary<JsonObject> = fc.dictionary(
  fc.constantFrom(
    'exp',
    'nbf',
    'iat',
    'iss',
    'aud',
    'sub',
    'jti',
    '__proto__',
    'constructor',
    'scope',
    'x',
  ),
  claimValue,
);

function isResult(value: Result<unknown>): boolean {
  if (value.ok) return value.value !== undefined;
  return (
    value.error instanceof LabError &&
    ERROR_CODES.includes(value.error.code) &&
    value.error.message.length > 0
  );
}

describe('the engine answers every input with a typed value', () => {
  test(
    'decodeToken: a Result with a known error code, or a JWS/JWE',
    () => {
      fc.assert(
        fc.property(tokenText, (text) => {
          const decoded = decodeToken(text);
          return isResult(decoded) && (!decoded.ok || ['jws', 'jwe'].includes(decoded.value.kind));
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  test(
    'parseKey and KeyResolver.parse: a Result with a known error code, or a recognised key',
    () => {
      const resolver = new KeyResolver();
      fc.assert(
        fc.property(keyText, (text) => {
          const parsed = parseKey(text);
          return (
            isResult(parsed) &&
            isResult(resolver.parse(text)) &&
            (!parsed.ok ||
              ['none', 'public', 'secret', 'private'].includes(keySensitivity(parsed.value)))
          );
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  test(
    'checkClaims: a verdict per claim, a boolean, and failures as LabErrors',
    () => {
      fc.assert(
        fc.property(
          payload,
          fc.double(),
          fc.oneof(fc.double(), fc.constant(undefined)),
          fc.string({ maxLength: 6 }),
          fc.string({ maxLength: 6 }),
          (claims, now, leeway, expectedIssuer, expectedAudience) => {
            const report = checkClaims(claims, { now, leeway, expectedIssuer, expectedAudience });
            return (
              typeof report.valid === 'boolean' &&
              report.verdicts.every(
                (v) =>
                  ['ok', 'fail', 'warn', 'info'].includes(v.status) &&
                  typeof v.message === 'string',
              ) &&
              (report.firstFailure === undefined || report.firstFailure instanceof LabError)
            );
          },
        ),
        RUNS,
      );
    },
    TIMEOUT,
  );

  test(
    'findFindings: findings with a known severity, one per id',
    () => {
      // Tokens that decode (findings need a decoded token), with hostile headers and claims.
      const member = fc.tuple(
        fc.constantFrom(
          'alg',
          'typ',
          'kid',
          'jku',
          'x5u',
          'crit',
          'b64',
          'zip',
          'cty',
          'jwk',
          'exp',
          'nbf',
          'iat',
          'aud',
          'iss',
          'scope',
          'password',
          '__proto__',
        ),
        claimValue,
      );
      const object = fc
        .array(member, { maxLength: 6 })
        .map((members) => JSON.stringify(Object.fromEntries(members)));
      const decodable = fc
        .tuple(
          object,
          fc.constantFrom('HS256', 'none', 'NoNe', 'RS256', 'ES256', 'EdDSA', 'x'),
          object,
          part,
        )
        .map(([h, alg, p, sig]) =>
          decodeToken(
            `${b64(h.replace('{', `{"alg":"${alg}",`).replace(',}', '}'))}.${b64(p)}.${sig}`,
          ),
        )
        .filter((d): d is { ok: true; value: DecodedToken } => d.ok);
      fc.assert(
        fc.property(decodable, keyText, fc.double(), (decoded, key, now) => {
          const findings = findFindings({ decoded: decoded.value, keyText: key, now });
          return (
            new Set(findings.map((f) => f.id)).size === findings.length &&
            findings.every((f) => SEVERITIES.includes(f.severity) && typeof f.message === 'string')
          );
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  test(
    'share fragments: any text reads back without throwing; encode then decode is the identity',
    () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
          const read = decodeFragment(text);
          return Array.isArray(read.ignored) && typeof read.state === 'object';
        }),
        RUNS,
      );
      const state = fc.record(
        {
          token: fc
            .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
            .filter((s) => s.trim() !== ''),
          leeway: fc.nat({ max: 100_000 }).filter((n) => n !== 0),
          expectedIssuer: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
          expectedAudience: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
          key: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
        },
        { requiredKeys: ['token'] },
      );
      fc.assert(
        fc.property(state, (s) => {
          expect(decodeFragment(`#${encodeFragment(s)}`).state).toEqual(s);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );
});
