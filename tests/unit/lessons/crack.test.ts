import { describe, expect, it } from 'vitest';
import jwt from 'jsonwebtoken';
import { crackHmac, type CrackProgress } from '../../../src/lib/lessons/crack';
import { WEAK_SECRETS } from '../../../src/lib/findings/weak-secrets';

// Tokens made by node-jsonwebtoken, not by our engine.
const signed = (secret: string, algorithm: jwt.Algorithm = 'HS256') =>
  jwt.sign({ sub: 'user-42', iat: 1_700_000_000 }, secret, { algorithm, noTimestamp: true });

const FILLER = Array.from({ length: 40 }, (_, i) => `guess-${i}`);

describe('crackHmac', () => {
  it.each(['HS256', 'HS384', 'HS512'] as const)(
    'finds "secret" behind 40 wrong guesses (%s) and reports progress',
    async (alg) => {
      const progress: CrackProgress[] = [];
      const outcome = await crackHmac(signed('secret', alg), [...FILLER, 'secret', 'later'], {
        every: 8,
        onProgress: (p) => progress.push(p),
      });
      expect(outcome).toEqual({ status: 'found', secret: 'secret', tried: 41, total: 42 });
      expect(progress.map((p) => p.tried)).toEqual([0, 8, 16, 24, 32, 40, 41]);
      expect(progress.every((p) => p.total === 42)).toBe(true);
    },
  );

  it('finds "secret" in the built-in weak-secret list', async () => {
    const outcome = await crackHmac(signed('secret'), WEAK_SECRETS);
    expect(outcome).toMatchObject({ status: 'found', secret: 'secret' });
  });

  it('runs the whole list and reports not-found for a random secret', async () => {
    const progress: number[] = [];
    const outcome = await crackHmac(signed('k8Qv0-random-2f9a77c1e0d4b3a6'), WEAK_SECRETS, {
      onProgress: (p) => progress.push(p.tried),
    });
    expect(outcome).toEqual({
      status: 'not-found',
      tried: WEAK_SECRETS.length,
      total: WEAK_SECRETS.length,
    });
    expect(progress.at(-1)).toBe(WEAK_SECRETS.length);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it('stops when cancelled', async () => {
    let calls = 0;
    const outcome = await crackHmac(signed('secret'), [...FILLER, 'secret'], {
      cancelled: () => ++calls > 5,
    });
    expect(outcome).toEqual({ status: 'cancelled', tried: 5, total: 41 });
  });

  it.each([
    [
      'an RS256 header',
      `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.e30.AA`,
      'Only HMAC tokens (HS256/384/512) have a secret to guess; this one is "RS256".',
    ],
    ['two parts', 'a.b', 'Only a compact JWS (three parts) can be cracked.'],
    ['a header that is not JSON', 'bm90IGpzb24.e30.AA', 'The header is not readable JSON.'],
  ])('refuses %s', async (_name, token, message) => {
    expect(await crackHmac(token, ['secret'])).toEqual({ status: 'unsupported', message });
  });
});
