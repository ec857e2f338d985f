/**
 * The hashes the token profiles compare: DPoP's `ath` (RFC 9449 §4.2, the
 * whole SHA-256 of the access token) and OpenID Connect's `at_hash`, `c_hash`
 * and `s_hash` (Core §3.1.3.6, §3.3.2.11; FAPI 1.0 §5.1: the left half of the
 * hash the ID token's `alg` names). WebCrypto digests are asynchronous: these
 * run in the pipeline's verify step, and the comparison is synchronous.
 */
import { jwsAlgorithm } from '../jws/algorithms';
import { encodePart } from '../jws/base64url';

type Hash = 'SHA-256' | 'SHA-384' | 'SHA-512';

const encoder = new TextEncoder();

/** base64url(hash(ascii(text))), or its left half. */
export async function hashText(text: string, hash: Hash, half = false): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest(hash, encoder.encode(text)));
  return encodePart(half ? digest.slice(0, digest.length / 2) : digest);
}

/** The base64url SHA-256 of an access token: a DPoP proof's `ath`. */
export const athOf = (accessToken: string): Promise<string> => hashText(accessToken, 'SHA-256');

/**
 * The hash an ID token's `alg` names for `at_hash`/`c_hash`/`s_hash`: the
 * algorithm table's SHA-2 variant; EdDSA (and Ed25519) use SHA-512, as the
 * OpenID Connect Core errata set 2 says for Ed25519. Undefined for none,
 * Ed448 (SHAKE256) and names with no hash.
 */
export function oidcHashOf(alg: string): Hash | undefined {
  if (alg === 'EdDSA' || alg === 'Ed25519') return 'SHA-512';
  return jwsAlgorithm(alg)?.hash;
}
