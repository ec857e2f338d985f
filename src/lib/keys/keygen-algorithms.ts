/**
 * The algorithms the key generator offers, as data: which key family each
 * needs and where that is defined. Kept apart from generate.ts so the menu
 * can show the list without loading the generator.
 */
/** What a generated key is for: a JWS signature or a JWE key-management algorithm. */
export type KeygenKind = 'jws' | 'jwe';

/** The key family an algorithm needs, which decides the options shown. */
export type KeygenFamily = 'hmac' | 'rsa' | 'ec' | 'okp' | 'ml-dsa' | 'ecdh' | 'aes';

/** One algorithm the page can make a key for. */
export interface KeygenAlgorithm {
  alg: string;
  kind: KeygenKind;
  family: KeygenFamily;
  /** Fixed curve (ES*, EdDSA), or undefined when the person chooses (ECDH-ES*). */
  crv?: string;
  /** Secret length in bytes (HMAC: the hash size, RFC 7518 §3.2; AES: the key size). */
  bytes?: number;
  /** Where the algorithm and its key requirements are defined. */
  source: string;
}

const hs = (bits: 256 | 384 | 512): KeygenAlgorithm => ({
  alg: `HS${bits}`,
  kind: 'jws',
  family: 'hmac',
  bytes: bits / 8,
  source: 'RFC 7518 §3.2',
});
const rsa = (alg: string, kind: KeygenKind, source: string): KeygenAlgorithm => ({
  alg,
  kind,
  family: 'rsa',
  source,
});
const es = (alg: string, crv: string): KeygenAlgorithm => ({
  alg,
  kind: 'jws',
  family: 'ec',
  crv,
  source: 'RFC 7518 §3.4',
});
const ecdh = (alg: string): KeygenAlgorithm => ({
  alg,
  kind: 'jwe',
  family: 'ecdh',
  source: 'RFC 7518 §4.6',
});
const aes = (alg: string, bytes: number, source: string): KeygenAlgorithm => ({
  alg,
  kind: 'jwe',
  family: 'aes',
  bytes,
  source,
});

/** Every algorithm the key generator offers, JWS first, then JWE key management. */
export const KEYGEN_ALGORITHMS: readonly KeygenAlgorithm[] = [
  hs(256),
  hs(384),
  hs(512),
  ...['RS256', 'RS384', 'RS512'].map((a) => rsa(a, 'jws', 'RFC 7518 §3.3')),
  ...['PS256', 'PS384', 'PS512'].map((a) => rsa(a, 'jws', 'RFC 7518 §3.5')),
  es('ES256', 'P-256'),
  es('ES384', 'P-384'),
  es('ES512', 'P-521'),
  // secp256k1 and Ed448 keys are made with @noble/curves (WebCrypto has neither).
  { ...es('ES256K', 'secp256k1'), source: 'RFC 8812 §3.1' },
  { alg: 'EdDSA', kind: 'jws', family: 'okp', crv: 'Ed25519', source: 'RFC 8037 §3.1' },
  { alg: 'Ed448', kind: 'jws', family: 'okp', crv: 'Ed448', source: 'RFC 9864 §2' },
  ...['ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87'].map((alg): KeygenAlgorithm => ({
    alg,
    kind: 'jws',
    family: 'ml-dsa',
    source: 'RFC 9964 §5',
  })),
  ...['RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512'].map((a) =>
    rsa(a, 'jwe', 'RFC 7518 §4.3'),
  ),
  ecdh('ECDH-ES'),
  ecdh('ECDH-ES+A128KW'),
  ecdh('ECDH-ES+A192KW'),
  ecdh('ECDH-ES+A256KW'),
  aes('A128KW', 16, 'RFC 7518 §4.4'),
  aes('A192KW', 24, 'RFC 7518 §4.4'),
  aes('A256KW', 32, 'RFC 7518 §4.4'),
  // A direct key is the content key itself: 256 bits fits A256GCM and A128CBC-HS256 (RFC 7518 §5).
  aes('dir', 32, 'RFC 7518 §4.5'),
];

/** RSA modulus sizes offered; RFC 7518 §3.3 requires at least 2048. */
export const RSA_SIZES = [2048, 3072, 4096] as const;

/** Curves offered for ECDH-ES (RFC 7518 §4.6, RFC 8037 §3.2). */
export const ECDH_CURVES = ['P-256', 'P-384', 'P-521', 'X25519'] as const;

/** The generator's entry for `alg`, if it offers one. */
export function keygenAlgorithm(alg: string): KeygenAlgorithm | undefined {
  return KEYGEN_ALGORITHMS.find((a) => a.alg === alg);
}
