/**
 * The one key import (import-key.ts) as JWE and export use it: every PEM form
 * a person pastes, a private key reduced to its public half to encrypt, and
 * X25519 keys exported. The other side of each check is node:crypto or jose
 * alone, with keys node made.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import * as jose from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeToken, type DecodedJwe } from '../../../src/lib';
import { decryptJwe, encryptJwe } from '../../../src/lib/jwe';
import { exportKey } from '../../../src/lib/keys/export';
import { parseKey } from '../../../src/lib/keys/parse';
import { EC_CERT, keyOf, RSA_CERT, type KeyKind } from '../helpers/keys';

const PAYLOAD = '{"sub":"alice"}';
const opts = { secretEncoding: 'utf8' as const };

async function encrypt(alg: string, keyText: string): Promise<string> {
  const built = await encryptJwe({
    headerText: JSON.stringify({ alg, enc: 'A256GCM' }),
    payloadText: PAYLOAD,
    keyText,
    secretEncoding: 'utf8',
  });
  if (!built.ok) throw new TypeError(built.error.message);
  return built.value.token;
}

async function engineDecrypts(token: string, keyText: string): Promise<string> {
  const decoded = decodeToken(token);
  if (!decoded.ok || decoded.value.kind !== 'jwe') throw new TypeError('not a JWE');
  const opened = await decryptJwe(decoded.value as DecodedJwe, keyText, opts);
  if (!opened.ok) throw new TypeError(opened.error.message);
  return new TextDecoder().decode(opened.value.plaintext);
}

async function joseDecrypts(token: string, privatePem: string): Promise<string> {
  const { plaintext } = await jose.compactDecrypt(token, createPrivateKey(privatePem));
  return new TextDecoder().decode(plaintext);
}

const PEM_CASES: { kind: KeyKind; alg: string; encryptWith: string[]; decryptWith: string[] }[] = [
  {
    kind: 'rsa',
    alg: 'RSA-OAEP-256',
    encryptWith: ['spki', 'pkcs1Public', 'pkcs8', 'pkcs1Private'],
    decryptWith: ['pkcs8', 'pkcs1Private'],
  },
  { kind: 'p384', alg: 'ECDH-ES+A256KW', encryptWith: ['spki', 'sec1'], decryptWith: ['sec1'] },
  { kind: 'x25519', alg: 'ECDH-ES', encryptWith: ['spki', 'pkcs8'], decryptWith: ['pkcs8'] },
];

describe('JWE keys from PEM', () => {
  for (const c of PEM_CASES)
    for (const form of c.encryptWith)
      it(`${c.kind} ${form} encrypts ${c.alg}; jose and the engine open it`, async () => {
        const texts = await keyOf(c.kind);
        const text = texts[form as keyof typeof texts] as string;
        const token = await encrypt(c.alg, text);
        expect(await joseDecrypts(token, texts.pkcs8)).toBe(PAYLOAD);
        for (const other of c.decryptWith)
          expect(await engineDecrypts(token, texts[other as keyof typeof texts] as string)).toBe(
            PAYLOAD,
          );
      });

  it('a certificate encrypts to its subject key (RSA and P-256)', async () => {
    for (const [cert, alg] of [
      [RSA_CERT, 'RSA-OAEP'],
      [EC_CERT, 'ECDH-ES'],
    ] as const) {
      const token = await encrypt(alg, cert.cert);
      expect(await joseDecrypts(token, cert.key)).toBe(PAYLOAD);
      expect(await engineDecrypts(token, cert.key)).toBe(PAYLOAD);
    }
  });

  it('a public PEM cannot decrypt, with a message', async () => {
    const texts = await keyOf('rsa');
    const token = await encrypt('RSA-OAEP', texts.spki);
    await expect(engineDecrypts(token, texts.spki)).rejects.toThrow(
      /This is a public key: it can encrypt to its owner, but decrypting RSA-OAEP needs the private key/,
    );
  });
});

describe('exporting X25519 keys', () => {
  it.each(['pkcs8', 'privateJwk'] as const)(
    'from %s: the public half is the one node derives',
    async (form) => {
      const texts = await keyOf('x25519');
      const text = form === 'pkcs8' ? texts.pkcs8 : JSON.stringify(texts.privateJwk);
      const parsed = parseKey(text);
      if (!parsed.ok) throw new TypeError(parsed.error.message);
      const exported = await exportKey(parsed.value);
      if (!exported.ok) throw new TypeError(exported.error.message);
      const nodePublic = createPublicKey(texts.privateKey).export({ format: 'jwk' });
      expect(JSON.parse(exported.value.publicJwk!)).toEqual(nodePublic);
      expect(exported.value.publicPem!.trim()).toBe(texts.spki.trim());
      expect(createPrivateKey(exported.value.privatePem!).export({ format: 'jwk' })).toEqual(
        texts.privateKey.export({ format: 'jwk' }),
      );
    },
  );
});

describe("WebCrypto's refusals become values at each boundary", () => {
  // An EC point that is not on the curve: the JWK reads, WebCrypto refuses it.
  const offCurve = JSON.stringify({
    kty: 'EC',
    crv: 'P-256',
    x: jose.base64url.encode(new Uint8Array(32).fill(1)),
    y: jose.base64url.encode(new Uint8Array(32).fill(2)),
  });

  it('export: ERR_KEY_EXPORT, not a rejected promise', async () => {
    const parsed = parseKey(offCurve);
    if (!parsed.ok) throw new TypeError(parsed.error.message);
    const exported = await exportKey(parsed.value);
    expect(!exported.ok && exported.error.code).toBe('ERR_KEY_EXPORT');
    expect(!exported.ok && exported.error.message).toMatch(
      /^The browser could not export this key: /,
    );
  });

  it('JWE: ERR_KEY_IMPORT naming the alg', async () => {
    const built = await encryptJwe({
      headerText: JSON.stringify({ alg: 'ECDH-ES', enc: 'A256GCM' }),
      payloadText: PAYLOAD,
      keyText: offCurve,
      secretEncoding: 'utf8',
    });
    expect(!built.ok && built.error.code).toBe('ERR_KEY_IMPORT');
    expect(!built.ok && built.error.message).toMatch(
      /^The browser could not import this key for ECDH-ES: /,
    );
  });
});
