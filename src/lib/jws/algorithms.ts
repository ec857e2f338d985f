/**
 * The JWS algorithms, as data: what key each needs and how WebCrypto runs it.
 * Source: RFC 7518 §3 (HS/RS/ES/PS, none), RFC 8037 §3.1 (EdDSA),
 * RFC 8812 §3.2 (ES256K), RFC 9864 §2 (the fully specified names Ed25519,
 * Ed448, ESP256, ESP384, ESP512), RFC 9964 §5 (ML-DSA), IANA "JSON Web
 * Signature and Encryption Algorithms".
 */

/** The key family an algorithm needs. */
export type AlgFamily = 'HMAC' | 'RSA' | 'RSA-PSS' | 'ECDSA' | 'EdDSA' | 'ML-DSA' | 'none';

/** One JWS algorithm and everything the engine needs to know about it. */
export interface JwsAlgorithm {
  alg: string;
  family: AlgFamily;
  /** SHA-2 variant, as WebCrypto names it. */
  hash?: 'SHA-256' | 'SHA-384' | 'SHA-512';
  /** Hash output in bytes: also the minimum HMAC secret length (RFC 7518 §3.2). */
  hashBytes?: number;
  /** JWK `kty` of the key. */
  kty?: 'oct' | 'RSA' | 'EC' | 'OKP' | 'AKP';
  /** Curve the key must be on (ECDSA, EdDSA); for the polymorphic EdDSA, the usual one. */
  crv?: string;
  /** Every curve the key may be on, where more than `crv` (EdDSA: RFC 8037 §3.1). */
  curves?: readonly string[];
  /** Raw signature length in bytes, where fixed (ECDSA r||s, Ed25519, ML-DSA). */
  signatureBytes?: number;
  /** Public key length in bytes, where fixed (ML-DSA's `pub`, FIPS 204 Table 2). */
  publicKeyBytes?: number;
  /** False when the page cannot run it (no WebCrypto support and no library for it). */
  inBrowser: boolean;
  /**
   * Run with @noble/curves, loaded on demand when such a token or key
   * appears, because WebCrypto has no secp256k1 or Ed448 (jws/noble.ts).
   */
  noble?: true;
  /** The name this one is a synonym of: same key, same signature (RFC 9864). */
  sameAs?: string;
  /** Where the algorithm is defined. */
  spec: string;
}

const hmac = (bits: 256 | 384 | 512): JwsAlgorithm => ({
  alg: `HS${bits}`,
  family: 'HMAC',
  hash: `SHA-${bits}`,
  hashBytes: bits / 8,
  kty: 'oct',
  inBrowser: true,
  spec: 'RFC 7518 §3.2',
});
const rsa = (prefix: 'RS' | 'PS', bits: 256 | 384 | 512): JwsAlgorithm => ({
  alg: `${prefix}${bits}`,
  family: prefix === 'RS' ? 'RSA' : 'RSA-PSS',
  hash: `SHA-${bits}`,
  hashBytes: bits / 8,
  kty: 'RSA',
  inBrowser: true,
  spec: prefix === 'RS' ? 'RFC 7518 §3.3' : 'RFC 7518 §3.5',
});
const ecdsa = (alg: string, hash: 256 | 384 | 512, crv: string, size: number): JwsAlgorithm => ({
  alg,
  family: 'ECDSA',
  hash: `SHA-${hash}`,
  hashBytes: hash / 8,
  kty: 'EC',
  crv,
  signatureBytes: size * 2,
  inBrowser: true,
  spec: 'RFC 7518 §3.4',
});
// RFC 9864 §2: ESP256/384/512 name ECDSA with the curve fixed, which in JOSE
// ES256/384/512 already do (RFC 7518 §3.4): the same key and signature.
const esp = (alg: string, hash: 256 | 384 | 512, crv: string, size: number): JwsAlgorithm => ({
  ...ecdsa(alg, hash, crv, size),
  sameAs: `ES${hash}`,
  spec: 'RFC 9864 §2',
});

// RFC 9964 §5 (sizes from FIPS 204 Table 2). The key is an AKP JWK whose "alg"
// names the parameter set, so one key serves exactly one of the three.
const mlDsa = (
  set: 44 | 65 | 87,
  signatureBytes: number,
  publicKeyBytes: number,
): JwsAlgorithm => ({
  alg: `ML-DSA-${set}`,
  family: 'ML-DSA',
  kty: 'AKP',
  signatureBytes,
  publicKeyBytes,
  inBrowser: true,
  spec: 'RFC 9964 §5',
});

/** Every JWS algorithm the app knows, browser-capable or not. */
export const JWS_ALGORITHMS: readonly JwsAlgorithm[] = [
  hmac(256),
  hmac(384),
  hmac(512),
  rsa('RS', 256),
  rsa('RS', 384),
  rsa('RS', 512),
  rsa('PS', 256),
  rsa('PS', 384),
  rsa('PS', 512),
  ecdsa('ES256', 256, 'P-256', 32),
  ecdsa('ES384', 384, 'P-384', 48),
  ecdsa('ES512', 512, 'P-521', 66),
  esp('ESP256', 256, 'P-256', 32),
  esp('ESP384', 384, 'P-384', 48),
  esp('ESP512', 512, 'P-521', 66),
  // RFC 8812 §3.2: r‖s as for ES256 (low-S is not required, so a high-S signature is valid).
  { ...ecdsa('ES256K', 256, 'secp256k1', 32), noble: true, spec: 'RFC 8812 §3.2' },
  {
    // Polymorphic: the key's curve decides (RFC 8037 §3.1); RFC 9864 deprecates the name.
    alg: 'EdDSA',
    family: 'EdDSA',
    kty: 'OKP',
    crv: 'Ed25519',
    curves: ['Ed25519', 'Ed448'],
    signatureBytes: 64,
    inBrowser: true,
    spec: 'RFC 8037 §3.1',
  },
  {
    alg: 'Ed25519',
    family: 'EdDSA',
    kty: 'OKP',
    crv: 'Ed25519',
    signatureBytes: 64,
    inBrowser: true,
    sameAs: 'EdDSA',
    spec: 'RFC 9864 §2',
  },
  {
    alg: 'Ed448',
    family: 'EdDSA',
    kty: 'OKP',
    crv: 'Ed448',
    signatureBytes: 114,
    inBrowser: true,
    noble: true,
    spec: 'RFC 9864 §2',
  },
  mlDsa(44, 2420, 1312),
  mlDsa(65, 3309, 1952),
  mlDsa(87, 4627, 2592),
  { alg: 'none', family: 'none', inBrowser: true, spec: 'RFC 7518 §3.6' },
];

const BY_NAME = new Map(JWS_ALGORITHMS.map((a) => [a.alg, a]));

/** The algorithm named `alg` (case-sensitive, as RFC 7515 requires), if registered. */
export function jwsAlgorithm(alg: string): JwsAlgorithm | undefined {
  return BY_NAME.get(alg);
}

/** True for `none` in any casing: never verified, whatever the key. */
export const isNone = (alg: string): boolean => alg.toLowerCase() === 'none';

/** The algorithms a person can sign with in this app (the picker's list); synonyms are left out. */
export const SIGNING_ALGORITHMS: readonly string[] = JWS_ALGORITHMS.filter(
  (a) => a.inBrowser && a.family !== 'none' && !a.sameAs,
).map((a) => a.alg);

/** The curves a key for `a` may be on. */
export const curvesOf = (a: JwsAlgorithm): readonly string[] => a.curves ?? (a.crv ? [a.crv] : []);

/** Signature sizes `a` allows: EdDSA's depends on the key's curve (64 for Ed25519, 114 for Ed448). */
export function signatureSizes(a: JwsAlgorithm): number[] {
  if (a.family === 'EdDSA') return curvesOf(a).map((crv) => (crv === 'Ed448' ? 114 : 64));
  return a.signatureBytes === undefined ? [] : [a.signatureBytes];
}

/**
 * Do two names ask for the same operation with a key on `crv`? ES256 and
 * ESP256 always; EdDSA and Ed25519 (or Ed448) when the key is on that curve.
 */
export function sameOperation(a: string, b: string, crv?: string): boolean {
  if (a === b) return true;
  const [x, y] = [jwsAlgorithm(a), jwsAlgorithm(b)];
  if (!x || !y || x.family !== y.family || x.family === 'none') return false;
  if (x.family === 'EdDSA')
    return crv !== undefined && [x, y].every((z) => curvesOf(z).includes(crv));
  return (x.sameAs ?? x.alg) === (y.sameAs ?? y.alg);
}

/** WebCrypto parameters for `subtle.sign`/`verify` with this algorithm. */
export function subtleParams(a: JwsAlgorithm): AlgorithmIdentifier | RsaPssParams | EcdsaParams {
  // One object per algorithm, reused: WebCrypto reads its parameters and keeps nothing.
  let params = PARAMS.get(a);
  if (!params) PARAMS.set(a, (params = Object.freeze(paramsOf(a))));
  return params;
}

const PARAMS = new WeakMap<JwsAlgorithm, AlgorithmIdentifier | RsaPssParams | EcdsaParams>();

function paramsOf(a: JwsAlgorithm): AlgorithmIdentifier | RsaPssParams | EcdsaParams {
  switch (a.family) {
    case 'HMAC':
      return { name: 'HMAC' };
    case 'RSA':
      return { name: 'RSASSA-PKCS1-v1_5' };
    case 'RSA-PSS':
      // RFC 7518 §3.5: the salt is as long as the hash output.
      return { name: 'RSA-PSS', saltLength: a.hashBytes! };
    case 'ECDSA':
      return { name: 'ECDSA', hash: a.hash! };
    case 'EdDSA':
      return { name: 'Ed25519' };
    case 'ML-DSA':
      // RFC 9964 §5: the context string is empty, which is WebCrypto's default.
      return { name: a.alg };
    case 'none':
      throw new TypeError('alg none has no WebCrypto parameters');
  }
}
