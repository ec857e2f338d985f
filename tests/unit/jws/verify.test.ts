/**
 * Signature verdicts through the page's own pipeline: decodeToken →
 * algorithmOf → KeyResolver.resolve → verifyWith, for every case in
 * tests/vectors (RFC 7515 A.1–A.5, RFC 8037 A.4, RFC 7520 §4, and tokens made
 * by PyJWT, jsonwebtoken and jose), plus tampered tokens, wrong keys and
 * algorithms that cannot be checked.
 */
import { createHmac, generateKeyPairSync, sign as nodeSign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as jose from 'jose';
import {
  algorithmOf,
  decodeToken,
  jwsAlgorithm,
  KeyResolver,
  verifyWith,
  type SecretEncoding,
  type SignatureVerdict,
} from '../../../src/lib';
import { keyOf, nodeSignedToken, type KeyTexts } from '../helpers/keys';

interface VectorCase {
  id: string;
  alg: string;
  token: string;
  key: string;
  keyFormat: string;
  signingKey?: string;
  signingKeyFormat?: string;
  secretEncoding?: SecretEncoding;
  expect: 'verified' | 'invalid' | 'unsigned';
  payloadIsJson: boolean;
  claims?: Record<string, unknown>;
  payloadText?: string;
}

const load = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../vectors/${name}`, import.meta.url), 'utf8')) as {
    cases: VectorCase[];
  };

const FILES = ['rfc7515.json', 'rfc8037.json', 'rfc7520-jws.json', 'libraries.json'];
const b64 = (text: string) => Buffer.from(text).toString('base64url');

/** The page's pipeline, from the two texts to the `signature-status` verdict. */
async function verifyToken(
  token: string,
  key: string,
  secretEncoding: SecretEncoding = 'utf8',
  resolver = new KeyResolver(),
): Promise<SignatureVerdict> {
  const decoded = decodeToken(token);
  if (!decoded.ok)
    return { status: 'malformed', message: decoded.error.message, error: decoded.error };
  if (decoded.value.kind !== 'jws') throw new Error('not a JWS');
  const found = algorithmOf(decoded.value.alg);
  if ('verdict' in found) return found.verdict;
  const selection = await resolver.resolve(key, found.algorithm, 'verify', {
    secretEncoding,
    kid: decoded.value.header.kid,
  });
  return verifyWith(decoded.value, found.algorithm, selection);
}

/** The same token with one claim changed and the original signature. */
function tamper(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  return `${header}.${b64(JSON.stringify({ ...claims, admin: true }))}.${signature}`;
}

for (const file of FILES) {
  describe(file, () => {
    for (const c of load(file).cases) {
      describe(c.id, () => {
        // A text payload (RFC 7515 A.4, RFC 7520, RFC 8037) goes through the same pipeline.
        const verify = (token: string, key: string) => verifyToken(token, key, c.secretEncoding);

        it(`is ${c.expect} with its key (${c.keyFormat})`, async () => {
          const verdict = await verify(c.token, c.key);
          expect(verdict.status, verdict.message).toBe(c.expect);
          if (c.expect === 'verified')
            expect(verdict.message).toBe(`Signature verified with ${c.alg}.`);
          if (c.expect === 'invalid') {
            expect(verdict.error?.code).toBe('ERR_SIGNATURE_INVALID');
            expect(verdict.error?.pyjwt).toBe('InvalidSignatureError');
            expect(verdict.message).toContain('The signature does not match this key');
          }
          if (c.expect === 'unsigned')
            expect(verdict.message).toContain(`"alg": "none" means the token is not signed`);
        });

        if (!c.payloadIsJson) {
          it('decodes as a JWS that is not a JWT, with its documented text', () => {
            const result = decodeToken(c.token);
            if (!result.ok) throw new Error(result.error.message);
            expect(result.value).toMatchObject({
              kind: 'jws',
              payloadForm: 'text',
              payloadText: c.payloadText,
              payload: {},
            });
          });

          if (c.expect === 'verified')
            it('is invalid once its text is changed', async () => {
              const [header, , signature] = c.token.split('.');
              const changed = `${header}.${b64(`${c.payloadText ?? ''}!`)}.${signature}`;
              const verdict = await verify(changed, c.key);
              expect(verdict.status).toBe('invalid');
              expect(verdict.error?.code).toBe('ERR_SIGNATURE_INVALID');
              expect(verdict.message).toContain('The signature does not match this key');
            });
        }

        const signingKey = c.signingKey;
        if (signingKey !== undefined && c.expect === 'verified') {
          it(`also verifies with its private key (${c.signingKeyFormat})`, async () => {
            expect((await verify(c.token, signingKey)).status).toBe('verified');
          });
        }

        if (c.expect === 'verified' && c.payloadIsJson) {
          it('is invalid once a claim is changed', async () => {
            const verdict = await verify(tamper(c.token), c.key);
            expect(verdict.status).toBe('invalid');
            expect(verdict.error?.code).toBe('ERR_SIGNATURE_INVALID');
          });
        }

        if (c.expect !== 'unsigned') {
          it('is invalid with its signature removed', async () => {
            const [header, payload] = c.token.split('.');
            const verdict = await verify(`${header}.${payload}.`, c.key);
            expect(verdict.status).toBe('invalid');
            expect(verdict.message).toBe(
              'The signature part is empty, so nothing proves who made this token.',
            );
          });
        }
      });
    }
  });
}

describe('verdicts', () => {
  let rsa: KeyTexts;
  let otherRsa: { publicKey: KeyObject; spki: string };
  let p256: KeyTexts;
  let token: string;
  beforeAll(async () => {
    rsa = await keyOf('rsa');
    p256 = await keyOf('p256');
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    otherRsa = {
      publicKey: pair.publicKey,
      spki: String(pair.publicKey.export({ type: 'spki', format: 'pem' })),
    };
    token = nodeSignedToken({ alg: 'RS256', typ: 'JWT' }, { sub: 'a' }, rsa.privateKey);
  });

  it('verified with the right key', async () => {
    expect(await verifyToken(token, rsa.spki)).toMatchObject({
      status: 'verified',
      keySource: 'RSA public key, 2048 bits, SPKI PEM',
    });
  });

  it('invalid with the wrong key', async () => {
    const verdict = await verifyToken(token, otherRsa.spki);
    expect(verdict).toMatchObject({
      status: 'invalid',
      message:
        'The signature does not match this key: the token was changed after it was signed, or it was signed with a different key.',
      keySource: 'RSA public key, 2048 bits, SPKI PEM',
      error: { code: 'ERR_SIGNATURE_INVALID', part: 'signature', pyjwt: 'InvalidSignatureError' },
    });
  });

  it('checks started together do not disturb each other (the input buffers are reused)', async () => {
    // Same lengths, so each check writes into the same reused view the others were given.
    const right = hs256('right-secret');
    const wrong = hs256('wrong-secret');
    const other = nodeSignedToken({ alg: 'RS256', typ: 'JWT' }, { sub: 'b' }, rsa.privateKey);
    const verdicts = await Promise.all([
      verifyToken(right, 'right-secret'),
      verifyToken(wrong, 'right-secret'),
      verifyToken(token, rsa.spki),
      verifyToken(tamper(other), rsa.spki),
      verifyToken(right, 'right-secret'),
      verifyToken(other, rsa.spki),
    ]);
    expect(verdicts.map((v) => v.status)).toEqual([
      'verified',
      'invalid',
      'verified',
      'invalid',
      'verified',
      'verified',
    ]);
  });

  it('verified: an unencoded (RFC 7797) payload that is not ASCII, signed by jose', async () => {
    const secret = 'unencoded-secret-0123456789abcdef';
    const payload = 'It’s €5 — naïve café';
    const signed = await new jose.FlattenedSign(new TextEncoder().encode(payload))
      .setProtectedHeader({ alg: 'HS256', b64: false, crit: ['b64'] })
      .sign(new TextEncoder().encode(secret));
    // Compact b64:false carries the payload in place (RFC 7797 §5.1 allows it when it has no '.').
    const [header, signature] = [signed.protected!, signed.signature];
    const attached = `${header}.${payload}.${signature}`;
    expect(await verifyToken(attached, secret)).toMatchObject({ status: 'verified' });
    expect(await verifyToken(`${header}.${payload}!.${signature}`, secret)).toMatchObject({
      status: 'invalid',
    });
  });

  it('invalid with the wrong HMAC secret', async () => {
    const signed = await verifyToken(hs256('right-secret'), 'wrong-secret');
    expect(signed.status).toBe('invalid');
  });

  it('invalid against every key of a JWKS, naming them', async () => {
    const jwks = JSON.stringify({
      keys: [
        { kty: 'RSA', n: otherRsa.publicKey.export({ format: 'jwk' }).n, e: 'AQAB', kid: 'x' },
        { kty: 'EC', crv: 'P-256', x: p256.publicJwk.x, y: p256.publicJwk.y, kid: 'y' },
        { kty: 'RSA', n: otherRsa.publicKey.export({ format: 'jwk' }).n, e: 'AQAB' },
      ],
    });
    const verdict = await verifyToken(token, jwks);
    expect(verdict.status).toBe('invalid');
    expect(verdict.message).toContain('The signature does not match any of the 2 keys tried');
    expect(verdict.keySource).toBe(
      'tried JWKS key 1 of 3, kid "x"; JWKS key 3 of 3: the token has no kid: tried the 2 keys that fit RS256',
    );
  });

  it('invalid: a tampered header', async () => {
    const [, payload, signature] = token.split('.');
    const verdict = await verifyToken(
      `${b64('{"alg":"RS256","typ":"JWT","kid":"x"}')}.${payload}.${signature}`,
      rsa.spki,
    );
    expect(verdict.status).toBe('invalid');
  });

  it('invalid: a signature of the wrong length says so', async () => {
    const [header, payload] = token.split('.');
    const verdict = await verifyToken(`${header}.${payload}.AAAA`, rsa.spki);
    expect(verdict).toMatchObject({ status: 'invalid', error: { code: 'ERR_SIGNATURE_INVALID' } });
  });

  it('invalid: an ECDSA signature in DER form says it starts like DER', async () => {
    const input = `${b64('{"alg":"ES256"}')}.${b64('{"sub":"a"}')}`;
    const der = nodeSign('sha256', Buffer.from(input), p256.privateKey).toString('base64url');
    const verdict = await verifyToken(`${input}.${der}`, p256.spki);
    expect(verdict.status).toBe('invalid');
    expect(verdict.message).toMatch(
      /^An ES256 signature is 64 bytes; this one is 7[0-2]\. It starts like DER: JWS wants the raw r‖s form \(RFC 7518 §3\.4\)\.$/,
    );
  });

  it('verified: an RSA-1024 key still verifies (its size is a finding, not a verdict)', async () => {
    const small = await keyOf('rsa1024');
    for (const alg of ['RS256', 'PS256'] as const) {
      const signed = nodeSignedToken({ alg }, { sub: 'small' }, small.privateKey);
      expect(await verifyToken(signed, small.spki)).toMatchObject({
        status: 'verified',
        keySource: 'RSA public key, 1024 bits, SPKI PEM',
      });
    }
  });

  it('verified: the RFC 9864 "Ed25519" alg', async () => {
    const ed = await keyOf('ed25519');
    const input = `${b64('{"alg":"Ed25519"}')}.${b64('{"sub":"a"}')}`;
    const signature = nodeSign(null, Buffer.from(input), ed.privateKey).toString('base64url');
    expect((await verifyToken(`${input}.${signature}`, ed.spki)).status).toBe('verified');
  });

  it.each(['none', 'None', 'NONE', 'nOnE'])(
    'unsigned: alg %j, even with a key and a signature',
    async (alg) => {
      const unsigned = `${b64(JSON.stringify({ alg }))}.${b64('{"sub":"a"}')}`;
      for (const [signature, key] of [
        ['', ''],
        ['', 'secret'],
        ['c2ln', rsa.spki],
      ] as const) {
        const verdict = await verifyToken(`${unsigned}.${signature}`, key);
        expect(verdict.status).toBe('unsigned');
        expect(verdict.message).toContain(`"alg": "${alg}" means the token is not signed`);
        expect(verdict.message).toContain('PyJWT: InvalidAlgorithmError');
      }
    },
  );

  it.each([
    ['HS257', 'ERR_ALG_UNKNOWN', '"HS257" is not a registered JWS algorithm (RFC 7518 §3.1).'],
    ['hs256', 'ERR_ALG_UNKNOWN', 'Algorithm names are case-sensitive: did you mean HS256?'],
    ['eddsa', 'ERR_ALG_UNKNOWN', 'did you mean EdDSA?'],
    ['RSA-OAEP', 'ERR_ALG_UNKNOWN', '"RSA-OAEP" is not a registered JWS algorithm'],
    ['', 'ERR_ALG_UNKNOWN', '"" is not a registered JWS algorithm'],
    // ES256K and Ed448 are checked with @noble/curves (tests/unit/noble): a secret fits neither.
    ['ES256K', 'ERR_KEY_SECRET_FOR_ASYMMETRIC', 'ES256K needs an EC key on secp256k1'],
    ['Ed448', 'ERR_KEY_SECRET_FOR_ASYMMETRIC', 'Ed448 needs an Ed448 key'],
    ['ESP256', 'ERR_KEY_SECRET_FOR_ASYMMETRIC', 'ESP256 needs an EC key on P-256'],
  ])('key-error: alg %j → %s', async (alg, code, message) => {
    const verdict = await verifyToken(
      `${b64(JSON.stringify({ alg }))}.${b64('{}')}.c2ln`,
      'secret',
    );
    expect(verdict.status).toBe('key-error');
    expect(verdict.error?.code).toBe(code);
    expect(verdict.message).toContain(message);
    if (code === 'ERR_ALG_UNKNOWN') expect(verdict.error?.pyjwt).toBe('InvalidAlgorithmError');
  });

  it('needs-key: no key yet', async () => {
    expect(await verifyToken(token, '  ')).toMatchObject({
      status: 'needs-key',
      message: 'Paste a key to verify the signature.',
    });
  });

  it.each([
    ['a key of the wrong type', () => p256.spki, 'ERR_KEY_TYPE_MISMATCH'],
    ['a secret', () => 'secret', 'ERR_KEY_SECRET_FOR_ASYMMETRIC'],
    ['a broken JWK', () => '{"kty":"RSA"}', 'ERR_KEY_JWK'],
  ])('key-error: %s', async (_name, key, code) => {
    const verdict = await verifyToken(token, key());
    expect(verdict.status).toBe('key-error');
    expect(verdict.error?.code).toBe(code);
  });

  it('key-error: the public key as the secret of an HS256 token (algorithm confusion)', async () => {
    const verdict = await verifyToken(hs256(rsa.spki), rsa.spki);
    expect(verdict.status).toBe('key-error');
    expect(verdict.error).toMatchObject({
      code: 'ERR_KEY_PUBLIC_AS_SECRET',
      pyjwt: 'InvalidKeyError',
    });
  });

  it('malformed: a token that does not decode', async () => {
    expect((await verifyToken('a.b', rsa.spki)).status).toBe('malformed');
  });

  it('algorithmOf returns the algorithm when it can be checked', () => {
    expect(algorithmOf('PS384')).toEqual({ algorithm: jwsAlgorithm('PS384') });
  });
});

function hs256(secret: string): string {
  const input = `${b64('{"alg":"HS256","typ":"JWT"}')}.${b64('{"sub":"a"}')}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}
