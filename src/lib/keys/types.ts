/**
 * The shapes of a recognised key, shared by the reader (parse.ts, jwk.ts,
 * akp.ts) and everything that uses a key, so that none of them has to
 * import another's module for its types (that made import cycles).
 */
import type { JWK } from 'jose';
import type { KeyForm } from './describe-key-der';

/** The facts about a key that decide which algorithms it can serve. */
export interface KeyFacts {
  kty: 'oct' | 'RSA' | 'EC' | 'OKP' | 'AKP';
  crv?: string;
  /** An AKP key's own algorithm (RFC 9964 §3: its JWK "alg", or its PEM's OID), e.g. ML-DSA-65. */
  keyAlg?: string;
  /** RSA modulus bits, or HMAC/AES secret bits. */
  bits?: number;
  isPrivate: boolean;
  /** An RSA key restricted to RSASSA-PSS by its algorithm identifier (RFC 4055 §1.2). */
  rsaPss?: boolean;
  /** What the key declares for itself (JWK `alg`, `use`, `key_ops`, `kid`). */
  alg?: string;
  use?: string;
  keyOps?: string[];
  kid?: string;
}

/** A PEM that was read and understood. */
export interface PemKey {
  kind: 'pem';
  label: string;
  form: KeyForm;
  der: Uint8Array;
  facts: KeyFacts;
}

/** One JWK that was read, with what it says of itself. */
export interface JwkKey {
  kind: 'jwk';
  jwk: JWK;
  facts: KeyFacts;
  /** Things repaired or worth knowing ("x was 31 bytes: padded"). */
  notes: string[];
  /** How a set that is not a JWKS names this entry: `PEM block 2, a certificate`. */
  label?: string;
}

/** A JWK Set (RFC 7517 §5). */
export interface JwksKey {
  kind: 'jwks';
  /**
   * Where the set came from when it was not a JWKS: a `{kid: PEM}` map (as
   * Google and Firebase publish certificates) or several PEM blocks pasted
   * together, each read as a public JWK (pem-set.ts).
   */
  from?: 'pem-map' | 'pem-blocks';
  keys: JwkKey[];
  /** Entries that could not be read, with why; the others stay usable. */
  skipped: { index: number; reason: string }[];
}

/** Whatever the key box holds, recognised. */
export type ParsedKey =
  | { kind: 'empty' }
  | { kind: 'secret'; text: string }
  | { kind: 'ssh'; type: string }
  | PemKey
  | JwkKey
  | JwksKey;

/** The curves WebCrypto lacks, which the page runs with @noble/curves (jws/algorithms.ts `noble`). */
export type SoftCurve = 'secp256k1' | 'Ed448';

/**
 * A key on a {@link SoftCurve}, held as bytes because WebCrypto cannot hold it:
 * it stands where a CryptoKey would, and noble/index.ts signs and verifies with it.
 */
export interface SoftKey {
  soft: SoftCurve;
  /** secp256k1: the 65-byte uncompressed point; Ed448: the 57-byte public key. */
  publicKey: Uint8Array;
  /** secp256k1: the 32-byte scalar; Ed448: the 57-byte private key. Absent for verifying. */
  privateKey?: Uint8Array;
}

/** True for a {@link SoftKey}, false for a CryptoKey. */
export const isSoftKey = (key: CryptoKey | SoftKey): key is SoftKey => 'soft' in key;

/** True when keys on `crv` are run with @noble/curves. */
export const isSoftCurve = (crv: string | undefined): crv is SoftCurve =>
  crv === 'secp256k1' || crv === 'Ed448';
