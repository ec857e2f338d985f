import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FAMILY_OF, HmacGuesser, hashBytes, hmac, type HmacAlg } from '../../../src/lib/crack/hmac';

const HASH: Record<HmacAlg, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };
// Around both block sizes (64, 128) and where the padding spills into another block.
const MESSAGE_LENGTHS = [0, 1, 55, 56, 63, 64, 65, 111, 112, 119, 120, 127, 128, 129, 250, 1000];
const KEY_LENGTHS = [0, 1, 16, 32, 48, 63, 64, 65, 127, 128, 129, 300];

describe.each(Object.keys(HASH) as HmacAlg[])('%s', (alg) => {
  it('hashes as node:crypto does', () => {
    for (const length of MESSAGE_LENGTHS) {
      const bytes = randomBytes(length);
      expect(Buffer.from(hashBytes(FAMILY_OF[alg], bytes)).toString('hex')).toBe(
        createHash(HASH[alg]).update(bytes).digest('hex'),
      );
    }
  });

  it.each(MESSAGE_LENGTHS)(
    'HMACs a %i-byte message as node:crypto does, for every key length',
    (length) => {
      const message = randomBytes(length);
      for (const keyLength of KEY_LENGTHS) {
        const key = randomBytes(keyLength);
        const expected = createHmac(HASH[alg], key).update(message).digest('hex');
        expect(Buffer.from(hmac(alg, key, message)).toString('hex'), `key ${keyLength}`).toBe(
          expected,
        );
      }
    },
  );

  it('tells the secret from other guesses, reading keys inside a larger buffer', () => {
    const message = new TextEncoder().encode('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ');
    const secret = 'correct horse battery staple';
    const signature = createHmac(HASH[alg], secret).update(message).digest();
    const guesser = new HmacGuesser(alg, message, signature);
    const buffer = new TextEncoder().encode(`wrong\n${secret}\n${secret}x\n`);
    expect(guesser.test(buffer, 0, 5)).toBe(false);
    expect(guesser.test(buffer, 6, 6 + secret.length)).toBe(true);
    expect(guesser.test(buffer, 6, 7 + secret.length)).toBe(false);
    // The same guesser again after a miss: no state carried between guesses.
    expect(guesser.test(new TextEncoder().encode(secret))).toBe(true);
  });

  it('matches nothing when the signature has the wrong length', () => {
    const message = new Uint8Array(10);
    const signature = createHmac(HASH[alg], 'k').update(message).digest().subarray(1);
    expect(new HmacGuesser(alg, message, signature).test(new TextEncoder().encode('k'))).toBe(
      false,
    );
  });
});
