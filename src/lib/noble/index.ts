/**
 * ES256K (secp256k1, RFC 8812) and Ed448 (RFC 8037, RFC 9864), which no
 * browser's WebCrypto has, run with @noble/curves. Loaded on demand only
 * (keys/soft.ts `loadNoble`), when such a token or key appears: the first
 * screen never carries it.
 *
 * Signatures are JWS's: ES256K is ECDSA over SHA-256 of the signing input,
 * raw r‖s in 64 bytes (RFC 8812 §3.2, as RFC 7518 §3.4); Ed448 is pure
 * EdDSA with an empty context (RFC 8032 §5.2), 114 bytes.
 */
import { ed448 } from '@noble/curves/ed448.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { base64url, type JWK } from 'jose';
import { fail, messageOf, ok, type Result } from '../errors';
import type { KeyHalf } from '../keys/import-key';
import type { SoftCurve, SoftKey } from '../keys/types';
import { readRawKey, type RawKey } from './der';

export { pkcs8Of, spkiOf } from './der';

/** Bytes of each curve's keys: secp256k1 scalar and coordinate; Ed448 keys (RFC 8032 §5.2.5). */
const SIZE = { secp256k1: 32, Ed448: 57 } as const;

/**
 * Check a signature. ES256K: a high-S signature is valid (RFC 8812 does not
 * ask for low-S, and OpenSSL makes high-S signatures half the time), so
 * noble's Bitcoin-style low-S rule is turned off.
 */
export function softVerify(key: SoftKey, signature: Uint8Array, input: Uint8Array): boolean {
  try {
    if (key.soft === 'Ed448') return ed448.verify(signature, input, key.publicKey);
    if (signature.length !== 2 * SIZE.secp256k1) return false;
    return secp256k1.verify(signature, input, key.publicKey, { lowS: false, prehash: true });
  } catch {
    // noble throws on bytes that are no signature at all: for a JWS that is simply "invalid".
    return false;
  }
}

/** Sign: deterministic (RFC 6979 for ES256K, RFC 8032 for Ed448); noble's ES256K signatures are low-S. */
export function softSign(key: SoftKey, input: Uint8Array): Uint8Array {
  if (!key.privateKey) throw new TypeError('a public key cannot sign');
  if (key.soft === 'Ed448') return ed448.sign(input, key.privateKey);
  return secp256k1.sign(input, key.privateKey, { prehash: true, lowS: true });
}

/** A fresh private key on `crv`. */
export function softGenerate(crv: SoftCurve): SoftKey {
  const privateKey =
    crv === 'Ed448' ? ed448.utils.randomSecretKey() : secp256k1.utils.randomSecretKey();
  return { soft: crv, privateKey, publicKey: publicOf(crv, privateKey) };
}

/** The key from a JWK (EC secp256k1 or OKP Ed448), checked: the point is on the curve, `d` matches. */
export function softKeyFromJwk(jwk: JWK, half: KeyHalf): Result<SoftKey> {
  const crv = jwk.crv as SoftCurve;
  const bytes = (member: 'x' | 'y' | 'd') => {
    const text = jwk[member];
    if (typeof text !== 'string') return undefined;
    try {
      return base64url.decode(text);
    } catch {
      return new Uint8Array();
    }
  };
  const size = SIZE[crv];
  const [x, y, d] = [bytes('x'), crv === 'Ed448' ? undefined : bytes('y'), bytes('d')];
  for (const [member, got] of Object.entries({ x, y, d }))
    if (got && got.length !== size)
      return fail(
        'ERR_KEY_JWK',
        `This ${crv} JWK's "${member}" is ${got.length} bytes; on ${crv} it must be ${size} (${crv === 'Ed448' ? 'RFC 8037 §2' : 'RFC 8812 §3.1, RFC 7518 §6.2.1'}).`,
      );
  const publicKey = crv === 'Ed448' ? x! : concat(Uint8Array.of(4), x!, y!);
  return checked({ crv, publicKey, ...(d ? { privateKey: d } : {}) }, half, 'JWK');
}

/** The key from SPKI or PKCS#8 DER (a SEC1 key arrives re-wrapped as PKCS#8). */
export function softKeyFromDer(
  format: 'spki' | 'pkcs8',
  der: Uint8Array,
  half: KeyHalf,
): Result<SoftKey> {
  const raw = readRawKey(format, der);
  return raw.ok ? checked(raw.value, half, 'PEM') : raw;
}

/** The JWK of a key (RFC 8812 §3.1, RFC 8037 §2), private when it holds the private key. */
export function softJwk(key: SoftKey): JWK {
  const b64 = (bytes: Uint8Array) => base64url.encode(bytes);
  const d = key.privateKey ? { d: b64(key.privateKey) } : {};
  if (key.soft === 'Ed448') return { kty: 'OKP', crv: 'Ed448', x: b64(key.publicKey), ...d };
  const point = key.publicKey;
  return {
    kty: 'EC',
    crv: 'secp256k1',
    x: b64(point.subarray(1, 33)),
    y: b64(point.subarray(33, 65)),
    ...d,
  };
}

// The one gate every key passes: a public key that is a point of the curve, a
// private key in range, and the two halves of one key when both are given.
function checked(raw: RawKey, half: KeyHalf, form: 'JWK' | 'PEM'): Result<SoftKey> {
  const code = form === 'JWK' ? 'ERR_KEY_JWK' : 'ERR_KEY_PEM';
  const { crv } = raw;
  let { publicKey, privateKey } = raw;
  try {
    if (privateKey) {
      // SEC1 keys written by some tools drop the scalar's leading zero bytes.
      if (crv === 'secp256k1' && privateKey.length < SIZE.secp256k1)
        privateKey = concat(new Uint8Array(SIZE.secp256k1 - privateKey.length), privateKey);
      const valid =
        crv === 'Ed448'
          ? privateKey.length === SIZE.Ed448
          : secp256k1.utils.isValidSecretKey(privateKey);
      if (!valid)
        return fail(
          code,
          crv === 'Ed448'
            ? `This Ed448 private key is ${privateKey.length} bytes; an Ed448 private key is 57 (RFC 8032 §5.2.5).`
            : 'This secp256k1 private key is not a number between 1 and the curve order n, so it is no key.',
        );
      const derived = publicOf(crv, privateKey);
      if (publicKey && !sameBytes(normalPoint(crv, publicKey), derived))
        return fail(
          code,
          `This ${crv} ${form}'s public key is not the one its private key makes: the two halves come from different keys.`,
        );
      publicKey = derived;
    } else if (publicKey) publicKey = normalPoint(crv, publicKey);
    else return fail(code, `This ${crv} ${form} holds no key.`);
  } catch (cause) {
    return fail(
      code,
      `This ${crv} public key is not a point on the curve (${messageOf(cause)}): it is damaged, or from another curve.`,
      { cause },
    );
  }
  return ok({
    soft: crv,
    publicKey,
    ...(privateKey && half === 'as-is' ? { privateKey } : {}),
  });
}

// A public key checked to lie on the curve; secp256k1 points come back uncompressed (65 bytes).
function normalPoint(crv: SoftCurve, bytes: Uint8Array): Uint8Array {
  if (crv === 'Ed448') {
    ed448.Point.fromBytes(bytes);
    return bytes;
  }
  return secp256k1.Point.fromBytes(bytes).toBytes(false);
}

function publicOf(crv: SoftCurve, privateKey: Uint8Array): Uint8Array {
  return crv === 'Ed448'
    ? ed448.getPublicKey(privateKey)
    : secp256k1.getPublicKey(privateKey, false);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);
