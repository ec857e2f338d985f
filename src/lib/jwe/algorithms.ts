/**
 * The JWE algorithms as data: key management (`alg`) and content encryption
 * (`enc`) from RFC 7518 §4 and §5, with what Chromium's WebCrypto can run.
 */

/** How a key management algorithm gets the content encryption key (RFC 7516 §2). */
export type JweKeyFamily =
  'RSA-OAEP' | 'RSA1_5' | 'ECDH-ES' | 'AES-KW' | 'AES-GCM-KW' | 'dir' | 'PBES2';

/** One `alg` of a JWE. */
export interface JweKeyAlgorithm {
  alg: string;
  family: JweKeyFamily;
  /** JWK key types that can serve it ("password" for PBES2: any secret). */
  kty: readonly ('RSA' | 'EC' | 'OKP' | 'oct')[];
  /** Size of the AES key-wrapping key, for the *KW algorithms. */
  wrapBits?: number;
  /** False when the browser (or jose 6) cannot run it: then `why` says so. */
  inBrowser: boolean;
  why?: string;
  source: string;
}

/** One `enc` of a JWE. */
export interface JweEncAlgorithm {
  enc: string;
  /** Content encryption key size in bits (CBC-HS keys hold the MAC half too). */
  cekBits: number;
  inBrowser: boolean;
  why?: string;
  source: string;
}

const NO_AES192 =
  'this browser does not implement 192-bit AES (WebCrypto in Chromium refuses 192-bit AES keys), so it cannot be decrypted or made here';
const RSA1_5_WHY =
  'RSA1_5 is deprecated and not supported by jose 6: RSAES-PKCS1-v1_5 padding is open to Bleichenbacher-style oracle attacks that decrypt tokens (RFC 8725 §3.2); use RSA-OAEP-256 instead';

const kw = (
  alg: string,
  bits: number,
  family: JweKeyFamily,
  kty: JweKeyAlgorithm['kty'],
  source: string,
): JweKeyAlgorithm =>
  bits === 192
    ? { alg, family, kty, wrapBits: bits, inBrowser: false, why: NO_AES192, source }
    : { alg, family, kty, wrapBits: bits, inBrowser: true, source };

/** Every registered JWE `alg` (RFC 7518 §4.1), in the order of the RFC. */
export const JWE_KEY_ALGORITHMS: readonly JweKeyAlgorithm[] = [
  {
    alg: 'RSA1_5',
    family: 'RSA1_5',
    kty: ['RSA'],
    inBrowser: false,
    why: RSA1_5_WHY,
    source: 'RFC 7518 §4.2',
  },
  { alg: 'RSA-OAEP', family: 'RSA-OAEP', kty: ['RSA'], inBrowser: true, source: 'RFC 7518 §4.3' },
  {
    alg: 'RSA-OAEP-256',
    family: 'RSA-OAEP',
    kty: ['RSA'],
    inBrowser: true,
    source: 'RFC 7518 §4.3',
  },
  {
    alg: 'RSA-OAEP-384',
    family: 'RSA-OAEP',
    kty: ['RSA'],
    inBrowser: true,
    source: 'IANA JOSE registry (W3C WebCrypto)',
  },
  {
    alg: 'RSA-OAEP-512',
    family: 'RSA-OAEP',
    kty: ['RSA'],
    inBrowser: true,
    source: 'IANA JOSE registry (W3C WebCrypto)',
  },
  kw('A128KW', 128, 'AES-KW', ['oct'], 'RFC 7518 §4.4'),
  kw('A192KW', 192, 'AES-KW', ['oct'], 'RFC 7518 §4.4'),
  kw('A256KW', 256, 'AES-KW', ['oct'], 'RFC 7518 §4.4'),
  { alg: 'dir', family: 'dir', kty: ['oct'], inBrowser: true, source: 'RFC 7518 §4.5' },
  {
    alg: 'ECDH-ES',
    family: 'ECDH-ES',
    kty: ['EC', 'OKP'],
    inBrowser: true,
    source: 'RFC 7518 §4.6, RFC 8037 §3.2',
  },
  kw('ECDH-ES+A128KW', 128, 'ECDH-ES', ['EC', 'OKP'], 'RFC 7518 §4.6'),
  kw('ECDH-ES+A192KW', 192, 'ECDH-ES', ['EC', 'OKP'], 'RFC 7518 §4.6'),
  kw('ECDH-ES+A256KW', 256, 'ECDH-ES', ['EC', 'OKP'], 'RFC 7518 §4.6'),
  kw('A128GCMKW', 128, 'AES-GCM-KW', ['oct'], 'RFC 7518 §4.7'),
  kw('A192GCMKW', 192, 'AES-GCM-KW', ['oct'], 'RFC 7518 §4.7'),
  kw('A256GCMKW', 256, 'AES-GCM-KW', ['oct'], 'RFC 7518 §4.7'),
  kw('PBES2-HS256+A128KW', 128, 'PBES2', ['oct'], 'RFC 7518 §4.8'),
  kw('PBES2-HS384+A192KW', 192, 'PBES2', ['oct'], 'RFC 7518 §4.8'),
  kw('PBES2-HS512+A256KW', 256, 'PBES2', ['oct'], 'RFC 7518 §4.8'),
];

/** Every registered JWE `enc` (RFC 7518 §5.1). */
export const JWE_ENC_ALGORITHMS: readonly JweEncAlgorithm[] = [
  { enc: 'A128CBC-HS256', cekBits: 256, inBrowser: true, source: 'RFC 7518 §5.2.3' },
  {
    enc: 'A192CBC-HS384',
    cekBits: 384,
    inBrowser: false,
    why: NO_AES192,
    source: 'RFC 7518 §5.2.4',
  },
  { enc: 'A256CBC-HS512', cekBits: 512, inBrowser: true, source: 'RFC 7518 §5.2.5' },
  { enc: 'A128GCM', cekBits: 128, inBrowser: true, source: 'RFC 7518 §5.3' },
  { enc: 'A192GCM', cekBits: 192, inBrowser: false, why: NO_AES192, source: 'RFC 7518 §5.3' },
  { enc: 'A256GCM', cekBits: 256, inBrowser: true, source: 'RFC 7518 §5.3' },
];

/** PBES2 iteration counts above this are slow enough to warn about (OWASP 2023 is 600,000 for SHA-256). */
export const P2C_WARN = 1_200_000;
/** PBES2 iteration counts above this are refused: the tab would freeze for minutes. */
export const P2C_LIMIT = 10_000_000;
/** Largest plaintext a `zip: DEF` payload may inflate to (bytes). */
export const MAX_INFLATED_BYTES = 1_000_000;

/** The `alg` entry, or undefined when it is not a JWE key management algorithm. */
export const jweKeyAlgorithm = (alg: string): JweKeyAlgorithm | undefined =>
  JWE_KEY_ALGORITHMS.find((a) => a.alg === alg);

/** The `enc` entry, or undefined when it is not a registered content encryption. */
export const jweEncAlgorithm = (enc: string): JweEncAlgorithm | undefined =>
  JWE_ENC_ALGORITHMS.find((e) => e.enc === enc);
