/**
 * RSA public key recovery in Chromium (scripts/bench-crack.mjs prints it): the
 * time to recover a 2048-bit key from two RS256 tokens with e = 3, and with
 * e = 65537 split into its two steps, the powers s^65537 of both signatures
 * (134 million bits each) and the half-gcd of them. It runs on the harness's
 * main thread; the page runs the same code in a worker.
 */
import { exportJWK, SignJWT } from 'jose';
import { recoverRsaKey } from '../src/lib/attacks/recover-rsa';

/** Milliseconds of each measured step, and whether the key found was the real one. */
export interface RecoverRow {
  e3Ms: number;
  e3Ok: boolean;
  e65537Ms: number;
  powersMs: number;
  gcdMs: number;
  e65537Ok: boolean;
  powerBits: number;
}

/** Two tokens of a fresh 2048-bit key with exponent 3 or 65537, signed by jose. */
async function tokensOf(e: 3 | 65537) {
  const { privateKey, publicKey } = (await crypto.subtle.generateKey(
    {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 2048,
      publicExponent: new Uint8Array(e === 3 ? [3] : [1, 0, 1]),
      hash: 'SHA-256',
    },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const sign = (sub: string) =>
    new SignJWT({ sub }).setProtectedHeader({ alg: 'RS256' }).setIssuedAt().sign(privateKey);
  return {
    tokens: [await sign('wiener'), await sign('carlos')],
    n: (await exportJWK(publicKey)).n,
  };
}

/** Recover a key with e = 3, then one with e = 65537, timing the powers and the gcd apart. */
export async function runRecover(): Promise<RecoverRow> {
  const small = await tokensOf(3);
  let start = performance.now();
  const e3 = await recoverRsaKey(small.tokens[0]!, small.tokens[1]!);
  const e3Ms = performance.now() - start;

  const big = await tokensOf(65537);
  let gcdStart = 0;
  let powerBits = 0;
  start = performance.now();
  const e65537 = await recoverRsaKey(big.tokens[0]!, big.tokens[1]!, {
    onProgress: (progress) => {
      if (progress.e !== 65537 || progress.phase !== 'gcd' || gcdStart) return;
      gcdStart = performance.now();
      powerBits = progress.bitsLeft;
    },
  });
  const end = performance.now();
  return {
    e3Ms,
    e3Ok: e3.ok && e3.value.jwk.n === small.n,
    e65537Ms: end - start,
    powersMs: gcdStart - start,
    gcdMs: end - gcdStart,
    e65537Ok: e65537.ok && e65537.value.jwk.n === big.n,
    powerBits,
  };
}
