import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import jwt from 'jsonwebtoken';
import { importSPKI, exportJWK } from 'jose';
import { modPow, recoverRsaKey, type RecoverProgress } from '../../../src/lib/attacks';

// Keys made by node:crypto and tokens signed by node-jsonwebtoken, not by our engine.
const e3 = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 3 });
const e65537 = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 3 });
const small = generateKeyPairSync('rsa', { modulusLength: 1024, publicExponent: 3 });
const sign = (claims: object, key: typeof e3, algorithm: jwt.Algorithm = 'RS256') =>
  jwt.sign(claims, key.privateKey, { algorithm, allowInsecureKeySizes: true });
const realJwk = (key: typeof e3) => key.publicKey.export({ format: 'jwk' });

describe('recoverRsaKey', () => {
  it.each(['RS256', 'RS384', 'RS512'] as const)(
    'recovers the 2048-bit modulus of two %s tokens as the real JWK and PEM',
    async (alg) => {
      const one = sign({ sub: 'wiener', iat: 1 }, e3, alg);
      const two = sign({ sub: 'carlos', iat: 2 }, e3, alg);
      const recovered = await recoverRsaKey(one, two);
      expect(recovered.ok).toBe(true);
      if (!recovered.ok) return;
      const real = realJwk(e3);
      expect(recovered.value.jwk.n).toBe(real.n);
      expect(recovered.value.jwk.e).toBe(real.e);
      expect(recovered.value.bits).toBe(2048);
      const fromPem = await exportJWK(
        await importSPKI(recovered.value.pem, 'RS256', { extractable: true }),
      );
      expect(fromPem.n).toBe(real.n);
    },
  );

  it('recovers a 1024-bit key too', async () => {
    const recovered = await recoverRsaKey(sign({ a: 1 }, small), sign({ a: 2 }, small));
    expect(recovered.ok && recovered.value.jwk.n).toBe(realJwk(small).n);
  });

  it.each([
    ['the same token twice', () => [sign({ a: 1 }, e3), sign({ a: 1 }, e3)], 'sign the same thing'],
    ['tokens of two keys', () => [sign({ a: 1 }, e3), sign({ a: 2 }, other)], 'not of one key'],
    ['tokens of two sizes', () => [sign({ a: 1 }, e3), sign({ a: 2 }, small)], '256 and 128 bytes'],
    ['an HMAC token', () => [jwt.sign({ a: 1 }, 'k'), sign({ a: 2 }, e3)], 'RS256, RS384 or RS512'],
    ['not a token', () => ['abc', sign({ a: 2 }, e3)], 'not a compact JWS'],
  ])('refuses %s with ERR_ATTACK_INPUT', async (_name, make, message) => {
    const [one, two] = make();
    // e = 3 only: tokens of two keys would otherwise cost a full e = 65537 gcd to refuse.
    const recovered = await recoverRsaKey(one!, two!, { exponents: [3n] });
    expect(recovered.ok).toBe(false);
    if (recovered.ok) return;
    expect(recovered.error.code).toBe('ERR_ATTACK_INPUT');
    expect(recovered.error.message).toContain(message);
  });

  it('recovers a real 2048-bit key with e = 65537: a gcd of two 134-million-bit numbers', async () => {
    const progress: RecoverProgress[] = [];
    const recovered = await recoverRsaKey(
      sign({ sub: 'wiener', iat: 1 }, e65537),
      sign({ sub: 'carlos', iat: 2 }, e65537, 'RS512'),
      { onProgress: (p) => progress.push(p) },
    );
    expect(recovered.ok).toBe(true);
    if (!recovered.ok) return;
    const real = realJwk(e65537);
    expect(recovered.value.jwk).toEqual({ kty: 'RSA', n: real.n, e: 'AQAB' });
    expect(recovered.value.e).toBe(65537);
    // e = 3 was tried first, then the gcd went down from 134 million bits.
    expect(progress[0]).toEqual({ phase: 'power', e: 3, bitsLeft: 6144, bitsTotal: 6144 });
    const big = progress.filter((p) => p.phase === 'gcd' && p.e === 65537);
    expect(big[0]).toMatchObject({ bitsTotal: 65537 * 2048 });
    // s^e has e times the bits of s, which may be a few short of 2048.
    expect(big[0]!.bitsLeft).toBeGreaterThan(65537 * 2040);
    expect(big.at(-1)!.bitsLeft).toBeLessThan(10_000);
  }, 900_000);

  it('ends with ERR_ATTACK_CANCELLED when its signal aborts', async () => {
    const controller = new AbortController();
    const recovered = await recoverRsaKey(sign({ a: 1 }, e65537), sign({ a: 2 }, e65537), {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.e === 65537) controller.abort();
      },
    });
    expect(recovered.ok).toBe(false);
    if (recovered.ok) return;
    expect(recovered.error.code).toBe('ERR_ATTACK_CANCELLED');
    expect(recovered.error.message).toBe('Recovery was cancelled while trying e = 65537.');
  }, 120_000);

  it('refuses an exponent whose numbers pass the bound, with the numbers', async () => {
    const recovered = await recoverRsaKey(sign({ a: 1 }, e3), sign({ a: 2 }, e3), {
      exponents: [1_000_003n],
    });
    expect(recovered.ok).toBe(false);
    if (recovered.ok) return;
    expect(recovered.error.code).toBe('ERR_ATTACK_INPUT');
    expect(recovered.error.message).toContain(
      'Not tried: e = 1000003 would make numbers of 2,048,006,144 bits, past the 268,439,552 this page allows',
    );
  });
});

describe('modPow', () => {
  it.each([
    [4n, 13n, 497n, 445n],
    [2n, 10n, 1000n, 24n],
    [7n, 0n, 13n, 1n],
  ])('%i^%i mod %i = %i', (b, e, m, want) => expect(modPow(b, e, m)).toBe(want));
});
