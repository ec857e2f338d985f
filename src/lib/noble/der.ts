/**
 * secp256k1 and Ed448 keys in DER, which WebCrypto cannot import for us:
 * the raw key bytes out of an SPKI or PKCS#8 (after rewrap.ts made one of a
 * SEC1 key), and back in. Written with the engine's own little DER (asn1.ts):
 * RFC 5480 §2 and RFC 5915 §3 (EC), RFC 8410 §4 and §7 (Ed448), RFC 5958 §2
 * (OneAsymmetricKey, whose optional [1] public key OpenSSL writes for Ed448).
 */
import type { Result } from '../errors';
import { decodeOid, damaged, elementsIn, encodeOid, encodeTlv, readDer, TAG } from '../keys/asn1';
import type { Tlv } from '../keys/asn1';
import type { SoftCurve } from '../keys/types';

/** id-ecPublicKey (RFC 5480), secp256k1 (SEC 2 §2.4.1), id-Ed448 (RFC 8410 §3). */
const OID = { ecPublicKey: '1.2.840.10045.2.1', secp256k1: '1.3.132.0.10', ed448: '1.3.101.113' };

/** The raw bytes a DER key holds: a point or Ed448 public key, and the private scalar or seed. */
export interface RawKey {
  crv: SoftCurve;
  publicKey?: Uint8Array;
  privateKey?: Uint8Array;
}

const inside = (der: Uint8Array, tlv: Tlv) => elementsIn(der, tlv.valueStart, tlv.end);
const value = (der: Uint8Array, tlv: Tlv) => der.slice(tlv.valueStart, tlv.end);

function bitString(der: Uint8Array, tlv: Tlv): Uint8Array {
  if (tlv.valueStart === tlv.end || der[tlv.valueStart] !== 0)
    damaged(tlv.valueStart, 'a public key BIT STRING must start with 0 unused bits');
  return der.slice(tlv.valueStart + 1, tlv.end);
}

// Which of the two curves an AlgorithmIdentifier names; describe-key-der.ts has already said it is one.
function curveOf(der: Uint8Array, algorithm: Tlv): SoftCurve {
  const elements = inside(der, algorithm);
  const oid = decodeOid(der, elements.next(TAG.oid, 'the algorithm OID'));
  if (oid === OID.ed448) return 'Ed448';
  const curve = elements.optional(TAG.oid);
  if (oid === OID.ecPublicKey && curve && decodeOid(der, curve) === OID.secp256k1)
    return 'secp256k1';
  return damaged(algorithm.start, 'the key is neither on secp256k1 nor Ed448');
}

/** The raw key in an SPKI (public) or PKCS#8 (private) DER. */
export function readRawKey(format: 'spki' | 'pkcs8', der: Uint8Array): Result<RawKey> {
  return readDer(() => {
    const outer = elementsIn(der, 0, der.length).next(TAG.sequence, `the ${format.toUpperCase()}`);
    const elements = inside(der, outer);
    if (format === 'spki') {
      const crv = curveOf(der, elements.next(TAG.sequence, 'the AlgorithmIdentifier'));
      return { crv, publicKey: bitString(der, elements.next(TAG.bitString, 'the public key')) };
    }
    elements.next(TAG.integer, 'the PrivateKeyInfo version');
    const crv = curveOf(der, elements.next(TAG.sequence, 'the AlgorithmIdentifier'));
    const octets = elements.next(TAG.octetString, 'the private key OCTET STRING');
    elements.optional(TAG.context0);
    const attached = elements.optional(0x81);
    const raw: RawKey = { crv };
    if (attached) raw.publicKey = der.slice(attached.valueStart + 1, attached.end);
    if (crv === 'Ed448') {
      // RFC 8410 §7: CurvePrivateKey ::= OCTET STRING, inside the PrivateKeyInfo's OCTET STRING.
      const seed = elementsIn(der, octets.valueStart, octets.end).next(
        TAG.octetString,
        'the Ed448 private key',
      );
      raw.privateKey = value(der, seed);
      return raw;
    }
    // RFC 5915 §3: ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, [0] params, [1] publicKey }.
    const ec = inside(
      der,
      elementsIn(der, octets.valueStart, octets.end).next(TAG.sequence, 'the ECPrivateKey'),
    );
    ec.next(TAG.integer, 'the ECPrivateKey version');
    raw.privateKey = value(der, ec.next(TAG.octetString, 'the private key'));
    ec.optional(TAG.context0);
    const point = ec.optional(0xa1);
    if (point)
      raw.publicKey = bitString(
        der,
        elementsIn(der, point.valueStart, point.end).next(TAG.bitString, 'the public key'),
      );
    return raw;
  });
}

function algorithmIdentifier(crv: SoftCurve): Uint8Array {
  return crv === 'Ed448'
    ? encodeTlv(TAG.sequence, encodeOid(OID.ed448))
    : encodeTlv(TAG.sequence, encodeOid(OID.ecPublicKey), encodeOid(OID.secp256k1));
}

/** SubjectPublicKeyInfo DER (RFC 5280 §4.1): the uncompressed point, or Ed448's 57 bytes. */
export function spkiOf(crv: SoftCurve, publicKey: Uint8Array): Uint8Array {
  const bits = encodeTlv(TAG.bitString, Uint8Array.of(0), publicKey);
  return encodeTlv(TAG.sequence, algorithmIdentifier(crv), bits);
}

/** PKCS#8 PrivateKeyInfo DER, as OpenSSL writes it for each curve (RFC 5915 §3 with the point; RFC 8410 §7). */
export function pkcs8Of(crv: SoftCurve, privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  const version = (n: number) => encodeTlv(TAG.integer, Uint8Array.of(n));
  const inner =
    crv === 'Ed448'
      ? encodeTlv(TAG.octetString, privateKey)
      : encodeTlv(
          TAG.sequence,
          version(1),
          encodeTlv(TAG.octetString, privateKey),
          encodeTlv(0xa1, encodeTlv(TAG.bitString, Uint8Array.of(0), publicKey)),
        );
  return encodeTlv(
    TAG.sequence,
    version(0),
    algorithmIdentifier(crv),
    encodeTlv(TAG.octetString, inner),
  );
}
