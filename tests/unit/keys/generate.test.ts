/**
 * Every key the generator makes, round-tripped: generate → export (PEM and
 * JWK) → import with our engine → sign → verify with the exported public
 * forms, and once more outside our engine with jose's own JWKS verification.
 */
import { compactVerify, createLocalJWKSet, importJWK, type JSONWebKeySet } from 'jose';
import { createPrivateKey, createPublicKey, verify as nodeVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  decodeToken,
  jwsAlgorithm,
  KeyResolver,
  prepareSigningInput,
  signWith,
  verifyWith,
  type DecodedJws,
  type SecretEncoding,
} from '../../../src/lib';
import { exportKey } from '../../../src/lib/keys/export';
import { generateKey, isSlowKeygen } from '../../../src/lib/keys/generate';
import { KEYGEN_ALGORITHMS, keygenAlgorithm } from '../../../src/lib/keys/keygen-algorithms';
import { parseKey } from '../../../src/lib/keys/parse';
import { hasMlDsa } from '../helpers/ml-dsa';

const resolver = new KeyResolver();

async function sign(alg: string, key: string, encoding: SecretEncoding): Promise<string> {
  const input = prepareSigningInput(JSON.stringify({ alg, typ: 'JWT' }), '{"sub":"round-trip"}');
  if (!input.ok) throw input.error;
  const algorithm = jwsAlgorithm(alg)!;
  const selection = await resolver.resolve(key, algorithm, 'sign', { secretEncoding: encoding });
  const token = await signWith(input.value, algorithm, selection);
  if (!token.ok) throw token.error;
  return token.value;
}

async function verifiesWith(token: string, key: string, encoding: SecretEncoding = 'utf8') {
  const decoded = decodeToken(token);
  if (!decoded.ok || decoded.value.kind !== 'jws') throw new Error('not a JWS');
  const jws = decoded.value as DecodedJws;
  const algorithm = jwsAlgorithm(jws.alg)!;
  const selection = await resolver.resolve(key, algorithm, 'verify', { secretEncoding: encoding });
  return (await verifyWith(jws, algorithm, selection)).status;
}

// ML-DSA keys are made only where WebCrypto has ML-DSA (not node 20: see tests/e2e/ml-dsa.spec.ts).
const mlDsaAlgs = KEYGEN_ALGORITHMS.filter((a) => a.family === 'ml-dsa').map((a) => a.alg);
const jwsAlgs = KEYGEN_ALGORITHMS.filter(
  (a) => a.kind === 'jws' && (a.family !== 'ml-dsa' || hasMlDsa),
).map((a) => a.alg);

it('offers the three ML-DSA parameter sets', () => {
  expect(mlDsaAlgs).toEqual(['ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87']);
});

it.skipIf(hasMlDsa)('says so when WebCrypto has no ML-DSA', async () => {
  const made = await generateKey('ML-DSA-65');
  expect(made.ok).toBe(false);
  if (made.ok) return;
  expect(made.error.code).toBe('ERR_KEYGEN');
  expect(made.error.message).toBe(
    "This browser's WebCrypto has no ML-DSA-65, so it cannot make that key here.",
  );
});

describe('generateKey: JWS keys round-trip through every export form', () => {
  it.each(jwsAlgs)('%s', async (alg) => {
    const made = await generateKey(alg);
    if (!made.ok) throw made.error;
    const { text, secretEncoding } = made.value;
    const token = await sign(alg, text, secretEncoding);
    const parsed = parseKey(text);
    if (!parsed.ok) throw parsed.error;
    const exported = await exportKey(parsed.value, secretEncoding);
    if (!exported.ok) throw exported.error;
    const x = exported.value;
    expect(x.algorithms).toContain(alg);
    expect(x.thumbprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
    if (alg.startsWith('HS')) {
      expect(secretEncoding).toBe('base64url');
      expect(Buffer.from(text, 'base64url').length).toBe(keygenAlgorithm(alg)!.bytes);
      expect(x.publicPem).toBeUndefined();
      expect(x.publicJwks).toBeUndefined();
      // The secret as an oct JWK signs tokens the base64url text verifies.
      const fromJwk = await sign(alg, x.privateJwk!, 'utf8');
      expect(await verifiesWith(fromJwk, text, 'base64url')).toBe('verified');
      return;
    }
    expect(x.publicPem).toContain('-----BEGIN PUBLIC KEY-----');
    expect(x.privatePem).toContain('-----BEGIN PRIVATE KEY-----');
    for (const half of [x.publicPem!, x.publicJwk!, x.publicJwks!])
      expect(half, 'a public form holds no private member').not.toMatch(/"d"|"priv"|PRIVATE/);
    // Public forms verify what the generated key signed.
    for (const form of [x.publicPem!, x.publicJwk!, x.publicJwks!])
      expect(await verifiesWith(token, form)).toBe('verified');
    // Private forms sign again, and the public PEM verifies that.
    for (const form of [x.privatePem!, x.privateJwk!])
      expect(await verifiesWith(await sign(alg, form, 'utf8'), x.publicPem!)).toBe('verified');
    const set = JSON.parse(x.publicJwks!) as JSONWebKeySet;
    expect(set.keys[0]!.kid).toBe(x.thumbprint);
    if (jwsAlgorithm(alg)!.noble) {
      // jose 6 has neither secp256k1 nor Ed448: OpenSSL (node:crypto) reads every form instead.
      const privateKey = createPrivateKey(x.privatePem!);
      const { kid: _kid, ...publicJwk } = set.keys[0]!;
      expect(privateKey.export({ format: 'jwk' })).toEqual(JSON.parse(x.privateJwk!));
      expect(
        createPrivateKey({ key: JSON.parse(x.privateJwk!), format: 'jwk' }).export({
          type: 'pkcs8',
          format: 'pem',
        }),
      ).toBe(x.privatePem);
      expect(createPublicKey(privateKey).export({ type: 'spki', format: 'pem' })).toBe(x.publicPem);
      const publicKey = createPublicKey({ key: publicJwk, format: 'jwk' });
      const [input, signature] = [token.slice(0, token.lastIndexOf('.')), token.split('.')[2]!];
      const key = { key: publicKey, dsaEncoding: 'ieee-p1363' as const };
      const hash = alg === 'ES256K' ? 'sha256' : null;
      expect(nodeVerify(hash, Buffer.from(input), key, Buffer.from(signature, 'base64url'))).toBe(
        true,
      );
      return;
    }
    // Outside our engine: jose's own JWKS selection and verification.
    const verified = await compactVerify(token, createLocalJWKSet(set));
    expect(verified.protectedHeader.alg).toBe(alg);
  });
});

describe('generateKey: JWE keys', () => {
  const jweAlgs = KEYGEN_ALGORITHMS.filter((a) => a.kind === 'jwe').map((a) => a.alg);
  it('offers RSA-OAEP-256, ECDH-ES+A256KW, A256KW and dir', () => {
    for (const alg of ['RSA-OAEP-256', 'ECDH-ES+A256KW', 'A256KW', 'dir'])
      expect(jweAlgs).toContain(alg);
  });
  it.each(jweAlgs)('%s makes a key that exports and imports', async (alg) => {
    const entry = keygenAlgorithm(alg)!;
    const made = await generateKey(alg, entry.family === 'ecdh' ? { crv: 'P-384' } : {});
    if (!made.ok) throw made.error;
    const parsed = parseKey(made.value.text);
    if (!parsed.ok) throw parsed.error;
    const exported = await exportKey(parsed.value);
    if (!exported.ok) throw exported.error;
    if (entry.family === 'aes') {
      const jwk = JSON.parse(made.value.text) as { kty: string; k: string; alg: string };
      expect(jwk).toMatchObject({ kty: 'oct', alg });
      expect(Buffer.from(jwk.k, 'base64url').length).toBe(entry.bytes);
      expect(exported.value.publicJwks).toBeUndefined();
    } else {
      expect(exported.value.facts?.isPrivate).toBe(true);
      if (entry.family === 'ecdh') expect(exported.value.facts?.crv).toBe('P-384');
      const pub = JSON.parse(exported.value.publicJwk!) as Record<string, unknown>;
      expect(pub.d).toBeUndefined();
      await expect(importJWK(pub, alg)).resolves.toBeDefined();
    }
  });
  it('makes X25519 keys for ECDH-ES', async () => {
    const made = await generateKey('ECDH-ES', { crv: 'X25519' });
    if (!made.ok) throw made.error;
    const parsed = parseKey(made.value.text);
    expect(parsed.ok && parsed.value.kind === 'pem' && parsed.value.facts.crv).toBe('X25519');
  });
});

describe('generateKey: options and refusals', () => {
  it('makes a 3072-bit RSA key and calls it slow', async () => {
    expect(isSlowKeygen('RS256', { rsaBits: 3072 })).toBe(true);
    expect(isSlowKeygen('RS256', { rsaBits: 2048 })).toBe(false);
    expect(isSlowKeygen('ES256')).toBe(false);
    const made = await generateKey('PS256', { rsaBits: 3072 });
    if (!made.ok) throw made.error;
    const parsed = parseKey(made.value.text);
    expect(parsed.ok && parsed.value.kind === 'pem' && parsed.value.facts.bits).toBe(3072);
  }, 120_000); // a 3072-bit prime search: seconds alone, much longer on a busy machine
  it.each([
    ['none', {}, 'ERR_KEYGEN', '"none" is not an algorithm this page can make a key for.'],
    ['RS256', { rsaBits: 1024 }, 'ERR_KEYGEN', 'RSA keys here are 2048, 3072, 4096 bits, not 1024'],
    [
      'ECDH-ES',
      { crv: 'P-192' },
      'ERR_KEYGEN',
      'ECDH-ES keys here are on P-256, P-384, P-521, X25519, not P-192',
    ],
  ])('%s %j fails with %s', async (alg, options, code, message) => {
    const made = await generateKey(alg, options);
    expect(made.ok).toBe(false);
    if (made.ok) return;
    expect(made.error.code).toBe(code);
    expect(made.error.message).toContain(message);
  });
});
