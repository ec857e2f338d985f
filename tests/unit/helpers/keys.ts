/**
 * Test keys made with node:crypto, exported in every form a person pastes:
 * PEM (SPKI, PKCS#1, PKCS#8, SEC1), JWK through jose's exportJWK, and an
 * OpenSSH public key line. Made once per test file and cached.
 */
import { generateKeyPairSync, sign as nodeSign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { exportJWK, type JWK } from 'jose';

/** One key pair in all its text forms. */
export interface KeyTexts {
  publicKey: KeyObject;
  privateKey: KeyObject;
  spki: string;
  pkcs8: string;
  /** `BEGIN RSA PUBLIC KEY` (RSA only). */
  pkcs1Public?: string;
  /** `BEGIN RSA PRIVATE KEY` (RSA only). */
  pkcs1Private?: string;
  /** `BEGIN EC PRIVATE KEY` (EC only). */
  sec1?: string;
  publicJwk: JWK;
  privateJwk: JWK;
}

export type KeyKind =
  'rsa' | 'rsa1024' | 'p256' | 'p384' | 'p521' | 'secp256k1' | 'ed25519' | 'ed448' | 'x25519';

const cache = new Map<KeyKind, Promise<KeyTexts>>();

function generate(kind: KeyKind) {
  switch (kind) {
    case 'rsa':
      return generateKeyPairSync('rsa', { modulusLength: 2048 });
    case 'rsa1024':
      return generateKeyPairSync('rsa', { modulusLength: 1024 });
    case 'p256':
      return generateKeyPairSync('ec', { namedCurve: 'P-256' });
    case 'p384':
      return generateKeyPairSync('ec', { namedCurve: 'P-384' });
    case 'p521':
      return generateKeyPairSync('ec', { namedCurve: 'P-521' });
    case 'secp256k1':
      return generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    case 'ed25519':
      return generateKeyPairSync('ed25519');
    case 'ed448':
      return generateKeyPairSync('ed448');
    case 'x25519':
      return generateKeyPairSync('x25519');
  }
}

/** All the text forms of one key pair. */
export async function textsOf(publicKey: KeyObject, privateKey: KeyObject): Promise<KeyTexts> {
  const pem = (key: KeyObject, type: 'spki' | 'pkcs1' | 'pkcs8' | 'sec1') =>
    String(key.export({ type, format: 'pem' } as never));
  const type = publicKey.asymmetricKeyType;
  const texts: KeyTexts = {
    publicKey,
    privateKey,
    spki: pem(publicKey, 'spki'),
    pkcs8: pem(privateKey, 'pkcs8'),
    publicJwk: await exportJWK(publicKey),
    privateJwk: await exportJWK(privateKey),
  };
  if (type === 'rsa') {
    texts.pkcs1Public = pem(publicKey, 'pkcs1');
    texts.pkcs1Private = pem(privateKey, 'pkcs1');
  }
  if (type === 'ec') texts.sec1 = pem(privateKey, 'sec1');
  return texts;
}

/** A key pair of this kind, made once. */
export function keyOf(kind: KeyKind): Promise<KeyTexts> {
  let texts = cache.get(kind);
  if (!texts) {
    const { publicKey, privateKey } = generate(kind);
    texts = textsOf(publicKey, privateKey);
    cache.set(kind, texts);
  }
  return texts;
}

/** An OpenSSH `ssh-rsa AAAA… comment` line for an RSA public key (RFC 4253 §6.6). */
export function sshRsaLine(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' });
  const string = (bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    return Buffer.concat([length, bytes]);
  };
  const mpint = (base64url: string) => {
    const bytes = Buffer.from(base64url, 'base64url');
    return string(bytes[0]! & 0x80 ? Buffer.concat([Buffer.of(0), bytes]) : bytes);
  };
  const blob = Buffer.concat([string(Buffer.from('ssh-rsa')), mpint(jwk.e!), mpint(jwk.n!)]);
  return `ssh-rsa ${blob.toString('base64')} test@jwt-lab`;
}

/** The OpenSSL-made RSA certificate and its key from tests/vectors/keys. */
export const RSA_CERT = {
  cert: readFileSync(new URL('../../vectors/keys/rsa-cert.pem', import.meta.url), 'utf8'),
  key: readFileSync(new URL('../../vectors/keys/rsa-cert-key.pem', import.meta.url), 'utf8'),
};

/** The OpenSSL-made P-256 certificate and its key from tests/vectors/keys. */
export const EC_CERT = {
  cert: readFileSync(new URL('../../vectors/keys/ec-cert.pem', import.meta.url), 'utf8'),
  key: readFileSync(new URL('../../vectors/keys/ec-cert-key.pem', import.meta.url), 'utf8'),
};

const b64 = (input: string | Uint8Array) => Buffer.from(input).toString('base64url');

/**
 * A compact JWS made with node:crypto alone (no jose, no engine): for tokens
 * the engine must verify whatever it thinks of the key.
 */
export function nodeSignedToken(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  privateKey: KeyObject,
): string {
  const input = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(payload))}`;
  const alg = String(header.alg);
  const hash = alg === 'EdDSA' ? null : `sha${alg.slice(2)}`;
  const options = alg.startsWith('PS')
    ? {
        key: privateKey,
        padding: 6 /* RSA_PKCS1_PSS_PADDING */,
        saltLength: Number(alg.slice(2)) / 8,
      }
    : alg.startsWith('ES')
      ? { key: privateKey, dsaEncoding: 'ieee-p1363' as const }
      : privateKey;
  return `${input}.${b64(nodeSign(hash, Buffer.from(input), options))}`;
}
