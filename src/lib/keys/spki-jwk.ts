/**
 * A public key's JWK read straight from its SubjectPublicKeyInfo (RFC 5280
 * §4.1.2.7), synchronously: a set of PEM blocks becomes a JWKS at parse time,
 * so the JWKS machinery (select-jwks.ts, jwks-info.ts, export.ts) serves it
 * unchanged. Only public members are read: RSA n and e (RFC 8017 A.1.1), an
 * uncompressed EC point (SEC 1 §2.3.3), an OKP or ML-DSA key's raw bytes
 * (RFC 8410 §4, RFC 9881 §4).
 */
import { base64url, type JWK } from 'jose';
import { damaged, elementsIn, readDer, TAG, type Tlv } from './asn1';
import type { AsymmetricKeyFacts } from './describe-key-der';
import type { Result } from '../errors';

const CURVE_BYTES: Record<string, number> = {
  'P-256': 32,
  'P-384': 48,
  'P-521': 66,
  secp256k1: 32,
};

/** The public JWK of an SPKI whose facts {@link describe} already read. */
export function spkiToJwk(spki: Uint8Array, facts: AsymmetricKeyFacts): Result<JWK> {
  return readDer(() => {
    const outer = elementsIn(spki, 0, spki.length).next(TAG.sequence, 'the SubjectPublicKeyInfo');
    const inner = elementsIn(spki, outer.valueStart, outer.end);
    inner.next(TAG.sequence, 'the AlgorithmIdentifier');
    const bits = inner.next(TAG.bitString, 'the public key BIT STRING');
    const key = spki.subarray(bits.valueStart + 1, bits.end);
    const b64 = (bytes: Uint8Array) => base64url.encode(bytes);
    switch (facts.kty) {
      case 'RSA': {
        const sequence = elementsIn(key, 0, key.length).next(TAG.sequence, 'the RSAPublicKey');
        const members = elementsIn(key, sequence.valueStart, sequence.end);
        const n = unsigned(key, members.next(TAG.integer, 'the RSA modulus'));
        const e = unsigned(key, members.next(TAG.integer, 'the RSA public exponent'));
        return { kty: 'RSA', n: b64(n), e: b64(e) };
      }
      case 'EC': {
        const size = CURVE_BYTES[facts.crv!]!;
        if (key[0] !== 0x04)
          damaged(
            bits.valueStart + 1,
            'the EC point is compressed (it starts with 0x02 or 0x03); a JWK needs both coordinates',
          );
        if (key.length !== 1 + 2 * size)
          damaged(
            bits.valueStart,
            `a ${facts.crv} point is ${1 + 2 * size} bytes, not ${key.length}`,
          );
        return {
          kty: 'EC',
          crv: facts.crv!,
          x: b64(key.subarray(1, 1 + size)),
          y: b64(key.subarray(1 + size)),
        };
      }
      case 'OKP':
        return { kty: 'OKP', crv: facts.crv!, x: b64(key) };
      case 'AKP':
        return { kty: 'AKP', alg: facts.keyAlg!, pub: b64(key) };
    }
  });
}

/** An INTEGER's magnitude: the sign byte DER adds before a high bit is not part of the number. */
function unsigned(der: Uint8Array, tlv: Tlv): Uint8Array {
  let at = tlv.valueStart;
  while (at < tlv.end - 1 && der[at] === 0) at++;
  return der.slice(at, tlv.end);
}
