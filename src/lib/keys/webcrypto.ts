/**
 * Importing signature keys straight into WebCrypto. jose's importers do the
 * same with their own PEM and ASN.1 code, which would put some 10 KB gzipped
 * on the first screen; the engine already reads and re-wraps DER itself
 * (pem.ts, rewrap.ts) and knows each algorithm's parameters (algorithms.ts),
 * so the remaining step is one `crypto.subtle.importKey` call.
 */
import type { JWK } from 'jose';
import type { JwsAlgorithm } from '../jws/algorithms';
import { publicJwk } from './parse';

/** WebCrypto's import parameters for an asymmetric JWS algorithm (RFC 7518 §3, RFC 8037, RFC 9964). */
export function importParams(
  algorithm: JwsAlgorithm,
): RsaHashedImportParams | EcKeyImportParams | Algorithm {
  switch (algorithm.family) {
    case 'RSA':
      return { name: 'RSASSA-PKCS1-v1_5', hash: algorithm.hash! };
    case 'RSA-PSS':
      return { name: 'RSA-PSS', hash: algorithm.hash! };
    case 'ECDSA':
      return { name: 'ECDSA', namedCurve: algorithm.crv! };
    case 'EdDSA':
      return { name: algorithm.crv! };
    case 'ML-DSA':
      return { name: algorithm.alg };
    default:
      throw new TypeError(`${algorithm.alg} has no asymmetric key to import`);
  }
}

const usage = (purpose: 'verify' | 'sign'): KeyUsage[] => [purpose];

/** Import SPKI (public) or PKCS#8 (private) DER for `algorithm`. */
export function importDer(
  format: 'spki' | 'pkcs8',
  der: Uint8Array,
  algorithm: JwsAlgorithm,
  extractable = false,
): Promise<CryptoKey> {
  const purpose = format === 'spki' ? 'verify' : 'sign';
  return crypto.subtle.importKey(
    format,
    der as Uint8Array<ArrayBuffer>,
    importParams(algorithm),
    extractable,
    usage(purpose),
  );
}

/**
 * Import a JWK for `algorithm`: members that only restrict use (alg, use,
 * key_ops, ext) are dropped, because the engine checks them itself with
 * messages people can act on, and WebCrypto would refuse with a bare error.
 */
export function importJwk(
  jwk: JWK,
  algorithm: JwsAlgorithm,
  purpose: 'verify' | 'sign',
): Promise<CryptoKey> {
  const { alg: _alg, use: _use, key_ops: _ops, ext: _ext, ...bare } = jwk;
  const material = purpose === 'sign' ? bare : publicJwk(bare);
  return crypto.subtle.importKey(
    'jwk',
    material as JsonWebKey,
    importParams(algorithm),
    false,
    usage(purpose),
  );
}

/** The public half of a private key, for verifying with the key a person pasted to sign. */
export async function publicHalf(
  privateKey: CryptoKey,
  algorithm: JwsAlgorithm,
): Promise<CryptoKey> {
  const jwk = (await crypto.subtle.exportKey('jwk', privateKey)) as JWK;
  return importJwk(jwk, algorithm, 'verify');
}
