/**
 * Making a fresh key for an algorithm, through jose (WebCrypto underneath):
 * HMAC secrets, RSA, EC, Ed25519, ML-DSA and AES keys (secp256k1 and Ed448
 * through @noble/curves, which WebCrypto lacks), written as the text the key box
 * reads back (a base64url secret, a PKCS#8 PEM, or an `oct` JWK). Loaded on
 * demand: the first screen does not carry it.
 */
import { exportJWK, exportPKCS8, generateKeyPair, generateSecret } from 'jose';
import { fail, isUnsupportedByBrowser, messageOf, ok, type Result } from '../errors';
import {
  ECDH_CURVES,
  keygenAlgorithm,
  RSA_SIZES,
  type KeygenAlgorithm,
  type KeygenKind,
} from './keygen-algorithms';
import { loadNoble } from '../noble/load';
import { pemText } from './pem-text';
import { isSoftCurve } from './types';

/** Choices for a generated key; each applies only to the families that use it. */
export interface KeygenOptions {
  rsaBits?: number;
  crv?: string;
}

/** A fresh key, as the key box should hold it. */
export interface GeneratedKey {
  alg: string;
  kind: KeygenKind;
  /** The private key or secret, as text for the key box. */
  text: string;
  /** How the key box must read `text` when it is a secret. */
  secretEncoding: 'utf8' | 'base64url';
  /** "RSA 4096-bit key pair" and the like. */
  description: string;
}

/** Is generating this key slow enough to need a progress state? (RSA: seconds at 4096 bits.) */
export function isSlowKeygen(alg: string, options: KeygenOptions = {}): boolean {
  return keygenAlgorithm(alg)?.family === 'rsa' && (options.rsaBits ?? 2048) >= 3072;
}

/** Make a fresh key for `alg`: a value, never a throw. */
export async function generateKey(
  alg: string,
  options: KeygenOptions = {},
): Promise<Result<GeneratedKey>> {
  const entry = keygenAlgorithm(alg);
  if (!entry)
    return fail('ERR_KEYGEN', `"${alg}" is not an algorithm this page can make a key for.`);
  try {
    return ok(await make(entry, options));
  } catch (cause) {
    if (isUnsupportedByBrowser(cause))
      return fail(
        'ERR_KEYGEN',
        `This browser's WebCrypto has no ${alg}, so it cannot make that key here.`,
        { cause },
      );
    return fail('ERR_KEYGEN', `The browser could not make a key for ${alg}: ${messageOf(cause)}.`, {
      cause,
    });
  }
}

async function make(entry: KeygenAlgorithm, options: KeygenOptions): Promise<GeneratedKey> {
  const { alg, kind } = entry;
  switch (entry.family) {
    case 'hmac': {
      // The random bytes are the key; the box shows them as base64url text.
      const { k } = await exportJWK(await generateSecret(alg, { extractable: true }));
      return {
        alg,
        kind,
        text: k!,
        secretEncoding: 'base64url',
        description: `random ${entry.bytes! * 8}-bit HMAC secret (base64url)`,
      };
    }
    case 'aes': {
      const secret = await generateSecret(alg === 'dir' ? 'A256GCM' : alg, { extractable: true });
      const { k } = await exportJWK(secret);
      const jwk = { kty: 'oct', k, alg };
      return {
        alg,
        kind,
        text: JSON.stringify(jwk, null, 2),
        secretEncoding: 'utf8',
        description: `random ${entry.bytes! * 8}-bit AES key (oct JWK)`,
      };
    }
    case 'rsa': {
      const bits = options.rsaBits ?? 2048;
      if (!RSA_SIZES.includes(bits as (typeof RSA_SIZES)[number]))
        throw new RangeError(`RSA keys here are ${RSA_SIZES.join(', ')} bits, not ${bits}`);
      const pair = await generateKeyPair(alg, { modulusLength: bits, extractable: true });
      return pem(alg, kind, pair.privateKey, `RSA ${bits}-bit key pair`);
    }
    case 'ecdh': {
      const crv = options.crv ?? 'P-256';
      if (!ECDH_CURVES.includes(crv as (typeof ECDH_CURVES)[number]))
        throw new RangeError(`ECDH-ES keys here are on ${ECDH_CURVES.join(', ')}, not ${crv}`);
      const pair = await generateKeyPair(alg, { crv, extractable: true });
      return pem(alg, kind, pair.privateKey, `${crv} key pair`);
    }
    case 'ec':
    case 'okp': {
      if (isSoftCurve(entry.crv)) {
        const noble = await loadNoble();
        const key = noble.softGenerate(entry.crv);
        const der = noble.pkcs8Of(entry.crv, key.privateKey!, key.publicKey);
        return {
          alg,
          kind,
          text: pemText('PRIVATE KEY', der),
          secretEncoding: 'utf8',
          description: `${entry.crv} key pair`,
        };
      }
      const pair = await generateKeyPair(alg, { extractable: true });
      return pem(alg, kind, pair.privateKey, `${entry.crv} key pair`);
    }
    case 'ml-dsa': {
      // PKCS#8 as WebCrypto writes it: the 32-byte seed form of RFC 9881, as in the JWK's "priv".
      const pair = await generateKeyPair(alg, { extractable: true });
      return pem(alg, kind, pair.privateKey, `${alg} key pair`);
    }
  }
}

async function pem(
  alg: string,
  kind: KeygenKind,
  privateKey: CryptoKey,
  description: string,
): Promise<GeneratedKey> {
  return {
    alg,
    kind,
    text: await exportPKCS8(privateKey),
    secretEncoding: 'utf8',
    description,
  };
}
