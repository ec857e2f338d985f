/**
 * Trying only the key management step of a JWE that did not open, to say
 * which step failed: jose hides it (a key that does not unwrap goes on as a
 * random content key, so the tag fails), but every wrapping algorithm here
 * carries its own integrity check. AES key wrap (also under PBES2 and
 * ECDH-ES+AxxxKW, once the wrapping key is derived again), AES-GCM key wrap
 * and RSA-OAEP each fail on their own when the encrypted key or the key is
 * wrong.
 */
import type { JweKeyAlgorithm } from './algorithms';
import type { JweKey } from './keys';

type Bytes = Uint8Array<ArrayBuffer>;

/** True/false when the step could be told apart, undefined otherwise (never throws). */
export async function unwrapsCleanly(
  encryptedKey: string,
  alg: JweKeyAlgorithm,
  key: JweKey,
  header: Record<string, unknown> = {},
): Promise<boolean | undefined> {
  try {
    const bytes = b64(encryptedKey);
    if (alg.family === 'RSA-OAEP' && key.key instanceof CryptoKey) {
      await crypto.subtle.decrypt({ name: 'RSA-OAEP' }, key.key, bytes);
      return true;
    }
    const kek = await wrappingKey(alg, key, header);
    if (!kek) return undefined;
    if (alg.family === 'AES-GCM-KW') {
      const tag = b64(String(header.tag));
      const sealed = new Uint8Array(bytes.length + tag.length);
      sealed.set(bytes);
      sealed.set(tag, bytes.length);
      await crypto.subtle.decrypt({ name: 'AES-GCM', iv: b64(String(header.iv)) }, kek, sealed);
      return true;
    }
    await crypto.subtle.unwrapKey('raw', bytes, kek, 'AES-KW', HMAC, false, ['sign']);
    return true;
  } catch (cause) {
    // OperationError is the integrity check failing; anything else (usages, import) tells nothing.
    return cause instanceof Error && cause.name === 'OperationError' ? false : undefined;
  }
}

const HMAC = { name: 'HMAC', hash: 'SHA-256' };

/** The key that wraps the content key, derived again where the algorithm derives it. */
async function wrappingKey(
  alg: JweKeyAlgorithm,
  key: JweKey,
  header: Record<string, unknown>,
): Promise<CryptoKey | undefined> {
  const bits = alg.wrapBits;
  if (!bits) return undefined;
  const use = (raw: Bytes, name: 'AES-KW' | 'AES-GCM') =>
    crypto.subtle.importKey('raw', raw, name, false, [name === 'AES-KW' ? 'unwrapKey' : 'decrypt']);
  if (alg.family === 'AES-KW' && key.key instanceof Uint8Array)
    return use(key.key as Bytes, 'AES-KW');
  if (alg.family === 'AES-GCM-KW' && key.key instanceof Uint8Array)
    return use(key.key as Bytes, 'AES-GCM');
  if (alg.family === 'PBES2' && key.key instanceof Uint8Array) {
    // RFC 7518 §4.8.1.1: the salt is the alg, a zero byte, then p2s.
    const name = new TextEncoder().encode(alg.alg);
    const p2s = b64(String(header.p2s));
    const salt = new Uint8Array(name.length + 1 + p2s.length);
    salt.set(name);
    salt.set(p2s, name.length + 1);
    const base = await crypto.subtle.importKey('raw', key.key as Bytes, 'PBKDF2', false, [
      'deriveBits',
    ]);
    const hash = `SHA-${bits * 2}`;
    const params = { name: 'PBKDF2', salt, iterations: Number(header.p2c), hash };
    return use(new Uint8Array(await crypto.subtle.deriveBits(params, base, bits)), 'AES-KW');
  }
  if (alg.family === 'ECDH-ES' && key.key instanceof CryptoKey) {
    const z = await sharedSecret(key.key, header.epk);
    return z && use(await concatKdf(z, alg.alg, bits, header), 'AES-KW');
  }
  return undefined;
}

/** The ECDH shared secret Z with the sender's ephemeral public key (`epk`). */
async function sharedSecret(privateKey: CryptoKey, epk: unknown): Promise<Bytes | undefined> {
  if (!epk || typeof epk !== 'object') return undefined;
  const jwk = epk as JsonWebKey & { crv?: string };
  const name = privateKey.algorithm.name;
  const algorithm = name === 'ECDH' ? { name, namedCurve: jwk.crv } : { name };
  const bits = { 'P-256': 256, 'P-384': 384, 'P-521': 528, X25519: 256, X448: 448 }[
    String(jwk.crv)
  ];
  if (!bits) return undefined;
  const { kty, crv, x, y } = jwk;
  const peer = await crypto.subtle.importKey('jwk', { kty, crv, x, y }, algorithm, false, []);
  return new Uint8Array(
    await crypto.subtle.deriveBits({ name, public: peer } as EcdhKeyDeriveParams, privateKey, bits),
  );
}

/** RFC 7518 §4.6.2: one round of the Concat KDF with SHA-256 gives up to 256 bits. */
async function concatKdf(
  z: Bytes,
  alg: string,
  bits: number,
  header: Record<string, unknown>,
): Promise<Bytes> {
  const field = (data: Uint8Array) => [uint32(data.length), data];
  const optional = (v: unknown) => (typeof v === 'string' ? b64(v) : new Uint8Array());
  const parts = [
    uint32(1),
    z,
    ...field(new TextEncoder().encode(alg)),
    ...field(optional(header.apu)),
    ...field(optional(header.apv)),
    uint32(bits),
  ];
  const input = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    input.set(p, at);
    at += p.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', input)).slice(0, bits / 8);
}

function uint32(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n);
  return out;
}

function b64(s: string): Bytes {
  return Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
}
