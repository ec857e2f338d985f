/** The Examples menu; the examples themselves load on demand from `examples.ts`. */

/** One entry of the Examples menu. */
export interface ExampleInfo {
  id: string;
  label: string;
}

/** The Examples menu, in order. */
export const EXAMPLES: readonly ExampleInfo[] = [
  { id: 'hs256', label: 'HS256 (shared secret)' },
  { id: 'rs256', label: 'RS256 (RSA)' },
  { id: 'ps256', label: 'PS256 (RSA-PSS)' },
  { id: 'es256', label: 'ES256 (P-256)' },
  { id: 'es384', label: 'ES384 (P-384)' },
  { id: 'es512', label: 'ES512 (P-521)' },
  { id: 'eddsa', label: 'EdDSA (Ed25519)' },
  { id: 'es256k', label: 'ES256K token (secp256k1)' },
  { id: 'ml-dsa-65', label: 'ML-DSA-65 (post-quantum)' },
  { id: 'expired', label: 'Expired token' },
  { id: 'not-yet-valid', label: 'Not yet valid' },
  { id: 'alg-none', label: 'alg: none (unsigned)' },
  { id: 'id-token', label: 'OpenID Connect ID token' },
  { id: 'jwks-rotation', label: 'JWKS with key rotation' },
  { id: 'token-response', label: "A token endpoint's JSON response" },
  { id: 'har-request', label: 'A HAR file of a request' },
  { id: 'text-payload', label: 'A JWS with a text payload' },
  { id: 'b64-false', label: 'A b64:false JWS (RFC 7797, detached)' },
  { id: 'firebase-key-map', label: 'Firebase-style key map ({kid: certificate})' },
  { id: 'json-general', label: 'A general JSON JWS with two signatures' },
];
