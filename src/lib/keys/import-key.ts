/**
 * The one way a key from the key box becomes a CryptoKey, for JWS (verify,
 * sign), JWE (encrypt, decrypt) and the export panel alike. Each caller says
 * what WebCrypto needs ({@link ImportSpec}: algorithm parameters and each
 * half's usages); this module re-wraps PEM through the PEM reader (a
 * certificate through its SubjectPublicKeyInfo), strips what a JWK only
 * declares, and reduces a private key to its public half when asked.
 *
 * What the person got wrong (damaged DER, an empty secret) comes back as a
 * value; WebCrypto's own refusals throw, and each caller's one boundary
 * (resolveKey, resolveJweKey, exportKey) turns them into a value with words
 * for its use.
 */
import type { JWK } from 'jose';
import { fail, ok, type Result } from '../errors';
import type { JwsAlgorithm } from '../jws/algorithms';
import { loadNoble } from '../noble/load';
import type { KeyPurpose } from './fit';
import { publicJwk } from './jwk';
import { loadPemSupport } from './parse';
import { secretBytes } from './secret';
import { isSoftCurve, type JwkKey, type PemKey, type SoftKey } from './types';
import { importParams } from './webcrypto';

/** Which key to import: the key as it is, or its public half (a private key is reduced). */
export type KeyHalf = 'as-is' | 'public';

/** What WebCrypto needs to import a key for one use: its parameters, and each half's usages. */
export interface ImportSpec {
  params: RsaHashedImportParams | EcKeyImportParams | Algorithm;
  usages: { public: KeyUsage[]; private: KeyUsage[] };
  /** Export needs the key material back; verifying and signing do not. */
  extractable?: boolean;
}

/** The import spec for a JWS algorithm: private keys sign, public keys verify. */
export function jwsImportSpec(algorithm: JwsAlgorithm): ImportSpec {
  return { params: importParams(algorithm), usages: { public: ['verify'], private: ['sign'] } };
}

/** A PEM key, re-wrapped for WebCrypto; `half: 'public'` turns a private key into its public half. */
export async function importPemKey(
  parsed: PemKey,
  spec: ImportSpec,
  half: KeyHalf,
): Promise<Result<CryptoKey>> {
  const importable = await importableDer(parsed);
  if (!importable.ok) return importable;
  const { format, der } = importable.value;
  if (format !== 'pkcs8') return ok(await importDer('spki', der, spec, spec.extractable));
  if (half === 'as-is') return ok(await importDer('pkcs8', der, spec, spec.extractable));
  return ok(await publicHalf(await importDer('pkcs8', der, spec, true), spec));
}

/** A PEM key as the SPKI (a certificate's too) or PKCS#8 DER that importers take. */
export async function importableDer(
  parsed: PemKey,
): Promise<Result<{ format: 'spki' | 'pkcs8'; der: Uint8Array }>> {
  const { certificateSpki, toImportableDer } = await loadPemSupport();
  const importable = toImportableDer(parsed.form, parsed.der);
  if (!importable.ok) return importable;
  const { format, der } = importable.value;
  if (format !== 'x509') return ok({ format, der });
  const spki = certificateSpki(der);
  return spki.ok ? ok({ format: 'spki', der: spki.value }) : spki;
}

/**
 * A key on secp256k1 or Ed448, which WebCrypto lacks, read by @noble/curves
 * (loaded here, on demand); `half: 'public'` keeps only the public key.
 */
export async function importSoftKey(
  parsed: PemKey | JwkKey,
  half: KeyHalf,
): Promise<Result<SoftKey>> {
  const noble = await loadNoble();
  if (parsed.kind === 'jwk') return noble.softKeyFromJwk(parsed.jwk, half);
  const importable = await importableDer(parsed);
  if (!importable.ok) return importable;
  return noble.softKeyFromDer(importable.value.format, importable.value.der, half);
}

/**
 * An asymmetric JWK. Members that only restrict use (alg, use, key_ops, ext)
 * are dropped: the engine checks them itself with messages people can act
 * on, where WebCrypto would refuse with a bare error. An AKP key keeps its
 * "alg", which is part of the key (RFC 9964 §3).
 */
export function importJwkKey(jwk: JWK, spec: ImportSpec, half: KeyHalf): Promise<CryptoKey> {
  const { alg, use: _use, key_ops: _ops, ext: _ext, ...rest } = jwk;
  const bare: JWK = jwk.kty === 'AKP' ? { ...rest, alg } : rest;
  const material = half === 'public' ? publicJwk(bare) : bare;
  const isPrivate = typeof material.d === 'string' || typeof material.priv === 'string';
  return crypto.subtle.importKey(
    'jwk',
    material as JsonWebKey,
    spec.params,
    spec.extractable ?? false,
    spec.usages[isPrivate ? 'private' : 'public'],
  );
}

/** An HMAC key from the secret's bytes; an empty secret is `ERR_KEY_EMPTY`. */
export async function hmacKey(
  bytes: Uint8Array,
  algorithm: JwsAlgorithm,
): Promise<Result<CryptoKey>> {
  if (bytes.length === 0)
    return fail('ERR_KEY_EMPTY', 'The secret is empty: an empty HMAC key protects nothing.');
  return ok(
    await crypto.subtle.importKey(
      'raw',
      bytes as Uint8Array<ArrayBuffer>,
      { name: 'HMAC', hash: algorithm.hash! },
      false,
      ['sign', 'verify'],
    ),
  );
}

/** A PEM key to sign with, or to verify with (a private key's public half). */
export function importPem(
  parsed: PemKey,
  algorithm: JwsAlgorithm,
  purpose: KeyPurpose,
): Promise<Result<CryptoKey | SoftKey>> {
  const half = purpose === 'sign' ? 'as-is' : 'public';
  if (isSoftCurve(parsed.facts.crv)) return importSoftKey(parsed, half);
  return importPemKey(parsed, jwsImportSpec(algorithm), half);
}

/** A JWK entry for `purpose`: an `oct` key as HMAC, any other through WebCrypto. */
export async function importJwkFor(
  entry: JwkKey,
  algorithm: JwsAlgorithm,
  purpose: KeyPurpose,
): Promise<Result<CryptoKey | SoftKey>> {
  if (entry.facts.kty === 'oct') {
    const bytes = secretBytes(entry.jwk.k!, 'base64url');
    return bytes.ok ? hmacKey(bytes.value, algorithm) : bytes;
  }
  const half = purpose === 'sign' ? 'as-is' : 'public';
  if (isSoftCurve(entry.facts.crv)) return importSoftKey(entry, half);
  return ok(await importJwkKey(entry.jwk, jwsImportSpec(algorithm), half));
}

function importDer(
  format: 'spki' | 'pkcs8',
  der: Uint8Array,
  spec: ImportSpec,
  extractable = false,
): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    format,
    der as Uint8Array<ArrayBuffer>,
    spec.params,
    extractable,
    spec.usages[format === 'spki' ? 'public' : 'private'],
  );
}

// The one place a private key becomes its public half (the JWK without its private members).
async function publicHalf(privateKey: CryptoKey, spec: ImportSpec): Promise<CryptoKey> {
  const jwk = (await crypto.subtle.exportKey('jwk', privateKey)) as JWK;
  return importJwkKey(jwk, spec, 'public');
}
