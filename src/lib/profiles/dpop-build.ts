/**
 * Make a DPoP proof (RFC 9449 §4.2) for a request, with a key generated for
 * it: what a client library does before each request, shown in full.
 */
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { fail, messageOf, ok, type Result } from '../errors';
import { encodePart } from '../jws/base64url';
import { cleanAccessToken } from './access-token';
import { athOf } from './hashes';
import { comparableUri } from './htu';

/** The request a proof is for. */
export interface DpopRequest {
  method: string;
  url: string;
  /** The access token sent with it (empty: a token request, no `ath`). */
  accessToken: string;
  nonce?: string;
  /** Seconds since 1970: the proof's `iat`. */
  now: number;
  alg?: 'ES256' | 'EdDSA' | 'RS256' | 'PS256';
  /** The client's key pair, when it has one already (default: a new one for `alg`). */
  keyPair?: CryptoKeyPair;
}

/** The proof and its key pair (the private JWK is what the client keeps). */
export interface BuiltProof {
  proof: string;
  publicJwk: JWK;
  privateJwk: JWK;
}

/** Generate a key and sign a proof for `request`. */
export async function buildDpopProof(request: DpopRequest): Promise<Result<BuiltProof>> {
  const htm = request.method.trim();
  if (!htm)
    return fail(
      'ERR_DPOP_HTM',
      "Type the request's HTTP method (GET, POST …) to make a proof for it.",
      { claim: 'htm' },
    );
  const htu = comparableUri(request.url);
  if (!htu.ok) return htu;
  const alg = request.alg ?? 'ES256';
  try {
    const { publicKey, privateKey } =
      request.keyPair ?? (await generateKeyPair(alg, { extractable: true }));
    const publicJwk = await exportJWK(publicKey);
    const accessToken = cleanAccessToken(request.accessToken);
    const nonce = request.nonce?.trim();
    const claims = {
      // 128 random bits: RFC 9449 §4.2 asks for at least 96.
      jti: encodePart(crypto.getRandomValues(new Uint8Array(16))),
      htm,
      htu: htu.value,
      iat: request.now,
      ...(accessToken ? { ath: await athOf(accessToken) } : {}),
      ...(nonce ? { nonce } : {}),
    };
    const proof = await new SignJWT(claims)
      .setProtectedHeader({ typ: 'dpop+jwt', alg, jwk: publicJwk })
      .sign(privateKey);
    return ok({ proof, publicJwk, privateJwk: await exportJWK(privateKey) });
  } catch (cause) {
    return fail('ERR_SIGN', `The proof could not be signed: ${messageOf(cause)}`, { cause });
  }
}
