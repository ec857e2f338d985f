/**
 * From key text to CryptoKeys for one algorithm: every form imports, every
 * misfit is refused with its code, JWKS entries are picked by kid or by fit,
 * and KeyResolver caches.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { exportJWK, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  describeKey,
  jwsAlgorithm,
  KeyResolver,
  parseKey,
  resolveKey,
  selectFromJwks,
  verifyWith,
  decodeToken,
  type DecodedJws,
  type ErrorCode,
  type KeyPurpose,
  type KeySelection,
  type ParsedKey,
  type Result,
  type SecretEncoding,
} from '../../../src/lib';
import {
  EC_CERT,
  keyOf,
  nodeSignedToken,
  RSA_CERT,
  sshRsaLine,
  textsOf,
  type KeyKind,
  type KeyTexts,
} from '../helpers/keys';

const keys = {} as Record<KeyKind, KeyTexts>;
beforeAll(async () => {
  for (const kind of ['rsa', 'p256', 'p384', 'p521', 'ed25519', 'x25519'] as const)
    keys[kind] = await keyOf(kind);
});

const json = (value: unknown) => JSON.stringify(value, null, 2);
const fixture = (name: string) =>
  readFileSync(new URL(`../../vectors/keys/${name}`, import.meta.url), 'utf8');
const pssKey = fixture('rsa-pss-cert-key.pem');
const pssCertificate = fixture('rsa-pss-cert.pem');

function resolve(
  text: string,
  alg: string,
  purpose: KeyPurpose = 'verify',
  options: { secretEncoding?: SecretEncoding; kid?: unknown } = {},
): Promise<Result<KeySelection>> {
  return new KeyResolver().resolve(text, jwsAlgorithm(alg)!, purpose, {
    secretEncoding: 'utf8',
    ...options,
  });
}

async function selection(
  text: string,
  alg: string,
  purpose: KeyPurpose = 'verify',
  options = {},
): Promise<KeySelection> {
  const result = await resolve(text, alg, purpose, options);
  if (!result.ok) throw new Error(`expected the key to resolve: ${result.error.message}`);
  return result.value;
}

describe('every key form resolves', () => {
  type Case = [
    name: string,
    text: () => string,
    alg: string,
    purpose: KeyPurpose,
    type: KeyType,
    algorithm: string,
    source: string,
  ];
  const cases: Case[] = [
    [
      'a UTF-8 secret for HS256',
      () => 'a-string-secret-at-least-256-bits-long',
      'HS256',
      'verify',
      'secret',
      'HMAC',
      'HMAC secret, 38 bytes',
    ],
    [
      'a secret signs too',
      () => 'a-string-secret-at-least-256-bits-long',
      'HS512',
      'sign',
      'secret',
      'HMAC',
      'HMAC secret, 38 bytes',
    ],
    [
      'an oct JWK',
      () => json({ kty: 'oct', k: Buffer.alloc(48, 1).toString('base64url') }),
      'HS384',
      'verify',
      'secret',
      'HMAC',
      'Symmetric secret, 384 bits JWK',
    ],
    [
      'an RSA SPKI key',
      () => keys.rsa.spki,
      'RS256',
      'verify',
      'public',
      'RSASSA-PKCS1-v1_5',
      'RSA public key, 2048 bits, SPKI PEM',
    ],
    [
      'an RSA SPKI key for PS384',
      () => keys.rsa.spki,
      'PS384',
      'verify',
      'public',
      'RSA-PSS',
      'RSA public key, 2048 bits, SPKI PEM',
    ],
    [
      'an RSA PKCS#1 public key',
      () => keys.rsa.pkcs1Public!,
      'RS512',
      'verify',
      'public',
      'RSASSA-PKCS1-v1_5',
      'RSA public key, 2048 bits, PKCS#1 PEM',
    ],
    [
      'an RSA PKCS#8 key, to verify',
      () => keys.rsa.pkcs8,
      'RS256',
      'verify',
      'public',
      'RSASSA-PKCS1-v1_5',
      'RSA private key, 2048 bits, PKCS#8 PEM',
    ],
    [
      'an RSA PKCS#8 key, to sign',
      () => keys.rsa.pkcs8,
      'PS256',
      'sign',
      'private',
      'RSA-PSS',
      'RSA private key, 2048 bits, PKCS#8 PEM',
    ],
    [
      'an RSA PKCS#1 private key, to verify',
      () => keys.rsa.pkcs1Private!,
      'RS256',
      'verify',
      'public',
      'RSASSA-PKCS1-v1_5',
      'RSA private key, 2048 bits, PKCS#1 PEM',
    ],
    [
      'an RSA PKCS#1 private key, to sign',
      () => keys.rsa.pkcs1Private!,
      'RS384',
      'sign',
      'private',
      'RSASSA-PKCS1-v1_5',
      'RSA private key, 2048 bits, PKCS#1 PEM',
    ],
    [
      'an RSA certificate',
      () => RSA_CERT.cert,
      'RS256',
      'verify',
      'public',
      'RSASSA-PKCS1-v1_5',
      'RSA public key, 2048 bits, X.509 certificate',
    ],
    [
      'an EC certificate',
      () => EC_CERT.cert,
      'ES256',
      'verify',
      'public',
      'ECDSA',
      'EC P-256 public key, X.509 certificate',
    ],
    [
      'an EC SPKI key',
      () => keys.p384.spki,
      'ES384',
      'verify',
      'public',
      'ECDSA',
      'EC P-384 public key, SPKI PEM',
    ],
    [
      'an EC SEC1 key, to verify',
      () => keys.p256.sec1!,
      'ES256',
      'verify',
      'public',
      'ECDSA',
      'EC P-256 private key, SEC1 PEM',
    ],
    [
      'an EC SEC1 key, to sign',
      () => keys.p521.sec1!,
      'ES512',
      'sign',
      'private',
      'ECDSA',
      'EC P-521 private key, SEC1 PEM',
    ],
    [
      'an EC PKCS#8 key',
      () => keys.p256.pkcs8,
      'ES256',
      'sign',
      'private',
      'ECDSA',
      'EC P-256 private key, PKCS#8 PEM',
    ],
    [
      'an Ed25519 SPKI key',
      () => keys.ed25519.spki,
      'EdDSA',
      'verify',
      'public',
      'Ed25519',
      'Ed25519 public key, SPKI PEM',
    ],
    [
      'an Ed25519 PKCS#8 key, to verify',
      () => keys.ed25519.pkcs8,
      'EdDSA',
      'verify',
      'public',
      'Ed25519',
      'Ed25519 private key, PKCS#8 PEM',
    ],
    [
      'an Ed25519 key for the Ed25519 alg',
      () => keys.ed25519.spki,
      'Ed25519',
      'verify',
      'public',
      'Ed25519',
      'Ed25519 public key, SPKI PEM',
    ],
    [
      'a public RSA JWK',
      () => json(keys.rsa.publicJwk),
      'PS512',
      'verify',
      'public',
      'RSA-PSS',
      'RSA public key, 2048 bits JWK',
    ],
    [
      'a private RSA JWK, to verify',
      () => json(keys.rsa.privateJwk),
      'RS256',
      'verify',
      'public',
      'RSASSA-PKCS1-v1_5',
      'RSA private key, 2048 bits JWK',
    ],
    [
      'a private RSA JWK, to sign',
      () => json(keys.rsa.privateJwk),
      'RS256',
      'sign',
      'private',
      'RSASSA-PKCS1-v1_5',
      'RSA private key, 2048 bits JWK',
    ],
    [
      'a public EC JWK with kid',
      () => json({ ...keys.p256.publicJwk, kid: 'ec-1' }),
      'ES256',
      'verify',
      'public',
      'ECDSA',
      'EC P-256 public key JWK, kid "ec-1"',
    ],
    [
      'a private EC JWK, to sign',
      () => json(keys.p384.privateJwk),
      'ES384',
      'sign',
      'private',
      'ECDSA',
      'EC P-384 private key JWK',
    ],
    [
      'a public OKP JWK',
      () => json(keys.ed25519.publicJwk),
      'EdDSA',
      'verify',
      'public',
      'Ed25519',
      'Ed25519 public key JWK',
    ],
    [
      'a private OKP JWK, to sign',
      () => json(keys.ed25519.privateJwk),
      'EdDSA',
      'sign',
      'private',
      'Ed25519',
      'Ed25519 private key JWK',
    ],
    [
      'a JWK that declares what it may do',
      () =>
        json({
          ...keys.p256.privateJwk,
          alg: 'ES256',
          use: 'sig',
          key_ops: ['sign', 'verify'],
          ext: true,
        }),
      'ES256',
      'sign',
      'private',
      'ECDSA',
      'EC P-256 private key JWK',
    ],
  ];

  it.each(cases)('%s', async (_name, text, alg, purpose, type, algorithm, source) => {
    const { candidates, how } = await selection(text(), alg, purpose);
    expect(how).toBe('');
    expect(candidates).toHaveLength(1);
    const [candidate] = candidates;
    expect((candidate!.key as CryptoKey).type).toBe(type);
    expect((candidate!.key as CryptoKey).algorithm.name).toBe(algorithm);
    expect((candidate!.key as CryptoKey).usages).toContain(purpose);
    expect(candidate!.source).toBe(source);
  });
});

describe('secrets in each encoding', () => {
  it.each<[SecretEncoding, string, number]>([
    ['utf8', 'secret', 6],
    ['base64', 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0', 27],
    [
      'base64url',
      'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow',
      64,
    ],
    ['hex', '00112233445566778899aabbccddeeff', 16],
  ])('%s', async (secretEncoding, text, bytes) => {
    const { candidates } = await selection(text, 'HS256', 'verify', { secretEncoding });
    expect(candidates[0]!.source).toBe(`HMAC secret, ${bytes} bytes`);
    expect(candidates[0]!.facts).toEqual({ kty: 'oct', bits: bytes * 8, isPrivate: true });
  });

  it('a UTF-8 secret with white space around it says that it counts', async () => {
    const { candidates } = await selection(' secret\n', 'HS256');
    expect(candidates[0]!.source).toBe('HMAC secret, 8 bytes');
    expect(candidates[0]!.notes).toEqual([
      'The secret starts or ends with white space, and it counts as part of the secret.',
    ]);
  });

  it('a secret that is not in the chosen encoding', async () => {
    const result = await resolve('not hex!', 'HS256', 'verify', { secretEncoding: 'hex' });
    expect(!result.ok && [result.error.code, result.error.message]).toEqual([
      'ERR_KEY_SECRET_ENCODING',
      'The secret is not hex: \'n\' at character 1. Choose another encoding, or "UTF-8 text" to use the text as it is.',
    ]);
  });

  it('an oct JWK with an empty k', async () => {
    const result = await resolve('{"kty":"oct","k":""}', 'HS256');
    expect(!result.ok && [result.error.code, result.error.message]).toEqual([
      'ERR_KEY_EMPTY',
      'The secret is empty: an empty HMAC key protects nothing.',
    ]);
  });
});

interface MisfitCase {
  name: string;
  text: () => string;
  alg: string;
  purpose?: KeyPurpose;
  code: ErrorCode;
  message: string;
  pyjwt?: string;
}

describe('keys that do not fit are refused', () => {
  const cases: MisfitCase[] = [
    {
      name: 'no key, to verify',
      text: () => '',
      alg: 'RS256',
      code: 'ERR_KEY_EMPTY',
      message: 'Paste a key to verify the signature.',
    },
    {
      name: 'no key, to sign',
      text: () => '  ',
      alg: 'HS256',
      purpose: 'sign',
      code: 'ERR_KEY_EMPTY',
      message: 'Paste a key to sign with.',
    },
    {
      name: 'an RSA key for ES256',
      text: () => keys.rsa.spki,
      alg: 'ES256',
      code: 'ERR_KEY_TYPE_MISMATCH',
      message: 'ES256 needs an EC key on P-256, but this is an RSA key (2048 bits).',
      pyjwt: 'InvalidKeyError',
    },
    {
      name: 'a P-384 key for ES256',
      text: () => keys.p384.spki,
      alg: 'ES256',
      code: 'ERR_KEY_CURVE_MISMATCH',
      message: 'ES256 needs a key on P-256, but this is an EC key on P-384. It could serve ES384.',
      pyjwt: 'InvalidKeyError',
    },
    {
      name: 'a P-256 JWK for ES512',
      text: () => json(keys.p256.publicJwk),
      alg: 'ES512',
      code: 'ERR_KEY_CURVE_MISMATCH',
      message: 'ES512 needs a key on P-521, but this is an EC key on P-256.',
    },
    {
      name: 'an X25519 key for EdDSA',
      text: () => keys.x25519.spki,
      alg: 'EdDSA',
      code: 'ERR_KEY_TYPE_MISMATCH',
      message: 'X25519 keys are for key agreement (encryption), not signatures.',
    },
    {
      name: 'an RSA public PEM as an HMAC secret',
      text: () => keys.rsa.spki,
      alg: 'HS256',
      code: 'ERR_KEY_PUBLIC_AS_SECRET',
      message:
        'HS256 needs a shared secret, but this is an RSA key (2048 bits). Using public-key text as an HMAC secret is the algorithm-confusion attack',
      pyjwt: 'InvalidKeyError',
    },
    {
      name: 'a PKCS#1 public PEM as an HMAC secret',
      text: () => keys.rsa.pkcs1Public!,
      alg: 'HS256',
      code: 'ERR_KEY_PUBLIC_AS_SECRET',
      message:
        'PyJWT: "The specified key is an asymmetric key or x509 certificate and should not be used as an HMAC secret."',
      pyjwt: 'InvalidKeyError',
    },
    {
      name: 'a certificate as an HMAC secret',
      text: () => RSA_CERT.cert,
      alg: 'HS512',
      code: 'ERR_KEY_PUBLIC_AS_SECRET',
      message: 'HS512 needs a shared secret',
      pyjwt: 'InvalidKeyError',
    },
    {
      name: 'a public EC JWK as an HMAC secret',
      text: () => json(keys.p256.publicJwk),
      alg: 'HS256',
      code: 'ERR_KEY_PUBLIC_AS_SECRET',
      message: 'but this is an EC key on P-256',
      pyjwt: 'InvalidKeyError',
    },
    {
      name: 'an ssh-rsa line as an HMAC secret',
      text: () => sshRsaLine(keys.rsa.publicKey),
      alg: 'HS256',
      code: 'ERR_KEY_PUBLIC_AS_SECRET',
      message: 'algorithm-confusion attack',
      pyjwt: 'InvalidKeyError',
    },
    {
      name: 'an ssh-rsa line for RS256',
      text: () => sshRsaLine(keys.rsa.publicKey),
      alg: 'RS256',
      code: 'ERR_KEY_PEM_UNSUPPORTED',
      message:
        'This is an OpenSSH public key (ssh-rsa). Convert it to PEM with: ssh-keygen -e -m PKCS8 -f key.pub',
    },
    {
      name: 'a secret for RS256',
      text: () => 'my-secret',
      alg: 'RS256',
      code: 'ERR_KEY_SECRET_FOR_ASYMMETRIC',
      message: 'RS256 needs an RSA key (PEM, JWK or JWKS), but this looks like a plain secret',
      pyjwt: 'InvalidKeyError',
    },
    {
      name: 'an oct JWK for ES256',
      text: () => json({ kty: 'oct', k: 'c2VjcmV0' }),
      alg: 'ES256',
      code: 'ERR_KEY_SECRET_FOR_ASYMMETRIC',
      message: 'ES256 needs an EC key on P-256, but this is a symmetric secret',
    },
    {
      name: 'a public PEM to sign',
      text: () => keys.rsa.spki,
      alg: 'RS256',
      purpose: 'sign',
      code: 'ERR_KEY_NOT_PRIVATE',
      message:
        'This is a public key: it can verify RS256 tokens but not sign them. Paste the private key to sign.',
    },
    {
      name: 'a certificate to sign',
      text: () => EC_CERT.cert,
      alg: 'ES256',
      purpose: 'sign',
      code: 'ERR_KEY_NOT_PRIVATE',
      message: 'This is a public key',
    },
    {
      name: 'a public JWK to sign',
      text: () => json(keys.ed25519.publicJwk),
      alg: 'EdDSA',
      purpose: 'sign',
      code: 'ERR_KEY_NOT_PRIVATE',
      message: 'it can verify EdDSA tokens but not sign them',
    },
    {
      name: 'a JWK whose alg is another',
      text: () => json({ ...keys.rsa.publicJwk, alg: 'RS512' }),
      alg: 'RS256',
      code: 'ERR_KEY_USE_MISMATCH',
      message:
        'This key declares "alg": "RS512", so it must not be used for RS256 (RFC 7517 §4.4).',
    },
    {
      name: 'an RSA-PSS key (OpenSSL, id-RSASSA-PSS) for RS256',
      text: () => pssKey,
      alg: 'RS256',
      code: 'ERR_KEY_USE_MISMATCH',
      message:
        'This RSA key is restricted to RSASSA-PSS by its algorithm identifier (id-RSASSA-PSS, RFC 4055 §1.2), so it must not be used for RS256, which is RSASSA-PKCS1-v1_5. It could serve PS256, PS384, PS512.',
    },
    {
      name: 'an RSA-PSS certificate (OpenSSL) for RS512',
      text: () => pssCertificate,
      alg: 'RS512',
      code: 'ERR_KEY_USE_MISMATCH',
      message: 'restricted to RSASSA-PSS',
    },
    {
      name: 'a JWK for encryption',
      text: () => json({ ...keys.p256.publicJwk, use: 'enc' }),
      alg: 'ES256',
      code: 'ERR_KEY_USE_MISMATCH',
      message: 'This key declares "use": "enc", so it is not for signatures (RFC 7517 §4.2).',
    },
    {
      name: 'a JWK whose key_ops only verify, to sign',
      text: () => json({ ...keys.p256.privateJwk, key_ops: ['verify'] }),
      alg: 'ES256',
      purpose: 'sign',
      code: 'ERR_KEY_USE_MISMATCH',
      message: `This key's "key_ops" (verify) do not include "sign" (RFC 7517 §4.3).`,
    },
    {
      name: 'an EC JWK whose point is not on the curve',
      text: () =>
        json({
          kty: 'EC',
          crv: 'P-256',
          x: Buffer.alloc(32, 1).toString('base64url'),
          y: Buffer.alloc(32, 2).toString('base64url'),
        }),
      alg: 'ES256',
      code: 'ERR_KEY_IMPORT',
      message: 'The browser could not import this key for ES256:',
    },
    {
      name: 'broken JSON',
      text: () => '{"kty":"RSA",}',
      alg: 'RS256',
      code: 'ERR_KEY_JSON',
      message: 'The key looks like JSON but is not valid',
    },
  ];

  it.each(cases)('$name → $code', async ({ text, alg, purpose, code, message, pyjwt }) => {
    const result = await resolve(text(), alg, purpose ?? 'verify');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message).toContain(message);
    if (pyjwt) expect(result.error.pyjwt).toBe(pyjwt);
  });
});

describe('an EC JWK with short coordinates', () => {
  it('is padded, noted, and verifies', async () => {
    let found: { jwk: JWK; privateKey: import('node:crypto').KeyObject } | undefined;
    while (!found) {
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const jwk = await exportJWK(privateKey);
      if (Buffer.from(jwk.x!, 'base64url')[0] === 0) found = { jwk, privateKey };
    }
    const short = {
      kty: 'EC',
      crv: 'P-256',
      x: Buffer.from(found.jwk.x!, 'base64url').subarray(1).toString('base64url'),
      y: found.jwk.y,
    };
    const token = nodeSignedToken({ alg: 'ES256' }, { sub: 'padded' }, found.privateKey);
    const decoded = decodeToken(token);
    if (!decoded.ok) throw decoded.error;
    const resolved = await resolve(json(short), 'ES256');
    const verdict = await verifyWith(decoded.value as DecodedJws, jwsAlgorithm('ES256')!, resolved);
    expect(verdict.status).toBe('verified');
    expect(verdict.notes).toEqual([
      '"x" was 31 bytes, shorter than the 32 that P-256 needs: padded with leading zeros.',
    ]);
  });
});

describe('JWKS selection', () => {
  let rsaB: KeyTexts;
  beforeAll(async () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    rsaB = await textsOf(pair.publicKey, pair.privateKey);
  });

  const jwks = (...entries: JWK[]) => json({ keys: entries });
  const set = () =>
    jwks(
      { ...keys.rsa.publicJwk, kid: 'rsa-a' },
      { ...rsaB.publicJwk, kid: 'rsa-b' },
      { ...keys.p256.publicJwk, kid: 'ec' },
    );

  it('picks the entry named by the token’s kid', async () => {
    const { candidates, how } = await selection(set(), 'RS256', 'verify', { kid: 'rsa-b' });
    expect(how).toBe('matched kid "rsa-b"');
    expect(candidates.map((c) => c.source)).toEqual(['JWKS key 2 of 3, kid "rsa-b"']);
  });

  it('without a kid, picks the only entry that fits the alg', async () => {
    const { candidates, how } = await selection(set(), 'ES256');
    expect(how).toBe('the only key that fits ES256 (the token has no kid)');
    expect(candidates.map((c) => c.source)).toEqual(['JWKS key 3 of 3, kid "ec"']);
  });

  it('without a kid, tries every entry that fits, and the right one verifies', async () => {
    const { candidates, how } = await selection(set(), 'RS256');
    expect(how).toBe('the token has no kid: tried the 2 keys that fit RS256');
    expect(candidates.map((c) => c.source)).toEqual([
      'JWKS key 1 of 3, kid "rsa-a"',
      'JWKS key 2 of 3, kid "rsa-b"',
    ]);
    const token = decodeToken(nodeSignedToken({ alg: 'RS256' }, { sub: 'b' }, rsaB.privateKey));
    if (!token.ok) throw token.error;
    const verdict = await verifyWith(
      token.value as DecodedJws,
      jwsAlgorithm('RS256')!,
      await resolve(set(), 'RS256'),
    );
    expect(verdict).toMatchObject({
      status: 'verified',
      keySource:
        'JWKS key 2 of 3, kid "rsa-b": the token has no kid: tried the 2 keys that fit RS256',
    });
  });

  it('a kid that matches no entry: tries the entries that fit, and says a server would reject it', async () => {
    const { candidates, how } = await selection(set(), 'RS256', 'verify', { kid: 'gone' });
    expect(candidates).toHaveLength(2);
    expect(how).toBe(
      'no key has kid "gone": a server matching by kid would reject this token; tried the 2 keys that fit RS256',
    );
  });

  it('a kid that matches no entry, and nothing fits', async () => {
    const result = await resolve(set(), 'EdDSA', 'verify', { kid: 'gone' });
    expect(!result.ok && [result.error.code, result.error.message]).toEqual([
      'ERR_KEY_JWKS_NO_MATCH',
      'No key in this JWKS has kid "gone" (it has "rsa-a", "rsa-b", "ec"), and none fits EdDSA.',
    ]);
  });

  it('a kid that points to an entry that does not fit the alg', async () => {
    const result = await resolve(set(), 'ES256', 'verify', { kid: 'rsa-a' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('ERR_KEY_TYPE_MISMATCH');
    expect(result.error.message).toBe(
      'The JWKS key with kid "rsa-a" cannot be used: ES256 needs an EC key on P-256, but this is an RSA key (2048 bits). It could serve RS256, RS384, RS512, PS256, PS384, PS512.',
    );
  });

  it('no kid, and no entry fits', async () => {
    const result = await resolve(set(), 'ES384');
    expect(!result.ok && [result.error.code, result.error.message]).toEqual([
      'ERR_KEY_JWKS_NO_MATCH',
      'None of the 3 keys in this JWKS fits ES384 (they are: an RSA key (2048 bits); an RSA key (2048 bits); an EC key on P-256).',
    ]);
  });

  it('a kid that is not a string is treated as no kid', async () => {
    const { how } = await selection(set(), 'ES256', 'verify', { kid: 7 });
    expect(how).toBe('the only key that fits ES256 (the token has no kid)');
  });

  it('two entries with the same kid: both are tried', async () => {
    const twins = jwks({ ...keys.rsa.publicJwk, kid: 'same' }, { ...rsaB.publicJwk, kid: 'same' });
    const { candidates, how } = await selection(twins, 'RS256', 'verify', { kid: 'same' });
    expect(how).toBe('matched kid "same"');
    expect(candidates).toHaveLength(2);
  });

  it('selectFromJwks alone returns the indexes', () => {
    const parsed = parseKey(set()) as { ok: true; value: ParsedKey };
    if (parsed.value.kind !== 'jwks') throw new Error('not a JWKS');
    const picked = selectFromJwks(parsed.value, jwsAlgorithm('PS256')!, 'verify', undefined);
    expect(picked.ok && picked.value.entries.map((e) => e.index)).toEqual([0, 1]);
  });

  it('a JWKS of private keys can sign', async () => {
    const { candidates } = await selection(
      jwks({ ...keys.p256.privateJwk, kid: 'p' }),
      'ES256',
      'sign',
      { kid: 'p' },
    );
    expect((candidates[0]!.key as CryptoKey).type).toBe('private');
  });
});

describe('describeKey', () => {
  it.each<[string, () => string, string]>([
    ['nothing', () => '', 'No key'],
    ['a secret', () => 'abc', 'HMAC secret, 3 bytes'],
    ['an ssh key', () => sshRsaLine(keys.rsa.publicKey), 'OpenSSH public key (ssh-rsa)'],
    ['an SPKI key', () => keys.ed25519.spki, 'Ed25519 public key, SPKI PEM'],
    ['a SEC1 key', () => keys.p256.sec1!, 'EC P-256 private key, SEC1 PEM'],
    [
      'a JWK',
      () => json({ ...keys.rsa.publicJwk, kid: 'k' }),
      'RSA public key, 2048 bits JWK, kid "k"',
    ],
    ['a JWKS', () => json({ keys: [keys.rsa.publicJwk] }), 'JWKS, 1 key'],
    ['a JWKS', () => json({ keys: [keys.rsa.publicJwk, keys.p256.publicJwk] }), 'JWKS, 2 keys'],
  ])('%s', (_name, text, words) => {
    const parsed = parseKey(text());
    expect(parsed.ok && describeKey(parsed.value)).toBe(words);
  });

  it('a secret in an encoding it does not fit', () => {
    expect(describeKey({ kind: 'secret', text: 'zz' }, 'hex')).toBe(
      'HMAC secret (not valid in the chosen encoding)',
    );
    expect(describeKey({ kind: 'secret', text: 'ffff' }, 'hex')).toBe('HMAC secret, 2 bytes');
  });
});

describe('RSA keys restricted to RSASSA-PSS', () => {
  it('still sign and verify PS256, and their certificate verifies too', async () => {
    const signer = await selection(pssKey, 'PS256', 'sign');
    const verifier = await selection(pssCertificate, 'PS256');
    const data = new TextEncoder().encode('header.payload');
    const params = { name: 'RSA-PSS', saltLength: 32 };
    const signature = await crypto.subtle.sign(
      params,
      signer.candidates[0]!.key as CryptoKey,
      data,
    );
    expect(
      await crypto.subtle.verify(params, verifier.candidates[0]!.key as CryptoKey, signature, data),
    ).toBe(true);
    const parsed = parseKey(pssKey);
    expect(parsed.ok && describeKey(parsed.value)).toBe(
      'RSA-PSS private key, 2048 bits, PKCS#8 PEM',
    );
  });
});

describe('KeyResolver', () => {
  const HS256 = () => jwsAlgorithm('HS256')!;

  it('returns the same promise for the same inputs', () => {
    const resolver = new KeyResolver();
    const options = { secretEncoding: 'utf8' as const, kid: 'a' };
    const first = resolver.resolve(keys.rsa.spki, jwsAlgorithm('RS256')!, 'verify', options);
    expect(resolver.resolve(keys.rsa.spki, jwsAlgorithm('RS256')!, 'verify', { ...options })).toBe(
      first,
    );
  });

  it('gives a finished import without waiting, and nothing before it has finished', async () => {
    const resolver = new KeyResolver();
    const options = { secretEncoding: 'utf8' as const };
    expect(resolver.settled('secret', HS256(), 'verify', options)).toBeUndefined();
    const pending = resolver.resolve('secret', HS256(), 'verify', options);
    expect(resolver.settled('secret', HS256(), 'verify', options)).toBeUndefined();
    const result = await pending;
    expect(resolver.settled('secret', HS256(), 'verify', { ...options })).toBe(result);
    expect(resolver.settled('secret', HS256(), 'sign', options)).toBeUndefined();
    expect(resolver.settled('secret', HS256(), 'verify', { ...options, kid: 'a' })).toBeUndefined();
  });

  it('caches parsing by text', () => {
    const resolver = new KeyResolver();
    expect(resolver.parse(keys.p256.spki)).toBe(resolver.parse(keys.p256.spki));
  });

  it('resolves again when anything that matters changes', () => {
    const resolver = new KeyResolver();
    const base = resolver.resolve('secret', HS256(), 'verify', { secretEncoding: 'utf8' });
    expect(
      resolver.resolve('secret', jwsAlgorithm('HS384')!, 'verify', { secretEncoding: 'utf8' }),
    ).not.toBe(base);
    expect(resolver.resolve('secret', HS256(), 'sign', { secretEncoding: 'utf8' })).not.toBe(base);
    expect(resolver.resolve('secret', HS256(), 'verify', { secretEncoding: 'base64' })).not.toBe(
      base,
    );
    expect(
      resolver.resolve('secret', HS256(), 'verify', { secretEncoding: 'utf8', kid: 'x' }),
    ).not.toBe(base);
    expect(resolver.resolve('secret ', HS256(), 'verify', { secretEncoding: 'utf8' })).not.toBe(
      base,
    );
    expect(resolver.resolve('secret', HS256(), 'verify', { secretEncoding: 'utf8' })).toBe(base);
  });

  it('caches failures too', async () => {
    const resolver = new KeyResolver();
    const first = resolver.resolve('{"kty": }', HS256(), 'verify', { secretEncoding: 'utf8' });
    expect(resolver.resolve('{"kty": }', HS256(), 'verify', { secretEncoding: 'utf8' })).toBe(
      first,
    );
    const result = await first;
    expect(!result.ok && result.error.code).toBe('ERR_KEY_JSON');
  });

  it('forgets the oldest entry beyond its limit', () => {
    const resolver = new KeyResolver(2);
    const a = resolver.resolve('a', HS256(), 'verify', { secretEncoding: 'utf8' });
    resolver.resolve('b', HS256(), 'verify', { secretEncoding: 'utf8' });
    expect(resolver.resolve('a', HS256(), 'verify', { secretEncoding: 'utf8' })).toBe(a);
    resolver.resolve('c', HS256(), 'verify', { secretEncoding: 'utf8' });
    expect(resolver.resolve('a', HS256(), 'verify', { secretEncoding: 'utf8' })).not.toBe(a);
  });

  it('resolveKey gives the same answer without the cache', async () => {
    const parsed = parseKey(keys.p256.spki);
    if (!parsed.ok) throw parsed.error;
    const direct = await resolveKey(parsed.value, jwsAlgorithm('ES256')!, 'verify', {
      secretEncoding: 'utf8',
    });
    expect(direct.ok && direct.value.candidates[0]!.source).toBe('EC P-256 public key, SPKI PEM');
  });
});
