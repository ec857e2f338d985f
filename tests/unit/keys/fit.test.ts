/**
 * checkFit: the key decides the algorithm, never the token. Each mismatch is
 * refused with its code, the reason, and PyJWT's exception where it has one.
 */
import { describe, expect, it } from 'vitest';
import {
  algorithmsFor,
  checkFit,
  fitChecker,
  jwsAlgorithm,
  keyWords,
  PYJWT_HMAC_CONFUSION,
  type ErrorCode,
  type KeyFacts,
  type KeyPurpose,
} from '../../../src/lib';

const RSA_PUBLIC: KeyFacts = { kty: 'RSA', bits: 2048, isPrivate: false };
const RSA_PRIVATE: KeyFacts = { kty: 'RSA', bits: 2048, isPrivate: true };
const P256: KeyFacts = { kty: 'EC', crv: 'P-256', isPrivate: false };
const P384: KeyFacts = { kty: 'EC', crv: 'P-384', isPrivate: false };
const ED25519: KeyFacts = { kty: 'OKP', crv: 'Ed25519', isPrivate: true };
const ED448: KeyFacts = { kty: 'OKP', crv: 'Ed448', isPrivate: false };
const X25519: KeyFacts = { kty: 'OKP', crv: 'X25519', isPrivate: false };
const SECRET: KeyFacts = { kty: 'oct', bits: 256, isPrivate: true };

interface FitCase {
  name: string;
  facts: KeyFacts;
  alg: string;
  purpose?: KeyPurpose;
  code?: ErrorCode;
  message?: string;
  pyjwt?: string;
}

const cases: FitCase[] = [
  { name: 'a secret for HS256', facts: SECRET, alg: 'HS512' },
  { name: 'an RSA public key for RS256', facts: RSA_PUBLIC, alg: 'RS256' },
  { name: 'an RSA public key for PS512', facts: RSA_PUBLIC, alg: 'PS512' },
  { name: 'a P-256 key for ES256', facts: P256, alg: 'ES256' },
  { name: 'an Ed25519 key for EdDSA', facts: ED25519, alg: 'EdDSA' },
  { name: 'an Ed25519 key for the Ed25519 alg', facts: ED25519, alg: 'Ed25519' },
  // RFC 8037 §3.1: EdDSA is polymorphic, the key's curve decides.
  { name: 'an Ed448 key for EdDSA', facts: ED448, alg: 'EdDSA' },
  { name: 'an Ed448 key for the Ed448 alg', facts: ED448, alg: 'Ed448' },
  {
    name: 'a secp256k1 key for ES256K',
    facts: { kty: 'EC', crv: 'secp256k1', isPrivate: false },
    alg: 'ES256K',
  },
  { name: 'a P-256 key for ESP256', facts: P256, alg: 'ESP256' },
  // RFC 9864 names the same operation: a key declaring the old name fits the new one.
  {
    name: 'a key declaring "EdDSA" for the Ed25519 alg',
    facts: { ...ED25519, alg: 'EdDSA' },
    alg: 'Ed25519',
  },
  {
    name: 'an Ed448 key declaring "EdDSA" for Ed448',
    facts: { ...ED448, alg: 'EdDSA' },
    alg: 'Ed448',
  },
  {
    name: 'a P-256 key declaring "ES256" for ESP256',
    facts: { ...P256, alg: 'ES256' },
    alg: 'ESP256',
  },
  { name: 'a private key to sign', facts: RSA_PRIVATE, alg: 'RS256', purpose: 'sign' },
  {
    name: 'an RSA key for ES256',
    facts: RSA_PUBLIC,
    alg: 'ES256',
    code: 'ERR_KEY_TYPE_MISMATCH',
    message:
      'ES256 needs an EC key on P-256, but this is an RSA key (2048 bits). It could serve RS256, RS384, RS512, PS256, PS384, PS512.',
    pyjwt: 'InvalidKeyError',
  },
  {
    name: 'an EC key for RS256',
    facts: P256,
    alg: 'RS256',
    code: 'ERR_KEY_TYPE_MISMATCH',
    message: 'RS256 needs an RSA key, but this is an EC key on P-256. It could serve ES256.',
  },
  {
    name: 'an RSA key for EdDSA',
    facts: RSA_PUBLIC,
    alg: 'EdDSA',
    code: 'ERR_KEY_TYPE_MISMATCH',
    message: 'EdDSA needs an Ed25519 or Ed448 key, but this is an RSA key (2048 bits).',
  },
  {
    name: 'a P-384 key for ES256',
    facts: P384,
    alg: 'ES256',
    code: 'ERR_KEY_CURVE_MISMATCH',
    message: 'ES256 needs a key on P-256, but this is an EC key on P-384. It could serve ES384.',
    pyjwt: 'InvalidKeyError',
  },
  {
    name: 'an Ed448 key for Ed25519',
    facts: ED448,
    alg: 'Ed25519',
    code: 'ERR_KEY_CURVE_MISMATCH',
    message:
      'Ed25519 needs a key on Ed25519, but this is an Ed448 key. It could serve Ed448, EdDSA.',
  },
  {
    name: 'an Ed25519 key for Ed448',
    facts: { kty: 'OKP', crv: 'Ed25519', isPrivate: false },
    alg: 'Ed448',
    code: 'ERR_KEY_CURVE_MISMATCH',
    message: 'Ed448 needs a key on Ed448, but this is an Ed25519 key. It could serve EdDSA.',
  },
  {
    name: 'a P-256 key that declares "alg": "ES384" for ESP256',
    facts: { kty: 'EC', crv: 'P-256', isPrivate: false, alg: 'ES384' },
    alg: 'ESP256',
    code: 'ERR_KEY_USE_MISMATCH',
    message: 'This key declares "alg": "ES384", so it must not be used for ESP256 (RFC 7517 §4.4).',
  },
  {
    name: 'an X25519 key for EdDSA',
    facts: X25519,
    alg: 'EdDSA',
    code: 'ERR_KEY_TYPE_MISMATCH',
    message: 'X25519 keys are for key agreement (encryption), not signatures.',
  },
  {
    name: 'an RSA public key as an HMAC secret',
    facts: RSA_PUBLIC,
    alg: 'HS256',
    code: 'ERR_KEY_PUBLIC_AS_SECRET',
    message: `HS256 needs a shared secret, but this is an RSA key (2048 bits). Using public-key text as an HMAC secret is the algorithm-confusion attack`,
    pyjwt: 'InvalidKeyError',
  },
  {
    name: 'an EC key as an HMAC secret',
    facts: P256,
    alg: 'HS384',
    code: 'ERR_KEY_PUBLIC_AS_SECRET',
    message: PYJWT_HMAC_CONFUSION,
    pyjwt: 'InvalidKeyError',
  },
  {
    name: 'a secret for RS256',
    facts: SECRET,
    alg: 'RS256',
    code: 'ERR_KEY_SECRET_FOR_ASYMMETRIC',
    message: 'RS256 needs an RSA key, but this is a symmetric secret',
    pyjwt: 'InvalidKeyError',
  },
  {
    name: 'a secret for ES256',
    facts: SECRET,
    alg: 'ES256',
    code: 'ERR_KEY_SECRET_FOR_ASYMMETRIC',
    message: 'ES256 needs an EC key on P-256, but this is a symmetric secret',
  },
  {
    name: 'a public key to sign',
    facts: RSA_PUBLIC,
    alg: 'RS256',
    purpose: 'sign',
    code: 'ERR_KEY_NOT_PRIVATE',
    message:
      'This is a public key: it can verify RS256 tokens but not sign them. Paste the private key to sign.',
  },
  {
    name: 'a JWK whose alg is another algorithm',
    facts: { ...RSA_PUBLIC, alg: 'RS512' },
    alg: 'RS256',
    code: 'ERR_KEY_USE_MISMATCH',
    message: 'This key declares "alg": "RS512", so it must not be used for RS256 (RFC 7517 §4.4).',
  },
  {
    name: 'a JWK whose alg is the PS twin',
    facts: { ...RSA_PUBLIC, alg: 'PS256' },
    alg: 'RS256',
    code: 'ERR_KEY_USE_MISMATCH',
    message: '"alg": "PS256"',
  },
  { name: 'a JWK whose alg matches', facts: { ...RSA_PUBLIC, alg: 'RS256' }, alg: 'RS256' },
  {
    name: 'a JWK for encryption',
    facts: { ...RSA_PUBLIC, use: 'enc' },
    alg: 'RS256',
    code: 'ERR_KEY_USE_MISMATCH',
    message: 'This key declares "use": "enc", so it is not for signatures (RFC 7517 §4.2).',
  },
  { name: 'a JWK for signatures', facts: { ...RSA_PUBLIC, use: 'sig' }, alg: 'RS256' },
  {
    name: 'a JWK whose key_ops only encrypt',
    facts: { ...RSA_PUBLIC, keyOps: ['encrypt', 'wrapKey'] },
    alg: 'RS256',
    code: 'ERR_KEY_USE_MISMATCH',
    message: `This key's "key_ops" (encrypt, wrapKey) do not include "verify" (RFC 7517 §4.3).`,
  },
  {
    name: 'a JWK that may only verify, used to sign',
    facts: { ...RSA_PRIVATE, keyOps: ['verify'] },
    alg: 'RS256',
    purpose: 'sign',
    code: 'ERR_KEY_USE_MISMATCH',
    message: 'do not include "sign"',
  },
  {
    name: 'a JWK that may only sign, used to verify (its public half can)',
    facts: { ...RSA_PRIVATE, keyOps: ['sign'] },
    alg: 'RS256',
  },
  {
    name: 'a secret JWK whose alg is HS512, for HS256',
    facts: { ...SECRET, alg: 'HS512' },
    alg: 'HS256',
    code: 'ERR_KEY_USE_MISMATCH',
    message: '"alg": "HS512"',
  },
];

describe('checkFit', () => {
  it.each(cases)('$name', ({ facts, alg, purpose, code, message, pyjwt }) => {
    const result = checkFit(facts, jwsAlgorithm(alg)!, purpose ?? 'verify');
    if (!code) {
      expect(result).toEqual({ ok: true, value: undefined });
      return;
    }
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message).toContain(message);
    if (pyjwt) expect(result.error.pyjwt).toBe(pyjwt);
  });

  it('checks the type before what the key declares about itself', () => {
    const result = checkFit(
      { ...P384, alg: 'ES384', use: 'enc' },
      jwsAlgorithm('ES256')!,
      'verify',
    );
    expect(!result.ok && result.error.code).toBe('ERR_KEY_CURVE_MISMATCH');
  });
});

describe('key words', () => {
  it.each<[KeyFacts, string, string[]]>([
    [SECRET, 'a symmetric secret', ['HS256', 'HS384', 'HS512']],
    [RSA_PUBLIC, 'an RSA key (2048 bits)', ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512']],
    [P384, 'an EC key on P-384', ['ES384']],
    [{ kty: 'EC', crv: 'P-521', isPrivate: false }, 'an EC key on P-521', ['ES512']],
    [{ kty: 'EC', crv: 'secp256k1', isPrivate: false }, 'an EC key on secp256k1', ['ES256K']],
    [ED25519, 'an Ed25519 key', ['EdDSA']],
    [ED448, 'an Ed448 key', ['Ed448', 'EdDSA']],
    [X25519, 'an X25519 key', []],
  ])('%o is %s, for %o', (facts, words, algs) => {
    expect(keyWords(facts)).toBe(words);
    expect(algorithmsFor(facts)).toEqual(algs);
  });
});

describe('fitChecker', () => {
  const shapes: KeyFacts[] = [
    RSA_PUBLIC,
    RSA_PRIVATE,
    P256,
    P384,
    ED25519,
    ED448,
    X25519,
    SECRET,
    { ...P256, use: 'enc' },
    { ...P256, alg: 'ES384' },
    { ...P256, keyOps: ['encrypt'] },
    { ...RSA_PUBLIC, rsaPss: true },
  ];
  it.each(['HS256', 'RS256', 'PS256', 'ES256', 'ES384', 'EdDSA'])(
    "gives checkFit's answer for every shape with %s, whatever the kid",
    (alg) => {
      const algorithm = jwsAlgorithm(alg)!;
      const fit = fitChecker(algorithm, 'verify');
      for (const facts of shapes)
        for (const kid of ['a', 'b']) {
          const expected = checkFit({ ...facts, kid }, algorithm, 'verify');
          const got = fit({ ...facts, kid });
          expect(got.ok).toBe(expected.ok);
          if (!got.ok && !expected.ok) expect(got.error.message).toBe(expected.error.message);
        }
    },
  );
});
