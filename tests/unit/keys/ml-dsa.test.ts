/**
 * ML-DSA (RFC 9964) in the engine: the algorithm data, AKP JWKs and ML-DSA
 * PEMs read without crypto, fit checks with their messages, and verification
 * of RFC 9964's own ML-DSA-44 example. Node 20's WebCrypto has no ML-DSA, so
 * the verifying cases run only where it has (and the page's answer for a
 * runtime without it is checked instead); tests/e2e/ml-dsa.spec.ts checks
 * the crypto in Chromium.
 */
import { base64url, type JWK } from 'jose';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkFit,
  describeKey,
  jwsAlgorithm,
  parseKey,
  subtleParams,
  type ErrorCode,
  type KeyFacts,
  type ParsedKey,
} from '../../../src/lib';
import { thumbprintOf } from '../../../src/lib/keys/export';
import { readPem } from '../../../src/lib/keys/pem';
import { hasMlDsa } from '../helpers/ml-dsa';
import { verifyCompact } from '../helpers/verify-compact';

interface MlDsaCase {
  id: string;
  token: string;
  key: string;
  keyFormat: 'jwk' | 'spki';
  signingKey: string;
}
const VECTORS = JSON.parse(
  readFileSync(new URL('../../vectors/ml-dsa/rfc9964.json', import.meta.url), 'utf8'),
) as { cases: MlDsaCase[] };
const [JWK_CASE, PEM_CASE] = VECTORS.cases as [MlDsaCase, MlDsaCase];
const PUBLIC = JSON.parse(JWK_CASE.key) as JWK & { pub: string };
const PRIVATE = JSON.parse(JWK_CASE.signingKey) as JWK & { priv: string };

const parsed = (text: string): ParsedKey => {
  const result = parseKey(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};
const factsOf = (text: string): KeyFacts => {
  const key = parsed(text);
  if (key.kind !== 'jwk' && key.kind !== 'pem') throw new Error(`not one key: ${key.kind}`);
  return key.facts;
};
const jwkText = (jwk: Record<string, unknown>) => JSON.stringify(jwk);
/** A base64url string of `n` bytes. */
const bytes = (n: number) => base64url.encode(new Uint8Array(n).fill(7));

describe('the algorithm table (RFC 9964 §5, FIPS 204 Table 2)', () => {
  it.each([
    ['ML-DSA-44', 2420, 1312],
    ['ML-DSA-65', 3309, 1952],
    ['ML-DSA-87', 4627, 2592],
  ])('%s: %i-byte signatures, %i-byte public keys, an AKP key', (alg, sig, pub) => {
    const algorithm = jwsAlgorithm(alg)!;
    expect(algorithm).toMatchObject({
      family: 'ML-DSA',
      kty: 'AKP',
      signatureBytes: sig,
      publicKeyBytes: pub,
      inBrowser: true,
      spec: 'RFC 9964 §5',
    });
    // The empty context of RFC 9964 §5 is WebCrypto's default: no context member.
    expect(subtleParams(algorithm)).toEqual({ name: alg });
  });
});

describe("RFC 9964's all-zeros ML-DSA-44 key", () => {
  it('reads the public and the private JWK', () => {
    expect(factsOf(JWK_CASE.key)).toMatchObject({
      kty: 'AKP',
      keyAlg: 'ML-DSA-44',
      isPrivate: false,
    });
    expect(factsOf(JWK_CASE.signingKey)).toMatchObject({ kty: 'AKP', isPrivate: true });
    expect(describeKey(parsed(JWK_CASE.key))).toBe(`ML-DSA-44 public key JWK, kid "${PUBLIC.kid}"`);
  });

  it('has the RFC 9964 §6 thumbprint (alg, kty, pub) as its kid, from the private JWK too', async () => {
    expect(await thumbprintOf(PUBLIC)).toBe(PUBLIC.kid);
    expect(await thumbprintOf(PRIVATE)).toBe(PUBLIC.kid);
  });

  it('reads the SPKI and PKCS#8 PEMs by their id-ml-dsa-44 OID', () => {
    expect(describeKey(parsed(PEM_CASE.key))).toBe('ML-DSA-44 public key, SPKI PEM');
    expect(describeKey(parsed(PEM_CASE.signingKey))).toBe('ML-DSA-44 private key, PKCS#8 PEM');
    // The SPKI's BIT STRING is the RFC's "pub", after the 22 bytes of SPKI framing.
    const der = (readPem(PEM_CASE.key) as { value: { der: Uint8Array } }).value.der;
    expect(base64url.encode(der.subarray(22))).toBe(PUBLIC.pub);
  });

  it('refuses an SPKI whose key does not have its OID’s size', () => {
    const der = (readPem(PEM_CASE.key) as { value: { der: Uint8Array } }).value.der.slice();
    der[16] = 0x12; // id-ml-dsa-44 → id-ml-dsa-65, keeping the 1312-byte key
    const pem = `-----BEGIN PUBLIC KEY-----\n${Buffer.from(der).toString('base64')}\n-----END PUBLIC KEY-----`;
    const result = parseKey(pem);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('ERR_KEY_PEM');
    expect(result.error.message).toBe(
      'This ML-DSA-65 public key is 1312 bytes, but an ML-DSA-65 public key is 1952 bytes (FIPS 204 Table 2): the key is damaged or cut short.',
    );
  });
});

describe('AKP JWKs that cannot be read', () => {
  it.each<[string, Record<string, unknown>, string]>([
    [
      'no alg',
      { kty: 'AKP', pub: bytes(1312) },
      'This AKP JWK has no "alg": an AKP key must name the one algorithm it is for (RFC 9964 §3).',
    ],
    [
      'no pub beside priv',
      { kty: 'AKP', alg: 'ML-DSA-44', priv: bytes(32) },
      'This AKP JWK lacks "pub", the public key, which RFC 9964 §3 requires even beside "priv".',
    ],
    [
      'a pub one byte short',
      { kty: 'AKP', alg: 'ML-DSA-44', pub: bytes(1311) },
      `This ML-DSA-44 JWK's "pub" is 1311 bytes, but an ML-DSA-44 public key is 1312 bytes (RFC 9964 §5, FIPS 204 Table 2).`,
    ],
    [
      'an ML-DSA-65 pub labelled ML-DSA-44',
      { kty: 'AKP', alg: 'ML-DSA-44', pub: bytes(1952) },
      `This ML-DSA-44 JWK's "pub" is 1952 bytes, but an ML-DSA-44 public key is 1312 bytes (RFC 9964 §5, FIPS 204 Table 2). 1952 bytes is the size of an ML-DSA-65 key: is "alg" wrong?`,
    ],
    [
      'an expanded private key as priv',
      { kty: 'AKP', alg: 'ML-DSA-44', pub: bytes(1312), priv: bytes(2560) },
      `This ML-DSA-44 JWK's "priv" is 2560 bytes, but it must be the 32-byte seed (RFC 9964 §4); the expanded private key is not used in JOSE.`,
    ],
  ])('%s', (_, jwk, message) => {
    const result = parseKey(jwkText(jwk));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('ERR_KEY_JWK');
    expect(result.error.message).toBe(message);
  });
});

describe('fit: the key decides the algorithm', () => {
  const mlDsa65 = jwkText({ kty: 'AKP', alg: 'ML-DSA-65', pub: bytes(1952) });
  const rsa: KeyFacts = { kty: 'RSA', bits: 2048, isPrivate: false };
  it.each<[string, KeyFacts, string, 'verify' | 'sign', ErrorCode, string]>([
    [
      'an ML-DSA-65 key for an ML-DSA-44 token',
      factsOf(mlDsa65),
      'ML-DSA-44',
      'verify',
      'ERR_KEY_PARAMETER_SET_MISMATCH',
      'ML-DSA-44 needs an ML-DSA-44 key (an AKP JWK, or a PEM with the ML-DSA-44 OID), but this is an ML-DSA-65 key: an AKP key serves only the algorithm it names (RFC 9964 §3). It could serve ML-DSA-65.',
    ],
    [
      'an RSA key for an ML-DSA token',
      rsa,
      'ML-DSA-87',
      'verify',
      'ERR_KEY_TYPE_MISMATCH',
      'ML-DSA-87 needs an ML-DSA-87 key (an AKP JWK, or a PEM with the ML-DSA-87 OID), but this is an RSA key (2048 bits). It could serve RS256, RS384, RS512, PS256, PS384, PS512.',
    ],
    [
      'an ML-DSA key for an RS256 token',
      factsOf(JWK_CASE.key),
      'RS256',
      'verify',
      'ERR_KEY_TYPE_MISMATCH',
      'RS256 needs an RSA key, but this is an ML-DSA-44 key. It could serve ML-DSA-44.',
    ],
    [
      'an ML-DSA public key as an HMAC secret',
      factsOf(JWK_CASE.key),
      'HS256',
      'verify',
      'ERR_KEY_PUBLIC_AS_SECRET',
      'HS256 needs a shared secret, but this is an ML-DSA-44 key.',
    ],
    [
      'a public AKP key to sign with',
      factsOf(JWK_CASE.key),
      'ML-DSA-44',
      'sign',
      'ERR_KEY_NOT_PRIVATE',
      'This is a public key: it can verify ML-DSA-44 tokens but not sign them.',
    ],
  ])('%s', (_, facts, alg, purpose, code, message) => {
    const result = checkFit(facts, jwsAlgorithm(alg)!, purpose);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message).toContain(message);
  });

  it('passes the RFC key for its own algorithm, to verify and to sign', () => {
    const alg = jwsAlgorithm('ML-DSA-44')!;
    expect(checkFit(factsOf(JWK_CASE.key), alg, 'verify').ok).toBe(true);
    expect(checkFit(factsOf(PEM_CASE.signingKey), alg, 'sign').ok).toBe(true);
  });
});

describe.each([JWK_CASE, PEM_CASE])('verifying $id', (vector) => {
  it.skipIf(!hasMlDsa)('verifies, and a changed payload does not', async () => {
    expect((await verifyCompact(vector.token, vector.key)).status).toBe('verified');
    const [header, , signature] = vector.token.split('.');
    const tampered = `${header}.${base64url.encode('It’s a safe business, Frodo.')}.${signature}`;
    expect((await verifyCompact(tampered, vector.key)).status).toBe('invalid');
  });

  it.skipIf(hasMlDsa)('says this runtime has no ML-DSA, instead of throwing', async () => {
    const verdict = await verifyCompact(vector.token, vector.key);
    expect(verdict.status).toBe('key-error');
    expect(verdict.error?.code).toBe('ERR_ALG_UNSUPPORTED');
    expect(verdict.message).toBe(
      "This browser's WebCrypto has no ML-DSA-44, so it cannot verify this token here (ML-DSA is new to WebCrypto, and not every browser has it yet). The token still decodes; the key was read, not used.",
    );
  });
});
