/**
 * Checking that one certificate was signed by another's key, with WebCrypto:
 * the signature algorithms CAs use (RFC 4055, RFC 5758 §3.2, RFC 8410 §6),
 * ECDSA's DER signature turned into the r‖s WebCrypto wants.
 */
import { fail, ok, type Result } from '../../errors';
import { elementsIn, readDer, TAG } from '../asn1';
import type { Certificate } from './certificate';

interface SignatureAlgorithm {
  name: string;
  kty: 'RSA' | 'EC' | 'OKP';
  hash?: string;
}

const SIGNATURE_ALGORITHMS: Record<string, SignatureAlgorithm> = {
  '1.2.840.113549.1.1.5': { name: 'sha1WithRSAEncryption', kty: 'RSA', hash: 'SHA-1' },
  '1.2.840.113549.1.1.11': { name: 'sha256WithRSAEncryption', kty: 'RSA', hash: 'SHA-256' },
  '1.2.840.113549.1.1.12': { name: 'sha384WithRSAEncryption', kty: 'RSA', hash: 'SHA-384' },
  '1.2.840.113549.1.1.13': { name: 'sha512WithRSAEncryption', kty: 'RSA', hash: 'SHA-512' },
  '1.2.840.10045.4.3.2': { name: 'ecdsa-with-SHA256', kty: 'EC', hash: 'SHA-256' },
  '1.2.840.10045.4.3.3': { name: 'ecdsa-with-SHA384', kty: 'EC', hash: 'SHA-384' },
  '1.2.840.10045.4.3.4': { name: 'ecdsa-with-SHA512', kty: 'EC', hash: 'SHA-512' },
  '1.3.101.112': { name: 'Ed25519', kty: 'OKP' },
};
const CURVE_BYTES: Record<string, number> = { 'P-256': 32, 'P-384': 48, 'P-521': 66 };

/** Does `issuer`'s key verify `subject`'s signature? `position` names `subject` in messages. */
export async function signedBy(
  subject: Certificate,
  issuer: Pick<Certificate, 'spki' | 'key' | 'subject'>,
  position: number,
): Promise<Result<void>> {
  const algorithm = SIGNATURE_ALGORITHMS[subject.signatureOid];
  const certificate = position;
  if (!algorithm)
    return fail(
      'ERR_X5C_ALGORITHM',
      `Certificate ${position} is signed with ${subject.signatureOid}, a signature algorithm this page cannot check (it checks RSA PKCS#1 v1.5, ECDSA and Ed25519).`,
      { certificate },
    );
  const { kty, crv } = issuer.key;
  if (
    kty !== algorithm.kty ||
    (kty === 'OKP' && crv !== 'Ed25519') ||
    (kty === 'EC' && !CURVE_BYTES[crv!])
  )
    return fail(
      'ERR_X5C_SIGNATURE',
      `Certificate ${position} says it is signed with ${algorithm.name}, but its issuer "${issuer.subject}" has ${crv ?? kty} key: that key cannot have made the signature.`,
      { certificate, reason: 'key-type' },
    );
  const params =
    kty === 'RSA'
      ? { name: 'RSASSA-PKCS1-v1_5', hash: algorithm.hash! }
      : kty === 'EC'
        ? { name: 'ECDSA', namedCurve: crv!, hash: algorithm.hash! }
        : { name: 'Ed25519' };
  const signature =
    kty === 'EC' ? rawEcdsa(subject.signature, CURVE_BYTES[crv!]!) : ok(subject.signature);
  if (!signature.ok)
    return fail(
      'ERR_X5C_SIGNATURE',
      `Certificate ${position}'s ECDSA signature is not DER: ${signature.error.message}`,
      {
        certificate,
        reason: 'der',
      },
    );
  const key = await crypto.subtle.importKey(
    'spki',
    issuer.spki as Uint8Array<ArrayBuffer>,
    params,
    false,
    ['verify'],
  );
  const verified = await crypto.subtle.verify(
    params,
    key,
    signature.value as Uint8Array<ArrayBuffer>,
    subject.tbs as Uint8Array<ArrayBuffer>,
  );
  if (verified) return ok(undefined);
  return fail(
    'ERR_X5C_SIGNATURE',
    `Certificate ${position}'s signature does not verify with the key of "${issuer.subject}": it was changed after it was signed, or another key signed it.`,
    { certificate, reason: 'mismatch' },
  );
}

/** ECDSA-Sig-Value (RFC 5480 §2.2: SEQUENCE { r, s }) as r‖s, each `size` bytes. */
function rawEcdsa(der: Uint8Array, size: number): Result<Uint8Array> {
  return readDer(() => {
    const sequence = elementsIn(der, 0, der.length).next(TAG.sequence, 'the ECDSA signature');
    const members = elementsIn(der, sequence.valueStart, sequence.end);
    const raw = new Uint8Array(size * 2);
    for (const [i, what] of ['r', 's'].entries()) {
      const integer = members.next(TAG.integer, what);
      let from = integer.valueStart;
      while (from < integer.end - 1 && der[from] === 0) from++;
      const bytes = der.subarray(from, integer.end);
      // Too long a number cannot verify; WebCrypto then simply says no.
      raw.set(
        bytes.subarray(Math.max(0, bytes.length - size)),
        (i + 1) * size - Math.min(size, bytes.length),
      );
    }
    return raw;
  });
}
