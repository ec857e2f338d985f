/**
 * Importing one recognised key into WebCrypto for an algorithm: an HMAC
 * secret as raw bytes, a PEM re-wrapped by the PEM reader (an X.509
 * certificate through its SubjectPublicKeyInfo), a JWK as it stands. Callers
 * have checked that the key fits; an import that still fails throws, and
 * resolveKey turns that into a value.
 */
import { ok, LabError, type Result } from '../errors';
import type { JwsAlgorithm } from '../jws/algorithms';
import type { KeyPurpose } from './fit';
import { loadPemSupport, type JwkKey, type PemKey } from './parse';
import { secretBytes } from './secret';
import { importDer, importJwk, publicHalf } from './webcrypto';

/** An HMAC key from the secret's bytes; an empty secret throws `ERR_KEY_EMPTY`. */
export function hmacKey(bytes: Uint8Array, algorithm: JwsAlgorithm): Promise<CryptoKey> {
  if (bytes.length === 0)
    throw new LabError('ERR_KEY_EMPTY', 'The secret is empty: an empty HMAC key protects nothing.');
  return crypto.subtle.importKey(
    'raw',
    bytes as Uint8Array<ArrayBuffer>,
    { name: 'HMAC', hash: algorithm.hash! },
    false,
    ['sign', 'verify'],
  );
}

/** A PEM key for `purpose`, re-wrapped for import (a certificate through its SPKI). */
export async function importPem(
  parsed: PemKey,
  algorithm: JwsAlgorithm,
  purpose: KeyPurpose,
): Promise<Result<CryptoKey>> {
  const { certificateSpki, toImportableDer } = await loadPemSupport();
  const importable = toImportableDer(parsed.form, parsed.der);
  if (!importable.ok) return importable;
  const { format, der } = importable.value;
  if (format === 'x509') {
    const spki = certificateSpki(der);
    return spki.ok ? ok(await importDer('spki', spki.value, algorithm)) : spki;
  }
  if (format === 'spki') return ok(await importDer('spki', der, algorithm));
  if (purpose === 'sign') return ok(await importDer('pkcs8', der, algorithm));
  // Verifying with a private key: use its public half.
  return ok(await publicHalf(await importDer('pkcs8', der, algorithm, true), algorithm));
}

/** A JWK entry for `purpose`: an `oct` key as HMAC, any other through WebCrypto. */
export async function importJwkFor(
  entry: JwkKey,
  algorithm: JwsAlgorithm,
  purpose: KeyPurpose,
): Promise<CryptoKey> {
  if (entry.facts.kty === 'oct') {
    const bytes = secretBytes(entry.jwk.k!, 'base64url');
    if (!bytes.ok) throw bytes.error;
    return hmacKey(bytes.value, algorithm);
  }
  return importJwk(entry.jwk, algorithm, purpose);
}
