/**
 * Checks on the signature's shape, without a key: its length for the
 * algorithm, DER where JOSE wants raw r‖s, and ECDSA values out of range
 * (the "psychic signatures" of CVE-2022-21449).
 */
import { isNone, jwsAlgorithm, signatureSizes } from '../jws/algorithms';
import type { Detector, Finding } from './types';

/** The order n of each ECDSA curve's base point (SEC 2 §2.4, FIPS 186-4 D.1.2). */
export const CURVE_ORDERS: Readonly<Record<string, bigint>> = {
  'P-256': 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  'P-384':
    0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
  'P-521':
    0x01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n,
  secp256k1: 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n,
};

/**
 * How a big-endian number compares with the curve order n written in as many
 * bytes: byte by byte, with no BigInt made from the signature on every keystroke.
 */
function against(value: Uint8Array, crv: string): 'zero' | 'above' | 'below' {
  const order = orderBytes(crv, value.length);
  let i = 0;
  while (i < value.length && value[i] === order[i]) i++;
  // Equal to n, or above it at the first byte that differs: out of range alike.
  if (i === value.length || value[i]! > order[i]!) return 'above';
  for (const byte of value) if (byte !== 0) return 'below';
  return 'zero';
}

const ORDER_BYTES = new Map<string, Uint8Array>();

/** The curve's n as `length` big-endian bytes (cached by curve: each has one length). */
function orderBytes(crv: string, length: number): Uint8Array {
  let bytes = ORDER_BYTES.get(crv);
  if (bytes?.length !== length) {
    const hex = CURVE_ORDERS[crv]!.toString(16).padStart(length * 2, '0');
    bytes = Uint8Array.from({ length }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16));
    ORDER_BYTES.set(crv, bytes);
  }
  return bytes;
}

/** True when the bytes look like an ASN.1 DER ECDSA signature: SEQUENCE { INTEGER, INTEGER }. */
export function looksLikeDer(sig: Uint8Array): boolean {
  return sig.length >= 8 && sig[0] === 0x30 && sig[1]! + 2 === sig.length && sig[2] === 0x02;
}

/** Findings about the signature's length and form. */
export const signatureFindings: Detector = (input) => {
  const token = input.decoded;
  if (token.kind !== 'jws' || isNone(token.alg)) return [];
  const algorithm = jwsAlgorithm(token.alg);
  const sig = token.signature;
  if (!algorithm || sig.length === 0) return [];
  const where = { part: 'signature' } as const;
  const out: Finding[] = [];
  // EdDSA's size follows the key's curve: 64 bytes (Ed25519) or 114 (Ed448), RFC 8037 §3.1.
  const sizes = algorithm.family === 'HMAC' ? [algorithm.hashBytes!] : signatureSizes(algorithm);
  const expected = sizes.join(' or ');
  if (sizes.length && !sizes.includes(sig.length)) {
    const der = algorithm.family === 'ECDSA' && looksLikeDer(sig);
    out.push({
      id: 'signature-length',
      severity: 'medium',
      message: der
        ? `The ${algorithm.alg} signature is ${sig.length} bytes of ASN.1 DER (it starts with 0x30); JOSE wants the ${expected} raw bytes of r‖s.`
        : `The ${algorithm.alg} signature is ${sig.length} bytes; it must be ${sizes.length > 1 ? '' : 'exactly '}${expected}.`,
      location: where,
    });
  } else if ((algorithm.family === 'RSA' || algorithm.family === 'RSA-PSS') && sig.length < 256) {
    out.push({
      id: 'signature-length',
      severity: 'medium',
      message: `The ${algorithm.alg} signature is ${sig.length} bytes: an RSA signature is as long as the modulus, so the key is under 2048 bits or the signature is cut.`,
      location: where,
    });
  }
  if (algorithm.family === 'ECDSA') {
    const n = algorithm.crv ? CURVE_ORDERS[algorithm.crv] : undefined;
    const allZero = sig.every((b) => b === 0);
    let bad: string | undefined;
    if (allZero) bad = 'every byte of the signature is zero (r = s = 0)';
    else if (n !== undefined && sig.length === algorithm.signatureBytes) {
      const half = sig.length / 2;
      const r = against(sig.subarray(0, half), algorithm.crv!);
      const s = against(sig.subarray(half), algorithm.crv!);
      const which = (v: ReturnType<typeof against>) =>
        v === 'zero' ? 'is 0' : v === 'above' ? `is not below the curve order n` : '';
      const parts = [
        ['r', which(r)],
        ['s', which(s)],
      ].filter(([, w]) => w);
      if (parts.length) bad = parts.map(([k, w]) => `${k} ${w}`).join(' and ');
    }
    if (bad)
      out.push({
        id: 'ecdsa-zero-signature',
        severity: 'critical',
        message: `In this ${algorithm.alg} signature ${bad}: such a signature must never verify.`,
        location: where,
      });
  }
  return out;
};
