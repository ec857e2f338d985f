/**
 * The crypto a DPoP proof (RFC 9449) needs, run in the pipeline's verify
 * step: the signature with the proof's own `jwk`, that key's thumbprint and
 * the access token's hash. The judging that uses them is `judgeDpop`.
 */
import { calculateJwkThumbprint, type JWK } from 'jose';
import type { DecodedJws } from '../jws/decode';
import { algorithmOf, verifyWith, type SignatureVerdict } from '../jws/verify';
import type { KeyResolver } from '../keys/resolve';
import { cleanAccessToken } from './access-token';
import { publicPart } from './dpop-rules';
import { athOf } from './hashes';

/** The crypto answers for one proof and access token (from {@link dpopFacts}). */
export interface DpopFacts {
  /** The signature checked with the proof's own `jwk`. */
  signature: SignatureVerdict;
  /** RFC 7638 SHA-256 thumbprint of that key, when it is a usable JWK. */
  thumbprint?: string;
  /** base64url SHA-256 of the access token, when one was given. */
  ath?: string;
}

/** The signature with the proof's own key, the key's thumbprint and the access token's hash. */
export async function dpopFacts(
  token: DecodedJws,
  accessTokenText: string,
  resolver: KeyResolver,
): Promise<DpopFacts> {
  const accessToken = cleanAccessToken(accessTokenText);
  const ath = accessToken ? await athOf(accessToken) : undefined;
  const jwk = token.header.jwk;
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk))
    return {
      signature: {
        status: 'key-error',
        message: 'The proof has no "jwk" header to check it with.',
      },
      ...(ath ? { ath } : {}),
    };
  // A private key in the header is a finding, not a reason to skip the check: its public half verifies.
  const key = publicPart(jwk as Record<string, unknown>);
  const checked = algorithmOf(token.alg);
  const signature =
    'verdict' in checked
      ? checked.verdict
      : await verifyWith(
          token,
          checked.algorithm,
          await resolver.resolve(JSON.stringify(key), checked.algorithm, 'verify', {
            secretEncoding: 'utf8',
          }),
        );
  let thumbprint: string | undefined;
  try {
    thumbprint = await calculateJwkThumbprint(key as JWK, 'sha256');
  } catch {
    // Not a JWK jose can take a thumbprint of: the jwk check says why.
  }
  return { signature, ...(thumbprint ? { thumbprint } : {}), ...(ath ? { ath } : {}) };
}
