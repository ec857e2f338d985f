/**
 * Saying what key a DER structure holds (type, curve, RSA size, public or
 * private) without importing it: the six forms a PEM label announces, read
 * with the little DER of asn1.ts. pem.ts finds the DER in the pasted text;
 * rewrap.ts turns what is described here into something WebCrypto imports.
 */
import { jwsAlgorithm } from '../jws/algorithms';
import { fail, ok, type Result } from '../errors';
import { damaged, decodeOid, elementsIn, readDer, readTlv, TAG } from './asn1';
import type { Tlv } from './asn1';

/** The DER structure a PEM label announces. */
export type KeyForm = 'spki' | 'pkcs1-public' | 'pkcs8' | 'pkcs1-private' | 'sec1' | 'x509';

/** What a key is, read from its DER without importing it. */
export interface AsymmetricKeyFacts {
  kty: 'RSA' | 'EC' | 'OKP' | 'AKP';
  /** 'P-256' | 'P-384' | 'P-521' | 'secp256k1' | 'Ed25519' | 'Ed448' | 'X25519' | 'X448' */
  crv?: string;
  /** ML-DSA-44 | ML-DSA-65 | ML-DSA-87: the algorithm an AKP key's OID fixes (RFC 9881 §2). */
  keyAlg?: string;
  /** RSA modulus length in bits, counted exactly (a 2047-bit modulus says 2047). */
  bits?: number;
  isPrivate: boolean;
  form: KeyForm;
  /** The key is restricted to RSASSA-PSS by its id-RSASSA-PSS OID (RFC 4055). */
  rsaPss?: boolean;
}

// Messages, one per failing step.
const SAY = {
  algorithm: (oid: string) =>
    `The key's algorithm ${named(oid)} is not one this page can use; JWS and JWE use RSA, EC (P-256, P-384, P-521), Ed25519, ML-DSA and X25519 keys.`,
  publicKeySize: (alg: string, n: number, want: number) =>
    `This ${alg} public key is ${n} bytes, but an ${alg} public key is ${want} bytes (FIPS 204 Table 2): the key is damaged or cut short.`,
  curve: (oid: string) =>
    `The EC curve ${named(oid)} is not one JWS or JWE uses; use P-256, P-384 or P-521 (or secp256k1 for ES256K).`,
  explicitCurve:
    'The EC key spells out its curve parameters instead of naming the curve; re-export it with openssl ec -in key.pem -param_enc named_curve -out named.pem (add -pubin for a public key).',
  sec1NoCurve:
    'The EC PRIVATE KEY does not name its curve (its optional [0] parameters are absent), so it cannot be imported on its own; export it again as PKCS#8 (BEGIN PRIVATE KEY) from the tool that made it.',
  spkiNoCurve: "The EC key's AlgorithmIdentifier has no curve parameter, which RFC 5480 requires.",
};

// `reason` says which step failed; `from`/`to` underline the pasted text when known.
/** A damaged PEM or key (`ERR_KEY_PEM`). */
export const broken = (message: string, reason: string, from?: number, to?: number) =>
  fail<never>('ERR_KEY_PEM', message, { reason, from, to });
/** A PEM or key this page cannot use (`ERR_KEY_PEM_UNSUPPORTED`), with what to do instead. */
export const unsupported = (message: string, reason: string, from?: number, to?: number) =>
  fail<never>('ERR_KEY_PEM_UNSUPPORTED', message, { reason, from, to });

// Key algorithms: RFC 8017 App. C (rsaEncryption), RFC 4055 §3.1 (id-RSASSA-PSS),
// RFC 5480 §2.1.1 (id-ecPublicKey), RFC 8410 §3 (Ed25519, Ed448, X25519, X448),
// RFC 9881 §2 (id-ml-dsa-44/65/87: the OID fixes the parameter set).
/** rsaEncryption (RFC 8017 App. C). */
export const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
/** id-ecPublicKey (RFC 5480 §2.1.1). */
export const EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const ALGORITHMS = new Map<string, Pick<AsymmetricKeyFacts, 'kty' | 'crv' | 'rsaPss' | 'keyAlg'>>([
  [RSA_ENCRYPTION, { kty: 'RSA' }],
  ['1.2.840.113549.1.1.10', { kty: 'RSA', rsaPss: true }],
  [EC_PUBLIC_KEY, { kty: 'EC' }],
  ['1.3.101.112', { kty: 'OKP', crv: 'Ed25519' }],
  ['1.3.101.113', { kty: 'OKP', crv: 'Ed448' }],
  ['1.3.101.110', { kty: 'OKP', crv: 'X25519' }],
  ['1.3.101.111', { kty: 'OKP', crv: 'X448' }],
  ['2.16.840.1.101.3.4.3.17', { kty: 'AKP', keyAlg: 'ML-DSA-44' }],
  ['2.16.840.1.101.3.4.3.18', { kty: 'AKP', keyAlg: 'ML-DSA-65' }],
  ['2.16.840.1.101.3.4.3.19', { kty: 'AKP', keyAlg: 'ML-DSA-87' }],
]);

// Named curves: RFC 5480 §2.1.1.1; secp256k1 from SEC 2 §2.4.1 (RFC 8812 for JOSE).
const CURVES = new Map<string, string>([
  ['1.2.840.10045.3.1.7', 'P-256'],
  ['1.3.132.0.34', 'P-384'],
  ['1.3.132.0.35', 'P-521'],
  ['1.3.132.0.10', 'secp256k1'],
]);
/** The OID of each named curve, by its JOSE name. */
export const CURVE_OIDS = new Map([...CURVES].map(([oid, crv]) => [crv, oid]));

// OIDs people do paste that JOSE has no use for, named so the message says more than digits.
const OTHER_OIDS = new Map<string, string>([
  ['1.2.840.10040.4.1', 'DSA'],
  ['1.2.840.113549.1.3.1', 'Diffie-Hellman'],
  ['1.3.132.0.33', 'P-224'],
  ['1.3.36.3.3.2.8.1.1.7', 'brainpoolP256r1'],
]);
const named = (oid: string) => (OTHER_OIDS.has(oid) ? `${oid} (${OTHER_OIDS.get(oid)})` : oid);

interface ParsedKey {
  oid: string;
  curve?: { oid: string } | 'explicit' | 'absent';
  bits?: number;
  /** Bytes in the SubjectPublicKeyInfo's BIT STRING (after its unused-bits byte). */
  publicKeyBytes?: number;
  /** The PKCS#1 RSAPublicKey / RSAPrivateKey inside, for re-wrapping. */
  rsaKey?: Uint8Array;
}

/** Read which key a DER structure holds (type, curve, RSA size, public or private) without importing it. */
export function describeKeyDer(form: KeyForm, der: Uint8Array): Result<AsymmetricKeyFacts> {
  const described = describe(form, der);
  return described.ok ? ok(described.value.facts) : described;
}

/** {@link describeKeyDer}, plus the PKCS#1 key inside an RSA key, for re-wrapping. */
export function describe(
  form: KeyForm,
  der: Uint8Array,
): Result<{ facts: AsymmetricKeyFacts; rsaKey?: Uint8Array }> {
  const parsed = readDer(() => PARSERS[form](der));
  if (!parsed.ok) return parsed;
  const { oid, curve, bits, rsaKey, publicKeyBytes } = parsed.value;
  const algorithm = ALGORITHMS.get(oid);
  if (algorithm === undefined) return unsupported(SAY.algorithm(oid), 'oid');
  const wantBytes = algorithm.keyAlg && jwsAlgorithm(algorithm.keyAlg)?.publicKeyBytes;
  if (wantBytes && publicKeyBytes !== undefined && publicKeyBytes !== wantBytes)
    return broken(SAY.publicKeySize(algorithm.keyAlg!, publicKeyBytes, wantBytes), 'size');
  const isPrivate = form === 'pkcs8' || form === 'pkcs1-private' || form === 'sec1';
  const facts: AsymmetricKeyFacts = { ...algorithm, isPrivate, form };
  if (bits !== undefined) facts.bits = bits;
  if (algorithm.kty !== 'EC') return ok({ facts, rsaKey });
  if (curve === 'explicit') return unsupported(SAY.explicitCurve, 'curve');
  if (curve === 'absent' || curve === undefined) {
    if (form === 'sec1') return unsupported(SAY.sec1NoCurve, 'curve');
    return broken(SAY.spkiNoCurve, 'curve');
  }
  const crv = CURVES.get(curve.oid);
  if (crv === undefined) return unsupported(SAY.curve(curve.oid), 'curve');
  return ok({ facts: { ...facts, crv } });
}

/** The SubjectPublicKeyInfo inside an X.509 certificate, for WebCrypto's 'spki' import. */
export function certificateSpki(der: Uint8Array): Result<Uint8Array> {
  return readDer(() => {
    const spki = certificateSpkiTlv(der);
    return der.slice(spki.start, spki.end);
  });
}

function certificateSpkiTlv(der: Uint8Array): Tlv {
  const certificate = inside(der, whole(der, 'Certificate'));
  const tbs = inside(der, certificate.next(TAG.sequence, 'the tbsCertificate'));
  // RFC 5280 §4.1: version is an optional EXPLICIT [0]; v1 certificates leave it out.
  tbs.optional(TAG.context0);
  tbs.next(TAG.integer, 'the serial number');
  for (const what of ['signature AlgorithmIdentifier', 'issuer', 'validity', 'subject']) {
    tbs.next(TAG.sequence, `the ${what}`);
  }
  return tbs.next(TAG.sequence, 'the subjectPublicKeyInfo');
}

const PARSERS: Record<KeyForm, (der: Uint8Array) => ParsedKey> = {
  spki: (der) => parseSpki(der, whole(der, 'SubjectPublicKeyInfo')),
  pkcs8(der) {
    const info = inside(der, whole(der, 'PrivateKeyInfo'));
    info.next(TAG.integer, 'the PrivateKeyInfo version');
    const parsed = readAlgorithm(der, info.next(TAG.sequence, 'the AlgorithmIdentifier'));
    const key = info.next(TAG.octetString, 'the private key OCTET STRING');
    // RFC 5958 [0] attributes and [1] public key may follow; describing the key needs neither.
    if (isRsa(parsed)) Object.assign(parsed, readRsaKey(der, key.valueStart, key.end, true));
    return parsed;
  },
  x509: (der) => parseSpki(der, certificateSpkiTlv(der)),
  'pkcs1-public': (der) => ({ oid: RSA_ENCRYPTION, ...readRsaKey(der, 0, der.length, false) }),
  'pkcs1-private': (der) => ({ oid: RSA_ENCRYPTION, ...readRsaKey(der, 0, der.length, true) }),
  sec1(der) {
    const key = inside(der, whole(der, 'ECPrivateKey'));
    key.next(TAG.integer, 'the ECPrivateKey version');
    key.next(TAG.octetString, 'the private key OCTET STRING');
    const field = key.optional(TAG.context0);
    const curve = field && curveOf(der, readTlv(der, field.valueStart, field.end));
    return { oid: EC_PUBLIC_KEY, curve: curve ?? 'absent' };
  },
};

const inside = (der: Uint8Array, tlv: Tlv) => elementsIn(der, tlv.valueStart, tlv.end);
const isRsa = (parsed: ParsedKey) => ALGORITHMS.get(parsed.oid)?.kty === 'RSA';

// A structure must fill the bytes it came in: anything after it means a damaged paste.
function whole(der: Uint8Array, what: string, from = 0, to = der.length): Tlv {
  const tlv = elementsIn(der, from, to).next(TAG.sequence, `the ${what}`);
  const extra = to - tlv.end;
  if (extra > 0) damaged(tlv.end, `${extra} bytes are left over after the ${what}`);
  return tlv;
}

function parseSpki(der: Uint8Array, spki: Tlv): ParsedKey {
  const elements = inside(der, spki);
  const parsed = readAlgorithm(der, elements.next(TAG.sequence, 'the AlgorithmIdentifier'));
  const key = elements.next(TAG.bitString, 'the public key BIT STRING');
  if (der[key.valueStart] !== 0 || key.valueStart === key.end) {
    damaged(key.valueStart, 'a public key BIT STRING must start with 0 unused bits');
  }
  if (isRsa(parsed)) Object.assign(parsed, readRsaKey(der, key.valueStart + 1, key.end, false));
  return { ...parsed, publicKeyBytes: key.end - key.valueStart - 1 };
}

function readAlgorithm(der: Uint8Array, algorithm: Tlv): ParsedKey {
  const elements = inside(der, algorithm);
  const oid = decodeOid(der, elements.next(TAG.oid, 'the algorithm OID'));
  if (oid !== EC_PUBLIC_KEY) return { oid };
  const parameters = elements.optional(TAG.oid) ?? elements.optional(TAG.sequence);
  return { oid, curve: parameters === undefined ? 'absent' : curveOf(der, parameters) };
}

// RFC 5480 ECParameters: a named curve OID, or (rare, and useless to JOSE) the curve spelled out.
function curveOf(der: Uint8Array, parameters: Tlv): ParsedKey['curve'] {
  if (parameters.tag === TAG.oid) return { oid: decodeOid(der, parameters) };
  return parameters.tag === TAG.null ? 'absent' : 'explicit';
}

// Counted exactly, as WebCrypto's modulusLength is: a 2047-bit key must not pass for 2048.
function readRsaKey(der: Uint8Array, from: number, to: number, isPrivate: boolean) {
  const key = inside(der, whole(der, isPrivate ? 'RSAPrivateKey' : 'RSAPublicKey', from, to));
  if (isPrivate) key.next(TAG.integer, 'the RSAPrivateKey version');
  const modulus = key.next(TAG.integer, 'the RSA modulus');
  key.next(TAG.integer, 'the RSA public exponent');
  let first = modulus.valueStart;
  if (first === modulus.end || der[first]! & 0x80) {
    damaged(modulus.start, 'the RSA modulus is not a positive INTEGER');
  }
  while (first < modulus.end && der[first] === 0) first++;
  if (first === modulus.end) damaged(modulus.start, 'the RSA modulus is zero');
  const bits = (modulus.end - first - 1) * 8 + (32 - Math.clz32(der[first]!));
  return { bits, rsaKey: der.subarray(from, to) };
}
