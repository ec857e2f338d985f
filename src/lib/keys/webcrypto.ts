/**
 * WebCrypto's import parameters for signature keys. Keys are imported
 * straight into WebCrypto (import-key.ts), not through jose's importers:
 * those do the same with their own PEM and ASN.1 code, which would put some
 * 10 KB gzipped on the first screen, while the engine already reads and
 * re-wraps DER itself (pem.ts, rewrap.ts) and knows each algorithm's
 * parameters (algorithms.ts).
 */
import type { JwsAlgorithm } from '../jws/algorithms';

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
