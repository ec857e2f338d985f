/** The page's verify pipeline for a compact JWS whose payload need not be JSON. */
import {
  algorithmOf,
  KeyResolver,
  verifyWith,
  type DecodedJws,
  type SecretEncoding,
  type SignatureVerdict,
} from '../../../src/lib';

/**
 * verifyWith alone, from the token's own parts: it needs only the signing
 * input and the signature, not the rest of the decoding.
 */
export async function verifyCompact(
  token: string,
  key: string,
  secretEncoding: SecretEncoding = 'utf8',
): Promise<SignatureVerdict> {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const alg = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as {
    alg: string;
    kid?: string;
  };
  const found = algorithmOf(alg.alg);
  if ('verdict' in found) return found.verdict;
  const input: Pick<DecodedJws, 'signingInput' | 'signature'> = {
    signingInput: `${header}.${payload}`,
    signature: new Uint8Array(Buffer.from(signature, 'base64url')),
  };
  const selection = await new KeyResolver().resolve(key, found.algorithm, 'verify', {
    secretEncoding,
    kid: alg.kid,
  });
  return verifyWith(input as DecodedJws, found.algorithm, selection);
}
