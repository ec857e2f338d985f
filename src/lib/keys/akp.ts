/**
 * Reading an AKP JWK (RFC 9964 §3), loaded on demand with the PEM reader
 * (parse.ts `loadPemSupport`), so that ML-DSA's checks and messages stay off
 * the first screen.
 */
import type { JWK } from 'jose';
import { JWS_ALGORITHMS, jwsAlgorithm } from '../jws/algorithms';
import { fail, ok, type Result } from '../errors';
import { bytesOf } from './jwk';
import type { JwkKey, KeyFacts } from './types';

/**
 * An AKP JWK (RFC 9964 §3): "alg" and "pub" are required, and for ML-DSA the
 * sizes are fixed (§5: pub as FIPS 204 Table 2 says, priv the 32-byte seed).
 */
export function readAkp(jwk: JWK, declared: Partial<KeyFacts>): Result<JwkKey> {
  if (typeof jwk.alg !== 'string')
    return fail(
      'ERR_KEY_JWK',
      'This AKP JWK has no "alg": an AKP key must name the one algorithm it is for (RFC 9964 §3).',
    );
  if (typeof jwk.pub !== 'string')
    return fail(
      'ERR_KEY_JWK',
      `This AKP JWK lacks "pub", the public key, which RFC 9964 §3 requires${typeof jwk.priv === 'string' ? ' even beside "priv"' : ''}.`,
    );
  const algorithm = jwsAlgorithm(jwk.alg);
  if (algorithm?.family === 'ML-DSA') {
    const pub = bytesOf(jwk.pub).length;
    if (pub !== algorithm.publicKeyBytes) {
      const other = JWS_ALGORITHMS.find((a) => a.family === 'ML-DSA' && a.publicKeyBytes === pub);
      const hint = other ? ` ${pub} bytes is the size of an ${other.alg} key: is "alg" wrong?` : '';
      return fail(
        'ERR_KEY_JWK',
        `This ${jwk.alg} JWK's "pub" is ${pub} bytes, but an ${jwk.alg} public key is ${algorithm.publicKeyBytes} bytes (RFC 9964 §5, FIPS 204 Table 2).${hint}`,
      );
    }
    const priv = typeof jwk.priv === 'string' ? bytesOf(jwk.priv).length : ML_DSA_SEED_BYTES;
    if (priv !== ML_DSA_SEED_BYTES)
      return fail(
        'ERR_KEY_JWK',
        `This ${jwk.alg} JWK's "priv" is ${priv} bytes, but it must be the ${ML_DSA_SEED_BYTES}-byte seed (RFC 9964 §4); the expanded private key is not used in JOSE.`,
      );
  }
  const isPrivate = typeof jwk.priv === 'string';
  return ok({
    kind: 'jwk',
    jwk,
    facts: { kty: 'AKP', keyAlg: jwk.alg, isPrivate, ...declared },
    notes: [],
  });
}

/** An ML-DSA private key in JOSE is the seed it is expanded from (RFC 9964 §4). */
const ML_DSA_SEED_BYTES = 32;
