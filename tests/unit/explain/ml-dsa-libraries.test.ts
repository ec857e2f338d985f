/**
 * What the libraries say of an ML-DSA token (RFC 9964): the page's prediction
 * against jsonwebtoken 9 run live, and against Debian's PyJWT 2.6.0 run live
 * when it is installed; and the snippets that cannot verify ML-DSA say so.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import jsonwebtoken from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { checkClaims, decodeToken, type SignatureVerdict } from '../../../src/lib';
import {
  predictOutcomes,
  serverAlgorithms,
  type OutcomeSettings,
} from '../../../src/lib/explain/outcomes';
import { SNIPPET_LANGUAGES } from '../../../src/lib/explain/snippets';

const [, PEM_CASE] = (
  JSON.parse(
    readFileSync(new URL('../../vectors/ml-dsa/rfc9964.json', import.meta.url), 'utf8'),
  ) as {
    cases: { key: string; token: string }[];
  }
).cases as [{ key: string; token: string }, { key: string; token: string }];

// A JWT (JSON payload) with the RFC example's signature bytes: what each library says comes
// before the signature is checked, so its verdict does not matter here.
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const TOKEN = `${b64({ alg: 'ML-DSA-44', typ: 'JWT' })}.${b64({ sub: 'x', exp: 4102444800 })}.${PEM_CASE.token.split('.')[2]}`;
const SETTINGS: OutcomeSettings = {
  algorithms: ['ML-DSA-44'],
  leeway: 0,
  expectedIssuer: '',
  expectedAudience: '',
  requiredClaims: [],
  now: 1700000000,
  keyForm: 'pem',
};
const VERIFIED: SignatureVerdict = { status: 'verified', message: '' };

const DECODED = decodeToken(TOKEN);
if (!DECODED.ok || DECODED.value.kind !== 'jws') throw new Error('the test token must decode');
const CLAIMS = checkClaims(DECODED.value.payload, { now: SETTINGS.now, leeway: 0 });
const predicted = (library: string) =>
  predictOutcomes(DECODED, VERIFIED, CLAIMS, SETTINGS)!.find((o) => o.library === library)!;

it('a server with an ML-DSA key allows ML-DSA, never HMAC', () => {
  expect(serverAlgorithms('ML-DSA-44', 'AKP', 'ML-DSA-44')).toEqual(['ML-DSA-44']);
  // As with EC curves, the family decides: the ML-DSA-65 key then fails for ML-DSA-44.
  expect(serverAlgorithms('ML-DSA-44', 'AKP', 'ML-DSA-65')).toEqual(['ML-DSA-44']);
  expect(serverAlgorithms('ML-DSA-44', undefined)).toEqual(['ML-DSA-44']);
  expect(serverAlgorithms('HS256', 'AKP', 'ML-DSA-87')).toEqual(['ML-DSA-87']);
});

it('jsonwebtoken 9 has no ML-DSA: predicted as it answers, live', () => {
  let thrown: unknown;
  try {
    jsonwebtoken.verify(TOKEN, PEM_CASE.key, { algorithms: ['ML-DSA-44' as 'RS256'] });
  } catch (error) {
    thrown = error;
  }
  const outcome = predicted('jsonwebtoken');
  expect(thrown).toBeInstanceOf(Error);
  expect((thrown as Error).name).toBe(outcome.name);
  expect(outcome.prefix).toBe(true);
  expect((thrown as Error).message.startsWith(outcome.message)).toBe(true);
});

const PYTHON = '/usr/bin/python3';
const hasPyJwt =
  existsSync(PYTHON) &&
  (() => {
    try {
      execFileSync(PYTHON, ['-c', 'import jwt']);
      return true;
    } catch {
      return false;
    }
  })();

it.skipIf(!hasPyJwt)('PyJWT has no ML-DSA: predicted as it answers, live', () => {
  const script = `import jwt, sys
try:
    jwt.decode(sys.argv[1], sys.argv[2], algorithms=["ML-DSA-44"])
    print("ok|")
except Exception as e:
    print(type(e).__name__ + "|" + str(e))`;
  const [name, message] = execFileSync(PYTHON, ['-c', script, TOKEN, PEM_CASE.key], {
    encoding: 'utf8',
  })
    .trim()
    .split('|');
  expect({ name, message }).toEqual({
    name: predicted('pyjwt').name,
    message: predicted('pyjwt').message,
  });
});

it('jose is predicted to verify (jose 6.2 has ML-DSA where WebCrypto does)', () => {
  expect(predicted('jose').ok).toBe(true);
});

describe('snippets for an ML-DSA token', () => {
  const input = {
    alg: 'ML-DSA-65',
    keyKind: 'public-pem' as const,
    leeway: 0,
    issuer: '',
    audience: '',
    requiredClaims: [],
  };
  it.each(SNIPPET_LANGUAGES.filter((l) => l.id !== 'node-jose'))('$label says it cannot', (l) => {
    const snippet = l.generate(input);
    expect(snippet.code).toContain(`ML-DSA-65 (RFC 9964) is not supported by ${l.label}`);
    expect(snippet.run).toBe(`Not supported by ${l.label}.`);
  });
  it('jose verifies with the token’s algorithm', () => {
    const jose = SNIPPET_LANGUAGES.find((l) => l.id === 'node-jose')!.generate(input);
    expect(jose.code).toContain('algorithms: ["ML-DSA-65"]');
    expect(jose.code).toContain('importSPKI(process.env.JWT_PUBLIC_KEY, "ML-DSA-65")');
  });
});
